/**
 * Issue 15: the command line writes the access rows from the distance arrays, the app builds them as
 * objects; both must give the same text, and the fast number printer must print what JSON.stringify
 * prints. Geometry read without conversion is kept as parsed (no copy per position) and stays equal.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { computeAccess } from '../../src/core/access';
import { loadDataset } from '../../src/core/loadDataset';
import { accessRow, accessRowLines, hundredthsJson } from '../../src/core/report/accessRows';
import { buildReport, reportJsonChunks } from '../../src/core/report/report';
import { readGeometry } from '../../src/core/readGeometry';
import { readProperties } from '../../src/core/readProperties';
import { LAYER_SPECS } from '../../src/core/layers';
import { resolveCrs, WGS84 } from '../../src/core/crs';
import { DEFAULT_TARGETS } from '../../src/core/targets';
import { makeSyntheticCity } from '../../scripts/make-synthetic-city';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';

const REPO = join(__dirname, '..', '..');

describe('access rows', () => {
  it('prints hundredths exactly as JSON.stringify(Math.round(v * 100) / 100) does', () => {
    const rng = seedrandom('hundredths');
    const values = [0, -0, 0.001, 0.005, 0.015, 0.1, 0.29, 1.005, 99.995, 300, 300.1, 1234.56, 1e6 + 0.07, 1e12 + 0.01, 1e14, Infinity, NaN];
    for (let i = 0; i < 200_000; i++) values.push(rng() * 10 ** Math.floor(rng() * 8));
    for (const v of values) expect(hundredthsJson(v), String(v)).toBe(JSON.stringify(Math.round(v * 100) / 100) ?? 'null');
  });

  it('gives the same line from the arrays as from the row object (Tiexi, walking and straight line)', () => {
    const loaded = loadDataset(readDatasetFolder(join(REPO, 'data', 'tiexi')).files, { fallbackName: 'tiexi' });
    for (const distance of ['network', 'euclidean'] as const) {
      const access = computeAccess(loaded.dataset, { distance });
      const lines = accessRowLines(access);
      expect(lines.count).toBe(access.homes.count);
      for (let h = 0; h < lines.count; h++) expect(lines.line(h)).toBe(JSON.stringify(accessRow(access, h)));
    }
  });

  it('streams the same report whether the rows come from objects or from the arrays', () => {
    const city = makeSyntheticCity(3000, 3);
    const loaded = { dataset: city, report: loadDataset([]).report };
    const access = computeAccess(city, {});
    const input = { dataset: city, validation: { ...loaded.report, usable: true }, targets: DEFAULT_TARGETS, access, context: access.context };
    const fromObjects = [...reportJsonChunks(buildReport(input))].join('');
    const fromArrays = [...reportJsonChunks(buildReport({ ...input, omitAccessRows: true }), access)].join('');
    expect(fromArrays).toBe(fromObjects);
    expect(JSON.parse(fromArrays).access).toHaveLength(3000);
  });
});

describe('properties read without change', () => {
  it('are returned as given when every value is already right, and copied (input untouched) when one is normalised or dropped', () => {
    const plain = { id: 'h1', population: 80, children_3_5: 4 };
    expect(readProperties(LAYER_SPECS.residential, plain).properties).toBe(plain);
    const text = { id: 'h2', population: '80', children_3_5: null };
    const read = readProperties(LAYER_SPECS.residential, text);
    expect(read.properties).toEqual({ id: 'h2', population: 80 });
    expect(text).toEqual({ id: 'h2', population: '80', children_3_5: null });
    expect(read.findings.map((f) => f.code)).toEqual(['number_from_text']);
  });
});

describe('geometry read without conversion', () => {
  it('keeps the parsed arrays (WGS84) and copies only what it changes', () => {
    const ring = [[124.1, 43.1], [124.2, 43.1], [124.2, 43.2], [124.1, 43.1]];
    const read = readGeometry({ type: 'Polygon', coordinates: [ring] }, ['Polygon'], WGS84);
    expect(read.ok && (read.geometry as { coordinates: unknown[] }).coordinates[0]).toBe(ring);
    // A third ordinate is dropped: that ring is a copy, equal in x and y.
    const withZ = [[124.1, 43.1, 5], [124.2, 43.1], [124.2, 43.2], [124.1, 43.1, 5]];
    const readZ = readGeometry({ type: 'LineString', coordinates: withZ }, ['LineString'], WGS84);
    expect(readZ.ok && readZ.geometry).toEqual({ type: 'LineString', coordinates: withZ.map(([x, y]) => [x, y]) });
    expect(withZ[0]).toEqual([124.1, 43.1, 5]); // the input is never changed
    // Converted coordinates are new arrays.
    const gcj = resolveCrs('GCJ-02');
    if (!gcj.ok) throw new Error('GCJ-02 unknown');
    const readGcj = readGeometry({ type: 'Point', coordinates: [124.3, 43.2] }, ['Point'], gcj.crs);
    expect(readGcj.ok && (readGcj.geometry as { coordinates: number[] }).coordinates).not.toEqual([124.3, 43.2]);
  });
});

describe('npm run analyze writes the rows from the arrays', () => {
  const analyzeCli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'analyze.ts'), ...args], { cwd: REPO, encoding: 'utf8' });

  it('gives byte for byte the report built in-process with row objects; --no-access leaves only the rows out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rows-'));
    const folder = join(REPO, 'data', 'tiexi');
    const full = analyzeCli(folder, '--out', join(dir, 'r.json'), '--csv', join(dir, 'a.csv'));
    expect(full.status, full.stderr).toBe(0);
    const loaded = loadDataset(readDatasetFolder(folder).files, { fallbackName: 'tiexi', maxFileBytes: Infinity });
    const access = computeAccess(loaded.dataset, {});
    const expected = [...reportJsonChunks(buildReport({ dataset: loaded.dataset, validation: loaded.report, targets: DEFAULT_TARGETS, access, context: access.context }))].join('');
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe(expected);

    const bare = analyzeCli(folder, '--out', join(dir, 'bare.json'), '--csv', join(dir, 'bare.csv'), '--no-access');
    expect(bare.status, bare.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'bare.json'), 'utf8'));
    expect(report.access).toEqual([]);
    expect(report.options.access_omitted).toBe(true);
    expect(report.indicators).toEqual(JSON.parse(expected).indicators);
    // The per-home table is still written when asked for.
    expect(readFileSync(join(dir, 'bare.csv'), 'utf8')).toBe(readFileSync(join(dir, 'a.csv'), 'utf8'));
    expect(readFileSync(join(dir, 'a.csv'), 'utf8').trim().split('\n')).toHaveLength(access.homes.count + 1);
  }, 60_000);
});
