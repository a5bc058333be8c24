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
  lng: string;
  lat: string;
  crs: PointCrs;
}

const LNG_WORDS = ['经度', 'lng', 'lon', 'long', 'longitude', 'x', 'point_x', 'wgs84_lng', 'gcj02_lng', 'bd09_lng', 'jd'];
const LAT_WORDS = ['纬度', 'lat', 'latitude', 'y', 'point_y', 'wgs84_lat', 'gcj02_lat', 'bd09_lat', 'wd'];

/** The longitude and latitude columns by name, Chinese or English; null where none is found. */
export function findCoordinateColumns(columns: readonly string[]): { lng: string | null; lat: string | null } {
  const norm = (c: string) => c.trim().toLowerCase().replace(/[\s（）()]/g, '');
  const pick = (words: string[]) =>
    columns.find((c) => words.includes(norm(c))) ??
    columns.find((c) => words.some((w) => w.length > 1 && !/^[a-z]+$/.test(w) && norm(c).includes(w))) ??
    null;
  return { lng: pick(LNG_WORDS), lat: pick(LAT_WORDS) };
}

/** Guesses the system from the column names (`gcj02_lng`, `百度经度` …), WGS84 otherwise. */
export function guessPointCrs(columns: readonly string[]): PointCrs {
  const all = columns.join(' ').toLowerCase();
  if (/bd-?09|百度|baidu/.test(all)) return 'BD-09';
  if (/gcj-?02|高德|gaode|amap|腾讯|火星/.test(all)) return 'GCJ-02';
  return 'EPSG:4326';
}

/** Reads "124.35", "124,35" is not accepted (ambiguous with a column separator); "124.35°" is. */
function coordinate(text: string | undefined): number {
  const t = (text ?? '').trim().replace(/°$/, '');
  return t === '' ? NaN : Number(t);
}

/** The table's rows as WGS84 points; rows whose coordinates are not numbers are left out and named. */
export function csvToRawLayer(table: CsvTable, options: CsvPointOptions): RawLayer {
  const notes: Issue[] = [{ severity: 'warning', code: 'import_encoding', layer: 'dataset', file: table.source, params: { encoding: table.encoding === 'gbk' ? 'GBK' : 'UTF-8' } }];
  const lngAt = table.columns.indexOf(options.lng);
  const latAt = table.columns.indexOf(options.lat);
  const toWgs84 = TO_WGS84[options.crs];
  if (toWgs84) notes.push({ severity: 'warning', code: 'import_crs_converted', layer: 'dataset', file: table.source, params: { crs: options.crs } });
  const features: RawLayer['features'] = [];
  table.rows.forEach((row, i) => {
    const x = coordinate(row[lngAt]);
    const y = coordinate(row[latAt]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      notes.push({
        severity: 'error', code: 'import_row_no_coordinates', layer: 'dataset', file: table.source, field: `${options.lng}/${options.lat}`,
        params: { row: i + 2, value: `${row[lngAt] ?? ''}, ${row[latAt] ?? ''}` },
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
  return { source: table.source, attributes: table.columns.filter((_, k) => k !== lngAt && k !== latAt), features, notes };
}
