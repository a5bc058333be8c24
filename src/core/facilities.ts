/**
 * Which features are facilities of each kind the report knows, and the point that stands for each.
 * A nine-year school counts as primary and middle; a complete school as primary, middle and high.
 * A playground counts when its area meets the minimum size, or when its area is unknown.
 */
import { area } from '@turf/turf';
import { representativePoint } from './representativePoint';
import type { ContractFeature, Dataset, FeatureId } from './types';

export const FACILITY_KINDS = ['kindergarten', 'childcare', 'primary', 'middle', 'high', 'playground', 'childrens_home'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

const SCHOOL_KINDS: Record<string, FacilityKind[]> = {
  primary: ['primary'],
  middle: ['middle'],
  nine_year: ['primary', 'middle'],
  high: ['high'],
  complete: ['primary', 'middle', 'high'],
};

export interface Facilities {
  kind: FacilityKind;
  /** False when the layer the kind comes from is absent (the figure is then not computable). */
  layerPresent: boolean;
  ids: FeatureId[];
  points: [number, number][];
  features: ContractFeature[];
  /** Playgrounds only: left out as below the minimum size, and counted although their size is unknown. */
  tooSmall: FeatureId[];
  unknownSize: FeatureId[];
}

/** A playground's area in m²: its own `area_m2`, else its polygon's area; null when unknown. */
export function playgroundArea(f: ContractFeature): number | null {
  if (typeof f.properties.area_m2 === 'number') return f.properties.area_m2;
  if (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') return area(f);
  return null;
}

export function facilitiesOf(dataset: Dataset, kind: FacilityKind, playgroundMinArea: number): Facilities {
  const source = kind === 'kindergarten' ? 'kindergartens' : kind === 'childcare' ? 'childcare' : kind === 'playground' ? 'playgrounds' : kind === 'childrens_home' ? 'childrens_homes' : 'schools';
  const layer = dataset.layers[source];
  const out: Facilities = { kind, layerPresent: layer !== undefined, ids: [], points: [], features: [], tooSmall: [], unknownSize: [] };
  for (const f of layer?.features ?? []) {
    if (source === 'schools' && !SCHOOL_KINDS[f.properties.level as string]?.includes(kind)) continue;
    if (kind === 'playground') {
      const a = playgroundArea(f);
      if (a === null) out.unknownSize.push(f.id);
      else if (a < playgroundMinArea) {
        out.tooSmall.push(f.id);
        continue;
      }
    }
    out.ids.push(f.id);
    out.points.push(representativePoint(f.geometry));
    out.features.push(f);
  }
  return out;
}
