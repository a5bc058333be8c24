/**
 * Scenario edits: changes a planner records on top of the loaded data ("this pond is now fenced"),
 * kept apart from the data so they can be undone, and applied wherever figures are computed or data
 * is exported.
 */
import type { Mitigation } from './drowningHazards';
import type { Dataset } from './types';

/** Who recorded a fix, when, and what they noted: an inspection record, not just a tick. */
export interface FixRecord {
  /** yyyy-mm-dd */
  date: string;
  inspector: string;
  note: string;
}

/** Per water feature id: the protections recorded as now in place, and the last record of them. */
export type WaterFix = Partial<Record<Mitigation, true>> & { recorded?: FixRecord };
export type WaterEdits = Record<string, WaterFix>;

/** The record as properties of the water feature, so every export carries it. */
export const FIX_PROPERTIES = { date: 'fix_date', inspector: 'fix_inspector', note: 'fix_note' } as const;

/** The dataset with the edits applied; untouched layers and features are shared, never mutated. */
export function applyWaterEdits(dataset: Dataset, edits: WaterEdits): Dataset {
  const water = dataset.layers.water;
  if (!water || Object.keys(edits).length === 0) return dataset;
  return {
    ...dataset,
    layers: {
      ...dataset.layers,
      water: {
        ...water,
        features: water.features.map((f) => {
          const fix = edits[String(f.id)];
          if (!fix) return f;
          const { recorded, ...flags } = fix;
          const record = recorded ? { [FIX_PROPERTIES.date]: recorded.date, [FIX_PROPERTIES.inspector]: recorded.inspector, [FIX_PROPERTIES.note]: recorded.note } : {};
          return { ...f, properties: { ...f.properties, ...flags, ...record } };
        }),
      },
    },
  };
}
