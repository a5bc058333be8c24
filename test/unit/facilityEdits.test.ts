import { describe, expect, it } from 'vitest';
import { applyFacilityEdit, freshId } from '../../src/core/facilityEdits';
import { at, dataset, point } from './fixtures';

describe('editing facilities by hand', () => {
  const ds = dataset({ kindergartens: [point('k1', [0, 0], { name: 'k1', capacity: 90 }), point('k-new-1', [10, 0], { name: 'x' })] });
  const before = JSON.stringify(ds);

  it('adds a kindergarten with a fresh id, its name and places', () => {
    const next = applyFacilityEdit(ds, { action: 'add', layer: 'kindergartens', at: at(100, 0), name: '新园', capacity: 240 });
    const added = next.layers.kindergartens!.features.at(-1)!;
    expect(added.id).toBe('k-new-2');
    expect(added.properties).toMatchObject({ id: 'k-new-2', name: '新园', capacity: 240 });
    expect(freshId(next, 'kindergartens')).toBe('k-new-3');
  });

  it('moves and deletes by id, leaving the input untouched', () => {
    const moved = applyFacilityEdit(ds, { action: 'move', layer: 'kindergartens', id: 'k1', to: at(500, 500) });
    expect((moved.layers.kindergartens!.features[0]!.geometry as { coordinates: number[] }).coordinates).toEqual(at(500, 500));
    const deleted = applyFacilityEdit(ds, { action: 'delete', layer: 'kindergartens', id: 'k1' });
    expect(deleted.layers.kindergartens!.features.map((f) => f.id)).toEqual(['k-new-1']);
    expect(JSON.stringify(ds)).toBe(before);
  });
});
