/**
 * Makes the importer fixtures in test/fixtures/import/ from one set of true WGS84 positions, with
 * tools other than the ones under test, so the tests compare our conversions with an independent
 * one: GDAL's ogr2ogr (PROJ) writes the Shapefiles, glibc's iconv the GBK text, and the GCJ-02 /
 * BD-09 positions come from the published forward formulas below (the app uses gcoord's inverse).
 *
 *   npx tsx scripts/make-import-fixtures.ts      (needs gdal-bin and iconv; the output is committed)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';

const OUT = 'test/fixtures/import';

/** Four kindergartens and two ponds around Tiexi: the truth every fixture is made from. */
export const KINDERGARTENS = [
  { id: 'k1', name: '铁西区第一幼儿园', lon: 124.3412, lat: 43.1587, capacity: 240, inclusive: '是' },
  { id: 'k2', name: '平西街道阳光幼儿园', lon: 124.3198, lat: 43.1702, capacity: 180, inclusive: '否' },
  { id: 'k3', name: '北沟社区小天使幼儿园', lon: 124.3565, lat: 43.1821, capacity: 90, inclusive: '是' },
  { id: 'k4', name: '英雄街道“彩虹”幼儿园', lon: 124.3307, lat: 43.1449, capacity: 150, inclusive: '否' },
];
const PONDS = [
  { id: 'w1', name: '平西养鱼塘', kind: '鱼塘', ring: [[124.3150, 43.1680], [124.3175, 43.1680], [124.3175, 43.1695], [124.3150, 43.1695], [124.3150, 43.1680]] },
  { id: 'w2', name: '北沟取土坑', kind: '取土坑', ring: [[124.3600, 43.1850], [124.3612, 43.1850], [124.3612, 43.1858], [124.3600, 43.1850]] },
];

// ---- GCJ-02 and BD-09, forward (WGS84 → GCJ-02 → BD-09), as published with the national rules.
const A = 6378245.0;
const EE = 0.00669342162296594323;
function transformLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}
function transformLon(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}
export function wgs84ToGcj02(lon: number, lat: number): [number, number] {
  let dLat = transformLat(lon - 105, lat - 35);
  let dLon = transformLon(lon - 105, lat - 35);
  const radLat = (lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}
export function gcj02ToBd09(lon: number, lat: number): [number, number] {
  const xPi = (Math.PI * 3000) / 180;
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * xPi);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * xPi);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

const csvLine = (cells: (string | number)[]) => cells.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',');

function toGbk(text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  // The truth, as GeoJSON, for the tests and for ogr2ogr.
  const truth = {
    type: 'FeatureCollection',
    features: KINDERGARTENS.map((k) => ({
      type: 'Feature',
      properties: { 编号: k.id, 名称: k.name, 学位: k.capacity, 普惠: k.inclusive },
      geometry: { type: 'Point', coordinates: [k.lon, k.lat] },
    })),
  };
  const ponds = {
    type: 'FeatureCollection',
    features: PONDS.map((p) => ({ type: 'Feature', properties: { 编号: p.id, 名称: p.name, 类型: p.kind }, geometry: { type: 'Polygon', coordinates: [p.ring] } })),
  };
  writeFileSync(join(OUT, 'truth-kindergartens.geojson'), `${JSON.stringify(truth, null, 1)}\n`);
  writeFileSync(join(OUT, 'truth-ponds.geojson'), `${JSON.stringify(ponds, null, 1)}\n`);

  // ---- CSVs: three systems, both encodings.
  const rows = (convert: (lon: number, lat: number) => [number, number]) =>
    KINDERGARTENS.map((k) => {
      const [x, y] = convert(k.lon, k.lat);
      return { k, x: x.toFixed(7), y: y.toFixed(7) };
    });
  const wgs = ['名称,经度,纬度,学位,普惠', ...rows((x, y) => [x, y]).map(({ k, x, y }) => csvLine([k.name, x, y, k.capacity, k.inclusive]))];
  // A row Excel users leave behind: no coordinates. It must be named, not crash or vanish silently.
  wgs.push(csvLine(['待定幼儿园', '', '', 60, '否']));
  writeFileSync(join(OUT, 'kindergartens-wgs84-utf8.csv'), `${wgs.join('\r\n')}\r\n`);
  const gcj = ['幼儿园名称,lng,lat,学位数', ...rows(wgs84ToGcj02).map(({ k, x, y }) => csvLine([k.name, x, y, k.capacity]))];
  writeFileSync(join(OUT, 'kindergartens-gcj02-gbk.csv'), toGbk(`${gcj.join('\r\n')}\r\n`));
  const bd = ['name,x,y,capacity,备注', ...rows((lon, lat) => gcj02ToBd09(...wgs84ToGcj02(lon, lat))).map(({ k, x, y }) => csvLine([k.name, x, y, k.capacity, '百度坐标']))];
  writeFileSync(join(OUT, 'kindergartens-bd09-utf8bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${bd.join('\r\n')}\r\n`)]));

  // ---- Shapefiles, written by GDAL.
  const shapefileZip: ZipMaker = (zipName, layers, epsg, encoding, keep = () => true) => {
    const dir = mkdtempSync(join(tmpdir(), 'shp-'));
    for (const { src, name } of layers) {
      execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-t_srs', epsg, '-lco', `ENCODING=${encoding}`, '-nln', name, join(dir, `${name}.shp`), join(OUT, src)]);
    }
    const entries: Record<string, Uint8Array> = {};
    for (const f of readdirSync(dir)) if (keep(f)) entries[f] = readFileSync(join(dir, f));
    writeFileSync(join(OUT, zipName), zipSync(entries, { mtime: new Date('2026-01-01T00:00:00Z') }));
    rmSync(dir, { recursive: true });
  };
  // CGCS2000 3-degree Gauss–Krüger zone 41 (central meridian 123°E, zone number in the easting), GBK.
  shapefileZip('tiexi-gk41-gbk.zip', [{ src: 'truth-kindergartens.geojson', name: '幼儿园' }, { src: 'truth-ponds.geojson', name: '坑塘' }], 'EPSG:4529', 'GBK');
  // The same zone without the prefix (CM 123°E), GBK with no .cpg: the .dbf header must say it.
  shapefileZip('kindergartens-gk-cm123-nocpg.zip', [{ src: 'truth-kindergartens.geojson', name: 'kindergartens' }], 'EPSG:4550', 'GBK', (f) => !f.endsWith('.cpg'));
  shapefileZip('kindergartens-utm51n-utf8.zip', [{ src: 'truth-kindergartens.geojson', name: 'kindergartens' }], 'EPSG:32651', 'UTF-8');
  shapefileZip('kindergartens-webmercator-utf8.zip', [{ src: 'truth-kindergartens.geojson', name: 'kindergartens' }], 'EPSG:3857', 'UTF-8');
  writeRealWorldCases(shapefileZip, rows);
  writeOsm();
  console.log(`fixtures written to ${OUT}`);
}

/** Two schools, one of them a campus in two parts, as planning institutes' Shapefiles have them. */
export const SCHOOLS = [
  { id: 's1', name: '铁东区实验小学', level: '小学', ring: [[124.3400, 43.1600], [124.3420, 43.1600], [124.3420, 43.1612], [124.3400, 43.1612], [124.3400, 43.1600]] },
  { id: 's2', name: '铁东区第二中学', level: '初中', ring: [[124.3500, 43.1650], [124.3515, 43.1650], [124.3515, 43.1660], [124.3500, 43.1660], [124.3500, 43.1650]],
    second: [[124.3520, 43.1650], [124.3528, 43.1650], [124.3528, 43.1656], [124.3520, 43.1656], [124.3520, 43.1650]] },
];

type ZipMaker = (zipName: string, layers: { src: string; name: string }[], epsg: string, encoding: string, keep?: (file: string) => boolean) => void;

/** The files offices really send: what broke on real data (see docs/import.md, "real files"). */
function writeRealWorldCases(shapefileZip: ZipMaker, rows: (convert: (lon: number, lat: number) => [number, number]) => { k: (typeof KINDERGARTENS)[number]; x: string; y: string }[]): void {
  const schools = {
    type: 'FeatureCollection',
    features: SCHOOLS.map((s) => ({
      type: 'Feature',
      properties: { 编号: s.id, 名称: s.name, 学段: s.level },
      geometry: s.second ? { type: 'MultiPolygon', coordinates: [[s.ring], [s.second]] } : { type: 'Polygon', coordinates: [s.ring] },
    })),
  };
  writeFileSync(join(OUT, 'truth-schools.geojson'), `${JSON.stringify(schools, null, 1)}\n`);
  // UTF-8 attributes without a .cpg (GDAL, QGIS and ArcGIS Pro all write these): must not come out as mojibake.
  shapefileZip('schools-utf8-nocpg.zip', [{ src: 'truth-schools.geojson', name: 'schools' }], 'EPSG:4490', 'UTF-8', (f) => !f.endsWith('.cpg'));
  // Projected (CGCS2000 3-degree zone 41) with no .prj: the planner must be asked, with the zone read from the easting.
  shapefileZip('schools-gk41-noprj.zip', [{ src: 'truth-schools.geojson', name: 'schools' }], 'EPSG:4529', 'GBK', (f) => !f.endsWith('.prj'));
  // Names in GBK without the UTF-8 flag whose bytes are also valid UTF-8 (学校, 水系).
  shapefileZip('gbk-names.zip', [{ src: 'truth-schools.geojson', name: 'QQQQ' }, { src: 'truth-ponds.geojson', name: 'WWWW' }], 'EPSG:4490', 'GBK');
  const zip = readFileSync(join(OUT, 'gbk-names.zip'));
  const swap = (placeholder: string, chinese: string) => {
    const bytes = toGbk(chinese);
    for (let i = 0; i + bytes.length <= zip.length; i++) if (zip.subarray(i, i + bytes.length).toString('latin1') === placeholder) bytes.copy(zip, i);
  };
  swap('QQQQ', '学校');
  swap('WWWW', '水系');
  writeFileSync(join(OUT, 'gbk-names.zip'), zip);
  // Gaode's Web API layout: both coordinates in one `location` cell, GCJ-02, file named for amap.
  const amap = ['name,location,address', ...rows(wgs84ToGcj02).map(({ k, x, y }) => csvLine([k.name, `${x},${y}`, '吉林省四平市']))];
  writeFileSync(join(OUT, 'kindergartens-amap-location.csv'), `${amap.join('\n')}\n`);
  // A `经纬度` cell and nothing that says the system: WGS84 is assumed, and said.
  const cell = ['名称,经纬度,学位', ...rows((x, y) => [x, y]).map(({ k, x, y }) => csvLine([k.name, `${x}，${y}`, k.capacity]))];
  writeFileSync(join(OUT, 'kindergartens-cell-nohint.csv'), `${cell.join('\n')}\n`);
}

// ---- A small OpenStreetMap extract covering each row of the tag mapping, as XML and as Overpass JSON.
type El = { type: 'node'; id: number; lat: number; lon: number; tags?: Record<string, string> } | { type: 'way'; id: number; nodes: number[]; tags?: Record<string, string> } | { type: 'relation'; id: number; members: { type: string; ref: number; role: string }[]; tags?: Record<string, string> };

/** Metres east/north of a point in Tiexi, as lon/lat: readable offsets for hand-made geometry. */
const O = { lon: 124.34, lat: 43.16 };
const at = (east: number, north: number) => ({ lon: +(O.lon + east / (111320 * Math.cos((O.lat * Math.PI) / 180))).toFixed(7), lat: +(O.lat + north / 110574).toFixed(7) });

export function osmElements(): El[] {
  const els: El[] = [];
  let nextNode = 1;
  const node = (east: number, north: number, tags?: Record<string, string>) => {
    const id = nextNode++;
    els.push({ type: 'node', id, ...at(east, north), ...(tags ? { tags } : {}) });
    return id;
  };
  const box = (e0: number, n0: number, e1: number, n1: number) => {
    const a = node(e0, n0), b = node(e1, n0), c = node(e1, n1), d = node(e0, n1);
    return [a, b, c, d, a];
  };
  const way = (id: number, nodes: number[], tags?: Record<string, string>) => els.push({ type: 'way', id, nodes, ...(tags ? { tags } : {}) });
  // Roads: a residential street, a footway sharing its end node, a motorway (not walkable), one under construction (left out).
  const r1 = node(0, 0), r2 = node(400, 0), r3 = node(400, 300);
  way(101, [r1, r2], { highway: 'residential', name: '英雄大街' });
  way(102, [r2, r3], { highway: 'footway' });
  way(103, [node(0, -200), node(600, -200)], { highway: 'motorway', name: '长深高速' });
  way(104, [node(0, 500), node(300, 500)], { highway: 'construction' });
  // Kindergartens: a node, and grounds (way) with a duplicate node inside them.
  node(50, 30, { amenity: 'kindergarten', name: '铁西幼儿园', capacity: '180' });
  way(201, box(200, 40, 260, 90), { amenity: 'kindergarten', name: '阳光幼儿园' });
  node(230, 60, { amenity: 'kindergarten', name: '阳光幼儿园' });
  node(120, 40, { amenity: 'childcare', name: '小橘灯托育' });
  // Schools: level from isced:level, from school=*, from the name; one whose level cannot be told.
  way(301, box(300, 100, 380, 180), { amenity: 'school', name: '铁西区实验小学' });
  node(150, 250, { amenity: 'school', 'isced:level': '2', name: 'Tiexi No. 3 Middle School' });
  node(180, 260, { amenity: 'school', 'isced:level': '1;2', name: '九年一贯制学校' });
  node(210, 270, { amenity: 'school', name: '艺术培训学校' });
  // Play, water, health, venues.
  way(401, box(100, 100, 130, 120), { leisure: 'playground', name: '街心游园' });
  way(501, box(500, 100, 560, 140), { natural: 'water', water: 'pond', name: '北沟坑塘' });
  way(502, [node(-100, 400), node(200, 420), node(600, 430)], { waterway: 'river', name: '条子河' });
  node(520, 200, { amenity: 'hospital', name: '四平市儿童医院' });
  node(60, 200, { amenity: 'internet_cafe', name: '星空网吧' });
  way(601, box(600, 0, 700, 80), { leisure: 'park', name: '南湖公园' });
  // Homes: a tagged-levels block, an untagged one, land with buildings on it (dropped), bare land (estimated).
  way(701, box(20, 60, 40, 90), { building: 'apartments', 'building:levels': '6', name: '铁西小区1号楼' });
  way(702, box(60, 60, 80, 75), { building: 'residential' });
  way(703, box(10, 50, 100, 110), { landuse: 'residential', name: '铁西小区' });
  way(704, box(-200, 100, -100, 200), { landuse: 'residential', name: '平西村' });
  way(705, box(-400, 100, -300, 200), { landuse: 'residential', name: '北沟村' });
  // Plain `building=yes`, as most Chinese OSM buildings are: a home inside residential land, not outside it.
  way(706, box(-180, 120, -160, 135), { building: 'yes' });
  way(707, box(450, 300, 470, 320), { building: 'yes' });
  // A multipolygon lake with an island: osmtogeojson must assemble it.
  const outer = box(700, 300, 900, 450);
  const inner = box(780, 350, 820, 400);
  way(801, outer);
  way(802, inner);
  els.push({ type: 'relation', id: 901, members: [{ type: 'way', ref: 801, role: 'outer' }, { type: 'way', ref: 802, role: 'inner' }], tags: { type: 'multipolygon', natural: 'water', water: 'lake', name: '南湖' } });
  // Something no layer takes.
  node(0, 600, { shop: 'supermarket', name: '超市' });
  // Buildings by the rules in docs/import.md: untyped ones are homes unless their use or land says otherwise.
  way(708, box(1000, 0, 1100, 60), { landuse: 'industrial', name: '铁西工业园' });
  way(709, box(1020, 10, 1040, 30), { building: 'yes' }); // in industrial land: left out
  way(710, box(1200, 0, 1230, 20), { building: 'yes', shop: 'supermarket', name: '欧亚超市' }); // a shop: left out
  way(711, box(1300, 0, 1330, 20), { building: 'school' }); // a school building: left out
  way(712, box(1400, 0, 1410, 10), { building: 'yes' }); // 100 m², outside residential land: a house, 2 storeys
  way(713, box(1500, 0, 1512, 10), { building: 'house' }); // a house: 2 storeys
  node(1600, 0, { building: 'yes' }); // a home as a point: no footprint
  // Trunk roads: walked along in town, unless a motor road.
  way(105, [node(0, 700), node(400, 700)], { highway: 'trunk', name: '紫气大路' });
  way(106, [node(0, 800), node(400, 800)], { highway: 'trunk', motorroad: 'yes', name: '铁西快速路' });
  // A kindergarten mapped as a school, and a school whose name holds two levels (the last one counts).
  node(240, 280, { amenity: 'school', name: '北沟社区幼儿园' });
  node(260, 290, { amenity: 'school', name: '四平市第一高级中学文昌初中' });
  return els;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
function writeOsm(): void {
  const els = osmElements();
  const tagXml = (tags?: Record<string, string>) => Object.entries(tags ?? {}).map(([k, v]) => `\n    <tag k="${xmlEscape(k)}" v="${xmlEscape(v)}"/>`).join('');
  const lines = els.map((e) => {
    if (e.type === 'node') return e.tags ? `  <node id="${e.id}" lat="${e.lat}" lon="${e.lon}">${tagXml(e.tags)}\n  </node>` : `  <node id="${e.id}" lat="${e.lat}" lon="${e.lon}"/>`;
    if (e.type === 'way') return `  <way id="${e.id}">${e.nodes.map((n) => `\n    <nd ref="${n}"/>`).join('')}${tagXml(e.tags)}\n  </way>`;
    return `  <relation id="${e.id}">${e.members.map((m) => `\n    <member type="${m.type}" ref="${m.ref}" role="${m.role}"/>`).join('')}${tagXml(e.tags)}\n  </relation>`;
  });
  writeFileSync(join(OUT, 'tiexi-small.osm'), `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="make-import-fixtures">\n${lines.join('\n')}\n</osm>\n`);
  writeFileSync(join(OUT, 'tiexi-small.overpass.json'), `${JSON.stringify({ version: 0.6, generator: 'make-import-fixtures', elements: els })}\n`);
  // The same as Overpass writes it for `out geom;` (ways carry their geometry, untagged nodes are absent)
  // and for `out center;` (ways carry only a centre): the first must load, the second be refused with advice.
  const nodes = new Map(els.filter((e) => e.type === 'node').map((e) => [e.id, e as El & { type: 'node' }]));
  const tagged = els.filter((e) => e.type !== 'node' || e.tags);
  const geom = tagged.map((e) => (e.type === 'way' ? { ...e, geometry: e.nodes.map((n) => ({ lat: nodes.get(n)!.lat, lon: nodes.get(n)!.lon })) } : e));
  writeFileSync(join(OUT, 'tiexi-small.overpass-geom.json'), `${JSON.stringify({ version: 0.6, generator: 'make-import-fixtures', elements: geom })}\n`);
  const centre = tagged.filter((e) => e.type !== 'relation').map((e) => {
    if (e.type !== 'way') return e;
    const pts = e.nodes.map((n) => nodes.get(n)!);
    return { ...e, center: { lat: pts.reduce((s, p) => s + p.lat, 0) / pts.length, lon: pts.reduce((s, p) => s + p.lon, 0) / pts.length } };
  });
  writeFileSync(join(OUT, 'tiexi-small.overpass-center.json'), `${JSON.stringify({ version: 0.6, generator: 'make-import-fixtures', elements: centre })}\n`);
}

if (process.argv[1]?.endsWith('make-import-fixtures.ts')) main();
