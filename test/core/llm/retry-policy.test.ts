import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryableStatus, retryAfterMs } from '../../../src/core/llm/retry-policy.js';
import { describeEndpoint, redact } from '../../../src/core/llm/redact.js';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('retryAfterMs', () => {
  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(retryAfterMs(headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(retryAfterMs(headers({}))).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('doubles per retry, jitters within half..full step, and respects the cap', () => {
    expect(backoffMs(1, 500, 60_000, () => 0)).toBe(250);
    expect(backoffMs(1, 500, 60_000, () => 1)).toBe(500);
    expect(backoffMs(3, 500, 60_000, () => 1)).toBe(2000);
    expect(backoffMs(20, 500, 8_000, () => 1)).toBe(8000);
  });
});

describe('isRetryableStatus', () => {
  it('retries throttling and server faults, not client mistakes', () => {
    expect([408, 409, 429, 500, 502, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });
});

describe('redact and describeEndpoint', () => {
  it('masks each secret and any bearer token', () => {
    expect(redact('key sk-abc123 twice sk-abc123', ['sk-abc123'])).toBe('key [redacted] twice [redacted]');
    expect(redact('Authorization: Bearer whatever.token')).toBe('Authorization: Bearer [redacted]');
  });

  it('strips credentials, query and trailing slash from a base URL', () => {
    expect(describeEndpoint('https://user:pw@proxy.example/v1/?token=x')).toBe('https://proxy.example/v1');
  });
});
