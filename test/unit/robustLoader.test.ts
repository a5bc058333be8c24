/**
 * Issue 12, loader cases: one bad feature never takes the dataset with it, and no implausible or
 * malformed value reaches a figure.
 */
import { join } from 'node:path';
import { area } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { csvCell } from '../../src/core/csv';
import { importOsm } from '../../src/core/import/osm';
import { DEFAULT_OSM_OPTIONS } from '../../src/core/import/osmOptions';
import { loadDataset } from '../../src/core/loadDataset';
import { formatIssue } from '../../src/core/messages';
import { ringCrossings } from '../../src/core/polygonRepair';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';
import { at, seeded } from './fixtures';

const REPO = join(import.meta.dirname, '..', '..');
const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });
const good = { type: 'Feature', properties: { id: 'ok', name: '好幼儿园', capacity: 90 }, geometry: { type: 'Point', coordinates: [124.35, 43.17] } };
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const square = (x: number, y: number, s: number) => [at(x, y), at(x + s, y), at(x + s, y + s), at(x, y + s), at(x, y)];

describe('deep nesting (case 12)', () => {
  const shapes: Record<string, string> = {
    'point coordinates': `{"type":"Feature","properties":{"id":"bad","name":"x"},"geometry":{"type":"Point","coordinates":${deepArray(100000)}}}`,
    'polygon coordinates': `{"type":"Feature","properties":{"id":"bad","name":"x"},"geometry":{"type":"Polygon","coordinates":${deepArray(100000)}}}`,
    'geometry collection': `{"type":"Feature","properties":{"id":"bad","name":"x"},"geometry":{"type":"GeometryCollection","geometries":${deepArray(100000)}}}`,
    'name object': `{"type":"Feature","properties":{"id":"bad","name":${deepObject(100000)}},"geometry":{"type":"Point","coordinates":[124.3,43.1]}}`,
    'extra property': `{"type":"Feature","properties":{"id":"bad","name":"x","extra":${deepArray(100000)}},"geometry":{"type":"Point","coordinates":[124.3,43.1]}}`,
    'id': `{"type":"Feature","id":${deepArray(100000)},"properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[124.3,43.1]}}`,
    'the feature itself': deepArray(100000),
    'properties': `{"type":"Feature","properties":${deepArray(100000)},"geometry":{"type":"Point","coordinates":[124.3,43.1]}}`,
  };
  for (const [where, bad] of Object.entries(shapes)) {
    it(`rejects the one feature nested 100,000 deep in its ${where}, keeps the rest, and can say why`, () => {
      const text = `{"type":"FeatureCollection","features":[${bad},${JSON.stringify(good)}]}`;
      const { dataset, report } = loadDataset([{ name: 'kindergartens.geojson', text }]);
      expect(dataset.layers.kindergartens!.features.map((f) => f.id)).toEqual(['ok']);
      expect(report.layers.kindergartens!.rejected).toBe(1);
      for (const issue of report.layers.kindergartens!.issues) {
        expect(formatIssue(issue, 'en')).not.toMatch(/stack|undefined/i);
        expect(formatIssue(issue, 'zh').length).toBeGreaterThan(0);
      }
      // What is kept can go everywhere the app sends it: through JSON and the worker's structured clone.
      expect(() => structuredClone(report)).not.toThrow();
      expect(() => JSON.stringify(dataset)).not.toThrow();
    });
  }
  it('a dataset.json nested deep is refused as a description, not a crash', () => {
    const { report } = loadDataset([
      { name: 'dataset.json', text: `{"name":${deepArray(100000)},"crs":${deepObject(100000)}}` },
      { name: 'kindergartens.geojson', text: JSON.stringify(fc([good])) },
    ]);
    expect(report.dataset.some((i) => i.code === 'crs_unsupported')).toBe(true);
    expect(() => JSON.stringify(report)).not.toThrow();
  });
});

describe('implausible values (case 13)', () => {
  it('names population 1e15 and capacity/area 1e308 with their feature and leaves them out of sums', () => {
    const { dataset, report } = loadDataset([
      { name: 'residential.geojson', text: JSON.stringify(fc([
        { type: 'Feature', properties: { id: 'h1', population: 1e15 }, geometry: { type: 'Point', coordinates: at(0, 0) } },
        { type: 'Feature', properties: { id: 'h2', population: 300, children_3_5: 12 }, geometry: { type: 'Point', coordinates: at(10, 0) } },
      ])) },
      { name: 'kindergartens.geojson', text: JSON.stringify(fc([
        { type: 'Feature', properties: { id: 'k1', name: '巨无霸', capacity: 1e308 }, geometry: { type: 'Point', coordinates: at(20, 0) } },
      ])) },
      { name: 'playgrounds.geojson', text: JSON.stringify(fc([
        { type: 'Feature', properties: { id: 'p1', area_m2: 1e308 }, geometry: { type: 'Point', coordinates: at(30, 0) } },
      ])) },
    ]);
    expect(dataset.layers.residential!.features.map((f) => f.id)).toEqual(['h2']);
    const home = report.layers.residential!.issues.find((i) => i.code === 'implausible_value')!;
    expect(home).toMatchObject({ severity: 'error', featureId: 'h1', field: 'population' });
    const kg = report.layers.kindergartens!.issues.find((i) => i.code === 'implausible_value')!;
    expect(kg).toMatchObject({ severity: 'warning', featureId: 'k1', featureName: '巨无霸', field: 'capacity' });
    expect(formatIssue(kg, 'en')).toMatch(/巨无霸.*capacity.*implausible/);
    expect(dataset.layers.kindergartens!.features[0]!.properties.capacity).toBeUndefined();
    expect(dataset.layers.playgrounds!.features[0]!.properties.area_m2).toBeUndefined();
    const seats = analyze({ dataset, report }).indicators.find((i) => i.id === 'seats.kindergarten_per_child')!;
    expect(seats.value).toBe(0); // the capacity is unknown, not 1e308
    expect(seats.status).not.toBe('met');
  });
  it('refuses a facility at [0, 0] or [-0, -0]', () => {
    const { dataset, report } = loadDataset([{ name: 'kindergartens.geojson', text: JSON.stringify(fc([
      { type: 'Feature', properties: { id: 'z', name: 'zero' }, geometry: { type: 'Point', coordinates: [0, 0] } },
      { type: 'Feature', properties: { id: 'nz', name: 'minus zero' }, geometry: { type: 'Point', coordinates: [-0, -0] } },
      good,
    ])) }]);
    expect(dataset.layers.kindergartens!.features.map((f) => f.id)).toEqual(['ok']);
    expect(report.layers.kindergartens!.issues.filter((i) => i.code === 'null_island').map((i) => i.featureId)).toEqual(['z', 'nz']);
  });
});

describe('self-intersecting polygons (case 14)', () => {
  const bowTie = [at(0, 0), at(100, 100), at(100, 0), at(0, 100), at(0, 0)];
  it('counts crossings like brute force on random rings, small and indexed', () => {
    const rnd = seeded(12);
    for (let t = 0; t < 200; t++) {
      const n = t % 2 === 0 ? 6 + Math.floor(rnd() * 10) : 70 + Math.floor(rnd() * 40);
      const ring = Array.from({ length: n }, () => [rnd() * 100, rnd() * 100]);
      ring.push(ring[0]!);
      let brute = 0;
      const segs = n;
      for (let i = 0; i < segs; i++) for (let j = i + 2; j < segs; j++) {
        if (i === 0 && j === segs - 1) continue;
        const [a, b, c, d] = [ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!];
        const o = (p: number[], q: number[], r: number[]) => Math.sign((q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!));
        if (o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0) brute++;
      }
      expect(ringCrossings(ring)).toBe(brute);
    }
  });
  it('repairs a bow-tie playground into its two triangles (area kept) and says so', () => {
    const { dataset, report } = loadDataset([{ name: 'playgrounds.geojson', text: JSON.stringify(fc([
      { type: 'Feature', properties: { id: 'bow', name: '蝴蝶结' }, geometry: { type: 'Polygon', coordinates: [bowTie] } },
    ])) }]);
    const f = dataset.layers.playgrounds!.features[0]!;
    expect(f.geometry.type).toBe('MultiPolygon');
    expect(area(f as never)).toBeGreaterThan(4900); // two 50 × 100 / 2 triangles ≈ 5,000 m²
    expect(area(f as never)).toBeLessThan(5100);
    const issue = report.layers.playgrounds!.issues.find((i) => i.code === 'polygon_repaired')!;
    expect(issue).toMatchObject({ severity: 'warning', featureId: 'bow', params: { crossings: 1, pieces: 2 } });
  });
  it('refuses a crossing ring with holes (no one obvious repair), keeps valid polygons untouched', () => {
    const { dataset, report } = loadDataset([{ name: 'communities.geojson', text: JSON.stringify(fc([
      { type: 'Feature', properties: { id: 'c1', name: '带洞', kind: 'urban' }, geometry: { type: 'Polygon', coordinates: [square(-500, -500, 1000), bowTie] } },
      { type: 'Feature', properties: { id: 'c2', name: '好', kind: 'urban' }, geometry: { type: 'Polygon', coordinates: [square(2000, 0, 100)] } },
    ])) }]);
    expect(dataset.layers.communities!.features.map((f) => f.id)).toEqual(['c2']);
    expect(dataset.layers.communities!.features[0]!.geometry.type).toBe('Polygon');
    expect(report.layers.communities!.issues.find((i) => i.code === 'self_intersecting')).toMatchObject({ featureId: 'c1', params: { ring: 2 } });
  });
  it('the Tiexi sample has no self-intersecting polygon (nothing repaired silently)', () => {
    const { report } = loadDataset(readDatasetFolder(join(REPO, 'data', 'tiexi')).files);
    const codes = Object.values(report.layers).flatMap((l) => l!.issues.map((i) => i.code));
    expect(codes).not.toContain('polygon_repaired');
    expect(codes).not.toContain('self_intersecting');
  });
});

describe('OpenStreetMap XML entities (case 15)', () => {
  it('decodes named and numeric entities in tag values', () => {
    const osm = `<?xml version="1.0"?><osm version="0.6">
      <node id="1" lat="43.17" lon="124.35"><tag k="amenity" v="kindergarten"/><tag k="name" v="Sun &amp; Moon Kindergarten"/></node>
      <node id="2" lat="43.171" lon="124.351"><tag k="amenity" v="kindergarten"/><tag k="name" v="&#x5E7C;&#20799;园 &lt;东&gt; &quot;A&quot; &apos;B&apos;"/></node>
    </osm>`;
    const { files } = importOsm('x.osm', osm, DEFAULT_OSM_OPTIONS);
    const kg = files.find((f) => f.name === 'kindergartens.geojson')!;
    const names = (JSON.parse(kg.text) as { features: { properties: { name: string } }[] }).features.map((f) => f.properties.name);
    expect(names).toEqual(['Sun & Moon Kindergarten', `幼儿园 <东> "A" 'B'`]);
  });
});

describe('CSV formula defusing (case 16)', () => {
  it('defuses a leading TAB, CR, LF and full-width ＝ ＋ － ＠ as well as = + - @', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']) {
      const cell = csvCell(`${lead}1+1`);
      expect(cell.replace(/^"/, '').startsWith("'"), JSON.stringify(lead)).toBe(true);
    }
    expect(csvCell('普通文字')).toBe('普通文字');
    expect(csvCell(-2)).toBe('-2');
  });
});
