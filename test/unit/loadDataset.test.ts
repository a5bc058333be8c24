import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/loadDataset';

const kg = (id: string | undefined, x = 124.34) => ({
  type: 'Feature',
  ...(id ? { properties: { id, name: `幼儿园 ${id}` } } : { properties: { name: 'no id' } }),
  geometry: { type: 'Point', coordinates: [x, 43.17] },
});
const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

describe('loadDataset', () => {
  it('refuses a file above the size limit with a message, and loads the rest', () => {
    const big = JSON.stringify(fc(Array.from({ length: 200 }, (_, i) => kg(`k${i}`))));
    const { report } = loadDataset(
      [{ name: 'kindergartens.geojson', text: big }, { name: 'schools.geojson', text: JSON.stringify(fc([])) }],
      { maxFileBytes: 1000 },
    );
    expect(report.layers.kindergartens!.failed).toBe(true);
    expect(report.layers.kindergartens!.issues[0]!.code).toBe('file_too_large');
    expect(report.layers.schools!.failed).toBe(false);
  });

  it('reports progress from 0 to 1', () => {
    const seen: number[] = [];
    loadDataset([{ name: 'kindergartens.geojson', text: JSON.stringify(fc(Array.from({ length: 5000 }, (_, i) => kg(`k${i}`)))) }], {
      onProgress: (d) => seen.push(d),
    });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(2);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('takes the layer chosen for a file whose name is not a layer name', () => {
    const { dataset, report } = loadDataset([{ name: '幼儿园名单.json', text: JSON.stringify(fc([kg('k1')])), layer: 'kindergartens' }]);
    expect(dataset.layers.kindergartens!.features).toHaveLength(1);
    expect(report.layers.kindergartens!.file).toBe('幼儿园名单.json');
  });

  it('gives features without an id one from their position, without clashing', () => {
    const { dataset, report } = loadDataset([{ name: 'kindergartens.geojson', text: JSON.stringify(fc([kg('kindergartens-2'), kg(undefined)])) }]);
    expect(dataset.layers.kindergartens!.features.map((f) => f.id)).toEqual(['kindergartens-2', 'kindergartens-2_']);
    expect(report.layers.kindergartens!.issues.map((i) => i.code)).toEqual(['missing_id']);
  });

  it('never changes what it is given', () => {
    const input = deepFreeze(fc([kg('k1'), kg('k2', 200)]));
    const parsed = JSON.parse(JSON.stringify(input));
    const { dataset } = loadDataset([{ name: 'kindergartens.geojson', text: JSON.stringify(input) }]);
    expect(JSON.parse(JSON.stringify(input))).toEqual(parsed);
    expect(dataset.layers.kindergartens!.features[0]!.properties.id).toBe('k1');
  });

  it('treats a missing optional value as unknown, not false or zero', () => {
    const water = fc([{ type: 'Feature', properties: { id: 'w1', kind: 'pond', fenced: null, warning_signs: '' }, geometry: { type: 'LineString', coordinates: [[124.3, 43.1], [124.31, 43.1]] } }]);
    const { dataset } = loadDataset([{ name: 'water.geojson', text: JSON.stringify(water) }]);
    const props = dataset.layers.water!.features[0]!.properties;
    expect('fenced' in props).toBe(false);
    expect('warning_signs' in props).toBe(false);
  });

  it('warns about a home naming a community that does not exist', () => {
    const sq = [[124.3, 43.1], [124.4, 43.1], [124.4, 43.2], [124.3, 43.1]];
    const { report } = loadDataset([
      { name: 'communities.geojson', text: JSON.stringify(fc([{ type: 'Feature', properties: { id: 'c1', name: '英雄社区', kind: 'urban' }, geometry: { type: 'Polygon', coordinates: [sq] } }])) },
      { name: 'residential.geojson', text: JSON.stringify(fc([{ type: 'Feature', properties: { id: 'r1', population: 10, community: 'c9' }, geometry: { type: 'Point', coordinates: [124.35, 43.15] } }])) },
    ]);
    expect(report.layers.residential!.issues.map((i) => i.code)).toEqual(['unknown_community']);
  });
});

describe('npm run validate', () => {
  const REPO = join(import.meta.dirname, '..', '..');
  const run = (folder: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'validate.ts'), folder, '--lang', 'en'], { cwd: REPO, encoding: 'utf8' });

  it('prints the report and exits 0 for the Tiexi sample', () => {
    const r = run('data/tiexi');
    expect(r.stdout).toContain('residential (Residential) — residential.geojson: ');
    expect(r.stdout).toContain('Dataset usable.');
    expect(r.status).toBe(0);
  });

  it('exits 0 when some features are rejected but the rest can be used', () => {
    const r = run('test/corpus/latlon-swapped');
    expect(r.stdout).toContain('feature no. 2 (id "r2"), field geometry: coordinate [43.17, 124.35] looks like [latitude, longitude]');
    expect(r.status).toBe(0);
  });

  it('exits non-zero when nothing can be used', () => {
    expect(run('test/corpus/unsupported-crs').status).toBe(1);
    expect(run('test/corpus/does-not-exist').status).toBe(1);
  });

  it('validate, analyze, report and site exit 1 naming the residential layer when it was given but cannot be read', () => {
    // Every other layer loads: without the check each command would print figures with no population behind them.
    const dir = mkdtempSync(join(tmpdir(), 'broken-residential-'));
    for (const f of ['dataset.json', 'kindergartens.geojson', 'roads.geojson']) cpSync(join(REPO, 'data', 'tiexi', f), join(dir, f));
    writeFileSync(join(dir, 'residential.geojson'), '{"type":"FeatureCollection","features":[{"type":"Feature",');
    const validate = run(dir);
    expect(validate.stdout).toContain('residential (Residential) — residential.geojson');
    expect(validate.status).toBe(1);
    expect(validate.stderr).toContain('the residential layer (residential.geojson) could not be used');
    for (const [script, ...args] of [['analyze', '--out', join(dir, 'r.json')], ['report', '--out', join(dir, 'r.html'), '--format', 'html'], ['site', '--k', '1', '--out', join(dir, 's.json')]]) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join('scripts', `${script}.ts`), dir, ...args], { cwd: REPO, encoding: 'utf8' });
      expect(r.stderr, script).toContain('the residential layer (residential.geojson) could not be used');
      expect(r.status, script).toBe(1);
    }
  });
});
