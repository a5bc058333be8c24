/** The hazard register: distances to water geometry, bands, the score's ordering, scenario edits. */
import { describe, expect, it } from 'vitest';
import { drowningHazards, hazardScore, riskOf } from '../../src/core/drowningHazards';
import { greatCircleDistance } from '../../src/core/geodesy';
import { applyWaterEdits } from '../../src/core/scenario';
import { analyze } from '../../src/core/analyze';
import type { ContractFeature } from '../../src/core/types';
import { at, dataset, point } from './fixtures';

const BANDS = { bands_m: [100, 300, 500] as [number, number, number] };
const home = (id: string, xy: [number, number], children = 10) => point(id, xy, { population: 100, children_0_2: children, children_3_5: 0, children_6_11: 0, children_12_14: 0, children_15_17: 0 });
const river = (id: string, props: Record<string, unknown> = {}): ContractFeature => ({
  type: 'Feature', id, properties: { id, kind: 'river', ...props }, geometry: { type: 'LineString', coordinates: [at(-1000, 0), at(1000, 0)] },
});
const pond = (id: string, [x, y]: [number, number], half: number, props: Record<string, unknown> = {}): ContractFeature => ({
  type: 'Feature', id, properties: { id, kind: 'pond', ...props },
  geometry: { type: 'Polygon', coordinates: [[at(x - half, y - half), at(x + half, y - half), at(x + half, y + half), at(x - half, y + half), at(x - half, y - half)]] },
});

describe('distances to water', () => {
  it('measures to the nearest point of a river line, on either bank, and bands by distance', () => {
    const r = drowningHazards(dataset({
      water: [river('w1')],
      residential: [home('edge', [0, 100]), home('past', [0, 100.5]), home('far', [0, 499]), home('out', [0, 501])],
      schools: [point('s1', [300, -250], { name: '对岸小学', level: 'primary' })],
    }), BANDS);
    const places = Object.fromEntries(r.hazards[0]!.places.map((p) => [p.id, p]));
    expect(places.edge!.band).toBe('high'); // exactly on the 100 m edge: inside the high band
    expect(places.past!.band).toBe('medium');
    expect(places.far!.band).toBe('low');
    expect(places.out).toBeUndefined();
    // The school across the river is 250 m from the water line, not from the far bank's homes.
    expect(places.s1!.distance_m).toBeCloseTo(greatCircleDistance(...at(300, -250), ...at(300, 0)), 1);
    expect(places.s1!.band).toBe('medium');
  });

  it('puts a playground inside a pond at zero, and counts a pond inside a park from its own edge', () => {
    const r = drowningHazards(dataset({
      water: [pond('p', [0, 0], 40)],
      playgrounds: [point('in', [10, 10], { area_m2: 300 }), point('park-gate', [0, 140], { area_m2: 300 })],
    }), BANDS);
    const places = Object.fromEntries(r.hazards[0]!.places.map((p) => [p.id, p]));
    expect(places.in!.distance_m).toBe(0);
    expect(places['park-gate']!.distance_m).toBeCloseTo(100, 0);
  });
});

describe('the score', () => {
  it('ranks nearer, more children, less protection and ice higher', () => {
    expect(hazardScore(200, 3, true)).toBeGreaterThan(hazardScore(100, 3, true));
    expect(hazardScore(200, 3, true)).toBeGreaterThan(hazardScore(200, 2, true));
    expect(hazardScore(200, 3, true)).toBeGreaterThan(hazardScore(200, 3, false));
    expect(hazardScore(200, 3, null)).toBeGreaterThan(hazardScore(200, 3, false));
    expect(riskOf(hazardScore(1e9, 0, true), true)).toBe('low'); // fully protected never ranks above low
    expect(riskOf(0, false)).toBe('none');
  });

  it('orders a hand-made register: unfenced pond by a kindergarten first, fenced far river last', () => {
    const r = drowningHazards(dataset({
      water: [
        river('far-river', { fenced: true, warning_signs: true, rescue_equipment: true, freezes: true }),
        pond('kg-pond', [0, 2000], 30, { fenced: false, warning_signs: false, freezes: true }),
        pond('quiet-pond', [3000, 2000], 30, { fenced: false }),
      ],
      kindergartens: [point('k1', [0, 2100], { name: '幼儿园', capacity: 180 })],
      residential: [home('h1', [0, 420]), home('h2', [3000, 2250], 20)],
    }), BANDS);
    expect(r.hazards.map((h) => h.id)).toEqual(['kg-pond', 'quiet-pond', 'far-river']);
    expect(r.hazards[0]!.reasons).toEqual(['unfenced', 'no warning signs', 'rescue equipment unknown', 'freezes in winter', 'kindergarten k1 at 70 m']);
    expect(r.unmitigatedHazards).toBe(2);
    expect(r.childrenNearUnmitigated).toBe(20);
  });
});

describe('recording a fix', () => {
  const ds = dataset({
    water: [pond('p1', [0, 0], 30, { fenced: false, warning_signs: false, rescue_equipment: false }), pond('p2', [0, 1500], 30, { fenced: true })],
    residential: [home('a', [0, 100], 5), home('b', [0, 1600], 7)],
  });
  const loaded = { dataset: ds, report: { crsIn: 'EPSG:4326', usable: true, dataset: [], layers: {} } };
  const indicator = (d: typeof ds, id: string) => analyze({ ...loaded, dataset: d }).indicators.find((i) => i.id === id)!.value;

  it('changes the indicators only when all three protections are in place', () => {
    expect(indicator(ds, 'drowning.unmitigated_hazards')).toBe(2);
    expect(indicator(ds, 'drowning.children_near_unmitigated')).toBe(12);
    const fenced = applyWaterEdits(ds, { p1: { fenced: true } });
    expect(indicator(fenced, 'drowning.unmitigated_hazards')).toBe(2);
    const done = applyWaterEdits(ds, { p1: { fenced: true, warning_signs: true, rescue_equipment: true } });
    expect(indicator(done, 'drowning.unmitigated_hazards')).toBe(1);
    expect(indicator(done, 'drowning.children_near_unmitigated')).toBe(7);
  });

  it('never touches the data it was given', () => {
    const before = JSON.stringify(ds);
    const edited = applyWaterEdits(ds, { p1: { fenced: true } });
    expect(JSON.stringify(ds)).toBe(before);
    expect(edited.layers.water!.features[0]!.properties.fenced).toBe(true);
    expect(edited.layers.residential).toBe(ds.layers.residential);
  });
});
