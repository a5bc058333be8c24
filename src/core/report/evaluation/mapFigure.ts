/**
 * A map figure for the report, drawn as SVG from the data (communities, roads, water, homes coloured
 * by coverage, the facilities), with its legend, a scale bar and north. Drawn here rather than
 * captured from the live map so the command line makes the same figure, and so print and Word get
 * crisp vectors. Above a few thousand homes they are drawn as a grid of cells coloured by their
 * children's coverage, which keeps a city-size figure small.
 */
import type { AccessResult } from '../../access';
import type { Lang } from '../../messages';
import type { CoverageKind } from '../../targets';
import type { Dataset } from '../../types';
import type { Position } from 'geojson';
import { CHART_FONT } from './charts';
import { text } from './text';

const BANDS: Record<CoverageKind, ('children_0_2' | 'children_3_5' | 'children_6_11' | 'children_12_14')[]> = {
  kindergarten: ['children_3_5'], childcare: ['children_0_2'], primary: ['children_6_11'], middle: ['children_12_14'], playground: ['children_0_2', 'children_3_5', 'children_6_11'],
};
const FACILITY_LAYER: Record<CoverageKind, 'kindergartens' | 'childcare' | 'schools' | 'playgrounds'> = {
  kindergarten: 'kindergartens', childcare: 'childcare', primary: 'schools', middle: 'schools', playground: 'playgrounds',
};
const GRID_ABOVE = 3000;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface CoverageMapSpec {
  dataset: Dataset;
  access: AccessResult;
  kind: CoverageKind;
  radius: number;
  lang: Lang;
  width: number;
  height: number;
}

export function coverageMap({ dataset, access, kind, radius, lang, width, height }: CoverageMapSpec): string {
  const homes = access.homes;
  const n = homes.ids.length;
  // Extent: the homes and the facilities, with a margin.
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = (x: number, y: number) => {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  };
  for (let h = 0; h < n; h++) grow(homes.lon[h]!, homes.lat[h]!);
  for (const f of dataset.layers[FACILITY_LAYER[kind]]?.features ?? []) eachPosition(f.geometry, (p) => grow(p[0]!, p[1]!));
  if (!Number.isFinite(minX)) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"></svg>`;
  const legendH = 70;
  const mapH = height - legendH;
  const cos = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxX - minX) * cos, 1e-6);
  const spanY = Math.max(maxY - minY, 1e-6);
  const scale = Math.min((width - 40) / spanX, (mapH - 40) / spanY);
  const ox = (width - spanX * scale) / 2;
  const oy = (mapH - spanY * scale) / 2;
  const px = (lon: number) => ox + (lon - minX) * cos * scale;
  const py = (lat: number) => mapH - oy - (lat - minY) * scale;
  const path = (rings: Position[][]) => rings.map((r) => `M${r.map((p) => `${px(p[0]!).toFixed(1)},${py(p[1]!).toFixed(1)}`).join('L')}`).join('');
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  const draw = (layer: keyof Dataset['layers'], style: string, closed: boolean) => {
    for (const f of dataset.layers[layer]?.features ?? []) {
      const g = f.geometry;
      const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
      if (rings.length > 0) parts.push(`<path d="${path(rings)}${closed ? 'Z' : ''}" ${style}/>`);
    }
  };
  draw('communities', 'fill="none" stroke="#999" stroke-width="0.8" stroke-dasharray="3,2"', true);
  draw('roads', 'fill="none" stroke="#ccc" stroke-width="0.6"', false);
  draw('water', 'fill="#bcdcf5" stroke="#5a9bd5" stroke-width="0.8"', false);

  const within = (h: number) => access.nearest[kind].facility[h]! >= 0 && access.nearest[kind].distance[h]! <= radius;
  const kids = (h: number) => BANDS[kind].reduce((s, b) => s + homes.children[b][h]!, 0);
  if (n <= GRID_ABOVE) {
    for (let h = 0; h < n; h++) {
      if (kids(h) <= 0) continue;
      parts.push(`<circle cx="${px(homes.lon[h]!).toFixed(1)}" cy="${py(homes.lat[h]!).toFixed(1)}" r="2.2" fill="${within(h) ? '#27ae60' : '#d64541'}" fill-opacity="0.85"/>`);
    }
  } else {
    const cell = 8; // px
    const cols = Math.ceil(width / cell);
    const covered = new Map<number, [number, number]>();
    for (let h = 0; h < n; h++) {
      const k = kids(h);
      if (k <= 0) continue;
      const key = Math.floor(py(homes.lat[h]!) / cell) * cols + Math.floor(px(homes.lon[h]!) / cell);
      const c = covered.get(key) ?? [0, 0];
      c[0] += k;
      if (within(h)) c[1] += k;
      covered.set(key, c);
    }
    for (const [key, [all, yes]] of covered) {
      const share = yes / all;
      const r = Math.round(214 + (39 - 214) * share), g = Math.round(69 + (174 - 69) * share), b = Math.round(65 + (96 - 65) * share);
      parts.push(`<rect x="${(key % cols) * cell}" y="${Math.floor(key / cols) * cell}" width="${cell}" height="${cell}" fill="rgb(${r},${g},${b})" fill-opacity="0.85"/>`);
    }
  }
  for (const f of dataset.layers[FACILITY_LAYER[kind]]?.features ?? []) {
    if (FACILITY_LAYER[kind] === 'schools' && !isLevel(f.properties.level, kind)) continue;
    const c = centre(f.geometry);
    if (!c) continue;
    const [x, y] = [px(c[0]), py(c[1])];
    parts.push(`<path d="M${x.toFixed(1)},${(y - 5).toFixed(1)}l4.5,8h-9z" fill="#2c3e50" stroke="#fff" stroke-width="0.8"/>`);
  }

  // Scale bar: a round length near a fifth of the width.
  const metresPerPx = 111_320 / scale;
  const target = (width / 5) * metresPerPx;
  const nice = [50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000].find((v) => v >= target * 0.6) ?? 50000;
  const barPx = nice / metresPerPx;
  const sy = mapH - 14;
  parts.push(`<g font-family="${CHART_FONT}" font-size="11" fill="#333"><rect x="14" y="${sy - 4}" width="${barPx.toFixed(1)}" height="4" fill="#333"/><text x="14" y="${sy - 8}">${nice >= 1000 ? `${nice / 1000} km` : `${nice} m`}</text>`);
  parts.push(`<path d="M${width - 24},${18}l6,16h-12z" fill="#333"/><text x="${width - 28}" y="${48}">N</text></g>`);

  // Legend.
  const ly = mapH + 14;
  const items: [string, string][] = [
    [`<circle cx="6" cy="6" r="5" fill="#27ae60"/>`, text(lang, 'legend_covered')],
    [`<circle cx="6" cy="6" r="5" fill="#d64541"/>`, text(lang, 'legend_notCovered')],
    [`<path d="M6,0l5,10h-10z" fill="#2c3e50"/>`, text(lang, `kind_${kind}`)],
    [`<rect width="12" height="10" fill="#bcdcf5" stroke="#5a9bd5"/>`, text(lang, 'legend_water')],
    [`<path d="M0,6h12" stroke="#999" stroke-dasharray="3,2"/>`, text(lang, 'legend_community')],
    [`<path d="M0,6h12" stroke="#bbb"/>`, text(lang, 'legend_road')],
  ];
  parts.push(`<g font-family="${CHART_FONT}" font-size="12" fill="#333">`);
  items.forEach(([symbol, label], i) => {
    const x = 14 + (i % 3) * 240;
    const y = ly + Math.floor(i / 3) * 24;
    parts.push(`<g transform="translate(${x},${y})">${symbol}<text x="20" y="10">${esc(label)}</text></g>`);
  });
  parts.push(`</g>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function isLevel(level: unknown, kind: CoverageKind): boolean {
  if (kind === 'primary') return level === 'primary' || level === 'nine_year' || level === 'complete';
  if (kind === 'middle') return level === 'middle' || level === 'nine_year' || level === 'complete';
  return true;
}

function eachPosition(g: { type: string; coordinates?: unknown }, visit: (p: Position) => void): void {
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') visit(c as Position);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(g.coordinates);
}

function centre(g: { type: string; coordinates?: unknown }): [number, number] | null {
  let sx = 0, sy = 0, k = 0;
  eachPosition(g, (p) => {
    sx += p[0]!;
    sy += p[1]!;
    k++;
  });
  return k > 0 ? [sx / k, sy / k] : null;
}
