/**
 * Homes coloured by walking (or straight-line) distance to the nearest facility of one kind, and a
 * facility's service area: pure functions from analysis results to GeoJSON the map draws.
 */
import { circle } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Dataset } from '../core/types';
import type { CoverageKind } from '../core/targets';
import type { CoverageResult } from '../worker/client';

export const DISTANCE_BANDS = ['near', 'covered', 'near_miss', 'uncovered', 'off_network'] as const;
export type DistanceBand = (typeof DISTANCE_BANDS)[number];

export const BAND_COLOURS: Record<DistanceBand, string> = {
  near: '#1a9850',
  covered: '#91cf60',
  near_miss: '#fdae61',
  uncovered: '#d73027',
  off_network: '#5e3c99',
};

/** Within half the radius, within it, up to half again beyond, farther or unreachable, off the network. */
export function distanceBand(distance: number, radius: number, offNetwork: boolean): DistanceBand {
  if (offNetwork) return 'off_network';
  if (distance <= radius / 2) return 'near';
  if (distance <= radius) return 'covered';
  if (distance <= radius * 1.5) return 'near_miss';
  return 'uncovered';
}

export function coverageHomes(dataset: Dataset | null, result: CoverageResult | null, kind: CoverageKind, radius: number): FeatureCollection {
  const homes = dataset?.layers.residential?.features ?? [];
  if (!result || result.homeDistance[kind].length !== homes.length) return { type: 'FeatureCollection', features: [] };
  const off = new Set(result.offNetworkHomes.map(String));
  const distance = result.homeDistance[kind];
  const features: Feature<Geometry>[] = homes.map((f, h) => {
    const d = distance[h]!;
    return {
      type: 'Feature',
      geometry: f.geometry,
      properties: { id: f.id, band: distanceBand(d, radius, off.has(String(f.id))), distance_m: Number.isFinite(d) ? Math.round(d) : null },
    };
  });
  return { type: 'FeatureCollection', features };
}

export function bandCounts(collection: FeatureCollection): Record<DistanceBand, number> {
  const counts = Object.fromEntries(DISTANCE_BANDS.map((b) => [b, 0])) as Record<DistanceBand, number>;
  for (const f of collection.features) counts[(f.properties as { band: DistanceBand }).band]++;
  return counts;
}

/** The straight-line buffer a desktop GIS would draw, for comparison with the walking area. */
export function bufferCircle(point: [number, number], radius: number): FeatureCollection {
  return { type: 'FeatureCollection', features: [circle(point, radius, { units: 'meters', steps: 64 })] };
}
