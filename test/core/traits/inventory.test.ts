import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSI_KEYS, HEXACO_FACETS, HEXACO_KEYS } from '../../../src/core/traits/dimensions.js';
import {
  bundledInventoryPath,
  InventoryError,
  loadBundledInventory,
  loadInventory,
  packageRoot,
  parseInventory,
} from '../../../src/core/traits/inventory.js';

describe('bundled inventories', () => {
  it('resolve inside the package root', () => {
    expect(bundledInventoryPath('hexaco')).toBe(join(packageRoot(), 'inventories', 'hexaco.yaml'));
    expect(existsSync(join(packageRoot(), 'package.json'))).toBe(true);
  });

  it('HEXACO: ≥ 2 statements per facet, a third to a half reverse-keyed, ≥ 1 reverse per dimension', async () => {
    const inv = await loadBundledInventory('hexaco');
    expect(inv.kind).toBe('hexaco');
    expect(inv.items.length).toBeGreaterThanOrEqual(48);
    for (const dim of HEXACO_KEYS) {
      for (const facet of HEXACO_FACETS[dim]) {
        const n = inv.items.filter((i) => i.dimension === dim && i.facet === facet).length;
        expect(n, `${dim} / ${facet}`).toBeGreaterThanOrEqual(2);
      }
      expect(inv.items.some((i) => i.dimension === dim && i.reverse), `reverse item in ${dim}`).toBe(true);
    }
    const share = inv.items.filter((i) => i.reverse).length / inv.items.length;
    expect(share).toBeGreaterThanOrEqual(1 / 3);
    expect(share).toBeLessThanOrEqual(1 / 2);
  });

  it('CSI: ≥ 6 statements per dimension, ≥ 2 of them reverse-keyed', async () => {
    const inv = await loadBundledInventory('csi');
    for (const dim of CSI_KEYS) {
      const items = inv.items.filter((i) => i.dimension === dim);
      expect(items.length, dim).toBeGreaterThanOrEqual(6);
      expect(items.filter((i) => i.reverse).length, dim).toBeGreaterThanOrEqual(2);
    }
  });

  it('use one style (about "the person") and never repeat a statement', async () => {
    const items = [...(await loadBundledInventory('hexaco')).items, ...(await loadBundledInventory('csi')).items];
    for (const item of items) expect(item.text, item.id).toMatch(/\bthe person\b/i);
    expect(new Set(items.map((i) => i.text.toLowerCase())).size).toBe(items.length);
  });
});

const VALID = `name: tiny
version: 1
kind: csi
scale: { min: 1, max: 5 }
items:
${CSI_KEYS.map((d, i) => `  - { id: I${i}, dimension: ${d}, text: "The person does thing ${i}.", reverse: false }`).join('\n')}
`;

function problemsOf(source: string) {
  try {
    parseInventory(source, 'broken.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InventoryError);
    return { message: (error as InventoryError).message, problems: (error as InventoryError).problems };
  }
  throw new Error('expected the inventory to be rejected');
}

describe('broken inventory files', () => {
  it('a wrong dimension names its line and field', () => {
    // Line 7 is the second item (items[1]); "dimension" is misspelt there.
    const source = VALID.replace('dimension: preciseness', 'dimension: precision');
    const { message, problems } = problemsOf(source);
    expect(problems[0]).toMatchObject({ line: 7, field: 'items[1].dimension' });
    expect(problems[0]?.message).toMatch(/must be one of: expressiveness, preciseness/);
    expect(message).toContain('broken.yaml:7:');
  });

  it('a missing field is reported at its item, a wrong type says so, an unknown key at the key', () => {
    const source = VALID.replace(', reverse: false }', ' }') // items[0] loses reverse (line 6)
      .replace('id: I2,', 'id: I2, reverse_keyed: true,') // unknown key on line 8
      .replace('version: 1', 'version: [1]'); // wrong type on line 2
    const { problems } = problemsOf(source);
    const byField = Object.fromEntries(problems.map((p) => [p.field, p]));
    expect(byField['items[0].reverse']).toMatchObject({ line: 6, message: 'is required' });
    expect(byField['items[2].reverse_keyed']).toMatchObject({ line: 8, message: 'is not a known field' });
    expect(byField['version']).toMatchObject({ line: 2, message: 'must be a number or text' });
  });

  it('rejects duplicate ids, foreign facets and dimensions without statements', () => {
    const source = `name: h
version: 1
kind: hexaco
scale: { min: 1, max: 5 }
items:
  - { id: Q1, dimension: H, facet: sincerity, text: "The person a.", reverse: false }
  - { id: Q1, dimension: E, facet: sincerity, text: "The person b.", reverse: true }
`;
    const { problems } = problemsOf(source);
    expect(problems).toContainEqual(expect.objectContaining({ line: 7, field: 'items[1].id', message: expect.stringMatching(/duplicates/) }));
    expect(problems).toContainEqual(expect.objectContaining({ line: 7, field: 'items[1].facet', message: expect.stringMatching(/E facets/) }));
    expect(problems).toContainEqual(expect.objectContaining({ field: 'items', message: expect.stringMatching(/X, A, C, O/) }));
  });

  it('rejects a scale other than 1–5 and reports YAML syntax errors with a line', () => {
    expect(problemsOf(VALID.replace('max: 5', 'max: 7')).problems[0]).toMatchObject({ line: 4, field: 'scale.max' });
    const syntax = problemsOf('name: x\nitems: [\n  - a: 1\n').problems[0];
    expect(syntax?.field).toBe('(file)');
    expect(syntax?.line).toBeGreaterThan(1);
  });

  it('rejects a file of the other kind when a kind is expected', () => {
    expect(() => parseInventory(VALID, 'csi.yaml', 'hexaco')).toThrow(/csi\.yaml:3:\d+ kind — is "csi" but a hexaco inventory/);
  });
});

describe('loadInventory from disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pt-inventory-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a user file and names the file in errors', async () => {
    const good = join(dir, 'mine.yaml');
    await writeFile(good, VALID);
    expect((await loadInventory(good, 'csi')).items).toHaveLength(6);

    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, VALID.replace('reverse: false }', 'reverse: maybe }'));
    await expect(loadInventory(bad)).rejects.toThrow(`${bad}:6:`);
    await expect(loadInventory(join(dir, 'absent.yaml'))).rejects.toThrow(/absent\.yaml:1:1 \(file\) — cannot be read/);
  });
});
