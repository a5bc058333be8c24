/**
 * Homes as the analyses see them: a representative point, residents, and children per age band —
 * the home's own count, or `population × age_shares[band]` where it has none (marked as estimated).
 */
import { AGE_BANDS, type AgeBand } from './layers';
import { representativePoint } from './representativePoint';
import type { Dataset, FeatureId } from './types';

export interface Homes {
  count: number;
  ids: FeatureId[];
  lon: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  children: Record<AgeBand, Float64Array>;
  /** 1 where the band was estimated from age_shares. */
  estimated: Record<AgeBand, Uint8Array>;
  /** Homes whose band is neither given nor estimable (no age share): counted as 0 and reported. */
  unknown: Record<AgeBand, number>;
  /** The home's `community` property, when it has one. */
  community: (FeatureId | null)[];
  /** True when any home's band rests on an age-share estimate. */
  estimatedAny: boolean;
}

export function prepareHomes(dataset: Dataset): Homes {
  const features = dataset.layers.residential?.features ?? [];
  const n = features.length;
  const shares = dataset.meta.ageShares;
  const homes: Homes = {
    count: n,
    ids: new Array<FeatureId>(n),
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    population: new Float64Array(n),
    children: Object.fromEntries(AGE_BANDS.map((b) => [b, new Float64Array(n)])) as Record<AgeBand, Float64Array>,
    estimated: Object.fromEntries(AGE_BANDS.map((b) => [b, new Uint8Array(n)])) as Record<AgeBand, Uint8Array>,
    unknown: Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<AgeBand, number>,
    community: new Array<FeatureId | null>(n),
    estimatedAny: false,
  };
  features.forEach((f, i) => {
    homes.ids[i] = f.id;
    const [lon, lat] = representativePoint(f.geometry);
    homes.lon[i] = lon;
    homes.lat[i] = lat;
    const population = f.properties.population as number;
    homes.population[i] = population;
    for (const band of AGE_BANDS) {
      const own = f.properties[band];
      if (typeof own === 'number') homes.children[band][i] = own;
      else if (shares[band] !== undefined) {
        homes.children[band][i] = population * shares[band]!;
        homes.estimated[band][i] = 1;
        homes.estimatedAny = true;
      } else homes.unknown[band]++;
    }
    const c = f.properties.community;
    homes.community[i] = typeof c === 'string' || typeof c === 'number' ? c : null;
  });
  return homes;
}

/**
 * Reduces each home to its representative point, the only part of a home's shape any analysis reads,
 * in place. For the command line, which owns its freshly loaded dataset: a million home polygons are
 * half the heap, and every full garbage collection during the analysis walks them.
 */
export function reduceHomesToPoints(dataset: Dataset): void {
  for (const f of dataset.layers.residential?.features ?? []) {
    if (f.geometry.type !== 'Point') f.geometry = { type: 'Point', coordinates: representativePoint(f.geometry) };
  }
}
