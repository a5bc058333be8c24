/**
 * Where to build kindergartens (plan: education goal 2, safety measure 10): choose among reserved
 * sites so that as many children 3–5 as possible live within the radius of one (maximal covering,
 * MCLP), or the fewest sites that reach a target share (set covering, LSCP), optionally with each
 * site serving at most its places. Existing kindergartens stay. Solved exactly as a mixed-integer
 * programme by HiGHS; when the time limit stops it, the answer carries the bound it proves.
 */
import type { FeatureId } from '../types';

export interface SitingInstance {
  candidates: { id: FeatureId; capacity: number | null }[];
  /** Kindergartens that stay; their capacity matters only in the capacitated model. */
  existing: { id: FeatureId; capacity: number | null }[];
  /** Demand grouped by what reaches it: each group's children and the candidates / existing within the radius. */
  groups: { weight: number; candidates: number[]; existing: number[] }[];
  demandTotal: number;
}

export interface SitingOptions {
  model: 'mclp' | 'lscp';
  /** MCLP: how many new sites. */
  k?: number;
  /** LSCP: the share of children to reach (0–1). */
  targetShare?: number;
  capacitated?: boolean;
  timeLimitSeconds?: number;
}

export interface SitingResult {
  model: 'mclp' | 'lscp';
  capacitated: boolean;
  /**
   * `bound`: when the time limit stopped the search, the best the model's objective can be (the linear
   * relaxation): for MCLP the children the new sites can add at most (capacitated: children served in
   * all), for LSCP the fewest sites possible. `gap` is relative to it.
   */
  solver: { name: 'HiGHS'; status: string; optimal: boolean; bound: number | null; gap: number | null; time_ms: number };
  chosen: { id: FeatureId; adds: number }[];
  /** Sites the programme opened that add no child (k larger than the useful sites): not proposed. */
  adding_nobody: FeatureId[];
  before: { covered: number; share: number };
  after: { covered: number; share: number };
  demand_total: number;
  /** Set covering whose target cannot be reached: the largest share all candidate sites reach together. */
  reachable_share?: number;
  /** Capacitated only: children assigned to each open site (never above its places). */
  load?: Record<string, number>;
  note: string | null;
}

/** The subset of the HiGHS API used here (so tests and the worker can pass one loaded instance). */
export interface Highs {
  solve(problem: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal?: number }> };
}

/** Rows in CPLEX LP format, wrapped so no line grows too long for the reader. */
function terms(parts: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 12) lines.push(parts.slice(i, i + 12).join(' '));
  return lines.join('\n  ');
}
const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(12));

/** Children already within reach of an existing kindergarten (uncapacitated: any in reach). */
/**
 * The shares of children within reach now and with every candidate site open (uncapacitated): a set
 * covering target above `max` has no answer, so the interface offers `max` instead of failing.
 */
export function sitingReach(instance: SitingInstance): { before: number; max: number } {
  const total = instance.demandTotal;
  if (total <= 0) return { before: 0, max: 0 };
  const reachable = instance.groups.reduce((s, g) => s + (g.existing.length > 0 || g.candidates.length > 0 ? g.weight : 0), 0);
  return { before: coveredBefore(instance) / total, max: reachable / total };
}

function coveredBefore(instance: SitingInstance): number {
  return instance.groups.reduce((s, g) => s + (g.existing.length > 0 ? g.weight : 0), 0);
}

/** `fixed`: the sites that are open, all others closed (to price one choice of sites); null leaves them free. */
function buildModel(instance: SitingInstance, options: SitingOptions, relax: boolean, fixed: ReadonlySet<number> | null = null): string {
  const { candidates, existing, groups } = instance;
  const capacitated = options.capacitated === true;
  const rows: string[] = [];
  const bounds: string[] = [];
  const y = (j: number) => `y${j}`;
  let objective: string[];
  if (!capacitated) {
    // z_g ≤ Σ y_j over the candidates reaching group g; groups already covered are not in play.
    const open = groups.map((g, i) => ({ g, i })).filter(({ g }) => g.existing.length === 0 && g.candidates.length > 0);
    const coverage = open.map(({ g, i }) => ({ name: `z${i}`, weight: g.weight }));
    open.forEach(({ g, i }) => rows.push(` c${i}: z${i} ${terms(g.candidates.map((j) => `- ${y(j)}`))} <= 0`));
    coverage.forEach((z) => bounds.push(` 0 <= ${z.name} <= 1`));
    objective = coverage.map((z) => `+ ${num(z.weight)} ${z.name}`);
    if (options.model === 'lscp') {
      const need = (options.targetShare ?? 1) * instance.demandTotal - coveredBefore(instance);
      rows.push(` target: ${terms(objective.length > 0 ? objective : ['0 y0'])} >= ${num(Math.max(0, need))}`);
      objective = candidates.map((_, j) => `+ ${y(j)}`);
    } else {
      rows.push(` sites: ${terms(candidates.map((_, j) => `+ ${y(j)}`))} <= ${options.k ?? 1}`);
    }
  } else {
    // x_gf: children of group g served by facility f (existing or candidate), never above its places.
    const served: string[] = [];
    const perFacility = new Map<string, string[]>();
    groups.forEach((g, i) => {
      const xs: string[] = [];
      for (const e of g.existing) xs.push(`xe${i}_${e}`);
      for (const j of g.candidates) xs.push(`xc${i}_${j}`);
      if (xs.length === 0) return;
      rows.push(` d${i}: ${terms(xs.map((x) => `+ ${x}`))} <= ${num(g.weight)}`);
      for (const e of g.existing) (perFacility.get(`e${e}`) ?? perFacility.set(`e${e}`, []).get(`e${e}`)!).push(`xe${i}_${e}`);
      for (const j of g.candidates) {
        (perFacility.get(`c${j}`) ?? perFacility.set(`c${j}`, []).get(`c${j}`)!).push(`xc${i}_${j}`);
        // A closed site serves no one.
        rows.push(` o${i}_${j}: xc${i}_${j} - ${num(g.weight)} ${y(j)} <= 0`);
      }
      served.push(...xs);
    });
    for (const [f, xs] of perFacility) {
      const isExisting = f.startsWith('e');
      const index = Number(f.slice(1));
      const capacity = isExisting ? existing[index]!.capacity : candidates[index]!.capacity;
      if (capacity === null) continue; // unknown places: not limited
      rows.push(isExisting ? ` k${f}: ${terms(xs.map((x) => `+ ${x}`))} <= ${num(capacity)}` : ` k${f}: ${terms(xs.map((x) => `+ ${x}`))} - ${num(capacity)} ${y(index)} <= 0`);
    }
    objective = served.map((x) => `+ ${x}`);
    if (options.model === 'lscp') {
      rows.push(` target: ${terms(objective.length > 0 ? objective : ['0 y0'])} >= ${num((options.targetShare ?? 1) * instance.demandTotal)}`);
      objective = candidates.map((_, j) => `+ ${y(j)}`);
    } else {
      rows.push(` sites: ${terms(candidates.map((_, j) => `+ ${y(j)}`))} <= ${options.k ?? 1}`);
    }
  }
  candidates.forEach((_, j) => bounds.push(fixed ? ` ${y(j)} = ${fixed.has(j) ? 1 : 0}` : ` 0 <= ${y(j)} <= 1`));
  const sense = options.model === 'lscp' ? 'Minimize' : 'Maximize';
  return [
    sense,
    ` obj: ${terms(objective.length > 0 ? objective : ['0 y0'])}`,
    'Subject To',
    ...(rows.length > 0 ? rows : [' none: 0 y0 >= 0']),
    'Bounds',
    ...bounds,
    ...(relax || candidates.length === 0 ? [] : ['Generals', ` ${terms(candidates.map((_, j) => y(j)))}`]),
    'End',
  ].join('\n');
}

/** Children within reach of an open place, for a given set of open candidates (uncapacitated). */
export function coveredWith(instance: SitingInstance, open: ReadonlySet<number>): number {
  return instance.groups.reduce((s, g) => s + (g.existing.length > 0 || g.candidates.some((j) => open.has(j)) ? g.weight : 0), 0);
}

export function solveSiting(instance: SitingInstance, options: SitingOptions, highs: Highs): SitingResult {
  const start = Date.now();
  const capacitated = options.capacitated === true;
  // One deadline for every solve of the run: the planner's time limit is for the whole answer.
  const deadline = start + (options.timeLimitSeconds ?? 60) * 1000;
  const within = (share = 1) => ({ output_flag: false, mip_rel_gap: 0, time_limit: Math.max(0.05, ((deadline - Date.now()) / 1000) * share) });
  const total = instance.demandTotal;
  const share = (v: number) => (total > 0 ? v / total : 0);
  const finish = (status: string, optimal: boolean, note: string | null, extra: Partial<SitingResult> = {}): SitingResult => ({
    model: options.model, capacitated, solver: { name: 'HiGHS', status, optimal, bound: null, gap: null, time_ms: Date.now() - start },
    chosen: [], adding_nobody: [], before: { covered: before, share: share(before) }, after: { covered: before, share: share(before) }, demand_total: total, note, ...extra,
  });

  // Capacitated, "before" is itself a flow problem: what existing places can serve within reach.
  let before = coveredBefore(instance);
  if (capacitated) {
    const r = highs.solve(buildModel(instance, { model: 'mclp', k: 0, capacitated: true }, true), within(0.1));
    before = r.Status === 'Optimal' ? r.ObjectiveValue : 0;
  }
  if (instance.candidates.length === 0) return finish('Empty', true, 'no candidate sites');

  // Capacitated maximal covering starts from the uncapacitated answer (quick to prove), priced with the
  // places each site has: whatever the time limit leaves of the search can only improve on it.
  let incumbent: { open: number[]; value: number; columns: Record<string, { Primal?: number }> } | null = null;
  if (capacitated && options.model === 'mclp') {
    const loose = highs.solve(buildModel(instance, { ...options, capacitated: false }, false), within(0.25));
    if (loose.Status === 'Optimal' || loose.Status === 'Time limit reached') {
      const open = instance.candidates.map((_, j) => j).filter((j) => (loose.Columns[`y${j}`]?.Primal ?? 0) > 0.5);
      const priced = highs.solve(buildModel(instance, options, true, new Set(open)), within(0.2));
      if (priced.Status === 'Optimal') incumbent = { open, value: priced.ObjectiveValue, columns: priced.Columns };
    }
  }

  const result = highs.solve(buildModel(instance, options, false), within());
  let optimal = result.Status === 'Optimal';
  let hasSolution = optimal || (result.Status === 'Time limit reached' && Object.keys(result.Columns).length > 0);
  let objective = result.ObjectiveValue;
  let columns = result.Columns;
  if (incumbent && (!hasSolution || !(objective >= incumbent.value - 1e-9))) {
    // The search found nothing better in time: the priced uncapacitated answer stands.
    ({ value: objective, columns } = incumbent);
    hasSolution = true;
    optimal = false;
  }
  if (!hasSolution) {
    if (result.Status === 'Infeasible' && options.model === 'lscp') {
      const max = sitingReach(instance).max;
      return finish(result.Status, false, `the target share is above what all ${instance.candidates.length} candidate sites reach together (${(max * 100).toFixed(1)}%)`, { reachable_share: max });
    }
    return finish(result.Status, false, `solver status: ${result.Status}`);
  }
  const open = instance.candidates.map((_, j) => j).filter((j) => (columns[`y${j}`]?.Primal ?? 0) > 0.5);
  // A proven bound when the time limit stopped the search: the linear relaxation's optimum.
  let bound: number | null = null;
  let gap: number | null = 0;
  if (!optimal) {
    const relaxed = highs.solve(buildModel(instance, options, true), within());
    bound = relaxed.Status === 'Optimal' ? relaxed.ObjectiveValue : null;
    gap = bound === null ? null : Math.abs(bound - objective) / Math.max(1e-9, Math.abs(bound));
  }

  let after: number;
  let load: Record<string, number> | undefined;
  if (capacitated) {
    after = options.model === 'mclp' ? objective : Object.entries(columns).filter(([n]) => n.startsWith('x')).reduce((s, [, c]) => s + (c.Primal ?? 0), 0);
    load = {};
    for (const [name, c] of Object.entries(columns)) {
      const m = /^x([ce])\d+_(\d+)$/.exec(name);
      if (!m || !c.Primal) continue;
      const id = String(m[1] === 'c' ? instance.candidates[Number(m[2])]!.id : instance.existing[Number(m[2])]!.id);
      load[id] = (load[id] ?? 0) + c.Primal;
    }
  } else {
    after = coveredWith(instance, new Set(open));
  }
  // What each chosen site adds, taking them in order of what they add alone (the increments sum to the gain).
  let chosen: SitingResult['chosen'] = [];
  if (!capacitated) {
    const remaining = new Set(open);
    const taken = new Set<number>();
    let covered = before;
    while (remaining.size > 0) {
      let best = -1;
      let bestGain = -1;
      for (const j of remaining) {
        const gain = coveredWith(instance, new Set([...taken, j])) - covered;
        if (gain > bestGain) [best, bestGain] = [j, gain];
      }
      remaining.delete(best);
      taken.add(best);
      covered += bestGain;
      chosen.push({ id: instance.candidates[best]!.id, adds: bestGain });
    }
  } else {
    for (const j of open) chosen.push({ id: instance.candidates[j]!.id, adds: load![String(instance.candidates[j]!.id)] ?? 0 });
  }
  // Maximal covering may open sites that add no one (when fewer than k can): they are not proposed.
  // Set covering needs every site it opens to reach the target, so it keeps them.
  const idle = options.model === 'mclp' ? chosen.filter((c) => c.adds <= 1e-6).map((c) => c.id) : [];
  if (idle.length > 0) chosen = chosen.filter((c) => c.adds > 1e-6);
  const notes = [
    optimal ? null : incumbent && columns === incumbent.columns ? 'stopped by the time limit before improving on the uncapacitated choice of sites (priced with their places)' : null,
    optimal ? null : `stopped by the time limit: the answer is within ${gap === null ? 'an unknown' : `${(gap * 100).toFixed(2)} %`} of the best possible`,
    idle.length > 0 ? `${idle.length} more site(s) would add no child within reach and are not proposed: ${idle.join(', ')}` : null,
  ].filter(Boolean);
  return {
    model: options.model,
    capacitated,
    solver: { name: 'HiGHS', status: result.Status, optimal, bound, gap, time_ms: Date.now() - start },
    chosen,
    adding_nobody: idle,
    before: { covered: before, share: share(before) },
    after: { covered: after, share: share(after) },
    demand_total: total,
    ...(load ? { load } : {}),
    note: notes.length > 0 ? notes.join('; ') : null,
  };
}

/** Groups demand points that the same sites reach, so the programme stays small at city scale. */
export function groupDemand(weights: ArrayLike<number>, candidatesOf: (i: number) => number[], existingOf: (i: number) => number[]): SitingInstance['groups'] {
  const byKey = new Map<string, { weight: number; candidates: number[]; existing: number[] }>();
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w <= 0) continue;
    const c = candidatesOf(i);
    const e = existingOf(i);
    const key = `${c.join(',')}|${e.join(',')}`;
    const g = byKey.get(key);
    if (g) g.weight += w;
    else byKey.set(key, { weight: w, candidates: c, existing: e });
  }
  return [...byKey.values()];
}
