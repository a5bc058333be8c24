/**
 * Playground provision: the two-step floating catchment on hand-made cases with known values, and
 * against a brute force (every home's distance to every playground, one playground at a time).
 */
import { describe, expect, it } from 'vitest';
import { computeAccess } from '../../src/core/access';
import { floatingCatchment, reachByNetwork, reachByStraightLine } from '../../src/core/catchment';
import { nearestByNetwork } from '../../src/core/nearestFacility';
import { playgroundProvision } from '../../src/core/playgroundProvision';
import { snapListOf, snapToNetwork } from '../../src/core/network/snapToNetwork';
import { DEFAULT_TARGETS } from '../../src/core/targets';
import type { ContractFeature } from '../../src/core/types';
import { at, dataset, point, road, seeded } from './fixtures';

const kids = (id: string, xy: [number, number], n: number) => point(id, xy, { population: n * 4, children_0_2: 0, children_3_5: n, children_6_11: 0 });
const square = (id: string, [x, y]: [number, number], half: number, props: Record<string, unknown>): ContractFeature => ({
  type: 'Feature', id, properties: { id, ...props },
  geometry: { type: 'Polygon', coordinates: [[at(x - half, y - half), at(x + half, y - half), at(x + half, y + half), at(x - half, y + half), at(x - half, y - half)]] },
});

function provision(layers: Parameters<typeof dataset>[0], distance: 'network' | 'euclidean' = 'euclidean') {
  const ds = dataset(layers);
  const access = computeAccess(ds, { distance, playgroundMinArea: DEFAULT_TARGETS.playground_min_area_m2 });
  return playgroundProvision(ds, access, access.context, DEFAULT_TARGETS);
}

describe('two-step floating catchment, by hand', () => {
  it('shares one playground between two groups of homes in reach', () => {
    // 600 m² shared by 10 + 20 children: 20 m² per child for everyone in reach; the far group gets none.
    const p = provision({
      playgrounds: [point('p1', [0, 0], { area_m2: 600 })],
      residential: [kids('a', [100, 0], 10), kids('b', [-200, 0], 20), kids('far', [900, 0], 30)],
    });
    expect(Array.from(p.homeAreaPerChild)).toEqual([20, 20, 0]);
    expect(p.areaPerChild).toBeCloseTo((10 * 20 + 20 * 20) / 60, 9);
    expect(p.playgrounds[0]!.children_in_reach).toBe(30);
  });

  it('adds up two playgrounds whose catchments overlap', () => {
    // p1 (300 m²) reaches a and b (10 + 10 children): 15 each. p2 (400 m²) reaches b and c (10 + 30): 10 each.
    const p = provision({
      playgrounds: [point('p1', [0, 0], { area_m2: 300 }), point('p2', [500, 0], { area_m2: 400 })],
      residential: [kids('a', [-100, 0], 10), kids('b', [250, 0], 10), kids('c', [600, 0], 30)],
    });
    expect(Array.from(p.homeAreaPerChild)).toEqual([15, 25, 10]);
  });

  it('leaves out playgrounds below the minimum size, and counts those of unknown size with no area', () => {
    const p = provision({
      playgrounds: [point('small', [0, 0], { area_m2: 120 }), point('unknown', [10, 0]), point('ok', [20, 0], { area_m2: 200 })],
      residential: [kids('a', [0, 50], 10)],
    });
    expect(p.tooSmall).toEqual([{ id: 'small', area_m2: 120 }]);
    expect(p.unknownSize).toEqual(['unknown']);
    expect(p.homeAreaPerChild[0]).toBe(20);
  });
});

describe('green spaces holding a playground', () => {
  it('counts a playground on the boundary of a green space, and inside one part of a multipolygon park', () => {
    const park: ContractFeature = {
      type: 'Feature', id: 'park', properties: { id: 'park', kind: 'park' },
      geometry: { type: 'MultiPolygon', coordinates: [square('x', [0, 0], 50, {}).geometry, square('y', [1000, 0], 50, {}).geometry].map((g) => (g as { coordinates: number[][][] }).coordinates) },
    };
    const green = square('rg', [0, 500], 40, { kind: 'residential_green' });
    const empty = square('rg2', [0, 900], 40, { kind: 'residential_green', name: '空绿地' });
    const p = provision({
      green_spaces: [park, green, empty],
      playgrounds: [point('p-park', [1000, 10], { area_m2: 300 }), point('p-edge', [40, 500], { area_m2: 300 })],
      residential: [kids('a', [0, 880], 7), kids('b', [3000, 3000], 5)],
    });
    expect(p.spaces).toEqual({ park: { total: 1, holding: 1 }, residential_green: { total: 2, holding: 1 } });
    expect(p.todo.map((t) => [t.id, t.kind, t.children_0_11])).toEqual([['rg2', 'residential_green', 7]]);
    expect(p.todo[0]!.area_m2).toBeCloseTo(6400, -1);
  });
});

describe.each([11, 12, 13, 14])('floating catchment against brute force, random city %i', (seed) => {
  const rand = seeded(seed);
  const roads: ContractFeature[] = [];
  for (let i = 0; i <= 6; i++) {
    roads.push(road(`h${i}`, Array.from({ length: 7 }, (_, j) => [j * 150, i * 150] as [number, number])));
    roads.push(road(`v${i}`, Array.from({ length: 7 }, (_, j) => [i * 150, j * 150] as [number, number])));
  }
  const spot = (): [number, number] => [rand() * 1000 - 50, rand() * 1000 - 50];
  const homes = Array.from({ length: 80 }, (_, i) => kids(`r${i}`, spot(), 1 + Math.floor(rand() * 9)));
  const pgs = Array.from({ length: 12 }, (_, i) => point(`p${i}`, spot(), { area_m2: 170 + Math.floor(rand() * 800) }));

  it.each(['network', 'euclidean'] as const)('matches the sums done pair by pair (%s)', (mode) => {
    const ds = dataset({ roads, residential: homes, playgrounds: pgs });
    const access = computeAccess(ds, { distance: mode });
    const p = playgroundProvision(ds, access, access.context, DEFAULT_TARGETS);
    const r = DEFAULT_TARGETS.radii_m.playground;
    // Brute force: each playground on its own gives every home's distance to it.
    const d: number[][] = pgs.map((_, f) => {
      if (mode === 'euclidean') {
        const one = computeAccess(dataset({ residential: homes, playgrounds: [pgs[f]!] }), { distance: 'euclidean' });
        return Array.from(one.nearest.playground.distance);
      }
      const net = access.context!.network;
      const [lon, lat] = access.facilities.playground.points[f]!;
      return Array.from(nearestByNetwork(net, snapListOf([snapToNetwork(net, lon, lat)]), access.context!.homeSnaps).distance);
    });
    const demand = homes.map((h) => (h.properties.children_3_5 as number));
    const ratio = pgs.map((pg, f) => {
      const reached = demand.reduce((s, w, h) => s + (d[f]![h]! <= r ? w : 0), 0);
      return reached > 0 ? (pg.properties.area_m2 as number) / reached : 0;
    });
    homes.forEach((_, h) => {
      const want = ratio.reduce((s, q, f) => s + (d[f]![h]! <= r ? q : 0), 0);
      expect(p.homeAreaPerChild[h]).toBeCloseTo(want, 9);
    });
  });
});

describe('reach', () => {
  it('gives the same pairs by network search as by one-facility nearest runs', () => {
    const ds = dataset({ roads: [road('s', [[0, 0], [300, 0], [600, 0]])], residential: [kids('a', [50, 20], 1), kids('b', [550, -20], 1)] });
    const access = computeAccess(ds, { distance: 'network' });
    const snap = snapToNetwork(access.context!.network, ...at(100, 10));
    const reach = reachByNetwork(access.context!.network, snapListOf([snap]), access.context!.homeSnaps, 1000);
    expect(Array.from(reach.home)).toEqual([0, 1]);
    expect(reach.distance[0]).toBeCloseTo(10 + 50 + 20, 1);
    expect(reach.distance[1]).toBeCloseTo(10 + 450 + 20, 1);
    const straight = reachByStraightLine([at(0, 0)], [at(0, 100), at(0, 101)], 100.5);
    expect(Array.from(straight.home)).toEqual([0]);
    expect(floatingCatchment([100], [4, 6], reach).ratio[0]).toBe(10);
  });
});
