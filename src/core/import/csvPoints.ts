/**
 * A list of places in a spreadsheet saved as CSV: one row per place, longitude and latitude in two
 * columns, copied from a Gaode or Baidu map (GCJ-02 / BD-09) or from a GPS (WGS84). Reading the table
 * is csvTable.ts (papaparse, in the worker); finding the coordinate columns and converting them is here,
 * light enough for the main thread to redo the preview as the planner changes a column or system.
 */
import { bd09ToWgs84, gcj02ToWgs84 } from '../chineseCoordinates';
import type { PositionTransform } from '../crs';
import type { Issue } from '../types';
import type { RawLayer } from './rawLayer';

export interface CsvTable {
  source: string;
  columns: string[];
  rows: string[][];
  encoding: 'utf-8' | 'gbk';
}

/** The systems a point list can be in: what a planner copies coordinates from. */
export const POINT_CRS = ['EPSG:4326', 'GCJ-02', 'BD-09'] as const;
export type PointCrs = (typeof POINT_CRS)[number];
const TO_WGS84: Record<PointCrs, PositionTransform | null> = { 'EPSG:4326': null, 'GCJ-02': gcj02ToWgs84, 'BD-09': bd09ToWgs84 };

export interface CsvPointOptions {
  /** The longitude column; the same as `lat` when one cell holds both (`116.39,39.90`). */
  lng: string;
  lat: string;
  crs: PointCrs;
  /**
   * Why this system: the planner said so (`user`), or it was guessed from the file name or the column
   * names, or nothing said and WGS84 was taken (`default`). Anything but `user` is an assumption
   * the report states first.
   */
  crsBasis?: CrsBasis;
}

export type CrsBasis = 'user' | 'file name' | 'columns' | 'default';

const LNG_WORDS = ['经度', 'lng', 'lon', 'long', 'longitude', 'x', 'point_x', 'wgs84_lng', 'gcj02_lng', 'bd09_lng', 'jd'];
const LAT_WORDS = ['纬度', 'lat', 'latitude', 'y', 'point_y', 'wgs84_lat', 'gcj02_lat', 'bd09_lat', 'wd'];

/** Columns that hold both coordinates in one cell: Gaode's Web API `location`, `经纬度`, `坐标` … */
const PAIR_WORDS = ['location', 'lnglat', 'lonlat', 'lng_lat', 'lon_lat', 'coordinates', 'coordinate', 'coords', '经纬度', '坐标', '经纬度坐标', '位置', 'gps'];

/**
 * The longitude and latitude columns by name, Chinese or English; null where none is found. Where
 * there are none but one column holds both (`location`, `经纬度`), it is both `lng` and `lat`.
 */
export function findCoordinateColumns(columns: readonly string[]): { lng: string | null; lat: string | null } {
  const norm = (c: string) => c.trim().toLowerCase().replace(/[\s（）()]/g, '');
  const pick = (words: string[]) =>
    columns.find((c) => words.includes(norm(c))) ??
    columns.find((c) => words.some((w) => w.length > 1 && !/^[a-z]+$/.test(w) && norm(c).includes(w))) ??
    null;
  const lng = pick(LNG_WORDS);
  const lat = pick(LAT_WORDS);
  if (lng && lat && lng !== lat) return { lng, lat };
  const pair = columns.find((c) => PAIR_WORDS.includes(norm(c).replace(/^(wgs84|gcj02|bd09|高德|百度)_?/, ''))) ?? columns.find((c) => /经纬度|坐标/.test(c));
  return pair ? { lng: pair, lat: pair } : { lng, lat };
}

/** Guesses the system from the column names (`gcj02_lng`, `百度经度` …), WGS84 otherwise. */
export function guessPointCrs(columns: readonly string[]): PointCrs {
  return crsFromWords(columns.join(' ')) ?? 'EPSG:4326';
}

function crsFromWords(text: string): PointCrs | null {
  const all = text.toLowerCase();
  if (/bd-?09|百度|baidu/.test(all)) return 'BD-09';
  if (/gcj-?02|高德|gaode|amap|autonavi|腾讯|tencent|火星/.test(all)) return 'GCJ-02';
  if (/wgs-?84|gps|4326/.test(all)) return 'EPSG:4326';
  return null;
}

/**
 * The system a point list is in when the planner has not said: the file name first (`学校_高德.csv`,
 * `poi-amap.csv`), then the column names; WGS84 when neither says, and the basis goes with it so the
 * report can say what was assumed.
 */
export function assumePointCrs(source: string, columns: readonly string[]): { crs: PointCrs; crsBasis: CrsBasis } {
  const fromName = crsFromWords(source.split(/[\\/]/).pop() ?? '');
  if (fromName) return { crs: fromName, crsBasis: 'file name' };
  const fromColumns = crsFromWords(columns.join(' '));
  if (fromColumns) return { crs: fromColumns, crsBasis: 'columns' };
  return { crs: 'EPSG:4326', crsBasis: 'default' };
}

/** Reads "124.35", "124,35" is not accepted (ambiguous with a column separator); "124.35°" is. */
function coordinate(text: string | undefined): number {
  const t = (text ?? '').trim().replace(/°$/, '');
  return t === '' ? NaN : Number(t);
}

/** One cell holding both coordinates: `116.39,39.90`, `116.39，39.90`, `116.39 39.90`; longitude first, or whichever is one in China. */
function pair(text: string | undefined): [number, number] {
  const parts = (text ?? '').trim().replace(/^[[(（]|[\])）]$/g, '').split(/\s*[,，;；/|]\s*|\s+/).filter(Boolean);
  if (parts.length !== 2) return [NaN, NaN];
  const [a, b] = parts.map((p) => coordinate(p)) as [number, number];
  // A latitude-first cell of a Chinese place (39.90,116.39) is read the right way round.
  return a >= 3 && a <= 54 && b >= 73 && b <= 136 ? [b, a] : [a, b];
}

/** The table's rows as WGS84 points; rows whose coordinates are not numbers are left out and named. */
export function csvToRawLayer(table: CsvTable, options: CsvPointOptions): RawLayer {
  const notes: Issue[] = [{ severity: 'warning', code: 'import_encoding', layer: 'dataset', file: table.source, params: { encoding: table.encoding === 'gbk' ? 'GBK' : 'UTF-8' } }];
  const lngAt = table.columns.indexOf(options.lng);
  const latAt = table.columns.indexOf(options.lat);
  const oneCell = lngAt === latAt;
  const toWgs84 = TO_WGS84[options.crs];
  const basis = options.crsBasis ?? 'user';
  if (basis !== 'user') notes.push({ severity: 'warning', code: 'import_crs_assumed', layer: 'dataset', file: table.source, params: { crs: options.crs, basis } });
  if (toWgs84) notes.push({ severity: 'warning', code: 'import_crs_converted', layer: 'dataset', file: table.source, params: { crs: options.crs } });
  const features: RawLayer['features'] = [];
  table.rows.forEach((row, i) => {
    const [x, y] = oneCell ? pair(row[lngAt]) : [coordinate(row[lngAt]), coordinate(row[latAt])];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      notes.push({
        severity: 'error', code: 'import_row_no_coordinates', layer: 'dataset', file: table.source, field: oneCell ? options.lng : `${options.lng}/${options.lat}`,
        params: { row: i + 2, value: oneCell ? (row[lngAt] ?? '') : `${row[lngAt] ?? ''}, ${row[latAt] ?? ''}` },
      });
      return;
    }
    const properties: Record<string, unknown> = {};
    table.columns.forEach((c, k) => {
      if (k !== lngAt && k !== latAt) properties[c] = row[k] ?? '';
    });
    // Out-of-range or swapped values go through unchanged so the validator names them.
    const inChina = x >= 73 && x <= 136 && y >= 3 && y <= 54;
    const [lon, lat] = toWgs84 && inChina ? toWgs84(x, y) : [x, y];
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });
  });
  return {
    source: table.source,
    attributes: table.columns.filter((_, k) => k !== lngAt && k !== latAt),
    features,
    notes,
    coordinates: { from: options.crs, assumed: basis !== 'user' },
  };
}
