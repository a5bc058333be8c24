// shpjs ships no types; only the two parsers the Shapefile importer uses are declared.
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  export function parseShp(shp: ArrayBuffer | Uint8Array | DataView, prj?: string | false): (Geometry | null)[];
  export function parseDbf(dbf: ArrayBuffer | Uint8Array | DataView, cpg?: string): Record<string, unknown>[];
}
