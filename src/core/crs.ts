/**
 * The coordinate systems a dataset may be written in (dataset.json `crs`), and how each becomes
 * WGS84 longitude/latitude. CGCS2000 and WGS84 differ by centimetres, so CGCS2000 geographic
 * coordinates are taken as they are, and Gauss–Krüger metres are inverted on the GRS80 ellipsoid.
 */
import { bd09ToWgs84, gcj02ToWgs84 } from './chineseCoordinates';
import proj4 from 'proj4';

export type PositionTransform = (x: number, y: number) => [number, number];

export interface CoordinateSystem {
  /** Canonical name: `EPSG:4326`, `EPSG:4490`, `GCJ-02`, `BD-09`, `EPSG:4513` … `EPSG:4554`. */
  name: string;
  units: 'degrees' | 'metres';
  /** Null where coordinates are already WGS84 / CGCS2000 longitude, latitude. */
  toWgs84: PositionTransform | null;
  /** For Gauss–Krüger: the easting range a coordinate of this zone must fall in. */
  eastingRange?: [number, number];
}

export type CrsResult = { ok: true; crs: CoordinateSystem } | { ok: false; crs: string };

/**
 * CGCS2000 3-degree Gauss–Krüger zones. EPSG:4513–4533 are zones 25–45 with the zone number
 * prefixed to the easting (false easting zone × 1,000,000 + 500,000); EPSG:4534–4554 are the
 * same central meridians 75°E–135°E without the prefix (false easting 500,000).
 */
function gaussKrugerDefinition(code: number): { proj: string; eastingRange: [number, number] } | null {
  if (code >= 4513 && code <= 4533) {
    const zone = 25 + (code - 4513);
    const falseEasting = zone * 1_000_000 + 500_000;
    return {
      proj: tmerc(zone * 3, falseEasting),
      eastingRange: [zone * 1_000_000, (zone + 1) * 1_000_000],
    };
  }
  if (code >= 4534 && code <= 4554) {
    return { proj: tmerc(75 + 3 * (code - 4534), 500_000), eastingRange: [0, 1_000_000] };
  }
  return null;
}

function tmerc(centralMeridian: number, falseEasting: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

/** Reads `EPSG:4326`, `epsg:4528`, `urn:ogc:def:crs:EPSG::4528`, `CRS84`, `GCJ02`, `bd-09`, … */
export function resolveCrs(input: unknown): CrsResult {
  const raw = typeof input === 'number' ? `EPSG:${input}` : typeof input === 'string' ? input.trim() : '';
  const upper = raw.toUpperCase().replace(/\s+/g, '');
  if (upper === 'GCJ-02' || upper === 'GCJ02') {
    return {
      ok: true,
      crs: { name: 'GCJ-02', units: 'degrees', toWgs84: gcj02ToWgs84 },
    };
  }
  if (upper === 'BD-09' || upper === 'BD09') {
    return {
      ok: true,
      crs: { name: 'BD-09', units: 'degrees', toWgs84: bd09ToWgs84 },
    };
  }
  if (upper === 'CRS84' || upper.endsWith(':CRS84')) {
    return { ok: true, crs: { name: 'EPSG:4326', units: 'degrees', toWgs84: null } };
  }
  const match = /^(?:URN:OGC:DEF:CRS:)?EPSG:{1,2}(?:[\d.]*:)?(\d+)$/.exec(upper);
  const code = match ? Number(match[1]) : NaN;
  if (code === 4326 || code === 4490) {
    return { ok: true, crs: { name: `EPSG:${code}`, units: 'degrees', toWgs84: null } };
  }
  const gk = Number.isInteger(code) ? gaussKrugerDefinition(code) : null;
  if (gk) {
    const converter = proj4(gk.proj, 'WGS84');
    return {
      ok: true,
      crs: {
        name: `EPSG:${code}`,
        units: 'metres',
        toWgs84: (x, y) => converter.forward([x, y]) as [number, number],
        eastingRange: gk.eastingRange,
      },
    };
  }
  return { ok: false, crs: raw || String(input) };
}

export const WGS84: CoordinateSystem = { name: 'EPSG:4326', units: 'degrees', toWgs84: null };
