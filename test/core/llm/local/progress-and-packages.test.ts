import { describe, expect, it } from 'vitest';
import { addSample, bytesPerSecond, etaSeconds, formatBytes, formatDuration, progressLine } from '../../../../src/core/llm/local/progress.js';
import { approximateMb, cpuBinaryPackage, gpuBinaryPackages, runtimePackageSpecs } from '../../../../src/core/llm/local/runtime-packages.js';

describe('download progress maths', () => {
  it('measures speed over the recent window only', () => {
    let samples = [{ atMs: 0, bytes: 0 }];
    for (let t = 1000; t <= 10_000; t += 1000) samples = addSample(samples, { atMs: t, bytes: t < 6000 ? t * 10 : 50_000 + (t - 5000) * 1 });
    // 10 kB/s for five seconds, then 1 kB/s: the last five seconds say 1 kB/s.
    expect(bytesPerSecond(samples)).toBeCloseTo(1000, 0);
    expect(etaSeconds(60_000, 100_000, 1000)).toBe(40);
    expect(etaSeconds(10, undefined, 1000)).toBeUndefined();
  });

  it('formats sizes, durations and the bar', () => {
    expect(formatBytes(1_117_320_736)).toBe('1.12 GB');
    expect(formatBytes(503_000_000)).toBe('503 MB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatDuration(74)).toBe('1 min 14 s');
    expect(formatDuration(3 * 3600 + 120)).toBe('3 h 2 min');
    const line = progressLine({ receivedBytes: 500_000_000, totalBytes: 1_000_000_000, bytesPerSecond: 8_300_000, etaSeconds: 60 }, 100);
    expect(line).toBe('[###############---------------]  50%  500 MB / 1.00 GB  8.30 MB/s  1 min 0 s left');
    expect(progressLine({ receivedBytes: 1, totalBytes: 2, bytesPerSecond: 0 }, 20).length).toBeLessThanOrEqual(20);
  });
});

describe('runtime packages', () => {
  it('names the one prebuilt binary each platform needs', () => {
    expect(cpuBinaryPackage('linux', 'x64')).toBe('@node-llama-cpp/linux-x64');
    expect(cpuBinaryPackage('darwin', 'arm64')).toBe('@node-llama-cpp/mac-arm64-metal');
    expect(cpuBinaryPackage('win32', 'x64')).toBe('@node-llama-cpp/win-x64');
    expect(cpuBinaryPackage('freebsd', 'x64')).toBeUndefined();
    expect(gpuBinaryPackages('cuda', 'linux', 'x64')).toEqual(['@node-llama-cpp/linux-x64-cuda', '@node-llama-cpp/linux-x64-cuda-ext']);
    expect(gpuBinaryPackages('vulkan', 'darwin', 'arm64')).toEqual([]);
  });

  it('keeps the CPU runtime far below the full optional install', () => {
    const specs = runtimePackageSpecs({ platform: 'linux', arch: 'x64' });
    expect(specs).toEqual(['node-llama-cpp', '@node-llama-cpp/linux-x64']);
    expect(approximateMb(specs)).toBe(83);
    expect(approximateMb(runtimePackageSpecs({ platform: 'linux', arch: 'x64', gpu: 'vulkan' }))).toBe(164);
  });
});
