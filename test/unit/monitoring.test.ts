/**
 * Issue 17, first part: trend arithmetic worked by hand, change detection on a seeded pair of years
 * with known gains and losses, and the monitor command on the sample years.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeAccess } from '../../src/core/access';
import { yearChanges, type YearState } from '../../src/core/monitoring/changes';
import { fitLine, indicatorTrend } from '../../src/core/monitoring/trends';
import { DEFAULT_TARGETS } from '../../src/core/targets';
import type { Dataset } from '../../src/core/types';
import { dataset, point, road } from './fixtures';

const REPO = join(import.meta.dirname, '..', '..');

describe('trends to 2030, by hand', () => {
  it('draws the line through two years', () => {
    // 0.40 in 2021, 0.50 in 2023: +0.05 a year → 0.85 in 2030.
    const t = indicatorTrend([{ year: 2021, value: 0.4 }, { year: 2023, value: 0.5 }], 0.8, '>=');
    expect(t.method).toBe('linear');
    expect(t.slopePerYear).toBeCloseTo(0.05, 12);
    expect(t.projected).toBeCloseTo(0.85, 12);
    expect(t.status).toBe('on_track');
    // From 0.50 in 2023, (0.8 − 0.5) / 7 a year just meets it.
    expect(t.neededPerYear).toBeCloseTo(0.3 / 7, 12);
  });
  it('fits least squares through three years', () => {
    // Points (0,1), (1,3), (2,2): slope 0.5, mean 2 at x = 1.
    const line = fitLine([{ year: 2021, value: 1 }, { year: 2022, value: 3 }, { year: 2023, value: 2 }])!;
    expect(line.method).toBe('least_squares');
    expect(line.slope).toBeCloseTo(0.5, 12);
    expect(line.at(2030)).toBeCloseTo(2 + 0.5 * 8, 12);
  });
  it('says met when the latest year meets the target, whatever the line', () => {
    expect(indicatorTrend([{ year: 2021, value: 1 }, { year: 2023, value: 0.96 }], 0.95, '>=').status).toBe('met');
  });
  it('counts exactly on the line as on track', () => {
    // 0.6 → 0.7 over 2023–2025: 0.95 in 2030 exactly.
    expect(indicatorTrend([{ year: 2023, value: 0.6 }, { year: 2025, value: 0.7 }], 0.95, '>=').status).toBe('on_track');
  });
  it('tells at risk (improving too slowly) from off track (not improving)', () => {
    expect(indicatorTrend([{ year: 2021, value: 0.2 }, { year: 2025, value: 0.3 }], 1, '>=').status).toBe('at_risk');
    expect(indicatorTrend([{ year: 2021, value: 0.3 }, { year: 2025, value: 0.3 }], 1, '>=').status).toBe('off_track');
    expect(indicatorTrend([{ year: 2021, value: 0.4 }, { year: 2025, value: 0.3 }], 1, '>=').status).toBe('off_track');
  });
  it('handles targets to stay under (a decreasing count)', () => {
    // Hazards 12 → 8 over 2021–2025: −1 a year → 3 in 2030 against 0: at risk; needs −8/5 a year.
    const t = indicatorTrend([{ year: 2021, value: 12 }, { year: 2025, value: 8 }], 0, '<=');
    expect(t.projected).toBeCloseTo(3, 12);
    expect(t.status).toBe('at_risk');
    expect(t.neededPerYear).toBeCloseTo(-8 / 5, 12);
    expect(indicatorTrend([{ year: 2021, value: 12 }, { year: 2025, value: 4 }], 0, '<=').status).toBe('on_track');
  });
  it('cannot project from one year or without a target', () => {
    expect(indicatorTrend([{ year: 2025, value: 0.3 }], 1, '>=')).toMatchObject({ status: 'not_computable', projected: null });
    expect(indicatorTrend([{ year: 2021, value: 0.3 }, { year: 2025, value: 0.5 }], null, '>=').status).toBe('not_computable');
    expect(indicatorTrend([{ year: 2021, value: null }, { year: 2025, value: 0.5 }], 1, '>=').status).toBe('not_computable');
  });
});

describe('what changed between two years', () => {
  // A street along x; homes along it; one kindergarten at x = 0 in 2021, a second at x = 1000 in 2023.
  const homes = (ids: string[]) => ids.map((id, i) => point(id, [i * 250, 20], { population: 100, children_3_5: 4 }));
  const base = (kgs: ReturnType<typeof point>[], ids: string[]): Dataset => dataset({ roads: [road('r', [[-100, 0], [2000, 0]])], residential: homes(ids), kindergartens: kgs });
  const state = (year: number, d: Dataset): YearState => ({ year, dataset: d, access: computeAccess(d, {}), radii: DEFAULT_TARGETS.radii_m, drowning: null });
  const a = state(2021, base([point('k1', [0, 20], { name: '一园', capacity: 90 })], ['h0', 'h1', 'h2', 'h3', 'h4']));
  // 2023: k1 grew, k2 opened at 1000 m; home h1 renamed (matched by place), h4 demolished, h5 built.
  const bHomes = homes(['h0', 'h1-new', 'h2', 'h3', 'gone']).slice(0, 4).concat(point('h5', [1100, 20], { population: 100, children_3_5: 4 }));
  const b = state(2023, { ...dataset({ roads: [road('r', [[-100, 0], [2000, 0]])], residential: bHomes, kindergartens: [point('k1', [0, 20], { name: '一园', capacity: 120 }), point('k2', [1000, 20], { name: '二园', capacity: 60 })] }) });
  const c = yearChanges(a, b);

  it('matches homes by id, else by place, and counts the new and the gone', () => {
    expect(c.homes).toEqual({ matchedById: 3, matchedByLocation: 1, newHomes: 1, goneHomes: 1 });
  });
  it('finds the homes that gained kindergarten coverage, with their children', () => {
    // Within 300 m: h0 (0 m) and h1 (250 m) before; after, h3 (750 m from k1, 250 m from k2) gains; h2 (500 m) stays out.
    expect(c.coverage.kindergarten).toEqual({ gainedHomes: 1, lostHomes: 0, gainedChildren: 4, lostChildren: 0 });
    expect(c.homeChanges.map((h) => [h.id, h.gained, h.lost])).toEqual([['h3', ['kindergarten'], []]]);
  });
  it('names the kindergarten opened and the places changed', () => {
    const kg = c.facilities.find((f) => f.layer === 'kindergartens')!;
    expect(kg.opened).toEqual([{ id: 'k2', name: '二园' }]);
    expect(kg.closed).toEqual([]);
    expect(kg.capacity).toEqual([{ id: 'k1', name: '一园', before: 90, after: 120 }]);
  });
  it('ranks communities by the children whose coverage changed (none here: no communities layer)', () => {
    expect(c.communities).toEqual([]);
  });
  it('sees losses the other way round', () => {
    const back = yearChanges(b, a);
    expect(back.coverage.kindergarten).toMatchObject({ gainedHomes: 0, lostHomes: 1 });
    expect(back.facilities.find((f) => f.layer === 'kindergartens')!.closed).toEqual([{ id: 'k2', name: '二园' }]);
  });
});

describe('npm run monitor', () => {
  it('reads the sample years, oldest first, and writes trends, warnings and changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'monitor-'));
    const out = join(dir, 'm.json');
    const csv = join(dir, 't.csv');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'monitor.ts'), 'data/tiexi', 'data/tiexi-2021', 'data/tiexi-2023', '--out', out, '--csv', csv], { cwd: REPO, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(out, 'utf8'));
    expect(m.years.map((y: { year: number }) => y.year)).toEqual([2021, 2023, 2025]);
    const kg = m.indicators.find((i: { id: string }) => i.id === 'coverage.kindergarten');
    expect(kg.values.map((v: { year: number }) => v.year)).toEqual([2021, 2023, 2025]);
    expect(kg.method).toBe('least_squares');
    // The sample gains kindergartens year by year: coverage rises.
    expect(kg.slope_per_year).toBeGreaterThan(0);
    expect(m.warnings.length).toBeGreaterThan(0);
    expect(['at_risk', 'off_track']).toContain(m.warnings[0].status);
    // Any two years: 2021→2023, 2021→2025, 2023→2025.
    expect(m.changes.map((c: { from: number; to: number }) => `${c.from}→${c.to}`)).toEqual(['2021→2023', '2021→2025', '2023→2025']);
    expect(m.changes[2].facilities.find((f: { layer: string }) => f.layer === 'kindergartens').opened.length).toBe(4);
    expect(m.changes[1].hazards.fixed.length).toBeGreaterThan(0);
    // Communities ranked by the children whose coverage changed, most first.
    const ranked = m.changes[2].communities;
    expect(ranked.length).toBeGreaterThan(0);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].gainedChildren + ranked[i - 1].lostChildren).toBeGreaterThanOrEqual(ranked[i].gainedChildren + ranked[i].lostChildren);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe('community_id,community,indicator,year,value,target,projected_2030,status,needed_per_year');
  }, 120_000);

  it('npm run report with the other years gains the trend section', () => {
    const dir = mkdtempSync(join(tmpdir(), 'monitor-'));
    const out = join(dir, 'r.html');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'report.ts'), 'data/tiexi', 'data/tiexi-2021', 'data/tiexi-2023', '--format', 'html', '--out', out, '--date', '2026-12-01'], { cwd: REPO, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('十一、监测趋势（至 2030 年）');
    expect(html).toContain('比较 2021、2023、2025 年数据');
    // Charts of the indicators that will miss 2030: values, the dashed trend, the target.
    expect(html).toMatch(/图 \d+：[^<]+——逐年数值、至 2030 年趋势（虚线）与目标（红线）/);
  }, 120_000);

  it('refuses two datasets of the same year', () => {
    const dir = mkdtempSync(join(tmpdir(), 'monitor-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'monitor.ts'), 'data/tiexi', 'data/tiexi', '--out', join(dir, 'm.json')], { cwd: REPO, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('are both of 2025');
  }, 60_000);
});
