/**
 * A Shapefile's .prj is Esri or OGC WKT. proj4 reads both (Gauss_Kruger, Transverse_Mercator,
 * Mercator_Auxiliary_Sphere …); we only add the checks a planner needs: geographic systems pass
 * through, and a projection that throws or lands off the globe is named rather than used.
 */
import proj4 from 'proj4';
import { resolveCrs, type PositionTransform } from '../crs';

export type PrjResult =
  /** `otherDatum`: the datum's name when it is neither WGS84 nor CGCS2000 (Beijing 1954, Xi'an 1980 …). */
  | { ok: true; name: string; toWgs84: PositionTransform | null; otherDatum?: string }
  | { ok: false; name: string; detail: string };

/** The name WKT gives itself: `CGCS2000_3_Degree_GK_Zone_41`, `WGS 84 / UTM zone 51N` … */
export function wktName(wkt: string): string {
  return /^\s*[A-Z_]+\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? 'unnamed';
}

/**
 * WGS84 and CGCS2000 agree to centimetres. Beijing 1954 and Xi'an 1980 do not, and a .prj carries
 * no parameters to shift them, so their positions can be tens of metres off: the planner is told.
 */
function otherDatum(wkt: string): string | undefined {
  const datum = /DATUM\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1];
  if (!datum) return undefined;
  return /WGS.?(19)?84|China.?2000|CGCS.?2000|GRS.?(19)?80/i.test(datum) ? undefined : datum;
}

export function crsFromPrj(wkt: string): PrjResult {
  const name = wktName(wkt);
  const datum = otherDatum(wkt);
  if (/^\s*(GEOGCS|GEOGCRS|GEODCRS)\b/i.test(wkt)) return { ok: true, name, toWgs84: null, ...(datum ? { otherDatum: datum } : {}) };
  try {
    const converter = proj4(wkt, 'WGS84');
    const toWgs84: PositionTransform = (x, y) => converter.forward([x, y]) as [number, number];
    return { ok: true, name, toWgs84, ...(datum ? { otherDatum: datum } : {}) };
  } catch (e) {
    return { ok: false, name, detail: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * A system named by the planner for a Shapefile without .prj (`--crs`, or the mapping panel): what
 * dataset.json accepts, plus the other systems Chinese Shapefiles come in: CGCS2000 6-degree
 * Gauss–Krüger (EPSG:4491–4512), UTM on WGS84 (EPSG:32601–32660) and Web Mercator (EPSG:3857).
 */
export function crsFromCode(input: string): PrjResult {
  const resolved = resolveCrs(input);
  if (resolved.ok) return { ok: true, name: resolved.crs.name, toWgs84: resolved.crs.toWgs84 };
  const code = Number(/^(?:EPSG:)?(\d+)$/i.exec(input.trim())?.[1] ?? NaN);
  let definition: string | null = null;
  if (code >= 4491 && code <= 4501) definition = gk6(13 + code - 4491, true);
  else if (code >= 4502 && code <= 4512) definition = gk6(13 + code - 4502, false);
  else if (code >= 32601 && code <= 32660) definition = `+proj=utm +zone=${code - 32600} +datum=WGS84 +units=m +no_defs`;
  else if (code === 3857 || code === 900913) definition = 'EPSG:3857';
  if (!definition) return { ok: false, name: input, detail: 'unknown coordinate system' };
  const converter = proj4(definition, 'WGS84');
  return { ok: true, name: `EPSG:${code}`, toWgs84: (x, y) => converter.forward([x, y]) as [number, number] };
}

/** CGCS2000 6-degree zone `zone` (13–23, central meridian 6 × zone − 3), easting prefixed by the zone or not. */
function gk6(zone: number, prefixed: boolean): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${zone * 6 - 3} +k=1 +x_0=${prefixed ? zone * 1_000_000 + 500_000 : 500_000} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

/**
 * What a projected coordinate's size says about its system: an easting of eight digits carries its
 * Gauss–Krüger zone (41,512,345 → 3-degree zone 41, EPSG:4529; 21,… → 6-degree zone 21, EPSG:4499).
 * Null where it cannot tell (six digits: UTM or a Gauss–Krüger zone without prefix).
 */
export function suggestProjectedCrs(x: number): string | null {
  const zone = Math.floor(x / 1_000_000);
  if (zone >= 25 && zone <= 45) return `EPSG:${4513 + zone - 25}`;
  if (zone >= 13 && zone <= 23) return `EPSG:${4491 + zone - 13}`;
  return null;
}
