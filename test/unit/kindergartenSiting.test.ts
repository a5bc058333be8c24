/**
 * Kindergarten siting against brute force: every k-subset of candidates on small instances, the
 * reference San Francisco instance from PySAL spopt (test/fixtures/spopt-sf, copied from shared/reference), and the tool's own
 * distances given as a cost matrix.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { coveredWith, groupDemand, solveSiting, type Highs, type SitingInstance } from '../../src/core/siting/kindergartenSiting';
import { sitingFromDataset, sitingFromMatrix, SitingInputError } from '../../src/core/siting/sitingInstance';
import { reachByNetwork } from '../../src/core/catchment';
import { computeAccess } from '../../src/core/access';
import { snapListOf, snapToNetwork } from '../../src/core/network/snapToNetwork';
import { representativePoint } from '../../src/core/representativePoint';
import { loadDataset } from '../../src/core/loadDataset';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';
import { dataset, point, seeded } from './fixtures';
import { kindergartenSeats } from '../../src/core/kindergartenSeats';

let highs: Highs;
beforeAll(async () => {
  highs = (await loadHighs()) as unknown as Highs;
});

function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (n < k) return [];
  return [...subsets(n - 1, k - 1).map((s) => [...s, n - 1]), ...subsets(n - 1, k)];
}
const bestOf = (inst: SitingInstance, k: number) => Math.max(...subsets(inst.candidates.length, k).map((s) => coveredWith(inst, new Set(s))));

function randomInstance(seed: number): SitingInstance {
  const rand = seeded(seed);
  const nc = 7;
  const weights = Array.from({ length: 40 }, () => Math.round(rand() * 20));
  const cand = weights.map(() => Array.from({ length: nc }, (_, j) => j).filter(() => rand() < 0.25));
  const ex = weights.map(() => (rand() < 0.2 ? [0] : []));
  return {
    candidates: Array.from({ length: nc }, (_, j) => ({ id: `c${j}`, capacity: 20 + Math.round(rand() * 60) })),
    existing: [{ id: 'k0', capacity: 30 }],
    groups: groupDemand(weights, (i) => cand[i]!, (i) => ex[i]!),
    demandTotal: weights.reduce((s, w) => s + w, 0),
  };
}

describe.each([1, 2, 3, 4, 5, 6])('random instance %i', (seed) => {
  const inst = randomInstance(seed);
  it.each([1, 2, 3])('maximal covering with k = %i equals the best of all subsets', (k) => {
    const r = solveSiting(inst, { model: 'mclp', k }, highs);
    expect(r.solver.optimal).toBe(true);
    expect(r.chosen.length).toBeLessThanOrEqual(k);
    expect(r.after.covered).toBeCloseTo(bestOf(inst, k), 6);
    expect(r.chosen.reduce((s, c) => s + c.adds, 0)).toBeCloseTo(r.after.covered - r.before.covered, 6);
  });

  it('never covers fewer children with one more site', () => {
    const covered = [0, 1, 2, 3, 4].map((k) => solveSiting(inst, { model: 'mclp', k }, highs).after.covered);
    for (let k = 1; k < covered.length; k++) expect(covered[k]!).toBeGreaterThanOrEqual(covered[k - 1]! - 1e-9);
  });

  it('set covering picks the fewest sites that reach the target share', () => {
    const target = 0.6;
    const r = solveSiting(inst, { model: 'lscp', targetShare: target }, highs);
    const need = target * inst.demandTotal;
    const fewest = [0, 1, 2, 3, 4, 5, 6, 7].find((k) => bestOf(inst, k) >= need - 1e-9);
    if (fewest === undefined) expect(r.solver.status).toBe('Infeasible');
    else {
      expect(r.chosen.length).toBe(fewest);
      expect(r.after.covered).toBeGreaterThanOrEqual(need - 1e-6);
    }
  });

  it('never puts more children on a site than its places, and never beats the uncapacitated answer', () => {
    const cap = solveSiting(inst, { model: 'mclp', k: 2, capacitated: true }, highs);
    const free = solveSiting(inst, { model: 'mclp', k: 2 }, highs);
    for (const [id, load] of Object.entries(cap.load ?? {})) {
      const capacity = [...inst.candidates, ...inst.existing].find((c) => String(c.id) === id)!.capacity!;
      expect(load).toBeLessThanOrEqual(capacity + 1e-6);
    }
    expect(cap.after.covered).toBeLessThanOrEqual(free.after.covered + 1e-6);
    expect(cap.after.covered).toBeGreaterThanOrEqual(cap.before.covered - 1e-6);
  });
});

describe('the spopt San Francisco reference instance', () => {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'spopt-sf');
  const long = readFileSync(join(dir, 'SF_network_distance_candidateStore_16_censusTract_205_new.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const stores = [...new Set(long.map((r) => r[1]!))];
  const tracts = [...new Set(long.map((r) => r[2]!))];
  const dist = new Map(long.map((r) => [`${r[2]}|${r[1]}`, r[0]!]));
  const pop = new Map(long.map((r) => [r[2]!, r[3]!]));
  const costs = [['tract', ...stores].join(','), ...tracts.map((t) => [t, ...stores.map((s) => dist.get(`${t}|${s}`) ?? '')].join(','))].join('\n');
  const demand = ['id,weight', ...tracts.map((t) => `${t},${pop.get(t)}`)].join('\n');
  const inst = sitingFromMatrix(costs, demand, 5000);

  it('has 16 candidate stores and 205 tracts', () => {
    expect(inst.candidates).toHaveLength(16);
    expect(inst.demandTotal).toBeGreaterThan(0);
  });

  it('finds the optimum of maximal covering with 4 facilities within 5 km (all 1,820 choices checked)', () => {
    const r = solveSiting(inst, { model: 'mclp', k: 4 }, highs);
    expect(r.solver.optimal).toBe(true);
    expect(r.after.covered).toBeCloseTo(bestOf(inst, 4), 6);
  });
});

describe('a cost matrix holding the tool’s own distances gives the dataset’s answer', () => {
  it('on the Tiexi sample (without its existing kindergartens)', () => {
    const loaded = loadDataset(readDatasetFolder(join(import.meta.dirname, '..', '..', 'data', 'tiexi')).files);
    const { kindergartens: _k, ...layers } = loaded.dataset.layers;
    const ds = { ...loaded.dataset, layers };
    const fromData = sitingFromDataset(ds, { radius: 300 });
    const access = computeAccess(ds, { distance: 'network' });
    const net = access.context!.network;
    const cands = ds.layers.candidates!.features;
    const reach = reachByNetwork(net, snapListOf(cands.map((f) => snapToNetwork(net, ...representativePoint(f.geometry)))), access.context!.homeSnaps, 5000);
    const table = access.homes.ids.map(() => cands.map(() => ''));
    for (let j = 0; j < cands.length; j++) for (let k = reach.start[j]!; k < reach.start[j + 1]!; k++) table[reach.home[k]!]![j] = String(reach.distance[k]);
    const costs = [['home', ...cands.map((c) => c.id)].join(','), ...access.homes.ids.map((id, h) => [id, ...table[h]!].join(','))].join('\n');
    const demand = ['id,weight', ...access.homes.ids.map((id, h) => `${id},${access.homes.children.children_3_5[h]}`)].join('\n');
    const fromMatrix = sitingFromMatrix(costs, demand, 300);
    const a = solveSiting(fromData, { model: 'mclp', k: 3 }, highs);
    const b = solveSiting(fromMatrix, { model: 'mclp', k: 3 }, highs);
    expect(b.after.covered).toBeCloseTo(a.after.covered, 6);
    expect(b.chosen.map((c) => c.id).sort()).toEqual(a.chosen.map((c) => c.id).sort());
  });

  it('names what is wrong in a matrix', () => {
    expect(() => sitingFromMatrix('home,c1\nr1,12', 'id,weight\nr2,3', 300)).toThrow(SitingInputError);
    expect(() => sitingFromMatrix('home,c1\nr1,12', 'id,weight\nr2,3', 300)).toThrow('demand r1 is not in demand.csv');
    expect(() => sitingFromMatrix('home,c1,c2\nr1,12', 'id,weight\nr1,3', 300)).toThrow('1 distances for 2 candidates');
    expect(() => sitingFromMatrix('home,c1\nr1,far', 'id,weight\nr1,3', 300)).toThrow('not a number');
  });
});

describe('kindergarten seats (floating catchment)', () => {
  it('shares places among the children in reach and sorts homes into served, short and out of reach', () => {
    const kids = (id: string, xy: [number, number], n: number) => point(id, xy, { population: 40, children_3_5: n });
    const ds = dataset({
      kindergartens: [point('k1', [0, 0], { name: 'k1', capacity: 30 }), point('k2', [2000, 0], { name: 'k2', capacity: 5 })],
      residential: [kids('a', [100, 0], 10), kids('b', [-100, 0], 20), kids('c', [2100, 0], 10), kids('far', [5000, 0], 7)],
    });
    const access = computeAccess(ds, { distance: 'euclidean' });
    const seats = kindergartenSeats(ds, access, null, { radius: 300, offNetworkMetres: 500 });
    expect(Array.from(seats.homePlacesPerChild)).toEqual([1, 1, 0.5, 0]);
    expect(seats.homeGroup).toEqual(['served', 'served', 'short', 'out_of_reach']);
    expect(seats.children).toEqual({ served: 30, short: 10, out_of_reach: 7 });
    expect(seats.placesPerChild).toBeCloseTo(35 / 47, 9);
  });
});

describe('npm run site', () => {
  const repo = join(import.meta.dirname, '..', '..');
  const dir = mkdtempSync(join(tmpdir(), 'site-'));
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'site.ts'), ...args], { cwd: repo, encoding: 'utf8' });

  it('chooses sites on the Tiexi sample and says the answer is proven optimal', () => {
    const out = join(dir, 'r.json');
    const r = run('data/tiexi', '--k', '3', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.chosen).toHaveLength(3);
    expect(result.solver).toMatchObject({ name: 'HiGHS', optimal: true });
    expect(result.after.share).toBeGreaterThan(result.before.share);
  });

  it('reads a cost matrix and a demand table', () => {
    writeFileSync(join(dir, 'costs.csv'), 'home,A,B\nh1,100,900\nh2,800,200\nh3,250,250\n');
    writeFileSync(join(dir, 'demand.csv'), 'id,weight\nh1,5\nh2,7\nh3,1\n');
    const out = join(dir, 'm.json');
    const r = run('--matrix', join(dir, 'costs.csv'), '--demand', join(dir, 'demand.csv'), '--k', '1', '--radius', '300', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.chosen.map((c: { id: string }) => c.id)).toEqual(['B']);
    expect(result.after.covered).toBe(8);
  });

  it('fails with one line when the input cannot be read', () => {
    const r = run('--matrix', join(dir, 'missing.csv'), '--demand', join(dir, 'demand.csv'), '--out', join(dir, 'x.json'));
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(run('data/tiexi').status).toBe(2);
  });
});

describe('when the time limit stops the solver', () => {
  /** HiGHS as it answers on a time-out: the incumbent it has (here: the first k sites) and no proof. */
  const stoppedEarly = (k: number, inst: SitingInstance): Highs => ({
    solve(problem, options) {
      const result = highs.solve(problem, options);
      if (!problem.includes('Generals')) return result; // the linear relaxation still solves
      const open = new Set(Array.from({ length: k }, (_, j) => j));
      const Columns = Object.fromEntries(Object.entries(result.Columns).map(([name, c]) => [name, /^y\d+$/.test(name) ? { Primal: open.has(Number(name.slice(1))) ? 1 : 0 } : c]));
      // The model's objective is what the new sites add (demand already covered is not in play).
      return { Status: 'Time limit reached', ObjectiveValue: coveredWith(inst, open) - coveredWith(inst, new Set()), Columns };
    },
  });

  it('keeps the incumbent, proves a bound from the relaxation, and says how far from optimal it may be', () => {
    const inst = randomInstance(3);
    const best = bestOf(inst, 2);
    const r = solveSiting(inst, { model: 'mclp', k: 2 }, stoppedEarly(2, inst));
    expect(r.solver.optimal).toBe(false);
    expect(r.solver.status).toBe('Time limit reached');
    expect(r.chosen.map((c) => c.id).sort()).toEqual(['c0', 'c1']);
    expect(r.after.covered).toBe(coveredWith(inst, new Set([0, 1])));
    const gain = r.after.covered - r.before.covered;
    expect(r.solver.bound!).toBeGreaterThanOrEqual(best - r.before.covered - 1e-6); // the bound is on what new sites add
    expect(r.solver.gap!).toBeGreaterThan(0);
    expect(r.solver.gap!).toBeCloseTo((r.solver.bound! - gain) / r.solver.bound!, 9);
    expect(r.note).toMatch(/^stopped by the time limit: the answer is within \d+\.\d\d % of the best possible$/);
  });
});

describe('siting on datasets as they come (issue: real data)', () => {
  it('a capacitated run keeps one time limit for all its solves and starts from the uncapacitated answer', () => {
    const inst = randomInstance(5);
    inst.candidates.forEach((c) => (c.capacity = 15));
    const limits: number[] = [];
    const start = Date.now();
    // The capacitated search finds nothing in time; every other solve answers as HiGHS would.
    const slow: Highs = {
      solve(problem, options) {
        limits.push(Number((options as { time_limit: number }).time_limit));
        if (problem.includes('Generals') && problem.includes(' xc')) return { Status: 'Time limit reached', ObjectiveValue: 0, Columns: {} };
        return highs.solve(problem, options);
      },
    };
    const r = solveSiting(inst, { model: 'mclp', k: 2, capacitated: true, timeLimitSeconds: 3 }, slow);
    // No solve was given more than what was left of the 3 s, and together they were told to stay within it.
    expect(Math.max(...limits)).toBeLessThanOrEqual(3);
    expect(limits.slice(0, 3).reduce((s, v) => s + v, 0)).toBeLessThanOrEqual(3 + 1e-9 + (Date.now() - start) / 1000);
    // The uncapacitated answer, priced with the places, stands.
    const loose = solveSiting(inst, { model: 'mclp', k: 2 }, highs);
    expect(r.chosen.map((c) => c.id).sort()).toEqual(loose.chosen.map((c) => c.id).sort());
    expect(r.after.covered).toBeGreaterThan(r.before.covered);
    for (const c of r.chosen) expect(r.load![String(c.id)]!).toBeLessThanOrEqual(15 + 1e-6);
    expect(r.note).toContain('before improving on the uncapacitated choice');
  });

  it('never proposes a site that adds no child', () => {
    // Two useful sites and k = 4: the other two reach no one.
    const inst: SitingInstance = {
      candidates: ['a', 'b', 'c', 'd'].map((id) => ({ id, capacity: null })),
      existing: [],
      groups: [{ weight: 10, candidates: [0], existing: [] }, { weight: 5, candidates: [1], existing: [] }],
      demandTotal: 15,
    };
    // A solver free to open all four (the objective does not mind), as HiGHS may on larger instances.
    const opensAll: Highs = {
      solve(problem, options) {
        const result = highs.solve(problem, options);
        if (!problem.includes('Generals')) return result;
        const Columns = Object.fromEntries(Object.entries(result.Columns).map(([n, c]) => [n, /^y\d+$/.test(n) ? { Primal: 1 } : c]));
        return { ...result, Columns };
      },
    };
    for (const capacitated of [false, true]) {
      const r = solveSiting(inst, { model: 'mclp', k: 4, capacitated }, opensAll);
      expect(r.chosen.map((c) => c.id).sort()).toEqual(['a', 'b']);
      expect(r.adding_nobody.map(String).sort()).toEqual(['c', 'd']);
      expect(r.note).toContain('would add no child');
      expect(r.after.covered).toBe(15);
    }
  });

  it('without a candidates layer, sites are generated along the network near homes with young children', () => {
    const loaded = loadDataset(readDatasetFolder('data/tiexi').files);
    const { candidates: _dropped, ...layers } = loaded.dataset.layers;
    const bare = { ...loaded.dataset, layers };
    const inst = sitingFromDataset(bare, { radius: 300, offNetworkMetres: 500, generated: { spacing: 250 } });
    expect(inst.candidateSource).toBe('generated');
    expect(inst.candidates.length).toBeGreaterThan(20);
    expect(inst.candidateNote).toContain('candidate sites generated');
    for (const f of inst.generated) expect(f.properties.capacity).toBe(180);
    const r = solveSiting(inst, { model: 'mclp', k: 3 }, highs);
    expect(r.chosen).toHaveLength(3);
    expect(r.after.share).toBeGreaterThan(r.before.share);
    // Asked for the layer where there is none: a clear error.
    expect(() => sitingFromDataset(bare, { radius: 300, candidates: 'layer' })).toThrow(SitingInputError);
  });

  it('npm run site runs on an imported OpenStreetMap extract with no candidates layer, and says so', () => {
    const out = mkdtempSync(join(tmpdir(), 'site-osm-'));
    const imp = spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'import.ts'), 'osm', 'test/fixtures/real/guixi-jiangxi.osm', '--out', join(out, 'd')], { encoding: 'utf8' });
    expect(imp.status, imp.stderr).toBe(0);
    const site = spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'site.ts'), join(out, 'd'), '--k', '3', '--out', join(out, 'r.json')], { encoding: 'utf8' });
    expect(site.status, site.stderr).toBe(0);
    expect(site.stderr).toContain('no candidates layer');
    const r = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
    expect(r.candidates).toBe('generated');
    expect(r.chosen).toHaveLength(3);
    expect(r.generated_sites.map((f: { id: string }) => f.id).sort()).toEqual(r.chosen.map((c: { id: string }) => c.id).sort());
  });
});
