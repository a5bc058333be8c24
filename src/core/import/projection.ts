/**
 * A Shapefile's .prj is Esri or OGC WKT. proj4 reads both (Gauss_Kruger, Transverse_Mercator,
 * Mercator_Auxiliary_Sphere …); we only add the checks a planner needs: geographic systems pass
 * through, and a projection that throws or lands off the globe is named rather than used.
 */
import proj4 from 'proj4';
import type { PositionTransform } from '../crs';

export type PrjResult =
  | { ok: true; name: string; toWgs84: PositionTransform | null }
  | { ok: false; name: string; detail: string };

/** The name WKT gives itself: `CGCS2000_3_Degree_GK_Zone_41`, `WGS 84 / UTM zone 51N` … */
export function wktName(wkt: string): string {
  return /^\s*[A-Z_]+\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? 'unnamed';
}

export function crsFromPrj(wkt: string): PrjResult {
  const name = wktName(wkt);
  if (/^\s*(GEOGCS|GEOGCRS|GEODCRS)\b/i.test(wkt)) return { ok: true, name, toWgs84: null };
  try {
    const converter = proj4(wkt, 'WGS84');
    const toWgs84: PositionTransform = (x, y) => converter.forward([x, y]) as [number, number];
    return { ok: true, name, toWgs84 };
  } catch (e) {
    return { ok: false, name, detail: e instanceof Error ? e.message : String(e) };
  }
}
