/**
 * What every table-like importer (Shapefile, CSV, map service) produces before the planner says
 * which layer it is and which attribute means what: WGS84 features with the source's own attribute
 * names, and the notes made while reading. `fieldMapping.ts` turns it into a contract layer file.
 */
import type { Feature, Geometry, Position } from 'geojson';
import type { Issue } from '../types';

export interface RawLayer {
  /** Where it came from, shown to the planner: `学校.shp`, `schools.csv`, a service URL. */
  source: string;
  /** Attribute names in source order. */
  attributes: string[];
  features: Feature<Geometry | null, Record<string, unknown>>[];
  /** Notes made while reading (encoding, conversion, rows left out), `layer` filled in on import. */
  notes: Issue[];
  /**
   * Where the coordinates came from, written onto every feature as `crs_from` / `crs_assumed` so the
   * report's data_quality can say it wherever the dataset goes (a folder, a zip, the browser store).
   */
  coordinates?: { from: string; assumed: boolean };
  /** True when the source's coordinates are metres of a system nobody named: the planner must say which. */
  needsCrs?: boolean;
}

/** Attribute names in first-seen order over all features. */
export function attributeNames(features: readonly { properties: Record<string, unknown> | null }[]): string[] {
  const seen = new Set<string>();
  for (const f of features) for (const key of Object.keys(f.properties ?? {})) seen.add(key);
  return [...seen];
}

/** The bounds of a raw layer's coordinates, for the preview, or null when it has none. */
export function rawBounds(raw: RawLayer): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as [number, number];
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
      return;
    }
    for (const inner of c) visit(inner);
  };
  for (const f of raw.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return minX <= maxX ? [minX, minY, maxX, maxY] : null;
}

/** The geometry with every position converted (to WGS84); a bbox in the old units is dropped. */
export function convertGeometry(geometry: Geometry, convert: (x: number, y: number) => [number, number]): Geometry {
  const walk = (c: unknown): unknown => (typeof (c as unknown[])[0] === 'number' ? convert((c as Position)[0]!, (c as Position)[1]!) : (c as unknown[]).map(walk));
  const { bbox: _dropped, ...rest } = geometry;
  if (rest.type === 'GeometryCollection') return { ...rest, geometries: rest.geometries.map((g) => convertGeometry(g, convert)) };
  return { ...rest, coordinates: walk(rest.coordinates) } as Geometry;
}
