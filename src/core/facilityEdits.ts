/**
 * Editing facilities by hand on the map: add, move or delete a kindergarten or a candidate site, or
 * set its places.
 * Pure functions from one dataset to the next; the store keeps the previous one for undo.
 */
import type { ContractFeature, Dataset, FeatureId } from './types';

export type EditableLayer = 'kindergartens' | 'candidates';

export type FacilityEdit =
  | { action: 'add'; layer: EditableLayer; at: [number, number]; name: string; capacity: number | null }
  | { action: 'move'; layer: EditableLayer; id: FeatureId; to: [number, number] }
  | { action: 'delete'; layer: EditableLayer; id: FeatureId }
  /** Places of an existing kindergarten or site (null: unknown). */
  | { action: 'capacity'; layer: EditableLayer; id: FeatureId; capacity: number | null };

/** An id not yet used in the layer: `<prefix>1`, `<prefix>2`, … */
export function freshId(dataset: Dataset, layer: EditableLayer): string {
  const used = new Set((dataset.layers[layer]?.features ?? []).map((f) => String(f.id)));
  const prefix = layer === 'kindergartens' ? 'k-new-' : 'cand-new-';
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export function applyFacilityEdit(dataset: Dataset, edit: FacilityEdit): Dataset {
  const features = dataset.layers[edit.layer]?.features ?? [];
  let next: ContractFeature[];
  switch (edit.action) {
    case 'add': {
      const id = freshId(dataset, edit.layer);
      const properties: Record<string, unknown> = { id, name: edit.name || id, ...(edit.capacity !== null ? { capacity: edit.capacity } : {}), added_by_hand: true };
      next = [...features, { type: 'Feature', id, properties, geometry: { type: 'Point', coordinates: edit.at } }];
      break;
    }
    case 'move':
      // A moved polygon becomes its new point: the site's outline is not known at the new place.
      next = features.map((f) => (f.id === edit.id ? { ...f, properties: { ...f.properties, moved_by_hand: true }, geometry: { type: 'Point', coordinates: edit.to } } : f));
      break;
    case 'delete':
      next = features.filter((f) => f.id !== edit.id);
      break;
    case 'capacity':
      next = features.map((f) => {
        if (f.id !== edit.id) return f;
        const { capacity: _old, ...rest } = f.properties;
        return { ...f, properties: { ...rest, ...(edit.capacity !== null ? { capacity: edit.capacity } : {}), capacity_edited_by_hand: true } };
      });
      break;
  }
  return { ...dataset, layers: { ...dataset.layers, [edit.layer]: { type: 'FeatureCollection', features: next } } };
}
