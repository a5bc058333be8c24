/**
 * A Shapefile's .prj is Esri or OGC WKT. proj4 reads both (Gauss_Kruger, Transverse_Mercator,
 * Mercator_Auxiliary_Sphere …); we only add the checks a planner needs: geographic systems pass
 * through, and a projection that throws or lands off the globe is named rather than used.
 */
import proj4 from 'proj4';
import type { PositionTransform } from '../crs';

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
