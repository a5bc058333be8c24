/**
 * The files offices really send, one test per way they went wrong (issue "real data, honest
 * figures"): UTF-8 Shapefiles without .cpg, GBK zip names that are valid UTF-8, CSVs without a
 * named system, Gaode's one-cell `location`, multi-part polygons, projected Shapefiles without .prj,
 * Overpass `out center` / `out geom`, and a real OpenStreetMap extract (Guixi, © OSM contributors, ODbL).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { greatCircleDistance } from '../../src/core/geodesy';
import { assumePointCrs, csvToRawLayer, findCoordinateColumns } from '../../src/core/import/csvPoints';
import { readCsvTable } from '../../src/core/import/csvTable';
import { guessFieldMapping, mapRawLayer } from '../../src/core/import/fieldMapping';
import { loadImported } from '../../src/core/import/loadImported';
import { importOsm, levelFromName, walkableRoad } from '../../src/core/import/osm';
import { readZip } from '../../src/core/import/shapefile';
import { decodeText } from '../../src/core/import/textEncoding';
import { analyze } from '../../src/core/analyze';
import { formatIssue } from '../../src/core/messages';
import { loadDataset } from '../../src/core/loadDataset';
import { representativePoint } from '../../src/core/representativePoint';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';

const DIR = 'test/fixtures/import/';
const bytes = (name: string) => new Uint8Array(readFileSync(DIR + name));
const truthKg = JSON.parse(readFileSync(`${DIR}truth-kindergartens.geojson`, 'utf8')) as FeatureCollection<Point, Record<string, string | number>>;
const truthSchools = JSON.parse(readFileSync(`${DIR}truth-schools.geojson`, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, Record<string, string>>;
const metresApart = (a: number[], b: number[]) => greatCircleDistance(a[0]!, a[1]!, b[0]!, b[1]!);
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'import.ts'), ...args, '--lang', 'en'], { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' });
const tempOut = () => join(mkdtempSync(join(tmpdir(), 'real-')), 'out');

function shapefile(name: string, options = {}) {
  const zip = readZip(name, bytes(name), options);
  if (zip.kind !== 'shapefile') throw new Error(`${name}: ${zip.kind}`);
  return zip.layers;
}

describe('Shapefile encodings', () => {
  it('reads UTF-8 attributes without a .cpg as UTF-8 (the binary header does not decide)', () => {
    const [layer] = shapefile('schools-utf8-nocpg.zip');
    expect(layer!.features.map((f) => f.properties['名称'])).toEqual(['铁东区实验小学', '铁东区第二中学']);
    expect(layer!.notes.find((n) => n.code === 'import_encoding')!.params.encoding).toBe('UTF-8');
  });

  it('the planner can say the encoding (--encoding), and it is used', () => {
    const [forced] = shapefile('schools-utf8-nocpg.zip', { encoding: 'gbk' });
    expect(forced!.features[0]!.properties['名称']).not.toBe('铁东区实验小学');
    expect(forced!.notes.find((n) => n.code === 'import_encoding')!.params.encoding).toBe('GBK');
    const out = tempOut();
    const run = cli('shapefile', `${DIR}schools-utf8-nocpg.zip`, '--layer', 'schools', '--map', 'name=名称,level=学段', '--encoding', 'utf-8', '--out', out);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const { dataset } = loadDataset(readDatasetFolder(out).files);
    expect(dataset.layers.schools!.features.map((f) => f.properties.name)).toEqual(['铁东区实验小学', '铁东区第二中学']);
  });

  it('short GBK text that happens to be valid UTF-8 reads as Chinese', () => {
    const gbk = (s: string) => new Uint8Array(Buffer.from(s === '学校' ? [0xd1, 0xa7, 0xd0, 0xa3] : s === '水系' ? [0xcb, 0xae, 0xcf, 0xb5] : [0xd0, 0xa1, 0xd1, 0xa7]));
    for (const word of ['学校', '水系', '小学']) expect(decodeText(gbk(word))).toEqual({ text: word, encoding: 'gbk' });
    // Real UTF-8 Chinese and accented Latin stay UTF-8.
    expect(decodeText(new TextEncoder().encode('铁东区')).encoding).toBe('utf-8');
    expect(decodeText(new TextEncoder().encode('Café')).text).toBe('Café');
  });
});

describe('zips made on a Chinese Windows', () => {
  it('GBK entry names that are valid UTF-8 (学校, 水系) are decided together and read as Chinese', () => {
    const layers = shapefile('gbk-names.zip');
    expect(layers.map((l) => l.source).sort()).toEqual(['gbk-names.zip/学校.shp', 'gbk-names.zip/水系.shp']);
  });

  it('--layers by those names works, and a key that matches no file is an error, not silence', () => {
    const out = tempOut();
    const ok = cli('shapefile', `${DIR}gbk-names.zip`, '--layers', '学校=schools,水系=water', '--out', out);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['dataset.json', 'schools.geojson', 'water.geojson']);
    const typo = cli('shapefile', `${DIR}gbk-names.zip`, '--layers', '学堂=schools,水系=water', '--out', tempOut());
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('--layers: 学堂 is no Shapefile in gbk-names.zip (it holds: 学校, 水系)');
  });
});

describe('multi-part polygons', () => {
  it('a school campus in two parts loads as one MultiPolygon school standing on its parts', () => {
    const [layer] = shapefile('schools-utf8-nocpg.zip');
    const mapped = mapRawLayer(layer!, 'schools', { ...guessFieldMapping('schools', layer!.attributes), level: '学段' });
    const { dataset, report } = loadImported([mapped.file], mapped.notes);
    expect(report.layers.schools).toMatchObject({ features: 2, rejected: 0 });
    const campus = dataset.layers.schools!.features.find((f) => f.properties.name === '铁东区第二中学')!;
    expect(campus.geometry.type).toBe('MultiPolygon');
    expect(campus.properties.level).toBe('middle');
    // The area-weighted centroid of both parts (it falls between them, so a point on the larger part).
    const p = representativePoint(campus.geometry);
    const big = (truthSchools.features[1]!.geometry as MultiPolygon).coordinates[0]![0]!;
    expect(p[0]).toBeGreaterThanOrEqual(big[0]![0]!);
    expect(p[0]).toBeLessThanOrEqual(big[1]![0]!);
  });

  it('every polygon facility layer accepts a MultiPolygon', () => {
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[124.34, 43.16], [124.341, 43.16], [124.341, 43.161], [124.34, 43.16]]], [[[124.35, 43.16], [124.351, 43.16], [124.351, 43.161], [124.35, 43.16]]]] };
    const files = ['kindergartens', 'childcare', 'schools', 'playgrounds', 'candidates'].map((layer) => ({
      name: `${layer}.geojson`,
      text: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'm1', name: '甲', level: 'primary' }, geometry: multi }] }),
    }));
    const { report } = loadDataset(files);
    for (const layer of ['kindergartens', 'childcare', 'schools', 'playgrounds', 'candidates'] as const) expect(report.layers[layer]).toMatchObject({ features: 1, rejected: 0 });
  });
});

describe('projected Shapefile without .prj', () => {
  it('is refused with the zone read from the easting, never read as degrees', () => {
    const [layer] = shapefile('schools-gk41-noprj.zip');
    expect(layer!.features).toHaveLength(0);
    const issue = layer!.notes.find((n) => n.code === 'import_prj_missing_projected')!;
    expect(issue.params.suggestion).toBe('EPSG:4529');
    const text = formatIssue(issue, 'en');
    expect(text).toContain('--crs');
    expect(text).not.toContain('dataset.json');
    const run = cli('shapefile', `${DIR}schools-gk41-noprj.zip`, '--layer', 'schools', '--out', tempOut());
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('EPSG:4529');
  });

  it('with --crs it lands within 1 m of the truth', () => {
    const [layer] = shapefile('schools-gk41-noprj.zip', { crs: 'EPSG:4529' });
    expect(layer!.features).toHaveLength(2);
    const first = (layer!.features[0]!.geometry as Polygon).coordinates[0]![0]!;
    expect(metresApart(first, (truthSchools.features[0]!.geometry as Polygon).coordinates[0]![0]!)).toBeLessThan(1);
    const out = tempOut();
    const run = cli('shapefile', `${DIR}schools-gk41-noprj.zip`, '--layer', 'schools', '--map', 'name=名称,level=学段', '--crs', 'EPSG:4529', '--out', out);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = analyze(loadDataset(readDatasetFolder(out).files));
    expect(report.data_quality.find((q) => q.id === 'crs.converted')).toMatchObject({ value: 2 });
  });
});

describe('CSV point lists from Gaode and Baidu', () => {
  it('reads one-cell "lng,lat" (Gaode location), takes GCJ-02 from the file name, and lands within 1 m', () => {
    const table = readCsvTable('kindergartens-amap-location.csv', bytes('kindergartens-amap-location.csv'));
    const cols = findCoordinateColumns(table.columns);
    expect(cols).toEqual({ lng: 'location', lat: 'location' });
    const assumed = assumePointCrs(table.source, table.columns);
    expect(assumed).toEqual({ crs: 'GCJ-02', crsBasis: 'file name' });
    const raw = csvToRawLayer(table, { lng: 'location', lat: 'location', ...assumed });
    for (const t of truthKg.features) {
      const f = raw.features.find((x) => x.properties.name === t.properties['名称'])!;
      expect(metresApart((f.geometry as Point).coordinates, t.geometry.coordinates)).toBeLessThan(1);
    }
  });

  it('a list with nothing that says its system is read as WGS84 and the report says so first', () => {
    const out = tempOut();
    const run = cli('csv', `${DIR}kindergartens-cell-nohint.csv`, '--layer', 'kindergartens', '--out', out);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).toContain('no --crs given; coordinates read as EPSG:4326');
    expect(run.stdout).toContain('read as EPSG:4326 (because: default)');
    const report = analyze(loadDataset(readDatasetFolder(out).files));
    expect(report.data_quality[0]).toMatchObject({ id: 'crs.assumed', value: 4, severity: 'warning' });
    expect(report.data_quality[0]!.message.zh).toContain('高德 GCJ-02');
    // The full-width comma Chinese spreadsheets use inside the cell is read too.
    const { dataset } = loadDataset(readDatasetFolder(out).files);
    expect(dataset.layers.kindergartens!.features).toHaveLength(4);
  });

  it('--xy (and --lng/--lat naming one column) reads a coordinate pair column; a named --crs is not an assumption', () => {
    const out = tempOut();
    const run = cli('csv', `${DIR}kindergartens-amap-location.csv`, '--layer', 'kindergartens', '--xy', 'location', '--crs', 'GCJ-02', '--out', out);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = analyze(loadDataset(readDatasetFolder(out).files));
    expect(report.data_quality.find((q) => q.id === 'crs.assumed')).toBeUndefined();
    expect(report.data_quality.find((q) => q.id === 'crs.converted')).toMatchObject({ value: 4 });
    const same = cli('csv', `${DIR}kindergartens-amap-location.csv`, '--layer', 'kindergartens', '--lng', 'location', '--lat', 'location', '--out', tempOut());
    expect(same.status, same.stderr).toBe(0);
  });
});

describe('Overpass exports', () => {
  const xml = importOsm('tiexi-small.osm', readFileSync(`${DIR}tiexi-small.osm`, 'utf8'));
  it('`out geom;` (ways carrying their geometry) gives the same layers as the full extract', () => {
    const geom = importOsm('g.json', readFileSync(`${DIR}tiexi-small.overpass-geom.json`, 'utf8'));
    const layersOf = (r: typeof xml) => Object.fromEntries(r.files.filter((f) => f.layer !== 'dataset').map((f) => [f.layer, JSON.parse(f.text).features.length]));
    expect(layersOf(geom)).toEqual(layersOf(xml));
  });

  it('`out center;` is refused with how to export again, not loaded as "usable" with no homes or roads', () => {
    const centre = importOsm('c.json', readFileSync(`${DIR}tiexi-small.overpass-center.json`, 'utf8'));
    const note = centre.notes.find((n) => n.code === 'import_overpass_center')!;
    expect(note.severity).toBe('error');
    expect(formatIssue(note, 'en')).toContain('out geom;');
    const result = loadImported(centre.files, centre.notes);
    expect(result.report.usable).toBe(false);
    const run = cli('osm', `${DIR}tiexi-small.overpass-center.json`, '--out', tempOut());
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('out center');
  });
});

describe('OpenStreetMap rules a planner can defend', () => {
  it('school levels: the level word that ends the name wins; numbered 中 is a middle school', () => {
    expect(levelFromName('贵溪市第一高级中学文昌初中')).toBe('middle');
    expect(levelFromName('四平市第一高级中学')).toBe('high');
    expect(levelFromName('铁西中学附属小学')).toBe('primary');
    expect(levelFromName('贵溪五中')).toBe('middle');
    expect(levelFromName('Little London Community Primary School')).toBe('primary');
    expect(levelFromName('培训中心')).toBeUndefined();
  });

  it('trunk roads are walkable unless they are motor roads or say no', () => {
    expect(walkableRoad({ highway: 'trunk' })).toBe(true);
    expect(walkableRoad({ highway: 'trunk', motorroad: 'yes' })).toBe(false);
    expect(walkableRoad({ highway: 'trunk', sidewalk: 'no' })).toBe(false);
    expect(walkableRoad({ highway: 'trunk' }, { trunkWalkable: false })).toBe(false);
    expect(walkableRoad({ highway: 'trunk', sidewalk: 'both' }, { trunkWalkable: false })).toBe(true);
    expect(walkableRoad({ highway: 'motorway' })).toBe(false);
  });

  it('counts buildings used and left out, and the report lists what was left out', () => {
    const osm = importOsm('tiexi-small.osm', readFileSync(`${DIR}tiexi-small.osm`, 'utf8'));
    const note = osm.notes.find((n) => n.code === 'import_osm_buildings')!;
    expect(note.params).toEqual({ blocks: 2, houses: 1, untyped: 3, use: 2, land: 1, points: 1 });
    const loaded = loadImported(osm.files, osm.notes);
    const excluded = analyze(loaded).data_quality.find((q) => q.id === 'import.excluded')!;
    expect(excluded.value).toBe(4);
    expect(excluded.message.en).toContain('in non-residential land');
  });

  it('a rejected feature is named by its name first, then its OSM id', () => {
    const osm = importOsm('tiexi-small.osm', readFileSync(`${DIR}tiexi-small.osm`, 'utf8'));
    const { report } = loadImported(osm.files, osm.notes);
    const rejected = report.layers.schools!.issues.find((i) => i.severity === 'error')!;
    expect(formatIssue(rejected, 'en')).toMatch(/^"艺术培训学校" \(feature no\. \d+, id "node\/\d+"\), field level/);
    expect(formatIssue(rejected, 'zh')).toMatch(/^“艺术培训学校”（第 \d+ 个要素，id "node\/\d+"）/);
  });
});

describe('a real extract: Guixi, Jiangxi (OpenStreetMap, ODbL)', () => {
  const text = readFileSync('test/fixtures/real/guixi-jiangxi.osm', 'utf8');
  const osm = importOsm('guixi-jiangxi.osm', text);
  const loaded = loadImported(osm.files, osm.notes);
  const report = analyze(loaded);

  it('untyped buildings outside residential land become homes; every school gets a level', () => {
    // 165 buildings, almost all `building=yes` with no residential land around them.
    expect(loaded.dataset.layers.residential!.features.length).toBeGreaterThan(140);
    expect(loaded.report.layers.schools).toMatchObject({ features: 4, rejected: 0 });
  });

  it('the report says what its figures rest on: estimates, and a road network in pieces', () => {
    const ids = report.data_quality.map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['network.components', 'network.off_network', 'population.estimated', 'import.excluded']));
    const middle = report.indicators.find((i) => i.id === 'coverage.middle')!;
    expect(middle.reason).toContain('of these children rest on estimated population');
    expect(middle.reason).toContain('live off the walking network or on a separate piece');
  });
});
