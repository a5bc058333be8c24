/**
 * Scenario edits: changes a planner records on top of the loaded data ("this pond is now fenced"),
 * kept apart from the data so they can be undone, and applied wherever figures are computed or data
 * is exported.
 */
import type { Mitigation } from './drowningHazards';
import type { Dataset } from './types';

/** Per water feature id: the protections recorded as now in place. */
export type WaterEdits = Record<string, Partial<Record<Mitigation, true>>>;

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
          return fix ? { ...f, properties: { ...f.properties, ...fix } } : f;
        }),
      },
    },
  };
}
