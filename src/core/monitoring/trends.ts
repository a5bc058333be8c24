/**
 * An indicator across the monitoring years (《规划》四、监测评估: annual monitoring, mid-term 2025, final
 * 2030): where the line through its values reaches by 2030, and whether that meets the target.
 *
 * Projection: with two years, the straight line through them; with three or more, the least-squares
 * line through all of them (a single bad year moves it less). Status, written beside every row:
 * - met: the latest value meets the target;
 * - on_track: not yet, but the line meets it by the horizon year;
 * - at_risk: the line moves toward the target, too slowly to meet it by the horizon;
 * - off_track: the line stands still or moves away from the target;
 * - not_computable: no target, or fewer than two years with a value (met is still said when it is).
 */

export interface YearValue {
  year: number;
  value: number | null;
}

export type TrendStatus = 'met' | 'on_track' | 'at_risk' | 'off_track' | 'not_computable';

export interface Trend {
  /** The value the line gives in the horizon year, and its change per year; null under two years. */
  projected: number | null;
  slopePerYear: number | null;
  method: 'linear' | 'least_squares' | null;
  status: TrendStatus;
  /** The change per year from the latest value that would just meet the target by the horizon; null when met or no target. */
  neededPerYear: number | null;
  latest: YearValue | null;
}

export const TREND_RULES: Record<TrendStatus, { zh: string; en: string }> = {
  met: { zh: '最新一年已达标', en: 'the latest year meets the target' },
  on_track: { zh: '按现有趋势线到目标年可达标', en: 'the trend line meets the target by the horizon year' },
  at_risk: { zh: '趋势向目标靠近，但到目标年仍达不到', en: 'the trend moves toward the target, too slowly to meet it by the horizon year' },
  off_track: { zh: '趋势持平或背离目标', en: 'the trend stands still or moves away from the target' },
  not_computable: { zh: '没有目标，或有数值的年份不足两年', en: 'no target, or fewer than two years with a value' },
};

/** The straight line through the points: exact through two, least squares through more. */
export function fitLine(points: readonly { year: number; value: number }[]): { slope: number; at: (year: number) => number; method: 'linear' | 'least_squares' } | null {
  if (points.length < 2) return null;
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.year, 0) / n;
  const meanY = points.reduce((s, p) => s + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.year - meanX) ** 2;
    sxy += (p.year - meanX) * (p.value - meanY);
  }
  if (sxx === 0) return null; // every value from the same year
  const slope = sxy / sxx;
  return { slope, at: (year) => meanY + slope * (year - meanX), method: n === 2 ? 'linear' : 'least_squares' };
}

const meets = (value: number, target: number, comparator: '>=' | '<=') => (comparator === '>=' ? value >= target : value <= target);
/** A projected value exactly on the target meets it, whatever the last bit of floating point says. */
const reaches = (value: number, target: number, comparator: '>=' | '<=') => meets(value + (comparator === '>=' ? 1 : -1) * 1e-9 * Math.max(1, Math.abs(target)), target, comparator);

export function indicatorTrend(values: readonly YearValue[], target: number | null, comparator: '>=' | '<=', horizon = 2030): Trend {
  const known = values.filter((v): v is { year: number; value: number } => v.value !== null).sort((a, b) => a.year - b.year);
  const latest = known.at(-1) ?? null;
  const line = fitLine(known);
  const projected = line ? line.at(horizon) : null;
  const base = { projected, slopePerYear: line?.slope ?? null, method: line?.method ?? null, latest };
  if (target === null || !latest) return { ...base, status: 'not_computable', neededPerYear: null };
  if (meets(latest.value, target, comparator)) return { ...base, status: 'met', neededPerYear: null };
  const years = horizon - latest.year;
  const neededPerYear = years > 0 ? (target - latest.value) / years : null;
  if (!line || projected === null) return { ...base, status: 'not_computable', neededPerYear };
  if (reaches(projected, target, comparator)) return { ...base, status: 'on_track', neededPerYear };
  const towards = comparator === '>=' ? line.slope > 0 : line.slope < 0;
  return { ...base, status: towards ? 'at_risk' : 'off_track', neededPerYear };
}
