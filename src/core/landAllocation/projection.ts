/**
 * Children of each school age in a later year, the way district planners project them: today's age
 * bands moved forward a year at a time (children 0–2 now are 3–5 in three years), a year's births
 * (residents × birth rate) entering at age 0. Within a band, children are spread evenly over its
 * single years. Residents are held at today's number; deaths and moves are left out (a planner
 * projecting with migration sets the birth rate, or gives the later year's data instead).
 */
import type { AgeBand } from '../layers';

/** The bands the land allocation projects, with their first and last year of age. */
export const PROJECTED_BANDS = [
  ['children_0_2', 0, 2],
  ['children_3_5', 3, 5],
  ['children_6_11', 6, 11],
  ['children_12_14', 12, 14],
] as const satisfies readonly (readonly [AgeBand, number, number])[];

export type ProjectedBand = (typeof PROJECTED_BANDS)[number][0];
export type BandCounts = Record<ProjectedBand, number>;

const OLDEST = 14;

/**
 * Children per band `years` years after `now` (0: `now` itself), with `birthsPerYear` newborns a year.
 * Linear in its inputs, so a district's projection is the sum of its units'.
 */
export function projectChildren(now: BandCounts, birthsPerYear: number, years: number): BandCounts {
  if (years <= 0) return { ...now };
  // Single years of age today.
  const byAge = new Float64Array(OLDEST + 1);
  for (const [band, from, to] of PROJECTED_BANDS) {
    for (let a = from; a <= to; a++) byAge[a] = now[band] / (to - from + 1);
  }
  const out = { children_0_2: 0, children_3_5: 0, children_6_11: 0, children_12_14: 0 };
  for (const [band, from, to] of PROJECTED_BANDS) {
    let sum = 0;
    // Aged a in `years` years: aged a − years today, or born since.
    for (let a = from; a <= to; a++) sum += a >= years ? byAge[a - years]! : birthsPerYear;
    out[band] = sum;
  }
  return out;
}
