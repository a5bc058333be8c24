/**
 * Issue 15: per-community figures come from one pass over the homes; they must equal the sums over
 * each community's homes taken one community at a time, on a seeded city with hundreds of communities.
 */
import { describe, expect, it } from 'vitest';
import { computeAccess } from '../../src/core/access';
import { communityCoverage, COVERAGE_BANDS, homeCommunities } from '../../src/core/livingCircleCoverage';
import { COVERAGE_KINDS, DEFAULT_TARGETS } from '../../src/core/targets';
import { makeSyntheticCity } from '../../scripts/make-synthetic-city';

describe('per-community coverage in one pass', () => {
  it('equals the per-home sums for every community and kind (100k homes, 222 communities)', () => {
    const city = makeSyntheticCity(100_000, 7);
    expect(city.layers.communities!.features.length).toBeGreaterThanOrEqual(200);
    const access = computeAccess(city, { distance: 'euclidean' });
    const radii = DEFAULT_TARGETS.radii_m;
    const figures = communityCoverage(city, access, radii);
    const of = homeCommunities(city, access);
    for (const kind of COVERAGE_KINDS) {
      const bands = COVERAGE_BANDS[kind];
      const children = new Float64Array(figures.length);
      const covered = new Float64Array(figures.length);
      const homes = new Int32Array(figures.length);
      for (let h = 0; h < access.homes.count; h++) {
        const c = of[h]!;
        if (c < 0) continue;
        let w = 0;
        for (const b of bands) w += access.homes.children[b][h]!;
        children[c] = children[c]! + w;
        homes[c] = homes[c]! + 1;
        if (access.nearest[kind].distance[h]! <= radii[kind]) covered[c] = covered[c]! + w;
      }
      figures.forEach((f, c) => {
        expect(f.figures[kind].homes, `${f.name} ${kind}`).toBe(homes[c]);
        expect(f.figures[kind].children).toBeCloseTo(children[c]!, 6);
        expect(f.figures[kind].covered).toBeCloseTo(covered[c]!, 6);
      });
    }
  }, 60_000);
});
