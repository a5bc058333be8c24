/**
 * Homes coloured by walking (or straight-line) distance to the nearest facility of one kind, and a
 * facility's service area: pure functions from analysis results to GeoJSON the map draws.
 */
import { circle } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Dataset } from '../core/types';
import type { CoverageKind } from '../core/targets';
import type { CoverageResult } from '../worker/client';
import type { DrowningResult } from '../core/drowningHazards';
import type { KindergartenSeats, SeatGroup } from '../core/kindergartenSeats';
import type { FeatureId } from '../core/types';

export const DISTANCE_BANDS = ['near', 'covered', 'near_miss', 'uncovered', 'off_network'] as const;
export type DistanceBand = (typeof DISTANCE_BANDS)[number];

export const BAND_COLOURS: Record<DistanceBand | ProvisionBand | SeatGroup, string> = {
  near: '#1a9850',
  covered: '#91cf60',
  near_miss: '#fdae61',
  uncovered: '#d73027',
  off_network: '#5e3c99',
  none: '#d73027',
  low: '#fc8d59',
  mid: '#91cf60',
  good: '#1a9850',
  served: '#1a9850',
  short: '#fdae61',
  out_of_reach: '#d73027',
};

export const SEAT_GROUPS = ['served', 'short', 'out_of_reach'] as const;

/** Homes coloured by kindergarten places within reach: served, short of places, out of reach. */
export function seatHomes(dataset: Dataset | null, seats: KindergartenSeats | null): FeatureCollection {
  const homes = dataset?.layers.residential?.features ?? [];
  if (!seats || seats.homeGroup.length !== homes.length) return { type: 'FeatureCollection', features: [] };
  return {
    type: 'FeatureCollection',
    features: homes.map((f, h) => ({ type: 'Feature', geometry: f.geometry, properties: { id: f.id, band: seats.homeGroup[h], places_per_child: Math.round(seats.homePlacesPerChild[h]! * 100) / 100 } })),
  };
}

/** Play area within reach per child: none at all, under 1 m², 1–3 m², 3 m² or more. */
export const PROVISION_BANDS = ['none', 'low', 'mid', 'good', 'off_network'] as const;
export type ProvisionBand = (typeof PROVISION_BANDS)[number];

export function provisionBand(areaPerChild: number, offNetwork: boolean): ProvisionBand {
  if (offNetwork) return 'off_network';
  if (areaPerChild <= 0) return 'none';
  if (areaPerChild < 1) return 'low';
  if (areaPerChild < 3) return 'mid';
  return 'good';
}

/** Homes coloured by play area within reach per child. */
export function provisionHomes(dataset: Dataset | null, result: CoverageResult | null): FeatureCollection {
  const homes = dataset?.layers.residential?.features ?? [];
  const perChild = result?.provision.homeAreaPerChild;
  if (!result || !perChild || perChild.length !== homes.length) return { type: 'FeatureCollection', features: [] };
  const off = new Set(result.offNetworkHomes.map(String));
  return {
    type: 'FeatureCollection',
    features: homes.map((f, h) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: { id: f.id, band: provisionBand(perChild[h]!, off.has(String(f.id))), m2_per_child: Math.round(perChild[h]! * 100) / 100 },
    })),
  };
}

/** Within half the radius, within it, up to half again beyond, farther or unreachable, off the network. */
export function distanceBand(distance: number, radius: number, offNetwork: boolean): DistanceBand {
  if (offNetwork) return 'off_network';
  if (distance <= radius / 2) return 'near';
  if (distance <= radius) return 'covered';
  if (distance <= radius * 1.5) return 'near_miss';
  return 'uncovered';
}

/** Each home's distance band for one kind, in residential order; null when the result is for other homes. */
export function coverageBands(dataset: Dataset | null, result: CoverageResult | null, kind: CoverageKind, radius: number): DistanceBand[] | null {
  const homes = dataset?.layers.residential?.features ?? [];
  if (!result || result.homeDistance[kind].length !== homes.length) return null;
  const off = new Set(result.offNetworkHomes.map(String));
  const distance = result.homeDistance[kind];
  return homes.map((f, h) => distanceBand(distance[h]!, radius, off.size > 0 && off.has(String(f.id))));
}

export function coverageHomes(dataset: Dataset | null, result: CoverageResult | null, kind: CoverageKind, radius: number): FeatureCollection {
  const bands = coverageBands(dataset, result, kind, radius);
  if (!bands) return { type: 'FeatureCollection', features: [] };
  const distance = result!.homeDistance[kind];
  const features: Feature<Geometry>[] = dataset!.layers.residential!.features.map((f, h) => {
    const d = distance[h]!;
    return { type: 'Feature', geometry: f.geometry, properties: { id: f.id, band: bands[h]!, distance_m: Number.isFinite(d) ? Math.round(d) : null } };
  });
  return { type: 'FeatureCollection', features };
}

/** How many of each band (the panel's key), without building the map's features. */
export function countBands(bands: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const band of bands) counts[band] = (counts[band] ?? 0) + 1;
  return counts;
}

export function bandCounts(collection: FeatureCollection): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of collection.features) {
    const band = (f.properties as { band: string }).band;
    counts[band] = (counts[band] ?? 0) + 1;
  }
  return counts;
}

/** The straight-line buffer a desktop GIS would draw, for comparison with the walking area. */
export function bufferCircle(point: [number, number], radius: number): FeatureCollection {
  return { type: 'FeatureCollection', features: [circle(point, radius, { units: 'meters', steps: 64 })] };
}

/** The child places near one hazard of the register, as points coloured by risk band. */
export function drowningPlaces(result: DrowningResult, hazard: FeatureId | null): FeatureCollection {
  const row = hazard === null ? undefined : result.hazards.find((h) => h.id === hazard);
  return {
    type: 'FeatureCollection',
    features: (row?.places ?? []).map((p) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: p.point },
      properties: { id: p.id, layer: p.layer, band: p.band, distance_m: p.distance_m },
    })),
  };
}
