/**
 * Walking distance on hand-made networks whose answers can be worked out on paper. Expected values
 * are sums of great-circle lengths of the path a child walks: connector, streets, connector.
 */
import { describe, expect, it } from 'vitest';
import { computeAccess } from '../../src/core/access';
import { greatCircleDistance } from '../../src/core/geodesy';
import { at, dataset, point, road } from './fixtures';

const gc = (a: [number, number], b: [number, number]) => greatCircleDistance(...at(...a), ...at(...b));
const pathLength = (...pts: [number, number][]) => pts.slice(1).reduce((s, p, i) => s + gc(pts[i]!, p), 0);
const kg = (id: string, xy: [number, number]) => point(id, xy, { name: id });
const home = (id: string, xy: [number, number]) => point(id, xy, { population: 100, children_3_5: 10 });

function nearestKindergarten(ds: ReturnType<typeof dataset>, distance: 'network' | 'euclidean' = 'network') {
  const access = computeAccess(ds, { distance });
  return access.homes.ids.map((id, h) => {
    const f = access.nearest.kindergarten.facility[h]!;
    return { id, kg: f < 0 ? null : access.facilities.kindergarten.ids[f], d: access.nearest.kindergarten.distance[h]!, off: access.offNetwork[h] === 1 };
  });
}

describe('walking distance on hand-made networks', () => {
  it('goes round a river by the bridge, where a straight line would cross it', () => {
    // Streets 100 m either side of a river, one bridge 1 km east. Home and kindergarten face each other.
    const ds = dataset({
      roads: [road('south', [[-500, -100], [0, -100], [1000, -100]]), road('north', [[-500, 100], [0, 100], [1000, 100]]), road('bridge', [[1000, -100], [1000, 100]])],
      kindergartens: [kg('k1', [0, 120])],
      residential: [home('r1', [0, -120])],
    });
    const [r] = nearestKindergarten(ds);
    const expected = gc([0, -120], [0, -100]) + pathLength([0, -100], [1000, -100], [1000, 100], [0, 100]) + gc([0, 100], [0, 120]);
    expect(r!.kg).toBe('k1');
    expect(r!.d).toBeCloseTo(expected, 6);
    const [straight] = nearestKindergarten(ds, 'euclidean');
    expect(straight!.d).toBeCloseTo(gc([0, -120], [0, 120]), 6);
  });

  it('does not cross at an overpass: lines crossing without a shared vertex do not connect', () => {
    const streets = [road('ew', [[-300, 0], [300, 0]]), road('ns', [[0, -300], [0, 300]])];
    const layers = { kindergartens: [kg('k1', [0, 280])], residential: [home('r1', [-280, 10])] };
    const [apart] = nearestKindergarten(dataset({ ...layers, roads: streets }));
    expect(apart!.kg).toBeNull();
    expect(apart!.d).toBe(Infinity);
    expect(apart!.off).toBe(false);
    // The same streets meeting at a shared vertex connect.
    const joined = [road('ew', [[-300, 0], [0, 0], [300, 0]]), road('ns', [[0, -300], [0, 0], [0, 300]])];
    const [crossing] = nearestKindergarten(dataset({ ...layers, roads: joined }));
    expect(crossing!.kg).toBe('k1');
    expect(crossing!.d).toBeCloseTo(gc([-280, 10], [-280, 0]) + pathLength([-280, 0], [0, 0], [0, 280]) + 0, 6);
  });

  it('counts both connectors for a home exactly on a kindergarten, and nothing on the street', () => {
    const roads = [road('s', [[-200, 0], [200, 0]])];
    const [off] = nearestKindergarten(dataset({ roads, kindergartens: [kg('k1', [50, 30])], residential: [home('r1', [50, 30])] }));
    expect(off!.d).toBeCloseTo(2 * gc([50, 30], [50, 0]), 6);
    const [on] = nearestKindergarten(dataset({ roads, kindergartens: [kg('k1', [50, 0])], residential: [home('r1', [50, 0])] }));
    expect(on!.d).toBeCloseTo(0, 9);
  });

  it('walks along the shared street when home and kindergarten join the same edge', () => {
    const [r] = nearestKindergarten(dataset({ roads: [road('s', [[0, 0], [1000, 0]])], kindergartens: [kg('k1', [700, -20])], residential: [home('r1', [100, 40])] }));
    expect(r!.d).toBeCloseTo(gc([100, 40], [100, 0]) + gc([100, 0], [700, 0]) + gc([700, 0], [700, -20]), 3);
  });

  it('breaks a tie by the kindergarten listed first, whatever the order of work', () => {
    const roads = [road('s', [[-500, 0], [0, 0], [500, 0]])];
    const r = home('r1', [0, 10]);
    const [a] = nearestKindergarten(dataset({ roads, kindergartens: [kg('kA', [-200, 0]), kg('kB', [200, 0])], residential: [r] }));
    const [b] = nearestKindergarten(dataset({ roads, kindergartens: [kg('kB', [200, 0]), kg('kA', [-200, 0])], residential: [r] }));
    expect(a!.kg).toBe('kA');
    expect(b!.kg).toBe('kB');
    expect(a!.d).toBe(b!.d);
  });

  it('marks a home more than 500 m from every walkable road as off-network, with no distance', () => {
    const roads = [road('s', [[0, 0], [1000, 0]]), road('motorway', [[0, 600], [1000, 600]], { walkable: false })];
    const rows = nearestKindergarten(dataset({ roads, kindergartens: [kg('k1', [100, 0])], residential: [home('near', [100, 499]), home('far', [100, 501])] }));
    expect(rows[0]!.off).toBe(false);
    expect(rows[0]!.kg).toBe('k1');
    expect(rows[1]!.off).toBe(true);
    expect(rows[1]!.kg).toBeNull();
  });

  it('gives homes on a network island the nearest reachable kindergarten, or none', () => {
    const roads = [road('main', [[0, 0], [1000, 0]]), road('island', [[0, 3000], [1000, 3000]])];
    const rows = nearestKindergarten(dataset({ roads, kindergartens: [kg('k1', [900, 10])], residential: [home('main', [100, 10]), home('island', [100, 3010])] }));
    expect(rows[0]!.kg).toBe('k1');
    expect(rows[1]!.kg).toBeNull();
    expect(rows[1]!.off).toBe(false);
  });

  it('falls back to straight-line distance, and says so, without a roads layer', () => {
    const access = computeAccess(dataset({ kindergartens: [kg('k1', [0, 0])], residential: [home('r1', [300, 400])] }));
    expect(access.distance).toBe('euclidean');
    expect(access.distanceReason).toBe('no_roads');
    expect(access.nearest.kindergarten.distance[0]).toBeCloseTo(gc([0, 0], [300, 400]), 6);
  });
});
