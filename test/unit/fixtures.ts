/** Small datasets built in metres around a fixed origin, for hand-computed and brute-force tests. */
import { METRES_PER_DEGREE } from '../../src/core/geodesy';
import type { ContractFeature, Dataset, FeatureId } from '../../src/core/types';
import type { LayerName } from '../../src/core/layers';

const LON0 = 124.3;
const LAT0 = 43.1;
const COS = Math.cos((LAT0 * Math.PI) / 180);

/** Local metres (east, north) to [lon, lat]. */
export const at = (x: number, y: number): [number, number] => [LON0 + x / (METRES_PER_DEGREE * COS), LAT0 + y / METRES_PER_DEGREE];

export const point = (id: FeatureId, xy: [number, number], properties: Record<string, unknown> = {}): ContractFeature => ({
  type: 'Feature', id, properties: { id, ...properties }, geometry: { type: 'Point', coordinates: at(...xy) },
});

export const road = (id: FeatureId, xys: [number, number][], properties: Record<string, unknown> = {}): ContractFeature => ({
  type: 'Feature', id, properties: { id, ...properties }, geometry: { type: 'LineString', coordinates: xys.map((p) => at(...p)) },
});

export function dataset(layers: Partial<Record<LayerName, ContractFeature[]>>, ageShares: Dataset['meta']['ageShares'] = {}): Dataset {
  return {
    meta: { name: 'fixture', year: null, crs: 'EPSG:4326', ageShares, synthetic: true },
    layers: Object.fromEntries(Object.entries(layers).map(([k, v]) => [k, { type: 'FeatureCollection', features: v! }])),
  };
}

/** A seeded generator (mulberry32): tests must not depend on Math.random. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
