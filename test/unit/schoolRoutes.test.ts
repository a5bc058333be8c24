/**
 * Issue 18: safe routes to school. Hand-made networks with answers worked out on paper, then seeded
 * grid cities against an independent count: where main roads run right across the city, a child must
 * cross exactly the main roads that lie between its home and its school.
 */
import { describe, expect, it } from 'vitest';
import { computeAccess } from '../../src/core/access';
import { buildReport } from '../../src/core/report/report';
import { addCrossing, addFootpath } from '../../src/core/routes/routeFixes';
import { schoolRoutes, type SchoolRoutes } from '../../src/core/routes/schoolRoutes';
import { snapToNetwork } from '../../src/core/network/snapToNetwork';
import { DEFAULT_TARGETS, parseTargets } from '../../src/core/targets';
import type { ContractFeature, Dataset, ValidationReport } from '../../src/core/types';
import { at, dataset, point, road, seeded } from './fixtures';

const settings = DEFAULT_TARGETS.school_routes;

function routesOf(d: Dataset, over: Partial<typeof settings> = {}): SchoolRoutes {
  const access = computeAccess(d, { offNetworkMetres: 500 });
  return schoolRoutes({ dataset: d, access, context: access.context!, settings: { ...settings, ...over }, offNetworkMetres: 500, prohibitedVenueKinds: ['internet_cafe'], unmitigatedWater: [] });
}
const child = (id: string, xy: [number, number], n: number, extra: Record<string, unknown> = {}) => point(id, xy, { population: 100, children_6_11: n, children_12_14: 0, children_3_5: 0, ...extra });
const school = (id: string, xy: [number, number], level = 'primary') => point(id, xy, { name: id, level });
const crossing = (id: string, xy: [number, number], kind: string) => point(id, xy, { kind });
const MAIN = { highway: 'primary' };
const SIDE = { highway: 'residential' };

// A main road along y = 0 and one side street across it at x = 0 (a shared vertex at the origin).
const crossroads = (extra: Partial<Record<'crossings' | 'residential' | 'schools', ContractFeature[]>> = {}) =>
  dataset({
    roads: [road('main', [[-500, 0], [0, 0], [500, 0]], MAIN), road('side', [[0, -300], [0, 0], [0, 300]], SIDE)],
    residential: [child('h1', [20, -250], 10)],
    schools: [school('s1', [20, 250])],
    ...extra,
  });

describe('crossings on hand-made networks', () => {
  it('a crossing on the only route carries every child, unprotected without a crossings layer', () => {
    const r = routesOf(crossroads());
    expect(r.crossings).toHaveLength(1);
    expect(r.crossings[0]).toMatchObject({ road: 'main', at: 'node', children: 10, protected: false, protected_by: null, schools: ['s1'] });
    expect(r.crossings[0]!.lon).toBeCloseTo(at(0, 0)[0], 6);
    expect(r.children_crossing_unprotected).toBe(10);
    expect(r.schools[0]).toMatchObject({ id: 's1', children: 10, children_crossing_unprotected: 10, share_crossing_unprotected: 1, unprotected_crossings: 1 });
    expect(r.notes.map((n) => n.en)).toContain('no crossings layer: every main-road crossing counts as unprotected');
  });

  it('a signal 25 m away protects the crossing; 35 m away it does not', () => {
    const near = routesOf(crossroads({ crossings: [crossing('c1', [25, 0], 'signals')] }));
    expect(near.crossings[0]).toMatchObject({ protected: true, protected_by: { id: 'c1', kind: 'signals' } });
    expect(near.crossings[0]!.protected_by!.distance_m).toBeCloseTo(25, 0);
    expect(near.children_crossing_unprotected).toBe(0);
    const far = routesOf(crossroads({ crossings: [crossing('c1', [35, 0], 'signals')] }));
    expect(far.crossings[0]).toMatchObject({ protected: false, protected_by: null });
    expect(far.children_crossing_unprotected).toBe(10);
    // An uncontrolled crossing protects no one; the radius is a setting.
    expect(routesOf(crossroads({ crossings: [crossing('c1', [5, 0], 'uncontrolled')] })).children_crossing_unprotected).toBe(10);
    expect(routesOf(crossroads({ crossings: [crossing('c1', [35, 0], 'zebra')] }), { protection_radius_m: 40 }).children_crossing_unprotected).toBe(0);
  });

  it('a route that stays on its side of the main road crosses nothing; a minor road is no barrier', () => {
    const d = crossroads({ residential: [child('h1', [20, 50], 4)] });
    expect(routesOf(d).crossings).toHaveLength(0);
    expect(routesOf(d, { main_road_classes: ['trunk'] }).crossings).toHaveLength(0);
    expect(routesOf(crossroads(), { main_road_classes: ['trunk'] }).children_crossing_unprotected).toBe(0);
  });

  it('two schools split the children; only those going to the far school cross', () => {
    const d = crossroads({
      schools: [school('north', [20, 300]), school('south', [20, -400])],
      residential: [child('a', [20, -40], 3), child('b', [20, -120], 5), child('c', [20, 100], 7)],
    });
    const r = routesOf(d);
    // a: 340 m north vs 360 m south → north, crossing; b: 420 vs 280 → south; c: north, no crossing.
    expect(r.crossings).toHaveLength(1);
    expect(r.crossings[0]).toMatchObject({ children: 3, schools: ['north'] });
    const rows = Object.fromEntries(r.schools.map((s) => [s.id, s]));
    expect(rows.north).toMatchObject({ children: 10, children_crossing_unprotected: 3 });
    expect(rows.south).toMatchObject({ children: 5, children_crossing_unprotected: 0 });
    expect(r.children_routed).toBe(15);
  });

  it('a home naming its school (catchment) is routed there, across the road', () => {
    const d = crossroads({
      schools: [school('north', [20, 300]), school('south', [20, -400])],
      residential: [child('b', [20, -120], 5, { school: 'north' })],
    });
    const r = routesOf(d);
    expect(r.homes_routed_to_named_school).toBe(1);
    expect(r.crossings[0]).toMatchObject({ children: 5, schools: ['north'] });
  });

  it('walking along a main road, the child crosses where it first meets the road, or at a protected crossing on the way', () => {
    // Home on a street west, south of the main road; school on a street east, north of it.
    const base = {
      roads: [road('main', [[-400, 0], [-200, 0], [200, 0], [400, 0]], MAIN), road('w', [[-200, -300], [-200, -100], [-200, 0]], SIDE), road('e', [[200, 0], [200, 100], [200, 300]], SIDE)],
      residential: [child('h', [-190, -250], 6)],
      schools: [school('s', [210, 250])],
    };
    const plain = routesOf(dataset(base));
    expect(plain.crossings).toHaveLength(1);
    expect(plain.crossings[0]).toMatchObject({ at: 'node', protected: false });
    expect(plain.crossings[0]!.lon).toBeCloseTo(at(-200, 0)[0], 6);
    // A signal beside the main road half-way along: the child crosses there instead.
    const signal = routesOf(dataset({ ...base, crossings: [crossing('sig', [0, 8], 'signals')] }));
    expect(signal.crossings).toHaveLength(1);
    expect(signal.crossings[0]).toMatchObject({ at: 'along', protected: true, children: 6, protected_by: { id: 'sig' } });
    expect(signal.children_crossing_unprotected).toBe(0);

    // The footbridge fix: a path from the west street to the east street over the main road.
    const fixed = addFootpath(dataset(base), [at(-200, -100), at(200, 100)]);
    expect(fixed.ok).toBe(true);
    if (!fixed.ok) return;
    expect(fixed.joined).toEqual(['vertex', 'vertex']);
    const bridged = routesOf(fixed.dataset);
    expect(bridged.crossings).toHaveLength(0);
    expect(bridged.children_crossing_unprotected).toBe(0);
    expect(bridged.segments.some((s) => s.road === fixed.id && s.children === 6)).toBe(true);
  });

  it('a home fronting a main road crosses at the corner, not mid-block, when both serve', () => {
    const d = dataset({
      roads: [road('main', [[-300, 0], [100, 0], [300, 0]], MAIN), road('n', [[100, 0], [100, 300]], SIDE)],
      residential: [child('h', [0, -20], 2)],
      schools: [school('s', [110, 250])],
    });
    const r = routesOf(d);
    expect(r.crossings).toHaveLength(1);
    expect(r.crossings[0]).toMatchObject({ at: 'node', children: 2 });
    expect(r.crossings[0]!.lon).toBeCloseTo(at(100, 0)[0], 6);
    // With a zebra in front of the home, it crosses there.
    const zebra = routesOf({ ...d, layers: { ...d.layers, crossings: { type: 'FeatureCollection', features: [crossing('z', [0, 3], 'zebra')] } } });
    expect(zebra.children_crossing_unprotected).toBe(0);
  });

  it('a main road children may not walk along still bars the way at a junction; an expressway overhead does not', () => {
    const d = dataset({
      roads: [
        road('trunk', [[-500, 0], [0, 0], [500, 0]], { highway: 'trunk', walkable: false }),
        road('flyover', [[-500, 100], [500, 120]], { highway: 'trunk', walkable: false, bridge: true }),
        road('side', [[0, -300], [0, 0], [0, 300]], SIDE),
      ],
      residential: [child('h1', [20, -250], 10)],
      schools: [school('s1', [20, 250])],
    });
    const r = routesOf(d);
    expect(r.crossings.map((c) => c.road)).toEqual(['trunk']);
    expect(r.children_crossing_unprotected).toBe(10);
  });

  it('adding a crossing as a fix leaves the input untouched', () => {
    const d = crossroads();
    const { dataset: withSignal, id } = addCrossing(d, at(0, 5), 'signals');
    expect(d.layers.crossings).toBeUndefined();
    expect(withSignal.layers.crossings!.features).toHaveLength(1);
    expect(routesOf(withSignal).crossings[0]!.protected_by!.id).toBe(id);
  });

  it('a drawn path too far from any road is refused with the reason', () => {
    const r = addFootpath(crossroads(), [at(-2000, -2000), at(0, 100)]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.en).toMatch(/start is more than 50 m/);
    // An end near a road but not near a vertex gains a vertex on that road.
    const split = addFootpath(crossroads(), [at(-250, 10), at(0, 295)]);
    expect(split.ok && split.joined).toEqual(['new_vertex', 'vertex']);
  });
});

describe('route sums on seeded grid cities (independent count)', () => {
  // A 1.2 km grid of streets every 100 m; main roads run right across at x = 0, y = 0 and y = 300.
  function city(seed: number, jitter = 0) {
    const rand = seeded(seed);
    // Jittered corners (shared by both streets through them) make every shortest path unique.
    const corner = new Map<string, [number, number]>();
    const c = (x: number, y: number): [number, number] => {
      const k = `${x},${y}`;
      if (!corner.has(k)) corner.set(k, jitter ? [x + (rand() - 0.5) * jitter, y + (rand() - 0.5) * jitter] : [x, y]);
      return corner.get(k)!;
    };
    const roads: ContractFeature[] = [];
    const mainX = new Set([0]);
    const mainY = new Set([0, 300]);
    for (let k = -600; k <= 600; k += 100) {
      const ys: [number, number][] = [];
      const xs: [number, number][] = [];
      for (let t = -600; t <= 600; t += 100) {
        ys.push(c(k, t));
        xs.push(c(t, k));
      }
      // Main roads run on past the grid's edge: no child walks round their ends.
      const past = (line: [number, number][], vertical: boolean): [number, number][] => [vertical ? [k, -700] : [-700, k], ...line, vertical ? [k, 700] : [700, k]];
      roads.push(road(`v${k}`, mainX.has(k) ? past(ys, true) : ys, { highway: mainX.has(k) ? 'primary' : 'residential' }));
      roads.push(road(`h${k}`, mainY.has(k) ? past(xs, false) : xs, { highway: mainY.has(k) ? (k === 0 ? 'secondary' : 'trunk_link') : 'residential' }));
    }
    const away = () => {
      for (;;) {
        const v = -560 + rand() * 1120;
        if ([...mainX, ...mainY].every((m) => Math.abs(v - m) > 8) && Math.abs(v % 100) > 4 && Math.abs(v % 100) < 96) return v;
      }
    };
    const homes = Array.from({ length: 150 }, (_, i) => child(`h${i}`, [away(), away()], Math.round(rand() * 20) / 2, { children_12_14: Math.round(rand() * 10) / 2 }));
    const schools = Array.from({ length: 6 }, (_, i) => school(`s${i}`, [away(), away()], i % 3 === 0 ? 'nine_year' : i % 3 === 1 ? 'primary' : 'middle'));
    return { d: dataset({ roads, residential: homes, schools }), mainX, mainY };
  }

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: every child crosses exactly the main roads between home and school`, () => {
      const { d, mainX, mainY } = city(seed);
      const access = computeAccess(d, { offNetworkMetres: 500 });
      const r = routesOf(d);
      const xy = (f: ContractFeature) => {
        const [lon, lat] = (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
        const o = at(0, 0);
        const one = at(1, 1);
        return [(lon - o[0]) / (one[0] - o[0]), (lat - o[1]) / (one[1] - o[1])];
      };
      const between = (a: number[], b: number[]) =>
        [...mainX].filter((m) => (a[0]! - m) * (b[0]! - m) < 0).length + [...mainY].filter((m) => (a[1]! - m) * (b[1]! - m) < 0).length;
      let expectedUnprotected = 0;
      let expectedCrossingChildren = 0;
      let routed = 0;
      const perSchool = new Map<string, number>();
      for (const [level, band] of [['primary', 'children_6_11'], ['middle', 'children_12_14']] as const) {
        const fac = access.facilities[level];
        d.layers.residential!.features.forEach((home, h) => {
          const f = access.nearest[level].facility[h]!;
          if (f < 0) return;
          const w = home.properties[band] as number;
          const n = between(xy(home), xy(fac.features[f]!));
          routed += w;
          if (n > 0) expectedUnprotected += w;
          expectedCrossingChildren += n * w;
          perSchool.set(String(fac.ids[f]), (perSchool.get(String(fac.ids[f])) ?? 0) + w);
        });
      }
      expect(r.children_routed).toBeCloseTo(routed, 6);
      expect(r.children_crossing_unprotected).toBeCloseTo(expectedUnprotected, 6);
      expect(r.crossings.reduce((s, c) => s + c.children, 0)).toBeCloseTo(expectedCrossingChildren, 4);
      // Route sums: the children arriving at each school are the children routed to it.
      for (const row of r.schools) expect(row.children).toBeCloseTo(perSchool.get(String(row.id)) ?? 0, 4);
      expect(r.schools.reduce((s, row) => s + row.children, 0)).toBeCloseTo(routed, 4);
      expect(r.crossings.every((c) => c.schools.length > 0)).toBe(true);
      // Children crossing one way and the other at a corner are one crossing.
      expect(new Set(r.crossings.map((c) => c.id)).size).toBe(r.crossings.length);
    });
  }

  it('seeds 4–5: the children on each street are those whose route walks it (paths followed one by one)', () => {
    for (const seed of [4, 5]) {
      const { d } = city(seed, 12);
      const access = computeAccess(d, { offNetworkMetres: 500 });
      const { network, homeSnaps } = access.context!;
      const r = routesOf(d);
      const { nodeCount, adjStart, adjNode, adjLength, adjEdge, edgeFrom, edgeTo, edgeLength } = network;
      const load = new Float64Array(network.edgeCount);
      for (const [level, band] of [['primary', 'children_6_11'], ['middle', 'children_12_14']] as const) {
        const fac = access.facilities[level];
        const snaps = fac.points.map(([lon, lat]) => snapToNetwork(network, lon, lat)!);
        // Distances from each school, by a plain O(n²) search of its own.
        const fromSchool = snaps.map((s) => {
          const dd = new Float64Array(nodeCount).fill(Infinity);
          dd[edgeFrom[s.edge]!] = s.connector + s.along;
          dd[edgeTo[s.edge]!] = Math.min(dd[edgeTo[s.edge]!]!, s.connector + edgeLength[s.edge]! - s.along);
          const done = new Uint8Array(nodeCount);
          for (;;) {
            let n = -1;
            for (let i = 0; i < nodeCount; i++) if (!done[i] && dd[i]! < Infinity && (n < 0 || dd[i]! < dd[n]!)) n = i;
            if (n < 0) break;
            done[n] = 1;
            for (let k = adjStart[n]!; k < adjStart[n + 1]!; k++) dd[adjNode[k]!] = Math.min(dd[adjNode[k]!]!, dd[n]! + adjLength[k]!);
          }
          return dd;
        });
        d.layers.residential!.features.forEach((home, h) => {
          const w = home.properties[band] as number;
          const e = homeSnaps.edge[h]!;
          if (e < 0 || w <= 0) return;
          // The nearest school and the way to it, by brute force over every school.
          let best = { d: Infinity, f: -1, node: -1 };
          snaps.forEach((s, f) => {
            const dd = fromSchool[f]!;
            const viaA = dd[edgeFrom[e]!]! + homeSnaps.along[h]! + homeSnaps.connector[h]!;
            const viaB = dd[edgeTo[e]!]! + edgeLength[e]! - homeSnaps.along[h]! + homeSnaps.connector[h]!;
            const along = s.edge === e ? s.connector + Math.abs(s.along - homeSnaps.along[h]!) + homeSnaps.connector[h]! : Infinity;
            for (const [dist, node] of [[viaA, edgeFrom[e]!], [viaB, edgeTo[e]!], [along, -1]] as const) if (dist < best.d - 1e-9) best = { d: dist, f, node };
          });
          if (best.f < 0) return;
          expect(best.d).toBeCloseTo(access.nearest[level].distance[h]!, 6);
          load[e]! += w;
          const dd = fromSchool[best.f]!;
          const s = snaps[best.f]!;
          for (let n = best.node; n >= 0; ) {
            const seedHere = (n === edgeFrom[s.edge] && Math.abs(dd[n]! - (s.connector + s.along)) < 1e-6) || (n === edgeTo[s.edge] && Math.abs(dd[n]! - (s.connector + edgeLength[s.edge]! - s.along)) < 1e-6);
            if (seedHere) {
              load[s.edge]! += w;
              break;
            }
            let next = -1;
            for (let k = adjStart[n]!; k < adjStart[n + 1]!; k++) if (Math.abs(dd[adjNode[k]!]! + adjLength[k]! - dd[n]!) < 1e-6) { next = k; break; }
            expect(next).toBeGreaterThanOrEqual(0);
            load[adjEdge[next]!]! += w;
            n = adjNode[next]!;
          }
        });
      }
      const got = new Map(r.segments.map((sg) => [`${sg.from.join(',')}|${sg.to.join(',')}`, sg.children]));
      let compared = 0;
      for (let e = 0; e < network.edgeCount; e++) {
        const k = `${network.nodeLon[edgeFrom[e]!]},${network.nodeLat[edgeFrom[e]!]}|${network.nodeLon[edgeTo[e]!]},${network.nodeLat[edgeTo[e]!]}`;
        expect(got.get(k) ?? 0, k).toBeCloseTo(load[e]!, 1);
        if (load[e]! > 0) compared++;
      }
      expect(compared).toBeGreaterThan(100);
    }
  });
});

describe('settings', () => {
  it('a target file sets main road classes, radius and walking speeds, each checked', () => {
    const ok = parseTargets({ school_routes: { main_road_classes: ['trunk', 'primary'], protection_radius_m: 40, walking_speed_m_per_min: { primary: 55 } } });
    expect(ok.ok && ok.targets.school_routes).toMatchObject({ main_road_classes: ['trunk', 'primary'], protection_radius_m: 40, walking_speed_m_per_min: { kindergarten: 50, primary: 55, middle: 67 } });
    const bad = parseTargets({ school_routes: { main_road_classes: [], protection_radius_m: -1, walking_speed_m_per_min: { toddler: 30, middle: 500 } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toEqual([
      'school_routes.main_road_classes: must be a list of highway classes, got []',
      'school_routes.protection_radius_m: must be metres between 0 and 5000, got -1',
      'school_routes.walking_speed_m_per_min.toddler: unknown level (use kindergarten, primary, middle)',
      'school_routes.walking_speed_m_per_min.middle: must be between 10 and 200 m a minute, got 500',
    ]);
  });
  it('minutes are metres over the level\'s walking speed', () => {
    const r = routesOf(crossroads(), { walking_speed_m_per_min: { kindergarten: 50, primary: 50, middle: 67 } });
    expect(r.schools[0]!.longest_route_min).toBeCloseTo(r.schools[0]!.longest_route_m! / 50, 1);
  });
});

describe('the report', () => {
  const validation = { crsIn: 'EPSG:4326', dataset: [], layers: {} } as unknown as ValidationReport;
  it('carries school_routes and the indicator; without roads both say why', () => {
    const d = crossroads();
    const access = computeAccess(d, { offNetworkMetres: 500 });
    const report = buildReport({ dataset: d, validation, targets: DEFAULT_TARGETS, access, context: access.context });
    expect(report.school_routes!.crossings[0]!.children).toBe(10);
    const ind = report.indicators.find((i) => i.id === 'routes.children_crossing_unprotected')!;
    expect(ind).toMatchObject({ value: 10, target: 0, status: 'not_met' });
    expect(ind.reason).toMatch(/no crossings layer/);
    const noRoads = dataset({ residential: [child('h1', [20, -250], 10)], schools: [school('s1', [20, 250])] });
    const a2 = computeAccess(noRoads);
    const r2 = buildReport({ dataset: noRoads, validation, targets: DEFAULT_TARGETS, access: a2, context: a2.context });
    expect(r2.school_routes).toBeNull();
    expect(r2.indicators.find((i) => i.id === 'routes.children_crossing_unprotected')).toMatchObject({ value: null, status: 'not_computable', reason: expect.stringMatching(/walking network/) });
  });
});
