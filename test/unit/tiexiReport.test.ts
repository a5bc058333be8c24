/**
 * Golden report for the embedded Tiexi dataset. A change in any figure shows up as a diff of
 * test/fixtures/tiexi/; after checking the change is intended, regenerate with
 * `UPDATE=1 npx vitest run test/unit/tiexiReport.test.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { loadDataset } from '../../src/core/loadDataset';
import { accessCsv } from '../../src/core/report/report';
import { parseTargets, DEFAULT_TARGETS } from '../../src/core/targets';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';

const REPO = join(import.meta.dirname, '..', '..');
const GOLDEN = join(REPO, 'test', 'fixtures', 'tiexi');
const loaded = loadDataset(readDatasetFolder(join(REPO, 'data', 'tiexi')).files, { fallbackName: 'tiexi' });
const report = analyze(loaded);

function golden(name: string, actual: string) {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE || !existsSync(file)) writeFileSync(file, actual);
  expect(actual, `${name} differs from the golden file`).toBe(readFileSync(file, 'utf8'));
}

describe('the Tiexi report', () => {
  it('matches the golden summary (options, indicators, communities)', () => {
    const { tool: _tool, access: _access, ...summary } = report;
    // The busiest 40 streets of the route network stand for all of them (the rest is 900 lines).
    if (summary.school_routes) summary.school_routes = { ...summary.school_routes, segments: [...summary.school_routes.segments].sort((a, b) => b.children - a.children || b.children_3_5 - a.children_3_5).slice(0, 40) };
    golden('report-summary.json', `${JSON.stringify(summary, null, 2)}\n`);
  });

  it('matches the golden access table', () => {
    golden('access.csv', accessCsv(report));
  });

  it('has every indicator of the contract, with a status', () => {
    const ids = report.indicators.map((i) => i.id);
    expect(ids).toEqual(Object.keys(DEFAULT_TARGETS.indicators));
    for (const i of report.indicators) {
      expect(['met', 'not_met', 'not_computable']).toContain(i.status);
      if (i.status === 'not_computable') expect(i.reason).toMatch(/\w/);
    }
  });

  it('finds what the sample was made to show', () => {
    const value = (id: string) => report.indicators.find((i) => i.id === id)!.value!;
    expect(value('coverage.kindergarten')).toBeLessThan(1);
    expect(value('surroundings.venues_near_schools')).toBeGreaterThan(0);
    expect(report.access.filter((r) => r.off_network).length).toBe(6);
    expect(report.options.distance).toBe('network');
    // Straight-line buffers flatter coverage.
    const straight = analyze(loaded, { distance: 'euclidean' });
    const s = (r: typeof report, id: string) => r.indicators.find((i) => i.id === id)!.value!;
    for (const k of ['kindergarten', 'primary', 'middle', 'playground']) expect(s(straight, `coverage.${k}`)).toBeGreaterThan(s(report, `coverage.${k}`));
  });

  it('lets a target file change a radius, and says which settings it used', () => {
    const parsed = parseTargets({ id: 'wider', radii_m: { kindergarten: 500 } });
    expect(parsed.ok).toBe(true);
    const wider = analyze(loaded, { targets: (parsed as { targets: typeof DEFAULT_TARGETS }).targets });
    expect(wider.options.targets).toBe('wider');
    expect(wider.options.radii_m.kindergarten).toBe(500);
    const v = (r: typeof report) => r.indicators.find((i) => i.id === 'coverage.kindergarten')!.value!;
    expect(v(wider)).toBeGreaterThan(v(report));
  });
});

describe('parseTargets', () => {
  it('names what is wrong', () => {
    const bad = parseTargets({ radii_m: { kindergarten: -3, university: 100 }, indicators: { 'coverage.primary': { comparator: '=' } } });
    expect(bad.ok).toBe(false);
    expect((bad as { errors: string[] }).errors).toEqual([
      'radii_m.kindergarten: must be a positive number of metres, got -3',
      'radii_m.university: unknown facility kind (use kindergarten, childcare, primary, middle, playground)',
      'indicators.coverage.primary.comparator: must be ">=" or "<="',
    ]);
  });
});

describe('npm run analyze', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'analyze.ts'), ...args], { cwd: REPO, encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'analyze-'));

  it('writes the report contract and the access CSV', () => {
    const out = join(dir, 'report.json');
    const csv = join(dir, 'access.csv');
    const r = run('data/tiexi', '--out', out, '--csv', csv);
    expect(r.status, r.stderr).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(written)).toEqual(['tool', 'dataset', 'options', 'indicators', 'access', 'communities', 'drowning', 'siting', 'land_allocation', 'school_routes', 'data_quality']);
    expect(written.access).toHaveLength(loaded.dataset.layers.residential!.features.length);
    expect(readFileSync(csv, 'utf8')).toBe(accessCsv(report));
  });

  it('writes the school routes as the analysis found them (crossings and streets one a line)', () => {
    const out = join(dir, 'routes.json');
    const r = run('data/tiexi', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    const written = JSON.parse(text);
    expect(written.school_routes).toEqual(JSON.parse(JSON.stringify(report.school_routes)));
    expect(written.school_routes.crossings.length).toBeGreaterThan(100);
    expect(text).toContain(`      ${JSON.stringify(report.school_routes!.crossings[0])},\n`);
  });

  it('takes --distance euclidean and --targets', () => {
    const targets = join(dir, 'targets.json');
    writeFileSync(targets, JSON.stringify({ id: 'mine', radii_m: { primary: 800 } }));
    const out = join(dir, 'e.json');
    expect(run('data/tiexi', '--out', out, '--distance', 'euclidean', '--targets', targets).status).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.options).toMatchObject({ distance: 'euclidean', targets: 'mine', radii_m: { primary: 800 } });
  });

  it('fails with a one-line reason when the dataset or targets cannot be read', () => {
    const missing = run('no/such/folder', '--out', join(dir, 'x.json'));
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const crs = run('test/corpus/unsupported-crs', '--out', join(dir, 'x.json'));
    expect(crs.status).toBe(1);
    expect(crs.stderr).toContain('unsupported coordinate system');
    const targets = join(dir, 'bad.json');
    writeFileSync(targets, '{"radii_m": {"primary": "far"}}');
    expect(run('data/tiexi', '--out', join(dir, 'x.json'), '--targets', targets).stderr).toContain('radii_m.primary');
    expect(run('data/tiexi').status).toBe(2);
  });
});
