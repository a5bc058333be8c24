/**
 * Which community each point lies in: a home's own `community` property when it names a known
 * community, else the community polygon containing its representative point.
 */
import Flatbush from 'flatbush';
import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { ContractFeature, FeatureId } from './types';

export class CommunityLocator {
  private readonly index: Flatbush | null;
  private readonly byId = new Map<string, number>();

  constructor(readonly communities: readonly ContractFeature[]) {
    communities.forEach((c, i) => this.byId.set(String(c.id), i));
    if (communities.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(communities.length);
    for (const c of communities) {
      const [w, s, e, n] = bbox(c);
      this.index.add(w, s, e, n);
    }
    this.index.finish();
  }

  /** Index of the community containing (lon, lat), or -1. The first listed wins where they overlap. */
  containing(lon: number, lat: number): number {
    if (!this.index) return -1;
    const hits = this.index.search(lon, lat, lon, lat).sort((a, b) => a - b);
    return hits.find((i) => booleanPointInPolygon([lon, lat], this.communities[i]! as never)) ?? -1;
  }

  /** A home's community: by its `community` property when known, else by location. */
  of(ref: FeatureId | null, lon: number, lat: number): number {
    if (ref !== null) {
      const i = this.byId.get(String(ref));
      if (i !== undefined) return i;
    }
    return this.containing(lon, lat);
  }
}
