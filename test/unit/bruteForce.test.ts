/**
 * The engine against a brute-force answer on seeded random cities. The brute force shares nothing
 * with the engine but the contract's two primitives (great-circle length, nearest point on a
 * segment): it snaps by scanning every edge, splits edges at the joining points into an explicit
 * graph, and runs a plain O(V²) Dijkstra from every home.
 */
import { describe, expect, it } from 'vitest';
import { computeAccess } from '../../src/core/access';
import { greatCircleDistance, nearestFractionOnSegment } from '../../src/core/geodesy';
import { coverageFigure } from '../../src/core/livingCircleCoverage';
import type { ContractFeature } from '../../src/core/types';
import { at, dataset, point, road, seeded } from './fixtures';

function randomCity(seed: number, homeCount = 60, kgCount = 6) {
  const rand = seeded(seed);
  const n = 7;
  const grid: [number, number][][] = [];
  for (let i = 0; i < n; i++) grid.push(Array.from({ length: n }, (_, j) => [i * 150 + (rand() - 0.5) * 60, j * 150 + (rand() - 0.5) * 60] as [number, number]));
  const roads: ContractFeature[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i + 1 < n && rand() > 0.2) roads.push(road(`h${i}-${j}`, [grid[i]![j]!, grid[i + 1]![j]!], rand() < 0.1 ? { walkable: false } : {}));
      if (j + 1 < n && rand() > 0.2) roads.push(road(`v${i}-${j}`, [grid[i]![j]!, grid[i]![j + 1]!]));
    }
  }
  // Diagonals with their own vertices: they cross streets without joining them.
  for (let k = 0; k < 3; k++) roads.push(road(`d${k}`, [[rand() * 900, rand() * 900], [rand() * 900, rand() * 900], [rand() * 900, rand() * 900]]));
  const spot = (): [number, number] => [rand() * 1500 - 300, rand() * 1500 - 300];
  const homes = Array.from({ length: homeCount }, (_, i) => point(`r${i}`, spot(), { population: 50, children_3_5: 1 + Math.floor(rand() * 5) }));
  const kgs = Array.from({ length: kgCount }, (_, i) => point(`k${i}`, spot(), { name: `k${i}` }));
  return { roads, homes, kgs };
}

/** Independent brute force: nearest kindergarten by walking distance for every home. */
function bruteForce(roads: ContractFeature[], homes: ContractFeature[], kgs: ContractFeature[]): { id: string | null; d: number }[] {
  type P = [number, number];
  const key = (p: P) => `${p[0]},${p[1]}`;
  const nodes = new Map<string, number>();
  const coords: P[] = [];
  const nodeOf = (p: P) => nodes.get(key(p)) ?? (nodes.set(key(p), coords.push(p) - 1), coords.length - 1);
  const edges: [number, number][] = [];
  for (const r of roads) {
    if (r.properties.walkable === false) continue;
    const line = (r.geometry as unknown as { coordinates: P[] }).coordinates;
    for (let i = 1; i < line.length; i++) {
      const a = nodeOf(line[i - 1]!);
      const b = nodeOf(line[i]!);
      if (a !== b) edges.push([a, b]);
    }
  }
  const len = (a: P, b: P) => greatCircleDistance(a[0], a[1], b[0], b[1]);
  // Snap every point by scanning all edges.
  const points = [...homes, ...kgs].map((f) => (f.geometry as unknown as { coordinates: P }).coordinates);
  const snaps = points.map((p) => {
    let best: { e: number; t: number; c: number } | null = null;
    edges.forEach(([a, b], e) => {
      const A = coords[a]!;
      const B = coords[b]!;
      const t = nearestFractionOnSegment(p[0], p[1], A[0], A[1], B[0], B[1]);
      const c = len(p, [A[0] + t * (B[0] - A[0]), A[1] + t * (B[1] - A[1])]);
      if (!best || c < best.c) best = { e, t, c };
    });
    return best && (best as { c: number }).c <= 500 ? (best as { e: number; t: number; c: number }) : null;
  });
  // Explicit graph: each edge split at the points joining it; each point linked by its connector.
  const adj: Map<number, number>[] = [];
  const link = (u: number, v: number, w: number) => {
    (adj[u] ??= new Map()).set(v, Math.min(w, adj[u]!.get(v) ?? Infinity));
    (adj[v] ??= new Map()).set(u, Math.min(w, adj[v]!.get(u) ?? Infinity));
  };
  let next = coords.length;
  const pointNode = points.map(() => next++);
  edges.forEach(([a, b], e) => {
    const L = len(coords[a]!, coords[b]!);
    const stops = snaps.map((s, i) => (s && s.e === e ? { i, along: s.t * L } : null)).filter((x): x is { i: number; along: number } => x !== null).sort((x, y) => x.along - y.along);
    let prevNode = a;
    let prevAlong = 0;
    for (const s of stops) {
      const mid = next++;
      link(prevNode, mid, s.along - prevAlong);
      link(mid, pointNode[s.i]!, snaps[s.i]!.c);
      prevNode = mid;
      prevAlong = s.along;
    }
    link(prevNode, b, L - prevAlong);
  });
  return homes.map((_, h) => {
    const dist = new Array<number>(next).fill(Infinity);
    const done = new Array<boolean>(next).fill(false);
    dist[pointNode[h]!] = 0;
    for (;;) {
      let u = -1;
      for (let v = 0; v < next; v++) if (!done[v] && dist[v]! < Infinity && (u < 0 || dist[v]! < dist[u]!)) u = v;
      if (u < 0) break;
      done[u] = true;
      for (const [v, w] of adj[u] ?? []) if (dist[u]! + w < dist[v]!) dist[v] = dist[u]! + w;
    }
    let best = { id: null as string | null, d: Infinity };
    kgs.forEach((k, f) => {
      const d = dist[pointNode[homes.length + f]!]!;
      if (d < best.d) best = { id: String(k.id), d };
    });
    return snaps[h] ? best : { id: null, d: Infinity };
  });
}

describe.each([1, 2, 3, 4, 5, 6, 7, 8])('random city %i', (seed) => {
  const { roads, homes, kgs } = randomCity(seed);
  const ds = dataset({ roads, residential: homes, kindergartens: kgs });
  const access = computeAccess(ds, { distance: 'network' });
  const expected = bruteForce(roads, homes, kgs);

  it('finds every home’s nearest kindergarten at the brute-force walking distance', () => {
    expected.forEach((want, h) => {
      const d = access.nearest.kindergarten.distance[h]!;
      if (want.d === Infinity) expect(d, `home ${h}`).toBe(Infinity);
      else expect(Math.abs(d - want.d), `home ${h}: ${d} vs ${want.d}`).toBeLessThan(1e-6);
      const f = access.nearest.kindergarten.facility[h]!;
      if (want.id !== null) expect(access.facilities.kindergarten.ids[f], `home ${h}`).toBe(want.id);
    });
  });

  it('never makes walking shorter than the straight line', () => {
    const straight = computeAccess(ds, { distance: 'euclidean' });
    for (let h = 0; h < homes.length; h++) {
      const f = access.nearest.kindergarten.facility[h]!;
      if (f < 0) continue;
      const [lon, lat] = access.facilities.kindergarten.points[f]!;
      expect(access.nearest.kindergarten.distance[h]!).toBeGreaterThanOrEqual(greatCircleDistance(access.homes.lon[h]!, access.homes.lat[h]!, lon, lat) - 1e-6);
      expect(access.nearest.kindergarten.distance[h]!).toBeGreaterThanOrEqual(straight.nearest.kindergarten.distance[h]! - 1e-6);
    }
  });

  it('never lowers coverage as the radius grows', () => {
    let last = -1;
    for (let r = 0; r <= 3000; r += 100) {
      const share = coverageFigure(access, 'kindergarten', r).share!;
      expect(share).toBeGreaterThanOrEqual(last);
      last = share;
    }
  });

  it('never lengthens anyone’s walk when a kindergarten is added', () => {
    const rand = seeded(seed * 101);
    const extra = point('k-new', [rand() * 900, rand() * 900], { name: 'new' });
    const more = computeAccess(dataset({ roads, residential: homes, kindergartens: [...kgs, extra] }), { distance: 'network' });
    for (let h = 0; h < homes.length; h++) {
      expect(more.nearest.kindergarten.distance[h]!).toBeLessThanOrEqual(access.nearest.kindergarten.distance[h]!);
    }
  });
});

describe('straight-line nearest against a full scan', () => {
  it('agrees with checking every pair', () => {
    const rand = seeded(99);
    const kgs = Array.from({ length: 40 }, (_, i) => point(`k${i}`, [rand() * 5000, rand() * 5000], { name: 'k' }));
    const homes = Array.from({ length: 300 }, (_, i) => point(`r${i}`, [rand() * 5000, rand() * 5000], { population: 1 }));
    const access = computeAccess(dataset({ residential: homes, kindergartens: kgs }));
    homes.forEach((hf, h) => {
      const [lon, lat] = (hf.geometry as unknown as { coordinates: [number, number] }).coordinates;
      const all = kgs.map((k) => greatCircleDistance(lon, lat, ...((k.geometry as unknown as { coordinates: [number, number] }).coordinates)));
      expect(access.nearest.kindergarten.distance[h]).toBeCloseTo(Math.min(...all), 9);
    });
  });
});

describe('straight-line nearest across a whole province', () => {
  it('stays exact where the map plane stretches distances (latitudes 38°–52°)', () => {
    const rand = seeded(7);
    const pt = (id: string, props: Record<string, unknown>): ContractFeature => ({ type: 'Feature', id, properties: { id, ...props }, geometry: { type: 'Point', coordinates: [118 + rand() * 14, 38 + rand() * 14] } });
    const kgs = Array.from({ length: 60 }, (_, i) => pt(`k${i}`, { name: 'k' }));
    const homes = Array.from({ length: 400 }, (_, i) => pt(`r${i}`, { population: 1 }));
    const access = computeAccess(dataset({ residential: homes, kindergartens: kgs }));
    homes.forEach((hf, h) => {
      const [lon, lat] = (hf.geometry as unknown as { coordinates: [number, number] }).coordinates;
      const all = kgs.map((k) => greatCircleDistance(lon, lat, ...((k.geometry as unknown as { coordinates: [number, number] }).coordinates)));
      const best = Math.min(...all);
      expect(access.nearest.kindergarten.distance[h]).toBe(best);
      expect(access.nearest.kindergarten.facility[h]).toBe(all.indexOf(best));
    });
  });
});

// Keep the helper honest: a point 100 m north is 100 m away on the contract's sphere.
it('places fixture points at the intended distances', () => {
  expect(greatCircleDistance(...at(0, 0), ...at(0, 100))).toBeCloseTo(100, 6);
});
