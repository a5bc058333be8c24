/**
 * Zipped Shapefiles, as planning institutes deliver them: one or more `.shp` with their `.dbf`,
 * `.prj` and `.cpg`, often in CGCS2000 Gauss–Krüger metres with GBK attribute text. shpjs reads
 * the geometry and the table; the archive, the encoding and the projection are decided here, so the
 * planner is told which were used.
 */
import { unzipSync } from 'fflate';
import { parseDbf, parseShp } from 'shpjs';
import type { Geometry } from 'geojson';
import type { PositionTransform } from '../crs';
import type { Issue } from '../types';
import { crsFromCode, crsFromPrj, suggestProjectedCrs } from './projection';
import { attributeNames, convertGeometry, type RawLayer } from './rawLayer';
import { dbfTextBytes, decodeText, detectEncoding, shapefileEncoding, type TextEncodingChoice } from './textEncoding';

export type ZipContents =
  | { kind: 'shapefile'; layers: RawLayer[]; skipped: Issue[] }
  | { kind: 'dataset'; files: { name: string; bytes: Uint8Array }[]; skipped: Issue[] }
  | { kind: 'error'; detail: string; issue: Issue };

/**
 * Bounds on what a zip may make us unpack, judged on the sizes its directory declares before anything
 * is decompressed (fflate then writes into a buffer of exactly the declared size, so a lying entry
 * cannot grow past it). An entry above the per-entry bound is skipped and named; the rest still load.
 */
export const ZIP_LIMITS = { entryBytes: 300 * 1024 * 1024, totalBytes: 1024 * 1024 * 1024 } as const;

/** The only entries anything reads: Shapefile parts and GeoJSON layers. Others are never decompressed. */
const READ_EXTENSIONS = /\.(shp|dbf|prj|cpg|geojson|json)$/i;

const base = (path: string) => path.replace(/^.*\//, '');

/**
 * A zip made on a Chinese Windows stores names in GBK without saying so; the unzipper then reads
 * each byte as one Latin-1 character (`Ó×¶ùÔ°.shp`). Such names are turned back into their bytes and
 * decoded with one encoding decided on all of them together (a short GBK name can be valid UTF-8 by
 * chance; a zip's names together rarely are). Names already decoded (UTF-8 flag) are kept.
 */
function entryNames(names: readonly string[]): Map<string, string> {
  const raw = (name: string) => /[\u0080-\u00ff]/.test(name) && !/[^\u0000-\u00ff]/.test(name);
  const undecoded = names.filter(raw);
  const out = new Map(names.map((n) => [n, n]));
  if (undecoded.length === 0) return out;
  const bytesOf = (name: string) => Uint8Array.from(name, (c) => c.charCodeAt(0));
  const { encoding } = detectEncoding(bytesOf(undecoded.join('/')));
  for (const name of undecoded) out.set(name, decodeText(bytesOf(name), encoding).text);
  return out;
}

export interface ShapefileOptions {
  /** The planner's word on the attribute encoding; `auto` (default) reads .cpg, the .dbf, then the text. */
  encoding?: TextEncodingChoice;
  /** The planner's word on the coordinate system (needed when there is no .prj and the coordinates are metres). */
  crs?: string;
}

/** What a zip holds: Shapefiles (to map), or a dataset folder of GeoJSON files (to load as is). */
export function readZip(source: string, bytes: Uint8Array, options: ShapefileOptions = {}, limits: { entryBytes: number; totalBytes: number } = ZIP_LIMITS): ZipContents {
  let entries: Record<string, Uint8Array>;
  const skipped: Issue[] = [];
  let total = 0;
  const skip = (name: string, why: 'entry' | 'total', size: number) =>
    skipped.push({ severity: 'warning', code: 'zip_entry_skipped', layer: 'dataset', file: source, params: { entry: name, sizeMB: Math.round(size / 1048576), limitMB: Math.round((why === 'entry' ? limits.entryBytes : limits.totalBytes) / 1048576), why } });
  try {
    entries = unzipSync(bytes, {
      filter: (entry) => {
        if (!READ_EXTENSIONS.test(entry.name) || entry.name.includes('__MACOSX')) return false;
        if (entry.originalSize > limits.entryBytes) {
          skip(entry.name, 'entry', entry.originalSize);
          return false;
        }
        if (total + entry.originalSize > limits.totalBytes) {
          skip(entry.name, 'total', entry.originalSize);
          return false;
        }
        total += entry.originalSize;
        return true;
      },
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { kind: 'error', detail: `${source}: not a readable zip (${detail})`, issue: { severity: 'error', code: 'zip_unreadable', layer: 'dataset', file: source, params: { detail } } };
  }
  const decoded = entryNames([...Object.keys(entries), ...skipped.map((i) => String(i.params.entry))]);
  for (const issue of skipped) issue.params.entry = decoded.get(String(issue.params.entry)) ?? String(issue.params.entry);
  entries = Object.fromEntries(Object.entries(entries).map(([name, data]) => [decoded.get(name)!, data]));
  const names = Object.keys(entries).filter((n) => !n.includes('__MACOSX') && !n.endsWith('/'));
  const shps = names.filter((n) => /\.shp$/i.test(n));
  if (shps.length > 0) {
    // One lookup table, not a search per part: zips with thousands of layers exist.
    const byLowerName = new Map(names.map((n) => [n.toLowerCase(), n]));
    const find = (stem: string, ext: string) => byLowerName.get(`${stem}.${ext}`.toLowerCase());
    const layers = shps.map((shp) => {
      const stem = shp.slice(0, -4);
      const part = (ext: string) => {
        const n = find(stem, ext);
        return n ? entries[n] : undefined;
      };
      return readShapefile(`${base(source)}/${base(shp)}`, { shp: entries[shp]!, dbf: part('dbf'), prj: part('prj'), cpg: part('cpg') }, options);
    });
    // A skipped part is said with the layer it belongs to (or the first), so the mapping step shows it.
    for (const issue of skipped) {
      const stem = base(String(issue.params.entry)).replace(/\.[^.]*$/, '').toLowerCase();
      const owner = layers.find((l) => base(l.source).replace(/\.shp$/i, '').toLowerCase() === stem) ?? layers[0];
      owner?.notes.push(issue);
    }
    return { kind: 'shapefile', layers, skipped };
  }
  const files = names.filter((n) => /\.(geo)?json$/i.test(n)).map((n) => ({ name: base(n), bytes: entries[n]! }));
  if (files.length > 0) return { kind: 'dataset', files, skipped };
  if (skipped.length > 0) {
    const detail = skipped.map((i) => `${i.params.entry} (${i.params.sizeMB} MB)`).join(', ');
    return { kind: 'error', detail: `${source}: every entry that could be read is too large: ${detail}`, issue: skipped[0]! };
  }
  return { kind: 'error', detail: `${source}: the zip holds no .shp and no .geojson files`, issue: { severity: 'error', code: 'zip_without_data', layer: 'dataset', file: source, params: {} } };
}

export interface ShapefileParts {
  shp: Uint8Array;
  dbf?: Uint8Array;
  prj?: Uint8Array;
  cpg?: Uint8Array;
}

export function readShapefile(source: string, parts: ShapefileParts, options: ShapefileOptions = {}): RawLayer {
  const notes: Issue[] = [];
  const note = (code: Issue['code'], params: Issue['params'], severity: Issue['severity'] = 'warning') =>
    notes.push({ severity, code, layer: 'dataset', file: source, params });
  let geometries: (Geometry | null)[];
  try {
    geometries = parseShp(parts.shp);
  } catch (e) {
    note('import_failed', { detail: `.shp: ${e instanceof Error ? e.message : String(e)}` }, 'error');
    return { source, attributes: [], features: [], notes };
  }

  let rows: Record<string, unknown>[] = [];
  if (parts.dbf) {
    const cpg = parts.cpg ? new TextDecoder().decode(parts.cpg) : undefined;
    const chosen = options.encoding && options.encoding !== 'auto' ? options.encoding : null;
    // Without a word from the planner or the files, the text the table holds decides, once for the file.
    const encoding = chosen ?? shapefileEncoding(cpg, parts.dbf) ?? detectEncoding(dbfTextBytes(parts.dbf)).encoding;
    try {
      rows = parseDbf(parts.dbf, encoding === 'gbk' ? 'gb18030' : 'utf-8');
      note('import_encoding', { encoding: encoding === 'gbk' ? 'GBK' : 'UTF-8' });
    } catch (e) {
      note('import_failed', { detail: `.dbf: ${e instanceof Error ? e.message : String(e)}` }, 'error');
    }
  }

  let toWgs84: PositionTransform | null = null;
  let coordinates: RawLayer['coordinates'];
  const first = firstPosition(geometries);
  const projected = first !== null && (Math.abs(first[0]) > 180 || Math.abs(first[1]) > 90);
  if (options.crs) {
    const named = crsFromCode(options.crs);
    if (!named.ok) {
      note('import_failed', { detail: `${options.crs}: ${named.detail}` }, 'error');
      return { source, attributes: [], features: [], notes };
    }
    toWgs84 = named.toWgs84;
    coordinates = { from: named.name, assumed: false };
    if (toWgs84) note('import_crs_converted', { crs: named.name });
  } else if (parts.prj) {
    const prj = crsFromPrj(new TextDecoder().decode(parts.prj));
    if (!prj.ok) {
      note('import_failed', { detail: `.prj ${prj.name}: ${prj.detail}` }, 'error');
      return { source, attributes: [], features: [], notes };
    }
    if (prj.otherDatum) note('import_datum_unshifted', { datum: prj.otherDatum });
    if (prj.toWgs84) {
      toWgs84 = prj.toWgs84;
      note('import_crs_converted', { crs: prj.name });
    }
    coordinates = { from: prj.toWgs84 ? prj.name : 'EPSG:4326', assumed: false };
  } else if (projected) {
    // Metres with nothing to say which system: reading them as degrees would only be refused later.
    const suggestion = suggestProjectedCrs(first![0]);
    note('import_prj_missing_projected', { x: Math.round(first![0]), y: Math.round(first![1]), suggestion: suggestion ?? '' }, 'error');
    return { source, attributes: attributeNames(rows.map((properties) => ({ properties }))), features: [], notes, needsCrs: true };
  } else {
    note('import_prj_missing', {});
    coordinates = { from: 'EPSG:4326', assumed: true };
  }

  const features = geometries.map((geometry, i) => ({
    type: 'Feature' as const,
    geometry: geometry && (toWgs84 ? convertGeometry(geometry, toWgs84) : convertGeometry(geometry, (x, y) => [x, y])),
    properties: { ...(rows[i] ?? {}) },
  }));
  return { source, attributes: attributeNames(features), features, notes, ...(coordinates ? { coordinates } : {}) };
}

/** The first coordinate pair of the first geometry that has one. */
function firstPosition(geometries: readonly (Geometry | null)[]): [number, number] | null {
  for (const g of geometries) {
    if (!g || !('coordinates' in g)) continue;
    let c: unknown = g.coordinates;
    while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') return [c[0], c[1]];
  }
  return null;
}
