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
import { crsFromPrj } from './projection';
import { attributeNames, convertGeometry, type RawLayer } from './rawLayer';
import { decodeText, shapefileEncoding } from './textEncoding';

export type ZipContents =
  | { kind: 'shapefile'; layers: RawLayer[] }
  | { kind: 'dataset'; files: { name: string; bytes: Uint8Array }[] }
  | { kind: 'error'; detail: string; issue: Issue };

const base = (path: string) => path.replace(/^.*\//, '');

/**
 * A zip made on a Chinese Windows stores names in GBK without saying so; the unzipper then reads
 * each byte as one Latin-1 character (`Ó×¶ùÔ°.shp`). Such a name is turned back into its bytes
 * and decoded as text is (UTF-8 if valid, else GBK). Names already decoded (UTF-8 flag) are kept.
 */
function entryName(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  return decodeText(Uint8Array.from(name, (c) => c.charCodeAt(0))).text;
}

/** What a zip holds: Shapefiles (to map), or a dataset folder of GeoJSON files (to load as is). */
export function readZip(source: string, bytes: Uint8Array): ZipContents {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { kind: 'error', detail: `${source}: not a readable zip (${detail})`, issue: { severity: 'error', code: 'zip_unreadable', layer: 'dataset', file: source, params: { detail } } };
  }
  entries = Object.fromEntries(Object.entries(entries).map(([name, data]) => [entryName(name), data]));
  const names = Object.keys(entries).filter((n) => !n.includes('__MACOSX') && !n.endsWith('/'));
  const shps = names.filter((n) => /\.shp$/i.test(n));
  if (shps.length > 0) {
    const find = (stem: string, ext: string) => names.find((n) => n.toLowerCase() === `${stem}.${ext}`.toLowerCase());
    return {
      kind: 'shapefile',
      layers: shps.map((shp) => {
        const stem = shp.slice(0, -4);
        const part = (ext: string) => {
          const n = find(stem, ext);
          return n ? entries[n] : undefined;
        };
        return readShapefile(`${base(source)}/${base(shp)}`, { shp: entries[shp]!, dbf: part('dbf'), prj: part('prj'), cpg: part('cpg') });
      }),
    };
  }
  const files = names.filter((n) => /\.(geo)?json$/i.test(n)).map((n) => ({ name: base(n), bytes: entries[n]! }));
  if (files.length > 0) return { kind: 'dataset', files };
  return { kind: 'error', detail: `${source}: the zip holds no .shp and no .geojson files`, issue: { severity: 'error', code: 'zip_without_data', layer: 'dataset', file: source, params: {} } };
}

export interface ShapefileParts {
  shp: Uint8Array;
  dbf?: Uint8Array;
  prj?: Uint8Array;
  cpg?: Uint8Array;
}

export function readShapefile(source: string, parts: ShapefileParts): RawLayer {
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
    const declared = shapefileEncoding(cpg, parts.dbf);
    // Without a declaration, the table's own bytes decide (strict UTF-8 first, then GBK).
    const encoding = declared ?? decodeText(parts.dbf).encoding;
    try {
      rows = parseDbf(parts.dbf, encoding === 'gbk' ? 'gb18030' : 'utf-8');
      note('import_encoding', { encoding: encoding === 'gbk' ? 'GBK' : 'UTF-8' });
    } catch (e) {
      note('import_failed', { detail: `.dbf: ${e instanceof Error ? e.message : String(e)}` }, 'error');
    }
  }

  let toWgs84: PositionTransform | null = null;
  if (parts.prj) {
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
  } else {
    note('import_prj_missing', {});
  }

  const features = geometries.map((geometry, i) => ({
    type: 'Feature' as const,
    geometry: geometry && (toWgs84 ? convertGeometry(geometry, toWgs84) : convertGeometry(geometry, (x, y) => [x, y])),
    properties: { ...(rows[i] ?? {}) },
  }));
  return { source, attributes: attributeNames(features), features, notes };
}
