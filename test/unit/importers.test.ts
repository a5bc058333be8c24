/**
 * Importers against fixtures made by other tools (scripts/make-import-fixtures.ts: GDAL for the
 * Shapefiles, iconv for GBK, the published GCJ-02/BD-09 forward formulas): every position must land
 * within 1 m of the truth, Chinese text must read back, and every importer must end in the loader's
 * report.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { greatCircleDistance } from '../../src/core/geodesy';
import { csvToRawLayer, findCoordinateColumns, guessPointCrs, type PointCrs } from '../../src/core/import/csvPoints';
import { readCsvTable } from '../../src/core/import/csvTable';
import { guessFieldMapping, layerFromSourceName, mapRawLayer, mappingKey } from '../../src/core/import/fieldMapping';
import { fetchFeatureService, firstPageUrl } from '../../src/core/import/featureService';
import { importOsm, schoolLevel } from '../../src/core/import/osm';
import { DEFAULT_OSM_OPTIONS } from '../../src/core/import/osmOptions';
import { readZip } from '../../src/core/import/shapefile';
import { decodeText } from '../../src/core/import/textEncoding';
import { loadImported } from '../../src/core/import/loadImported';
import { datasetFiles, zipDataset } from '../../src/core/import/datasetFolder';
import { loadDataset } from '../../src/core/loadDataset';
import { analyze } from '../../src/core/analyze';
import type { RawLayer } from '../../src/core/import/rawLayer';
import { startFeatureServer, type FeatureServer } from '../support/featureServer';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';
import { gcj02ToBd09, wgs84ToGcj02 } from '../../scripts/make-import-fixtures';

const DIR = 'test/fixtures/import/';
const bytes = (name: string) => new Uint8Array(readFileSync(DIR + name));
const truth = JSON.parse(readFileSync(`${DIR}truth-kindergartens.geojson`, 'utf8')) as FeatureCollection<Point, Record<string, string | number>>;
const truthPonds = JSON.parse(readFileSync(`${DIR}truth-ponds.geojson`, 'utf8')) as FeatureCollection<Polygon, Record<string, string>>;

const metresApart = (a: number[], b: number[]) => greatCircleDistance(a[0]!, a[1]!, b[0]!, b[1]!);

/** Each imported kindergarten is within 1 m of the true one with the same name. */
function expectAtTruth(raw: RawLayer, nameField: string) {
  expect(raw.features).toHaveLength(truth.features.length);
  for (const t of truth.features) {
    const f = raw.features.find((x) => x.properties[nameField] === t.properties['名称']);
    expect(f, `${t.properties['名称']} read back`).toBeDefined();
    expect(metresApart((f!.geometry as Point).coordinates, t.geometry.coordinates)).toBeLessThan(1);
  }
}

describe('text encodings', () => {
  it('reads UTF-8, a BOM, and falls back to GBK when the bytes are not UTF-8', () => {
    const gbk = new Uint8Array([0xd3, 0xd7, 0xb6, 0xf9, 0xd4, 0xb0]); // 幼儿园 in GBK
    expect(decodeText(gbk)).toEqual({ text: '幼儿园', encoding: 'gbk' });
    expect(decodeText(new TextEncoder().encode('幼儿园'))).toEqual({ text: '幼儿园', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).encoding).toBe('utf-8');
  });
});

describe('zipped Shapefiles', () => {
  it('CGCS2000 Gauss–Krüger zone 41 with GBK text: two layers, every position within 1 m', () => {
    const zip = readZip('tiexi-gk41-gbk.zip', bytes('tiexi-gk41-gbk.zip'));
    expect(zip.kind).toBe('shapefile');
    if (zip.kind !== 'shapefile') return;
    expect(zip.layers.map((l) => l.source).sort()).toEqual(['tiexi-gk41-gbk.zip/坑塘.shp', 'tiexi-gk41-gbk.zip/幼儿园.shp']);
    const kindergartens = zip.layers.find((l) => l.source.endsWith('幼儿园.shp'))!;
    expect(kindergartens.attributes).toEqual(['编号', '名称', '学位', '普惠']);
    expectAtTruth(kindergartens, '名称');
    expect(kindergartens.notes.map((n) => [n.code, n.params])).toEqual([
      ['import_encoding', { encoding: 'GBK' }],
      ['import_crs_converted', { crs: 'CGCS2000_3_Degree_GK_Zone_41' }],
    ]);
    const ponds = zip.layers.find((l) => l.source.endsWith('坑塘.shp'))!;
    for (const t of truthPonds.features) {
      const f = ponds.features.find((x) => x.properties['名称'] === t.properties['名称'])!;
      const ring = (f.geometry as Polygon).coordinates[0]!;
      // Shapefile rings run clockwise: compare as sets of vertices.
      for (const v of t.geometry.coordinates[0]!) expect(Math.min(...ring.map((p) => metresApart(p, v)))).toBeLessThan(1);
      expect(f.geometry!.bbox).toBeUndefined();
    }
  });

  it('reads GBK without a .cpg (from the bytes), UTM 51N and Web Mercator', () => {
    for (const [file, crs, encoding] of [
      ['kindergartens-gk-cm123-nocpg.zip', 'CGCS2000_3_Degree_GK_CM_123E', 'GBK'],
      ['kindergartens-utm51n-utf8.zip', 'WGS_1984_UTM_Zone_51N', 'UTF-8'],
      ['kindergartens-webmercator-utf8.zip', 'WGS_1984_Web_Mercator_Auxiliary_Sphere', 'UTF-8'],
    ] as const) {
      const zip = readZip(file, bytes(file));
      if (zip.kind !== 'shapefile') throw new Error(`${file}: ${zip.kind}`);
      const [layer] = zip.layers;
      expectAtTruth(layer!, '名称');
      expect(layer!.notes.find((n) => n.code === 'import_crs_converted')?.params.crs).toBe(crs);
      expect(layer!.notes.find((n) => n.code === 'import_encoding')?.params.encoding).toBe(encoding);
    }
  });

  it('maps attributes to the contract, translates Chinese values, and loads through the one loader', () => {
    const zip = readZip('tiexi-gk41-gbk.zip', bytes('tiexi-gk41-gbk.zip'));
    if (zip.kind !== 'shapefile') throw new Error(zip.kind);
    const ponds = zip.layers.find((l) => l.source.endsWith('坑塘.shp'))!;
    const mapping = guessFieldMapping('water', ponds.attributes);
    expect(mapping).toEqual({ id: '编号', name: '名称', kind: '类型' });
    const mapped = mapRawLayer(ponds, 'water', mapping);
    const kindergartens = zip.layers.find((l) => l.source.endsWith('幼儿园.shp'))!;
    const k = mapRawLayer(kindergartens, 'kindergartens', guessFieldMapping('kindergartens', kindergartens.attributes));
    const { dataset, report } = loadImported([mapped.file, k.file], [...mapped.notes, ...k.notes]);
    expect(report.usable).toBe(true);
    expect(dataset.layers.water!.features.map((f) => [f.id, f.properties.kind, f.properties.name])).toEqual([
      ['w1', 'pond', '平西养鱼塘'],
      ['w2', 'pit', '北沟取土坑'],
    ]);
    expect(report.layers.water!.issues.filter((i) => i.code === 'import_value_translated').map((i) => i.params)).toEqual([
      { value: '鱼塘', as: 'pond', count: 1 },
      { value: '取土坑', as: 'pit', count: 1 },
    ]);
    const k1 = dataset.layers.kindergartens!.features.find((f) => f.id === 'k1')!;
    expect(k1.properties).toMatchObject({ name: '铁西区第一幼儿园', capacity: 240, inclusive: true });
  });

  it('names what is wrong with a broken zip, and reads a dataset folder zipped', () => {
    const broken = readZip('x.zip', new TextEncoder().encode('not a zip'));
    expect(broken.kind === 'error' && broken.issue.code).toBe('zip_unreadable');
  });
});

describe('CSV point lists', () => {
  const cases: [string, PointCrs, 'utf-8' | 'gbk', string][] = [
    ['kindergartens-wgs84-utf8.csv', 'EPSG:4326', 'utf-8', '名称'],
    ['kindergartens-gcj02-gbk.csv', 'GCJ-02', 'gbk', '幼儿园名称'],
    ['kindergartens-bd09-utf8bom.csv', 'BD-09', 'utf-8', 'name'],
  ];
  it.each(cases)('%s in %s lands within 1 m of the truth', (file, crs, encoding, nameField) => {
    const table = readCsvTable(file, bytes(file));
    expect(table.encoding).toBe(encoding);
    const { lng, lat } = findCoordinateColumns(table.columns);
    const raw = csvToRawLayer(table, { lng: lng!, lat: lat!, crs });
    expectAtTruth(raw, nameField);
  });

  it('GCJ-02 and BD-09 come back within 0.5 m anywhere in mainland China (published forward formulas as the reference)', () => {
    let worst = 0;
    for (let lon = 75; lon <= 134; lon += 2.9) {
      for (let lat = 19; lat <= 53; lat += 1.7) {
        const gcj = wgs84ToGcj02(lon, lat);
        const bd = gcj02ToBd09(...gcj);
        const table = { source: 'grid.csv', columns: ['gx', 'gy', 'bx', 'by'], rows: [[...gcj, ...bd].map(String)], encoding: 'utf-8' as const };
        const fromGcj = csvToRawLayer(table, { lng: 'gx', lat: 'gy', crs: 'GCJ-02' }).features[0]!.geometry as Point;
        const fromBd = csvToRawLayer(table, { lng: 'bx', lat: 'by', crs: 'BD-09' }).features[0]!.geometry as Point;
        worst = Math.max(worst, metresApart(fromGcj.coordinates, [lon, lat]), metresApart(fromBd.coordinates, [lon, lat]));
      }
    }
    expect(worst).toBeLessThan(0.5);
  });

  it('the coordinate system matters: GCJ-02 read as WGS84 is hundreds of metres off', () => {
    const table = readCsvTable('g.csv', bytes('kindergartens-gcj02-gbk.csv'));
    const raw = csvToRawLayer(table, { lng: 'lng', lat: 'lat', crs: 'EPSG:4326' });
    expect(metresApart((raw.features[0]!.geometry as Point).coordinates, truth.features[0]!.geometry.coordinates)).toBeGreaterThan(300);
  });

  it('finds coordinate columns by Chinese or English names, and guesses the system from them', () => {
    expect(findCoordinateColumns(['名称', '经度', '纬度'])).toEqual({ lng: '经度', lat: '纬度' });
    expect(findCoordinateColumns(['Name', 'Longitude', 'Latitude'])).toEqual({ lng: 'Longitude', lat: 'Latitude' });
    expect(findCoordinateColumns(['name', 'X', 'Y'])).toEqual({ lng: 'X', lat: 'Y' });
    expect(findCoordinateColumns(['名称', '高德经度', '高德纬度'])).toEqual({ lng: '高德经度', lat: '高德纬度' });
    expect(findCoordinateColumns(['名称', '地址'])).toEqual({ lng: null, lat: null });
    expect(guessPointCrs(['名称', '百度经度', '百度纬度'])).toBe('BD-09');
    expect(guessPointCrs(['name', 'gcj02_lng', 'gcj02_lat'])).toBe('GCJ-02');
    expect(guessPointCrs(['name', 'lng', 'lat'])).toBe('EPSG:4326');
  });

  it('a row without coordinates is rejected by row number in the report; the others load', () => {
    const table = readCsvTable('kindergartens-wgs84-utf8.csv', bytes('kindergartens-wgs84-utf8.csv'));
    const raw = csvToRawLayer(table, { lng: '经度', lat: '纬度', crs: 'EPSG:4326' });
    const mapped = mapRawLayer(raw, 'kindergartens', guessFieldMapping('kindergartens', raw.attributes));
    const { dataset, report } = loadImported([mapped.file], mapped.notes);
    expect(dataset.layers.kindergartens!.features).toHaveLength(4);
    const layer = report.layers.kindergartens!;
    expect(layer.rejected).toBe(1);
    expect(layer.issues.find((i) => i.code === 'import_row_no_coordinates')).toMatchObject({ severity: 'error', params: { row: 6 } });
  });

  it('hostile text stays text', () => {
    const table = readCsvTable('h.csv', new TextEncoder().encode('名称,经度,纬度\n"<img src=x onerror=alert(1)>",124.3,43.1\n'));
    const raw = csvToRawLayer(table, { lng: '经度', lat: '纬度', crs: 'EPSG:4326' });
    const mapped = mapRawLayer(raw, 'kindergartens', { name: '名称' });
    const { dataset } = loadImported([mapped.file], mapped.notes);
    expect(dataset.layers.kindergartens!.features[0]!.properties.name).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('field mapping', () => {
  it('reads the layer from the source name where it says', () => {
    expect(layerFromSourceName('tiexi.zip/幼儿园.shp')).toBe('kindergartens');
    expect(layerFromSourceName('铁西区_坑塘.shp')).toBe('water');
    expect(layerFromSourceName('schools.csv')).toBe('schools');
    expect(layerFromSourceName('四平市儿童之家名单.csv')).toBe('childrens_homes');
    expect(layerFromSourceName('铁西区小学.csv')).toBe('schools');
    expect(layerFromSourceName('green_spaces')).toBe('green_spaces');
    expect(layerFromSourceName('list.csv')).toBeNull();
  });

  it('guesses from Chinese and English names and remembers by attribute set, not order', () => {
    expect(guessFieldMapping('schools', ['学校名称', '学段', '学位数'])).toEqual({ name: '学校名称', level: '学段', capacity: '学位数' });
    expect(guessFieldMapping('residential', ['OBJECTID', '小区名称', '常住人口', '所属社区'])).toEqual({ id: 'OBJECTID', name: '小区名称', population: '常住人口', community: '所属社区' });
    expect(mappingKey(['b', 'a'])).toBe(mappingKey(['a', 'b']));
  });

  it('reads school levels written in Chinese; an unknown word is left for the validator to name', () => {
    const raw: RawLayer = {
      source: 's.csv', attributes: ['n', 'l'], notes: [],
      features: ['小学', '初中', '九年一贯制', '高中', '职业学校'].map((l, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [124.3 + i / 100, 43.1] }, properties: { n: `school ${i}`, l } })),
    };
    const { dataset, report } = loadImported([mapRawLayer(raw, 'schools', { name: 'n', level: 'l' }).file], []);
    expect(dataset.layers.schools!.features.map((f) => f.properties.level)).toEqual(['primary', 'middle', 'nine_year', 'high']);
    expect(report.layers.schools!.issues.find((i) => i.severity === 'error')).toMatchObject({ field: 'level', index: 4 });
  });
});

describe('OpenStreetMap', () => {
  const xml = importOsm('tiexi-small.osm', readFileSync(`${DIR}tiexi-small.osm`, 'utf8'));
  const json = importOsm('tiexi-small.overpass.json', readFileSync(`${DIR}tiexi-small.overpass.json`, 'utf8'));
  const { dataset, report } = loadImported(xml.files, xml.notes);
  const ids = (layer: keyof typeof dataset.layers) => dataset.layers[layer]!.features.map((f) => f.id).sort();

  it('XML and Overpass JSON give the same layers', () => {
    expect(json.files.filter((f) => f.layer !== 'dataset').map((f) => f.text)).toEqual(xml.files.filter((f) => f.layer !== 'dataset').map((f) => f.text));
  });

  it('maps tags to layers as documented', () => {
    expect(report.usable).toBe(true);
    // The node inside way/201's grounds counts once; a kindergarten tagged amenity=school (by its name) is one.
    expect(dataset.layers.kindergartens!.features.map((f) => f.properties.name).sort()).toEqual(['北沟社区幼儿园', '铁西幼儿园', '阳光幼儿园']);
    expect(ids('childcare')).toEqual(['node/14']);
    expect(ids('playgrounds')).toEqual(['way/401']);
    expect(ids('green_spaces')).toEqual(['way/601']);
    expect(ids('health')).toEqual(['node/33']);
    expect(ids('venues')).toEqual(['node/34']);
    expect(dataset.layers.schools!.features.map((f) => [f.properties.name, f.properties.level])).toEqual([
      ['铁西区实验小学', 'primary'],
      ['Tiexi No. 3 Middle School', 'middle'],
      ['九年一贯制学校', 'nine_year'],
      ['四平市第一高级中学文昌初中', 'middle'],
    ]);
    // A school whose level nothing tells is rejected by the validator, naming the field.
    expect(report.layers.schools!.issues.find((i) => i.severity === 'error')).toMatchObject({ field: 'level', featureId: 'node/21' });
    const roads = Object.fromEntries(dataset.layers.roads!.features.map((f) => [f.id, f.properties.walkable]));
    // way/104 under construction: left out; a trunk road is walked along unless it is a motor road.
    expect(roads).toEqual({ 'way/101': true, 'way/102': true, 'way/103': false, 'way/105': true, 'way/106': false });
    const water = Object.fromEntries(dataset.layers.water!.features.map((f) => [f.id, [f.properties.kind, f.geometry.type]]));
    expect(water).toEqual({ 'relation/901': ['lake', 'Polygon'], 'way/501': ['pond', 'Polygon'], 'way/502': ['river', 'LineString'] });
    const lake = dataset.layers.water!.features.find((f) => f.id === 'relation/901')!;
    expect((lake.geometry as Polygon).coordinates).toHaveLength(2); // the island is a hole
  });

  it('estimates population from footprint × levels × density, marked as estimated', () => {
    const homes = Object.fromEntries(dataset.layers.residential!.features.map((f) => [f.id, f.properties]));
    // Land with buildings on it (703, 704) is left out; plain building=yes counts inside residential land (706) and
    // outside it (707, 712), but not in industrial land (709), as a shop (710) or as a school building (711).
    expect(Object.keys(homes).sort()).toEqual(['way/701', 'way/702', 'way/705', 'way/706', 'way/707', 'way/712', 'way/713']);
    expect(homes['way/706']!.residential_because).toBe('untyped building inside landuse=residential');
    expect(homes['way/707']!.residential_because).toBe('untyped building, no non-residential use or land');
    // Houses, and untyped buildings under 200 m² outside residential land, have 2 storeys unless tagged; 707 (400 m²) is a block.
    expect(homes['way/712']!.population).toBeCloseTo((100 * 2 * 3) / 100, 0);
    expect(homes['way/713']!.population).toBeCloseTo((120 * 2 * 3) / 100, 0);
    expect(homes['way/707']!.population).toBeCloseTo((400 * 6 * 3) / 100, -1);
    // way/701: 20 m × 30 m, 6 levels tagged; way/702: 20 m × 15 m, 6 levels assumed; at 3 people per 100 m².
    expect(homes['way/701']!.population).toBeCloseTo((600 * 6 * 3) / 100, -1);
    expect(homes['way/702']!.population).toBeCloseTo((300 * 6 * 3) / 100, -1);
    expect(homes['way/705']!.population).toBeCloseTo(150, -1); // 1 ha of land at 150 per ha
    expect(homes['way/706']!.population).toBeCloseTo((300 * 6 * 3) / 100, -1);
    for (const h of Object.values(homes)) expect(h.population_estimated).toBe(true);
    const denser = importOsm('x.osm', readFileSync(`${DIR}tiexi-small.osm`, 'utf8'), { ...DEFAULT_OSM_OPTIONS, peoplePer100m2: 6 });
    const home = JSON.parse(denser.files.find((f) => f.layer === 'residential')!.text).features.find((f: Feature) => f.properties!.id === 'way/701');
    expect(Math.abs(home.properties.population - 2 * (homes['way/701']!.population as number))).toBeLessThanOrEqual(1);
    expect(report.layers.residential!.issues.some((i) => i.code === 'import_population_estimated')).toBe(true);
  });

  it('the report says its figures rest on estimated population; child counts come from the age shares', () => {
    const analysed = analyze({ dataset, report });
    const coverage = analysed.indicators.find((i) => i.id === 'coverage.kindergarten')!;
    expect(coverage.value).not.toBeNull();
    expect(coverage.reason).toContain('population estimated from building footprints or land area for 7 homes');
    expect(coverage.reason).toContain('age band estimated from age_shares');
  });

  it('school levels from isced:level, school=* and names', () => {
    expect(schoolLevel({ 'isced:level': '1;2;3' })).toBe('complete');
    expect(schoolLevel({ 'isced:level': '3' })).toBe('high');
    expect(schoolLevel({ school: 'primary' })).toBe('primary');
    expect(schoolLevel({ name: '四平市第一高级中学' })).toBe('high');
    expect(schoolLevel({ name: '培训中心' })).toBeUndefined();
  });

  it('crossing nodes become the crossings layer, their protection read from the tags', () => {
    const nodes: [number, string][] = [
      [1, '<tag k="highway" v="crossing"/><tag k="crossing" v="traffic_signals"/>'],
      [2, '<tag k="highway" v="traffic_signals"/>'],
      [3, '<tag k="highway" v="crossing"/><tag k="crossing" v="uncontrolled"/>'],
      [4, '<tag k="highway" v="crossing"/><tag k="crossing" v="unmarked"/>'],
      [5, '<tag k="highway" v="crossing"/><tag k="supervised" v="yes"/>'],
      [6, '<tag k="highway" v="crossing"/>'],
      [7, '<tag k="railway" v="level_crossing"/><tag k="crossing" v="barrier"/>'],
      [8, '<tag k="highway" v="crossing"/><tag k="crossing" v="marked"/><tag k="name" v="&lt;b&gt;学校门口&lt;/b&gt;"/>'],
    ];
    const text = `<?xml version="1.0"?><osm version="0.6">${nodes.map(([id, tags]) => `<node id="${id}" lat="43.16" lon="${124.34 + id / 10000}">${tags}</node>`).join('')}` +
      `<way id="100">${nodes.map(([id]) => `<nd ref="${id}"/>`).join('')}<tag k="highway" v="primary"/></way></osm>`;
    const imported = importOsm('crossings.osm', text);
    const { dataset: d } = loadImported(imported.files, imported.notes);
    const kinds = Object.fromEntries(d.layers.crossings!.features.map((f) => [f.id, f.properties.kind]));
    expect(kinds).toEqual({ 'node/1': 'signals', 'node/2': 'signals', 'node/3': 'zebra', 'node/4': 'uncontrolled', 'node/5': 'guard', 'node/6': 'uncontrolled', 'node/8': 'zebra' });
    expect(d.layers.crossings!.features.find((f) => f.id === 'node/8')!.properties.name).toBe('<b>学校门口</b>');
    expect(d.layers.roads!.features).toHaveLength(1);
  });

  it('a file that is neither OSM XML nor Overpass JSON is named, and nothing is loaded', () => {
    const bad = importOsm('bad.osm', '{"type":"FeatureCollection"}');
    const result = loadImported(bad.files, bad.notes);
    expect(result.report.usable).toBe(false);
    expect(result.report.dataset[0]).toMatchObject({ code: 'import_failed' });
  });
});

describe('map services (local OGC API / WFS server on 127.0.0.1)', () => {
  let server: FeatureServer;
  const many: FeatureCollection = {
    type: 'FeatureCollection',
    features: Array.from({ length: 25 }, (_, i) => ({ type: 'Feature', id: `s${i}`, geometry: { type: 'Point', coordinates: [124.3 + i / 1000, 43.15] }, properties: { 名称: `学校${i}`, 学段: '小学' } })),
  };
  beforeAll(async () => {
    server = await startFeatureServer({ collections: { schools: many }, maxPage: 10 });
  });
  afterAll(() => server.close());

  it('follows OGC API next links through every page', async () => {
    const pages: number[] = [];
    const result = await fetchFeatureService(`${server.url}/ogc/collections/schools`, { pageSize: 10, onPage: (p) => pages.push(p) });
    if (!result.ok) throw new Error(JSON.stringify(result.issue));
    expect(result.layer.features.map((f) => f.properties.id)).toEqual(many.features.map((f) => f.id));
    expect(pages).toEqual([1, 2, 3]);
    expect(result.layer.source).toBe('schools');
    const mapped = mapRawLayer(result.layer, 'schools', guessFieldMapping('schools', result.layer.attributes));
    const { dataset } = loadImported([mapped.file], mapped.notes);
    expect(dataset.layers.schools!.features).toHaveLength(25);
    expect(dataset.layers.schools!.features[0]!.properties.level).toBe('primary');
  });

  it('pages a WFS with startIndex, even when the server gives less than asked', async () => {
    const result = await fetchFeatureService(`${server.url}/wfs?service=WFS&request=GetFeature&typeNames=schools`, { pageSize: 100 });
    if (!result.ok) throw new Error(JSON.stringify(result.issue));
    expect(result.layer.features).toHaveLength(25);
    expect(server.requests.filter((r) => r.startsWith('/wfs')).map((r) => new URLSearchParams(r.split('?')[1]).get('startIndex'))).toEqual(['0', '10', '20']);
  });

  it('converts a WFS answer in Gauss–Krüger metres', async () => {
    const gk = await startFeatureServer({
      collections: { k: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [41528003.3, 4782000] }, properties: {} }] } },
      wfsCrs: 'urn:ogc:def:crs:EPSG::4529',
    });
    const result = await fetchFeatureService(`${gk.url}/wfs?service=WFS&request=GetFeature&typeNames=k`);
    await gk.close();
    if (!result.ok) throw new Error(JSON.stringify(result.issue));
    const [lon, lat] = (result.layer.features[0]!.geometry as Point).coordinates;
    expect(lon).toBeCloseTo(123.34439, 4);
    expect(lat).toBeCloseTo(43.17303, 4);
  });

  it('says clearly when the service is unreachable or answers with something else', async () => {
    const code = async (url: string) => {
      const r = await fetchFeatureService(url);
      return r.ok ? 'ok' : `${r.issue.code} ${JSON.stringify(r.issue.params)}`;
    };
    expect(await code('http://127.0.0.1:9/collections/x/items')).toMatch(/^service_unreachable/);
    expect(await code(`${server.url}/broken/collections/x/items`)).toMatch(/^service_http_error .*"status":500/);
    expect(await code(`${server.url}/wfs?service=WFS&typeNames=nope`)).toMatch(/^service_http_error .*Feature type nope unknown/);
    expect(await code(`${server.url}/not-features/collections/x/items`)).toMatch(/^service_not_features/);
    expect(await code(`${server.url}/html?service=WFS`)).toMatch(/^service_not_features .*text\/html/);
    expect(await code('ftp://example.org/data')).toMatch(/^service_not_features/);
    expect(firstPageUrl('https://example.org/ogc/collections/schools', 500)?.url.toString()).toBe('https://example.org/ogc/collections/schools/items?limit=500');
  });
});

describe('dataset folder, zipped', () => {
  it('the Tiexi sample survives a zip and back: same layers, features and report', async () => {
    const folder = readDatasetFolder('data/tiexi');
    const original = loadDataset(folder.files);
    const zip = readZip('tiexi.zip', zipDataset(original.dataset));
    if (zip.kind !== 'dataset') throw new Error(zip.kind);
    expect(zip.files.map((f) => f.name)).toContain('dataset.json');
    const again = loadDataset(zip.files.map((f) => ({ name: f.name, text: new TextDecoder().decode(f.bytes) })));
    expect(again.report.usable).toBe(true);
    expect(again.dataset.meta).toEqual({ ...original.dataset.meta, crs: 'EPSG:4326' });
    for (const [layer, collection] of Object.entries(original.dataset.layers)) {
      const back = again.dataset.layers[layer as keyof typeof again.dataset.layers]!;
      expect(back.features.map((f) => f.id)).toEqual(collection!.features.map((f) => f.id));
      expect(back.features.map((f) => f.geometry)).toEqual(collection!.features.map((f) => f.geometry));
    }
    expect(Object.keys(datasetFiles(original.dataset))[0]).toBe('dataset.json');
  });

  it('the command-line tools read the zip as they read the folder', () => {
    const zipPath = join(mkdtempSync(join(tmpdir(), 'zip-')), 'tiexi.zip');
    writeFileSync(zipPath, zipDataset(loadDataset(readDatasetFolder('data/tiexi').files).dataset));
    const run = spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'validate.ts'), zipPath, '--lang', 'en'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('residential (Residential) — residential.geojson: 2373 loaded, 0 rejected');
  });
});

describe('npm run import', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'import.ts'), ...args, '--lang', 'en'], { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' });

  it('osm → a dataset folder that validates; a csv and a shapefile add layers to it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'import-')), 'tiexi');
    const osm = cli('osm', `${DIR}tiexi-small.osm`, '--out', out);
    expect(osm.status, osm.stderr).toBe(0);
    expect(osm.stdout).toContain('population of 7 residential features is estimated');
    const csv = cli('csv', `${DIR}kindergartens-bd09-utf8bom.csv`, '--layer', 'childcare', '--crs', 'BD-09', '--out', out);
    expect(csv.status, csv.stderr).toBe(0);
    const shp = cli('shapefile', `${DIR}tiexi-gk41-gbk.zip`, '--layers', '幼儿园=kindergartens,坑塘=water', '--out', out);
    expect(shp.status, shp.stderr).toBe(0);
    const { dataset, report } = loadDataset(readDatasetFolder(out).files);
    expect(report.usable).toBe(true);
    expect(dataset.meta.name).toBe('OpenStreetMap: tiexi-small.osm');
    expect(dataset.layers.childcare!.features).toHaveLength(4);
    expect(dataset.layers.kindergartens!.features.map((f) => f.id)).toEqual(['k1', 'k2', 'k3', 'k4']);
    expect(dataset.layers.roads!.features).toHaveLength(5); // from the OSM import, left alone
    const k1 = dataset.layers.kindergartens!.features[0]!;
    expect(metresApart((k1.geometry as Point).coordinates, truth.features[0]!.geometry.coordinates)).toBeLessThan(1);
  });

  it('writes nothing when nothing can be used, and says why', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'import-')), 'none');
    const bad = cli('osm', `${DIR}truth-ponds.geojson`, '--out', out);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('OpenStreetMap');
    expect(() => readdirSync(out)).toThrow();
    const anonymous = join(mkdtempSync(join(tmpdir(), 'csv-')), 'list.csv');
    writeFileSync(anonymous, readFileSync(`${DIR}kindergartens-wgs84-utf8.csv`));
    const noLayer = cli('csv', anonymous, '--out', out);
    expect(noLayer.status).toBe(2);
    expect(noLayer.stderr).toContain('--layer must be one of');
  });
});

describe('.prj files', () => {
  it('warns about a datum it cannot shift (Xi’an 1980), and converts CGCS2000 and WGS84 without one', async () => {
    const { crsFromPrj } = await import('../../src/core/import/projection');
    const xian = 'PROJCS["Xian_1980_3_Degree_GK_CM_123E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",123.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const result = crsFromPrj(xian);
    expect(result.ok && result.otherDatum).toBe('D_Xian_1980');
    const zip = readZip('k.zip', bytes('kindergartens-utm51n-utf8.zip'));
    expect(zip.kind === 'shapefile' && zip.layers[0]!.notes.some((n) => n.code === 'import_datum_unshifted')).toBe(false);
    expect(crsFromPrj('PROJCS["x",GEOGCS["y",DATUM["z",SPHEROID["s",1,0]]],PROJECTION["No_Such_Projection"]]').ok).toBe(false);
  });

  it('reads a 6-degree Gauss–Krüger zone (EPSG:4499, Esri WKT from GDAL) to within 1 m of PROJ', async () => {
    const { crsFromPrj } = await import('../../src/core/import/projection');
    const wkt = 'PROJCS["CGCS2000_GK_Zone_21",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",21500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",123.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const result = crsFromPrj(wkt);
    if (!result.ok || !result.toWgs84) throw new Error('not read');
    // `cs2cs EPSG:4490 +to EPSG:4499` puts 124.3412 E, 43.1587 N at these metres.
    expect(metresApart(result.toWgs84(21609081.5223, 4781223.9261), [124.3412, 43.1587])).toBeLessThan(0.01);
  });
});

describe('zips made on a Chinese Windows', () => {
  it('reads file names stored in GBK without the UTF-8 flag', async () => {
    const { zipSync, unzipSync } = await import('fflate');
    // An ASCII name of the same byte length as 幼儿园 in GBK (6 bytes), swapped for it in place.
    const zip = zipSync({ 'XXXXXX.shp': new Uint8Array(0) });
    for (let i = 0; i + 6 <= zip.length; i++) {
      if (String.fromCharCode(...zip.subarray(i, i + 6)) === 'XXXXXX') zip.set([0xd3, 0xd7, 0xb6, 0xf9, 0xd4, 0xb0], i);
    }
    expect(Object.keys(unzipSync(zip))[0]).toBe('Ó×¶ùÔ°.shp'); // what the unzipper alone makes of it
    const read = readZip('windows.zip', zip);
    expect(read.kind === 'shapefile' && read.layers[0]!.source).toBe('windows.zip/幼儿园.shp');
  });
});
