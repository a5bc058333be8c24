/**
 * Makes the embedded sample dataset `data/tiexi/`: a synthetic model of Tiexi District's urban core
 * (Siping, Jilin) at its real place, seeded so every run writes the same files.
 *
 *   npm run make-sample            # writes data/tiexi/*.geojson and dataset.json
 *
 * Everything is laid out in a local metre frame around the district centre and converted to
 * longitude/latitude at the end. What is modelled, and the findings planted on purpose, are listed
 * in data/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import seedrandom from 'seedrandom';
import type { Position } from 'geojson';

type XY = [number, number];
type Props = Record<string, unknown>;
type Geometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'Polygon'; coordinates: number[][][] };
interface Feature { type: 'Feature'; properties: Props; geometry: Geometry }

export const SAMPLE_SEED = 'tiexi-2021-2030';
const LON0 = 124.335;
const LAT0 = 43.175;
const EARTH_RADIUS = 6_371_008.8;
const M_PER_DEG_LAT = (EARTH_RADIUS * Math.PI) / 180;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((LAT0 * Math.PI) / 180);
/** Residents of the synthetic district; Tiexi had about 0.3 million at the 2020 census. */
const TARGET_POPULATION = 310_000;
export const SAMPLE_AGE_SHARES = {
  children_0_2: 0.018,
  children_3_5: 0.022,
  children_6_11: 0.048,
  children_12_14: 0.026,
  children_15_17: 0.025,
} as const;

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const lonLat = ([x, y]: XY): number[] => [round6(LON0 + x / M_PER_DEG_LON), round6(LAT0 + y / M_PER_DEG_LAT)];
const add = (a: XY, b: XY): XY => [a[0] + b[0], a[1] + b[1]];
const dist = (a: XY, b: XY) => Math.hypot(a[0] - b[0], a[1] - b[1]);

function distToSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return dist(p, [a[0] + t * dx, a[1] + t * dy]);
}
const distToLine = (p: XY, line: XY[]) => line.slice(1).reduce((m, b, i) => Math.min(m, distToSegment(p, line[i]!, b)), Infinity);

function segmentsCross(a: XY, b: XY, c: XY, d: XY): boolean {
  const o = (p: XY, q: XY, r: XY) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) !== o(a, b, d) && o(c, d, a) !== o(c, d, b);
}
const crossesLine = (a: XY, b: XY, line: XY[]) => line.slice(1).some((q, i) => segmentsCross(a, b, line[i]!, q));

function pointInPolygon(p: XY, ring: XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const shoelaceArea = (ring: XY[]) => Math.abs(ring.slice(1).reduce((s, b, i) => s + ring[i]![0] * b[1] - b[0] * ring[i]![1], 0)) / 2;

const point = (p: XY): Geometry => ({ type: 'Point', coordinates: lonLat(p) });
const line = (pts: XY[]): Geometry => ({ type: 'LineString', coordinates: pts.map(lonLat) });
function polygon(ring: XY[]): Geometry {
  const coords = ring.map(lonLat);
  coords.push(coords[0]!);
  return { type: 'Polygon', coordinates: [coords] };
}

const URBAN_NAMES = ['英雄', '仁兴', '北沟', '站前', '地直', '铁西', '紫气', '平安', '和平', '新华', '建设', '胜利', '友谊', '春光', '光明', '繁荣',
  '幸福', '新兴', '南山', '北山', '红旗', '东风', '西城', '迎宾', '民主', '团结', '长青', '翠园', '兴华', '海丰', '康平', '安居', '文化', '育才', '丰收', '永安'];
const RURAL_NAMES = ['平西', '红嘴', '前进', '三道林子', '双山', '小城子', '后窑', '十家堡', '三合', '新立', '太平', '永兴', '富强', '长胜', '兴隆', '黑林子',
  '靠山', '腰屯', '西窑', '大房身', '五里界', '柳条', '杨木林', '石岭', '郭家', '李家', '王家', '张家', '赵家', '刘家',
  '孙家', '周家', '吴家', '郑家', '东岗', '南岭', '北甸', '西沟', '杏山', '榆树'];

/** Builds every layer of the sample. Pure: the same seed gives the same files. */
export function makeTiexiSample(seed = SAMPLE_SEED): Record<string, unknown> {
  const rng = seedrandom(seed);
  const rand = (a = 0, b = 1) => a + (b - a) * rng();
  const randInt = (a: number, b: number) => Math.floor(rand(a, b + 1));
  const chance = (p: number) => rng() < p;
  const shuffle = <T>(xs: T[]): T[] => {
    const out = xs.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const layers: Record<string, Feature[]> = {};
  const emit = (layer: string, id: string, properties: Props, geometry: Geometry) => {
    (layers[layer] ??= []).push({ type: 'Feature', properties: { id, ...properties }, geometry });
  };

  // The built-up area: an irregular blob about 4 km across; beyond it, farmland and villages.
  const urbanRadius = (p: XY) => {
    const a = Math.atan2(p[1], p[0]);
    return 2150 + 330 * Math.sin(3 * a + 0.5) + 180 * Math.cos(5 * a - 1);
  };
  const isUrban = (p: XY) => Math.hypot(p[0], p[1]) < urbanRadius(p);

  // 条子河 crosses the town from west to east and freezes from December to March.
  const river: XY[] = [];
  for (let x = -3600; x <= 3600; x += 100) river.push([x, -250 + 330 * Math.sin(x / 950) + 110 * Math.sin(x / 330 + 1)]);

  // ---- Street grid: jittered, rotated 8°, with gaps; rural parts keep only every third line.
  const NX = 33;
  const NY = 31;
  const SPACING = 182;
  const rot = (8 * Math.PI) / 180;
  const nodes: XY[][] = [];
  for (let i = 0; i < NX; i++) {
    nodes.push([]);
    for (let j = 0; j < NY; j++) {
      const bx = (i - (NX - 1) / 2) * SPACING + rand(-32, 32);
      const by = (j - (NY - 1) / 2) * SPACING + rand(-32, 32);
      nodes[i]!.push([bx * Math.cos(rot) - by * Math.sin(rot), bx * Math.sin(rot) + by * Math.cos(rot)]);
    }
  }
  const node = (i: number, j: number) => nodes[i]![j]!;
  const nodeLonLat = nodes.map((col) => col.map(lonLat)); // shared arrays: equal coordinates join streets
  const mainLine = (k: number) => k % 6 === 0;
  function keepSegment(a: XY, b: XY, lineIndex: number, crossIndex: number): boolean {
    const urban = isUrban(a) && isUrban(b);
    if (crossesLine(a, b, river)) return lineIndex % 5 === 2 || mainLine(lineIndex); // bridges only here
    if (!urban) return lineIndex % 3 === 0 && crossIndex % 1 === 0 && !(lineIndex % 9 === 3 && chance(0.3));
    return mainLine(lineIndex) || !chance(0.09);
  }
  const rowNames = ['北一纬路', '北二纬路', '北三纬路', '北四纬路', '北五纬路', '北六纬路'];
  const TRUNK_ROW = 18; // a six-lane arterial with no footway: children may cross it, not walk along it
  function emitStreet(ids: number[][], lineIndex: number, vertical: boolean) {
    const pts = ids.map(([i, j]) => node(i!, j!));
    const urban = pts.some(isUrban);
    const trunk = !vertical && lineIndex === TRUNK_ROW;
    const highway = trunk ? 'trunk' : mainLine(lineIndex) ? 'primary' : lineIndex % 3 === 0 ? 'secondary' : urban ? 'residential' : 'unclassified';
    const name = vertical ? `${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][lineIndex % 10]}经街` : `${rowNames[lineIndex % 6]}`;
    const props: Props = { highway, name: `${vertical ? (lineIndex < NX / 2 ? '西' : '东') : lineIndex < NY / 2 ? '南' : ''}${name}` };
    if (trunk) props.walkable = false;
    const id = `road-${vertical ? 'v' : 'h'}${lineIndex}-${ids[0]![vertical ? 1 : 0]}`;
    emit('roads', id, props, { type: 'LineString', coordinates: ids.map(([i, j]) => nodeLonLat[i!]![j!]!) });
  }
  const walkStreets = (count: number, length: number, at: (line: number, k: number) => [number, number], vertical: boolean) => {
    for (let l = 0; l < count; l++) {
      let run: number[][] = [];
      for (let k = 0; k < length - 1; k++) {
        const [i0, j0] = at(l, k);
        const [i1, j1] = at(l, k + 1);
        if (keepSegment(node(i0, j0), node(i1, j1), l, k)) {
          if (run.length === 0) run.push([i0, j0]);
          run.push([i1, j1]);
          if (run.length > 9) {
            emitStreet(run, l, vertical);
            run = [[i1, j1]];
          }
        } else if (run.length > 1) {
          emitStreet(run, l, vertical);
          run = [];
        } else run = [];
      }
      if (run.length > 1) emitStreet(run, l, vertical);
    }
  };
  walkStreets(NY, NX, (l, k) => [k, l], false);
  walkStreets(NX, NY, (l, k) => [l, k], true);

  // Roads a child may not walk along. The elevated expressway crosses the grid without a shared
  // vertex, so it joins nothing: streets pass under it.
  const expressway: XY[] = [];
  for (let t = 0; t <= 20; t++) expressway.push([-3100 + t * 310, 2300 - t * 165 + 40 * Math.sin(t)]);
  emit('roads', 'road-expressway', { highway: 'trunk', name: '铁西快速路（高架）', walkable: false, bridge: true }, line(expressway));
  const motorway: XY[] = [];
  for (let t = 0; t <= 14; t++) motorway.push([-3250 + 60 * Math.sin(t / 3), -3000 + t * 430]);
  emit('roads', 'road-g25', { highway: 'motorway', name: '长深高速 G25', walkable: false }, line(motorway));

  // ---- Water.
  const riverParts: [number, number, Props][] = [
    [0, 14, { kind: 'river', name: '条子河（西段）', freezes: true, fenced: false, warning_signs: false }],
    [14, 58, { kind: 'river', name: '条子河（城区段）', freezes: true, fenced: true, warning_signs: true, rescue_equipment: true }],
    [58, river.length - 1, { kind: 'river', name: '条子河（东段）', freezes: true, fenced: true, warning_signs: true }],
  ];
  riverParts.forEach(([a, b, props], k) => emit('water', `w-river-${k + 1}`, props, line(river.slice(a, b + 1))));
  const ditch: XY[] = [];
  for (let t = 0; t <= 12; t++) ditch.push([-1200 + t * 150, -2900 + 90 * Math.sin(t / 2)]);
  emit('water', 'w-ditch-1', { kind: 'ditch', name: '南排水沟', freezes: true }, line(ditch));
  const blob = (c: XY, r: number, n = 12): XY[] =>
    Array.from({ length: n }, (_, k) => {
      const a = (2 * Math.PI * k) / n;
      const rr = r * rand(0.75, 1.2);
      return add(c, [rr * Math.cos(a), rr * 0.8 * Math.sin(a)]);
    });

  // ---- Cells between streets: parks, schools, squares, homes.
  interface Cell { i: number; j: number; c: XY; urban: boolean; use: string }
  const cells: Cell[] = [];
  for (let i = 0; i < NX - 1; i++) {
    for (let j = 0; j < NY - 1; j++) {
      const c: XY = [0, 0].map((_, d) => (node(i, j)[d]! + node(i + 1, j)[d]! + node(i + 1, j + 1)[d]! + node(i, j + 1)[d]!) / 4) as XY;
      const nearRiver = distToLine(c, river) < 95;
      const nearExpressway = distToLine(c, expressway) < 60;
      cells.push({ i, j, c, urban: isUrban(c), use: nearRiver ? 'river' : nearExpressway ? 'road' : 'free' });
    }
  }
  const cellAt = (i: number, j: number) => cells[i * (NY - 1) + j]!;
  /** A point inside cell (i,j) at fractions (u,v) of its quad: everything follows the streets. */
  const inCell = (cell: Cell, u: number, v: number): XY => {
    const a = node(cell.i, cell.j);
    const b = node(cell.i + 1, cell.j);
    const c = node(cell.i + 1, cell.j + 1);
    const d = node(cell.i, cell.j + 1);
    return [0, 1].map((k) => (1 - u) * (1 - v) * a[k]! + u * (1 - v) * b[k]! + u * v * c[k]! + (1 - u) * v * d[k]!) as XY;
  };
  const rectInCell = (cell: Cell, u0: number, u1: number, v0: number, v1: number): XY[] => [
    inCell(cell, u0, v0), inCell(cell, u1, v0), inCell(cell, u1, v1), inCell(cell, u0, v1),
  ];
  const urbanFree = shuffle(cells.filter((c) => c.urban && c.use === 'free'));
  const take = (n: number, use: string, pred: (c: Cell) => boolean = () => true): Cell[] => {
    const picked: Cell[] = [];
    for (const c of urbanFree) {
      if (picked.length === n) break;
      if (c.use === 'free' && pred(c)) {
        c.use = use;
        picked.push(c);
      }
    }
    return picked;
  };

  // Parks: one large (2×2 cells) beside the river, five small. Two hold no playground.
  const parkNames = ['南湖公园', '铁西公园', '英雄广场公园', '紫气园', '北山公园', '仁兴游园'];
  const parks: { id: string; ring: XY[]; hasPlayground: boolean; c: XY }[] = [];
  const bigPark = urbanFree.find((c) => c.i < NX - 3 && c.j < NY - 3 && distToLine(c.c, river) < 300 && [0, 1].every((di) => [0, 1].every((dj) => cellAt(c.i + di, c.j + dj).urban && cellAt(c.i + di, c.j + dj).use !== 'road')))!;
  for (const di of [0, 1]) for (const dj of [0, 1]) cellAt(bigPark.i + di, bigPark.j + dj).use = 'park';
  const bigRing: XY[] = [node(bigPark.i, bigPark.j), node(bigPark.i + 2, bigPark.j), node(bigPark.i + 2, bigPark.j + 2), node(bigPark.i, bigPark.j + 2)]
    .map((p) => add(p, [(bigPark.c[0] + SPACING / 2 - p[0]) * 0.06, (bigPark.c[1] + SPACING / 2 - p[1]) * 0.06]));
  parks.push({ id: 'g-park-1', ring: bigRing, hasPlayground: true, c: node(bigPark.i + 1, bigPark.j + 1) });
  take(5, 'park').forEach((cell, k) => parks.push({ id: `g-park-${k + 2}`, ring: rectInCell(cell, 0.08, 0.92, 0.08, 0.92), hasPlayground: k < 3, c: cell.c }));
  parks.forEach((p, k) => emit('green_spaces', p.id, { kind: 'park', name: parkNames[k] }, polygon(p.ring)));
  // A fenced, signed lake inside the large park: water inside green space.
  emit('water', 'w-lake-1', { kind: 'lake', name: '南湖', freezes: true, fenced: true, warning_signs: true, rescue_equipment: true }, polygon(blob(add(parks[0]!.c, [30, -20]), 55)));

  take(4, 'square').forEach((cell, k) =>
    emit('green_spaces', `g-square-${k + 1}`, { kind: 'square', name: ['英雄广场', '站前广场', '文化广场', '紫气广场'][k] }, polygon(rectInCell(cell, 0.1, 0.9, 0.1, 0.9))));

  // Schools: campuses as polygons (two as points, as lists often give them).
  const schoolPlan: [string, number, string, number][] = [
    ['primary', 12, '小学', 1200], ['middle', 5, '中学', 1500], ['nine_year', 3, '九年一贯制学校', 1800], ['high', 3, '高级中学', 2000], ['complete', 1, '实验学校（十二年一贯制）', 2400],
  ];
  const schoolCells: { id: string; level: string; ring: XY[]; c: XY }[] = [];
  let schoolNo = 0;
  for (const [level, n, suffix, cap] of schoolPlan) {
    // Spread primary schools out so some neighbourhoods are near one and others are not.
    const picked = take(n, 'school', (c) => schoolCells.every((s) => dist(s.c, c.c) > 700));
    picked.forEach((cell, k) => {
      schoolNo++;
      const id = `s${schoolNo}`;
      const ring = rectInCell(cell, 0.15, 0.85, 0.2, 0.8);
      const name = `四平市铁西区${URBAN_NAMES[(schoolNo * 7) % URBAN_NAMES.length]}${suffix}`;
      const props = { name, level, capacity: Math.round((cap * rand(0.7, 1.2)) / 45) * 45 };
      emit('schools', id, props, k === 1 && level === 'primary' ? point(cell.c) : polygon(ring));
      schoolCells.push({ id, level, ring, c: cell.c });
    });
  }

  // Building sites (construction pits) and farm ponds near the edge of town.
  const edgeCells = shuffle(cells.filter((c) => !c.urban && c.use === 'free' && Math.hypot(c.c[0], c.c[1]) < urbanRadius(c.c) + 500));
  edgeCells.slice(0, 4).forEach((cell, k) => {
    cell.use = 'pit';
    emit('water', `w-pit-${k + 1}`, { kind: 'pit', name: `建筑基坑 ${k + 1}`, freezes: true, ...(k % 2 === 0 ? { fenced: false } : { fenced: true, warning_signs: false }) },
      polygon(rectInCell(cell, 0.2, 0.75, 0.25, 0.7)));
  });
  edgeCells.slice(4, 10).forEach((cell, k) => {
    cell.use = 'pond';
    const props: Props = { kind: 'pond', name: `${RURAL_NAMES[k + 3]}水塘`, freezes: true };
    if (k % 3 === 1) Object.assign(props, { fenced: true, warning_signs: true, rescue_equipment: false });
    if (k % 3 === 2) props.warning_signs = true;
    emit('water', `w-pond-${k + 1}`, props, polygon(blob(cell.c, rand(35, 60))));
  });

  // ---- Homes, green space inside estates, kindergartens and the rest in the urban cells.
  const homeCells = cells.filter((c) => c.urban && c.use === 'free');
  for (const c of homeCells) c.use = 'homes';
  interface Home { id: string; geometry: Geometry; at: XY; raw: number; rural: boolean }
  const homes: Home[] = [];
  const slots: [number, number, number, number][] = [];
  for (const [u0, u1] of [[0.1, 0.48], [0.52, 0.9]] as const) for (const [v0, v1] of [[0.1, 0.36], [0.38, 0.62], [0.64, 0.9]] as const) slots.push([u0, u1, v0, v1]);
  const freeSlots = new Map<Cell, [number, number, number, number][]>();
  const residentialGreens: { id: string; ring: XY[]; cell: Cell }[] = [];
  for (const cell of homeCells) {
    const open = shuffle(slots);
    if (chance(0.05)) {
      const [u0, u1, v0, v1] = open.pop()!;
      residentialGreens.push({ id: `g-rg-${residentialGreens.length + 1}`, ring: rectInCell(cell, u0 + 0.03, u1 - 0.03, v0 + 0.03, v1 - 0.03), cell });
    }
    const keepFree = open.splice(0, randInt(1, 2));
    freeSlots.set(cell, keepFree);
    for (const [u0, u1, v0, v1] of open) {
      const ring = rectInCell(cell, u0 + 0.03, u1 - 0.03, (v0 + v1) / 2 - 0.045, (v0 + v1) / 2 + 0.045);
      const at = inCell(cell, (u0 + u1) / 2, (v0 + v1) / 2);
      if (distToLine(at, river) < 70) continue;
      const floors = chance(0.2) ? randInt(11, 18) : randInt(5, 7);
      homes.push({ id: '', geometry: polygon(ring), at, raw: (shoelaceArea(ring) * floors) / 33, rural: false });
    }
  }

  // ---- Communities: a jittered 8 × 7 tiling; the outer ring is villages (村).
  const CX = 8;
  const CY = 7;
  const cnodes: XY[][] = [];
  for (let i = 0; i <= CX; i++) {
    cnodes.push([]);
    for (let j = 0; j <= CY; j++) {
      const edge = i === 0 || j === 0 || i === CX || j === CY;
      cnodes[i]!.push([-3600 + (i * 7200) / CX + (edge ? 0 : rand(-160, 160)), -3400 + (j * 6800) / CY + (edge ? 0 : rand(-160, 160))]);
    }
  }
  interface Community { id: string; ring: XY[]; c: XY; urban: boolean; name: string }
  const communities: Community[] = [];
  let urbanNo = 0;
  let ruralNo = 0;
  for (let j = CY - 1; j >= 0; j--) {
    for (let i = 0; i < CX; i++) {
      const ring = [cnodes[i]![j]!, cnodes[i + 1]![j]!, cnodes[i + 1]![j + 1]!, cnodes[i]![j + 1]!];
      const c: XY = [(ring[0]![0] + ring[2]![0]) / 2, (ring[0]![1] + ring[2]![1]) / 2];
      const urban = homes.filter((h) => pointInPolygon(h.at, ring)).length > 25;
      const name = urban ? `${URBAN_NAMES[urbanNo++ % URBAN_NAMES.length]}社区` : `${RURAL_NAMES[ruralNo++ % RURAL_NAMES.length]}村`;
      communities.push({ id: `c${communities.length + 1}`, ring, c, urban, name });
    }
  }

  // Villages: courtyard-house clusters (as points) around each village centre, beside a road.
  for (const com of communities.filter((c) => !c.urban)) {
    const roadNode = nodes.flat().filter((n) => pointInPolygon(n, com.ring) && !isUrban(n)).sort((a, b) => dist(a, com.c) - dist(b, com.c))[0];
    if (!roadNode) continue;
    const centre = add(roadNode, [rand(-40, 40), rand(-40, 40)]);
    const n = randInt(18, 34);
    for (let k = 0; k < n; k++) {
      const at = add(centre, [rand(-170, 170), rand(-130, 130)]);
      if (distToLine(at, river) < 60) continue;
      homes.push({ id: '', geometry: point(at), at, raw: rand(25, 70), rural: true });
    }
  }
  // A hamlet far from any road: its homes are off the walking network.
  const hamlet: XY = [-3450, -3250];
  for (let k = 0; k < 6; k++) {
    const at = add(hamlet, [rand(-60, 60), rand(-60, 60)]);
    homes.push({ id: '', geometry: point(at), at, raw: rand(15, 30), rural: true });
  }

  // Village houses keep their own size; town homes are scaled so the district adds up to its
  // population. Then split into age bands, leaving some bands unknown.
  const ruralTotal = homes.reduce((s, h) => s + (h.rural ? Math.round(h.raw) : 0), 0);
  const urbanRawTotal = homes.reduce((s, h) => s + (h.rural ? 0 : h.raw), 0);
  const communityOf = (p: XY) => communities.find((c) => pointInPolygon(p, c.ring));
  const communityPopulation = new Map<string, number>();
  homes.forEach((h, k) => {
    h.id = `r${k + 1}`;
    const population = h.rural ? Math.max(1, Math.round(h.raw)) : Math.max(1, Math.round((h.raw * (TARGET_POPULATION - ruralTotal)) / urbanRawTotal));
    const props: Props = { population };
    const missingAll = chance(0.06);
    const missingTeen = chance(0.04);
    if (!missingAll) {
      for (const [band, share] of Object.entries(SAMPLE_AGE_SHARES)) {
        if (missingTeen && band === 'children_15_17') continue;
        props[band] = Math.round(population * share * (h.rural ? 1.2 : 1) * rand(0.5, 1.5));
      }
    }
    const com = communityOf(h.at);
    if (com) {
      props.community = com.id;
      communityPopulation.set(com.id, (communityPopulation.get(com.id) ?? 0) + population);
    }
    emit('residential', h.id, props, h.geometry);
  });

  communities.forEach((com, k) => {
    const props: Props = { name: com.name, kind: com.urban ? 'urban' : 'rural', population: communityPopulation.get(com.id) ?? 0 };
    if (k % 11 !== 5) props.parent_school = com.urban ? k % 9 !== 2 : k % 4 !== 1;
    emit('communities', com.id, props, polygon(com.ring));
  });

  // Residential green in estates; about half hold a play area (the plan says each should).
  const slotIn = (cell: Cell): XY => {
    const s = freeSlots.get(cell)?.pop();
    return s ? inCell(cell, (s[0] + s[1]) / 2, (s[2] + s[3]) / 2) : inCell(cell, rand(0.3, 0.7), 0.5);
  };
  let playgroundNo = 0;
  const playground = (props: Props, geometry: Geometry) => emit('playgrounds', `p${++playgroundNo}`, props, geometry);
  residentialGreens.forEach((g, k) => {
    emit('green_spaces', g.id, { kind: 'residential_green', name: `${URBAN_NAMES[k % URBAN_NAMES.length]}小区中心绿地` }, polygon(g.ring));
    if (k % 2 === 1) return;
    const [a, b, c, d] = g.ring as [XY, XY, XY, XY];
    const lerp = (p: XY, q: XY, t: number): XY => [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
    const size = k % 6 === 0 ? 0.18 : 0.3; // every third one is below the 170 m² minimum
    const ring = [lerp(a, c, 0.5 - size), lerp(b, d, 0.5 - size), lerp(a, c, 0.5 + size), lerp(b, d, 0.5 + size)];
    const area = Math.round(shoelaceArea(ring));
    playground(k % 4 === 0 ? { name: `${URBAN_NAMES[k % URBAN_NAMES.length]}小区儿童乐园`, area_m2: area } : { name: `${URBAN_NAMES[k % URBAN_NAMES.length]}小区游乐场` }, polygon(ring));
  });
  parks.filter((p) => p.hasPlayground).forEach((p, k) => {
    const ring = blob(add(p.c, [-40, 35]), k === 0 ? 28 : 17, 8);
    playground({ name: `${parkNames[parks.indexOf(p)]}儿童游乐区`, area_m2: Math.round(shoelaceArea(ring)) }, polygon(ring));
  });
  // Stand-alone play spots listed as points: some sized, some of unknown size, one indoor.
  shuffle(homeCells).slice(0, 24).forEach((cell, k) => {
    const props: Props = { name: `社区儿童活动点 ${k + 1}` };
    if (k % 3 !== 2) props.area_m2 = k % 5 === 0 ? randInt(60, 150) : randInt(200, 900);
    if (k === 7) props.indoor = true;
    playground(props, point(slotIn(cell)));
  });

  // Kindergartens: placed in estates, denser in the centre; some neighbourhoods have none nearby.
  const kgCells = shuffle(homeCells).filter((c) => Math.hypot(c.c[0], c.c[1]) < 1900 || chance(0.35)).slice(0, 44);
  const kindergartens: XY[] = [];
  kgCells.forEach((cell, k) => {
    const at = slotIn(cell);
    kindergartens.push(at);
    const props: Props = { name: `铁西区${URBAN_NAMES[(k * 5) % URBAN_NAMES.length]}${k % 4 === 0 ? '第二' : ''}幼儿园`, capacity: randInt(2, 6) * 30 };
    if (k % 5 !== 4) props.inclusive = k % 3 !== 0;
    emit('kindergartens', `k${k + 1}`, props, point(at));
  });
  // A kindergarten at the edge of town, 110 m from an unfenced farm pond that freezes.
  const edgeHome = homeCells.filter((c) => Math.hypot(c.c[0], c.c[1]) > urbanRadius(c.c) - 300).sort((a, b) => a.c[0] - b.c[0])[0]!;
  const edgeKg = slotIn(edgeHome);
  const outward = Math.atan2(edgeKg[1], edgeKg[0]);
  emit('kindergartens', 'k45', { name: '铁西区平西幼儿园', capacity: 120, inclusive: true }, point(edgeKg));
  emit('water', 'w-pond-k45', { kind: 'pond', name: '平西养鱼塘', freezes: true, fenced: false, warning_signs: false, rescue_equipment: false },
    polygon(blob(add(edgeKg, [150 * Math.cos(outward), 150 * Math.sin(outward)]), 40)));

  shuffle(homeCells).slice(0, 12).forEach((cell, k) =>
    emit('childcare', `cc${k + 1}`, { name: `${URBAN_NAMES[(k * 3 + 1) % URBAN_NAMES.length]}托育园`, ...(k % 4 !== 3 ? { capacity: randInt(2, 8) * 10 } : {}) }, point(slotIn(cell))));

  // Children's homes (儿童之家): in most communities, not all.
  communities.forEach((com, k) => {
    if (k % 7 === 3) return;
    const inside = homes.filter((h) => pointInPolygon(h.at, com.ring));
    const at = inside.length > 0 ? add(inside[Math.floor(inside.length / 2)]!.at, [12, 12]) : com.c;
    emit('childrens_homes', `ch${k + 1}`, { name: `${com.name}儿童之家`, community: com.id }, point(at));
  });

  // Reserved education land: mostly where kindergartens are far away.
  const farFromKg = homeCells.filter((c) => kindergartens.every((k) => dist(k, c.c) > 450));
  shuffle(farFromKg).slice(0, 14).forEach((cell, k) =>
    emit('candidates', `cand${k + 1}`, { name: `预留教育用地 ${k + 1}`, capacity: randInt(6, 12) * 30 }, polygon(rectInCell(cell, 0.55, 0.9, 0.1, 0.45))));

  // Health: the maternal and child health centre, two hospitals, community and township centres.
  const health: [string, string, Props][] = [
    ['maternal_child', '铁西区妇幼保健院', { pediatricians: 14, pediatric_beds: 45, child_health_doctors: 9 }],
    ['hospital', '四平市第二人民医院', { pediatricians: 11, pediatric_beds: 40 }],
    ['hospital', '铁西区人民医院', { pediatricians: 6, pediatric_beds: 18 }],
  ];
  for (let k = 0; k < 8; k++) health.push(['community_health_center', `${URBAN_NAMES[k * 4]}社区卫生服务中心`, { pediatricians: k % 3 === 0 ? 1 : 0, child_health_doctors: k % 2 === 0 ? 2 : 1 }]);
  health.push(['township_health_center', '平西乡卫生院', { pediatricians: 1, child_health_doctors: 1 }]);
  const healthCells = shuffle(homeCells).slice(0, health.length);
  health.forEach(([kind, name, extra], k) => emit('health', `h${k + 1}`, { kind, name, ...extra }, point(slotIn(healthCells[k]!))));

  // Venues around schools: an internet café 120 m from a primary school's campus, others scattered.
  const firstPrimary = schoolCells.find((s) => s.level === 'primary' && s.ring.length > 0)!;
  const outOf = (s: { ring: XY[] }, m: number): XY => {
    const [a, b] = [s.ring[1]!, s.ring[2]!];
    const mid: XY = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const len = dist(a, b);
    return add(mid, [((b[1] - a[1]) / len) * -m, ((b[0] - a[0]) / len) * m]);
  };
  const venueKinds: [string, number, string][] = [
    ['internet_cafe', 5, '网吧'], ['entertainment', 4, 'KTV'], ['bar', 4, '酒吧'], ['lottery', 6, '彩票站'], ['tobacco', 6, '烟酒店'], ['food_outlet', 10, '小吃部'],
  ];
  let venueNo = 0;
  emit('venues', `v${++venueNo}`, { kind: 'internet_cafe', name: '极速网吧' }, point(outOf(firstPrimary, 120)));
  const streetNodes = shuffle(nodes.flat().filter(isUrban));
  for (const [kind, n, label] of venueKinds) {
    for (let k = 0; k < n; k++) {
      const near = kind === 'food_outlet' || kind === 'tobacco' ? schoolCells[(k * 3) % schoolCells.length] : undefined;
      const at = near ? outOf(near, rand(40, 260)) : add(streetNodes[venueNo * 3]!, [rand(-20, 20), rand(-20, 20)]);
      emit('venues', `v${++venueNo}`, { kind, name: `${URBAN_NAMES[venueNo % URBAN_NAMES.length]}${label}` }, point(at));
    }
  }

  // ---- Pedestrian crossings (nothing random, so the rest of the sample is unchanged): signals where
  // two arterials (primary, trunk) meet, a zebra at every other junction of a secondary road with a
  // street, and plain markings (uncontrolled, no protection) at some street junctions on a primary road.
  const classesAt = new Map<string, { at: Position; classes: Set<string> }>();
  for (const f of layers.roads ?? []) {
    const g = f.geometry as { type: string; coordinates: Position[] };
    if (g.type !== 'LineString') continue;
    for (const p of g.coordinates) {
      const key = `${p[0]},${p[1]}`;
      const entry = classesAt.get(key) ?? classesAt.set(key, { at: p, classes: new Set() }).get(key)!;
      entry.classes.add(String(f.properties.highway));
    }
  }
  let crossingNo = 0;
  let secondaryJunctions = 0;
  let primaryJunctions = 0;
  for (const { at, classes } of classesAt.values()) {
    if (classes.size < 2 && !(classes.size === 1 && classes.has('primary'))) continue;
    const arterials = ['primary', 'trunk'].filter((c) => classes.has(c)).length;
    const onArterial = classes.has('primary') || classes.has('trunk');
    let kind: string | null = null;
    if (arterials >= 2 || (classes.has('primary') && classes.has('secondary'))) kind = 'signals';
    else if (classes.has('secondary') && !onArterial && secondaryJunctions++ % 2 === 0) kind = 'zebra';
    else if (onArterial && (classes.has('residential') || classes.has('unclassified')) && primaryJunctions++ % 3 === 0) kind = 'uncontrolled';
    // Set a few metres off the junction, as a crossing's markings are.
    if (kind) emit('crossings', `x${++crossingNo}`, { kind }, { type: 'Point', coordinates: [Number(at[0]) + 0.00004, Number(at[1]) + 0.00003] });
  }

  const files: Record<string, unknown> = {
    'dataset.json': {
      name: '四平市铁西区（合成样例） / Tiexi District, Siping (synthetic sample)',
      year: 2025,
      crs: 'EPSG:4326',
      age_shares: SAMPLE_AGE_SHARES,
      synthetic: true,
    },
  };
  for (const [layer, features] of Object.entries(layers).sort(([a], [b]) => a.localeCompare(b))) {
    files[`${layer}.geojson`] = { type: 'FeatureCollection', features };
  }
  return files;
}

/** The earlier monitoring years the sample carries, for the trend and change views. */
export const SAMPLE_YEARS = [2021, 2023] as const;

/**
 * The sample as it stood in an earlier year, made from the 2025 one by taking back what the district
 * did since (plausible change, nothing random): kindergartens and children's homes opened later are
 * not there yet, water fixed later is not fixed yet, and housing built later is not built. The
 * further back, the more is taken back.
 */
export function earlierYear(files: Record<string, unknown>, year: number): Record<string, unknown> {
  const back = Math.max(0, 2025 - year); // years taken back: 4 for 2021, 2 for 2023
  type F = { id: string; properties: Record<string, unknown> };
  const layer = (name: string) => ((files[`${name}.geojson`] as { features: F[] }).features);
  const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });
  const out: Record<string, unknown> = { ...files, 'dataset.json': { ...(files['dataset.json'] as object), year } };
  // The last listed were opened last: 2 kindergartens and 3 children's homes a year.
  const kgs = layer('kindergartens');
  out['kindergartens.geojson'] = collection(kgs.slice(0, kgs.length - 2 * back));
  const homesOfChildren = layer('childrens_homes');
  out['childrens_homes.geojson'] = collection(homesOfChildren.slice(0, homesOfChildren.length - 3 * back));
  // One water feature a year had its protections (fence, signs, equipment) put up since.
  let undone = 0;
  out['water.geojson'] = collection(layer('water').map((f) => {
    const fixed = f.properties.fenced === true || f.properties.warning_signs === true || f.properties.rescue_equipment === true;
    if (!fixed || undone >= back) return f;
    undone++;
    return { ...f, properties: { ...f.properties, fenced: false, warning_signs: false, rescue_equipment: false } };
  }));
  // One home in 25 a year was built since (every 25th, then every 25th offset by one, …).
  out['residential.geojson'] = collection(layer('residential').filter((_, i) => !(i % 25 < back)));
  return out;
}

/** One feature a line: diffs stay readable and the files stay small. */
export function serialise(value: unknown): string {
  const v = value as { type?: string; features?: unknown[] };
  if (v.type !== 'FeatureCollection' || !Array.isArray(v.features)) return `${JSON.stringify(value, null, 2)}\n`;
  return `{"type":"FeatureCollection","features":[\n${v.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

export const SAMPLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'tiexi');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  mkdirSync(SAMPLE_DIR, { recursive: true });
  const sample = makeTiexiSample();
  for (const [name, value] of Object.entries(sample)) {
    writeFileSync(join(SAMPLE_DIR, name), serialise(value));
  }
  process.stdout.write(`wrote ${SAMPLE_DIR}\n`);
  for (const year of SAMPLE_YEARS) {
    const dir = `${SAMPLE_DIR}-${year}`;
    mkdirSync(dir, { recursive: true });
    for (const [name, value] of Object.entries(earlierYear(sample, year))) writeFileSync(join(dir, name), serialise(value));
    process.stdout.write(`wrote ${dir}\n`);
  }
}
