/**
 * The monitoring report: each year's indicators side by side, every indicator's trend to 2030 with its
 * status and rule, the same per community, early warnings worst first, and what changed between
 * any two years. Built from reports of the same district in different years. Shape: docs/monitoring.md.
 */
import { computeAccess, type DistanceMode } from '../access';
import { toCsv } from '../csv';
import { buildReportParts } from '../report/report';
import type { Dataset, ValidationReport } from '../types';
import { yearChanges, type YearState } from './changes';
import type { Report } from '../report/report';
import { TOOL } from '../report/report';
import type { Targets } from '../targets';
import type { FeatureId } from '../types';
import type { YearChanges } from './changes';
import { indicatorTrend, TREND_RULES, type TrendStatus, type YearValue } from './trends';

export const HORIZON = 2030;
export const MILESTONES = [2025, 2030];

export interface YearReport {
  year: number;
  dataset: string;
  report: Report;
}

export interface IndicatorTrendRow {
  id: string;
  label: { zh: string; en: string };
  unit: string;
  target: number | null;
  comparator: '>=' | '<=';
  source: string;
  values: YearValue[];
  projected_2030: number | null;
  slope_per_year: number | null;
  method: 'linear' | 'least_squares' | null;
  status: TrendStatus;
  rule: { zh: string; en: string };
  /** Change per year from the latest value that would just meet the target in 2030. */
  needed_per_year: number | null;
}

export interface EarlyWarning {
  indicator: string;
  community: { id: FeatureId; name: string } | null;
  status: 'at_risk' | 'off_track';
  latest: YearValue;
  target: number;
  projected_2030: number | null;
  needed_per_year: number | null;
  message: { zh: string; en: string };
}

export interface MonitoringReport {
  tool: { name: string; version: string };
  targets: string;
  horizon: number;
  milestones: number[];
  years: { year: number; dataset: string; indicators: { id: string; value: number | null; status: string }[] }[];
  indicators: IndicatorTrendRow[];
  communities: { id: FeatureId; name: string; indicators: Omit<IndicatorTrendRow, 'label' | 'unit' | 'source' | 'rule'>[] }[];
  warnings: EarlyWarning[];
  changes: (Omit<YearChanges, 'homeChanges'> & { home_changes: { id: FeatureId; point: [number, number]; gained: string[]; lost: string[] }[] })[];
}

const round = (v: number | null, digits = 4) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/** A line runs past what a value can be: a share stops at 0 and 100 %, a count or rate at 0. */
const bounded = (unit: string, v: number | null) => (v === null ? null : unit === 'share' ? Math.min(1, Math.max(0, v)) : Math.max(0, v));

function trendRow(values: YearValue[], target: number | null, comparator: '>=' | '<=', unit: string) {
  const t = indicatorTrend(values, target, comparator, HORIZON);
  return {
    values,
    projected_2030: round(bounded(unit, t.projected)),
    slope_per_year: round(t.slopePerYear),
    method: t.method,
    status: t.status,
    needed_per_year: round(t.neededPerYear),
  };
}

/** "+2.5 个百分点/年" — the change a year that meets the target, in the indicator's own unit. */
function perYear(unit: string, v: number, lang: 'zh' | 'en'): string {
  const sign = v > 0 ? '+' : '−';
  const a = Math.abs(v);
  if (unit === 'share') return lang === 'zh' ? `${sign}${(a * 100).toFixed(1)} 个百分点/年` : `${sign}${(a * 100).toFixed(1)} percentage points a year`;
  if (unit === 'count') return lang === 'zh' ? `${sign}${Math.ceil(a - 1e-9)}/年` : `${sign}${Math.ceil(a - 1e-9)} a year`;
  return lang === 'zh' ? `${sign}${a.toFixed(2)}/年` : `${sign}${a.toFixed(2)} a year`;
}

export function monitoringReport(years: YearReport[], changes: YearChanges[], targets: Targets): MonitoringReport {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const ids = [...new Set(sorted.flatMap((y) => y.report.indicators.map((i) => i.id)))];
  const indicators: IndicatorTrendRow[] = ids.map((id) => {
    const last = sorted.map((y) => y.report.indicators.find((i) => i.id === id)).filter(Boolean).at(-1)!;
    const values = sorted.map((y) => ({ year: y.year, value: y.report.indicators.find((i) => i.id === id)?.value ?? null }));
    const row = trendRow(values, last.target, last.comparator, last.unit);
    return { id, label: last.label, unit: last.unit, target: last.target, comparator: last.comparator, source: last.source, ...row, rule: TREND_RULES[row.status] };
  });

  // Per community, matched across years by id.
  const communityIds = new Map<string, { id: FeatureId; name: string }>();
  for (const y of sorted) for (const c of y.report.communities) communityIds.set(String(c.id), { id: c.id, name: c.name });
  const communities = [...communityIds.values()].map((c) => {
    const rows = sorted.map((y) => y.report.communities.find((x) => String(x.id) === String(c.id)));
    const indicatorIds = [...new Set(rows.flatMap((r) => (r ? Object.keys(r.indicators) : [])))];
    return {
      ...c,
      indicators: indicatorIds.map((id) => {
        const t = targets.indicators[id];
        const values = sorted.map((y, k) => ({ year: y.year, value: rows[k]?.indicators[id] ?? null }));
        const unit = indicators.find((i) => i.id === id)?.unit ?? 'share';
        return { id, target: t?.target ?? null, comparator: t?.comparator ?? ('>=' as const), ...trendRow(values, t?.target ?? null, t?.comparator ?? '>=', unit) };
      }),
    };
  });

  // Early warning: what will miss 2030 at the current pace, the furthest from its target first.
  const warnings: EarlyWarning[] = [];
  const label = (id: string) => indicators.find((i) => i.id === id);
  const warn = (id: string, community: { id: FeatureId; name: string } | null, r: ReturnType<typeof trendRow> & { target: number | null }) => {
    if ((r.status !== 'at_risk' && r.status !== 'off_track') || r.target === null) return;
    const latest = r.values.filter((v) => v.value !== null).at(-1)!;
    const l = label(id);
    const unit = l?.unit ?? 'ratio';
    const where = community ? { zh: `${community.name || String(community.id)}：`, en: `${community.name || String(community.id)}: ` } : { zh: '', en: '' };
    const need = r.needed_per_year === null ? null : { zh: perYear(unit, r.needed_per_year, 'zh'), en: perYear(unit, r.needed_per_year, 'en') };
    warnings.push({
      indicator: id, community, status: r.status, latest, target: r.target, projected_2030: r.projected_2030, needed_per_year: r.needed_per_year,
      message: {
        zh: `${where.zh}${l?.label.zh ?? id}按现有趋势 2030 年为 ${r.projected_2030 ?? '—'}，目标 ${r.target}${need ? `；需 ${need.zh}` : ''}`,
        en: `${where.en}${l?.label.en ?? id} heads for ${r.projected_2030 ?? '—'} in 2030 against a target of ${r.target}${need ? `; needs ${need.en}` : ''}`,
      },
    });
  };
  for (const i of indicators) warn(i.id, null, i);
  for (const c of communities) for (const i of c.indicators) warn(i.id, { id: c.id, name: c.name }, i);
  const shortfall = (w: EarlyWarning) => {
    const at = w.projected_2030 ?? w.latest.value!;
    const scale = Math.max(Math.abs(w.target), 1e-9);
    return (w.status === 'off_track' ? 1e6 : 0) + Math.abs(w.target - at) / scale;
  };
  warnings.sort((a, b) => shortfall(b) - shortfall(a) || (a.community === null ? -1 : 0) - (b.community === null ? -1 : 0));

  return {
    tool: TOOL,
    targets: targets.id,
    horizon: HORIZON,
    milestones: MILESTONES,
    years: sorted.map((y) => ({ year: y.year, dataset: y.dataset, indicators: y.report.indicators.map((i) => ({ id: i.id, value: i.value, status: i.status })) })),
    indicators,
    communities,
    warnings,
    changes: changes.map(({ homeChanges, ...rest }) => ({ ...rest, home_changes: homeChanges.map((h) => ({ id: h.id, point: h.point, gained: h.gained, lost: h.lost })) })),
  };
}

/** One year of the district, loaded: its dataset and validation report, and a label for tables. */
export interface MonitorInput {
  year: number;
  label: string;
  dataset: Dataset;
  report: ValidationReport;
}

/**
 * The monitoring report over several years: each year analysed as the report contract does (its own
 * walking distances), every earlier year compared with every later one. The one pipeline behind
 * `npm run monitor`, `npm run report` with several years, and the app's Monitoring view.
 */
export function monitorYears(inputs: readonly MonitorInput[], targets: Targets, distance?: DistanceMode): MonitoringReport {
  const reports: YearReport[] = [];
  const changes: YearChanges[] = [];
  const states: YearState[] = [];
  for (const y of [...inputs].sort((a, b) => a.year - b.year)) {
    const dataset = y.dataset.meta.year === y.year ? y.dataset : { ...y.dataset, meta: { ...y.dataset.meta, year: y.year } };
    const access = computeAccess(dataset, { distance, offNetworkMetres: targets.off_network_m, playgroundMinArea: targets.playground_min_area_m2 });
    const parts = buildReportParts({ dataset, validation: y.report, targets, access, context: access.context, omitAccessRows: true });
    reports.push({ year: y.year, dataset: y.label || dataset.meta.name, report: parts.report });
    const state: YearState = { year: y.year, dataset, access, radii: targets.radii_m, drowning: parts.drowning };
    // Every earlier year against this one: any two years can be compared.
    for (const earlier of states) changes.push(yearChanges(earlier, state));
    states.push(state);
  }
  return monitoringReport(reports, changes, targets);
}

/** One line per indicator (district, then each community) and year, with the trend beside it. */
export function monitoringCsv(m: MonitoringReport): string {
  const lines: unknown[][] = [['community_id', 'community', 'indicator', 'year', 'value', 'target', 'projected_2030', 'status', 'needed_per_year']];
  for (const i of m.indicators) for (const v of i.values) lines.push(['', '', i.id, v.year, v.value, i.target, i.projected_2030, i.status, i.needed_per_year]);
  for (const c of m.communities) for (const i of c.indicators) for (const v of i.values) lines.push([c.id, c.name, i.id, v.year, v.value, i.target, i.projected_2030, i.status, i.needed_per_year]);
  return toCsv(lines);
}
