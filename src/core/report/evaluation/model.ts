/**
 * The monitoring and evaluation report (监测评估报告) as data: cover, summary, the scorecard of every
 * indicator, one section per plan area with findings in plain sentences, figures and tables, the full
 * community table, the drowning inspection list, data sources, quality notes and methods. HTML, Word
 * and Excel are renderings of this one model, so they say the same thing.
 */
import type { AccessResult } from '../../access';
import { distanceToGeometry } from '../../distanceToGeometry';
import { MITIGATIONS } from '../../drowningHazards';
import { AGE_BANDS, type AgeBand } from '../../layers';
import type { Lang } from '../../messages';
import { representativePoint } from '../../representativePoint';
import { COVERAGE_KINDS, LAND_LEVELS, type CoverageKind, type Targets } from '../../targets';
import type { LandRow } from '../../landAllocation/landAllocation';
import type { MonitoringReport } from '../../monitoring/monitor';
import type { Dataset, FeatureId } from '../../types';
import type { Indicator, ReportParts } from '../report';
import { barChart, trendChart, type ChartBar } from './charts';
import { coverageMap } from './mapFigure';
import { formatNumber, methods, percent, text, word, yesNo, type TextKey } from './text';

export type Cell = string | number | null;
export interface Table { title: string; columns: string[]; rows: Cell[][] }
export interface Figure { caption: string; svg: string; width: number; height: number }
export interface Section { id: string; title: string; findings: string[]; figures: Figure[]; tables: Table[] }
export interface ScoreRow {
  id: string;
  label: string;
  value: string;
  target: string;
  status: Indicator['status'];
  statusText: string;
  gap: string | null;
  source: string;
  restsOn: string[];
  /** The app's view that explains it. */
  view: 'coverage' | 'provision' | 'drowning' | 'sites' | 'layers' | 'land' | 'routes';
}
export interface Evaluation {
  lang: Lang;
  title: string;
  cover: { rows: [string, string][]; synthetic: boolean };
  summary: string[];
  scorecard: ScoreRow[];
  sections: Section[];
  communities: Table;
  inspection: Table;
  sources: string[];
  quality: string[];
  methods: string[];
}

export interface SitingSummary {
  chosen: { id: FeatureId; adds: number }[];
  before: { share: number };
  after: { share: number };
  radius: number;
}

export interface EvaluationInput {
  dataset: Dataset;
  parts: ReportParts;
  access: AccessResult;
  targets: Targets;
  lang: Lang;
  /** The report's date, ISO (yyyy-mm-dd): given, so the same data gives the same report. */
  date: string;
  siting?: SitingSummary | null;
  /** Several years compared (issue 17): adds the trend section, so the report serves as the annual monitoring and the 2025 / 2030 evaluation. */
  monitoring?: MonitoringReport | null;
}

const BAND_OF: Record<CoverageKind, AgeBand[]> = {
  kindergarten: ['children_3_5'], childcare: ['children_0_2'], primary: ['children_6_11'], middle: ['children_12_14'],
  playground: ['children_0_2', 'children_3_5', 'children_6_11'],
};
const VIEW: Record<string, ScoreRow['view']> = { coverage: 'coverage', community: 'provision', seats: 'sites', playground: 'provision', drowning: 'drowning', surroundings: 'layers', health: 'layers', land: 'land', routes: 'routes' };
const MAX_NAMES = 12;

export function buildEvaluation(input: EvaluationInput): Evaluation {
  const { dataset, parts, access, targets, lang } = input;
  const { report } = parts;
  const t = (key: TextKey, params?: Record<string, string | number>) => text(lang, key, params);
  const n0 = (v: number) => formatNumber(lang, Math.round(v));
  const sep = lang === 'zh' ? '、' : ', ';
  /** "name (id)" for a feature of a layer, the id alone when it has no name. */
  const names = new Map<string, string>();
  for (const [layer, c] of Object.entries(dataset.layers)) for (const f of c!.features) if (typeof f.properties.name === 'string' && f.properties.name) names.set(`${layer}:${String(f.id)}`, f.properties.name);
  const named = (layer: string, id: FeatureId) => {
    const n = names.get(`${layer}:${String(id)}`);
    return n ? `${n}（${String(id)}）`.replace('（', lang === 'zh' ? '（' : ' (').replace('）', lang === 'zh' ? '）' : ')') : String(id);
  };
  const list = (items: string[]) => (items.length === 0 ? t('find_none') : items.length > MAX_NAMES ? `${items.slice(0, MAX_NAMES).join(sep)}${lang === 'zh' ? ' 等' : ' and others'}` : items.join(sep));
  const ind = (id: string) => report.indicators.find((i) => i.id === id);
  const children = (bands: AgeBand[]) => bands.reduce((s, b) => s + access.homes.children[b].reduce((a, v) => a + v, 0), 0);
  const residents = access.homes.population.reduce((a, v) => a + v, 0);
  const communities = dataset.layers.communities?.features ?? [];
  let figureNo = 0;
  const nextFigure = () => ++figureNo;
  const kindWord = (k: CoverageKind) => t(`kind_${k}` as TextKey);

  // ---- Scorecard: every indicator, with its gap in the planner's units and what it rests on.
  const qualityFor = (id: string): string[] => {
    const q = report.data_quality;
    const pick = (ids: string[]) => q.filter((f) => ids.includes(f.id)).map((f) => f.message[lang]);
    if (id.startsWith('coverage.') && id !== 'coverage.childrens_home') return pick(['network.components', 'network.homes_cut_off', 'network.off_network', 'population.estimated', 'population.age_bands_estimated', 'crs.assumed', 'import.excluded', ...(id === 'coverage.playground' ? ['playgrounds.size_unknown', 'playgrounds.too_small'] : [])]);
    if (id.startsWith('seats.')) return pick(['facilities.capacity_unknown', 'population.estimated', 'population.age_bands_estimated']);
    if (id.startsWith('playground.')) return pick(['playgrounds.size_unknown', 'playgrounds.too_small', 'population.age_bands_estimated']);
    if (id.startsWith('drowning.') || id.startsWith('health.')) return pick(['population.estimated', 'population.age_bands_estimated']);
    return [];
  };
  const gapOf = (i: Indicator): string | null => {
    if (i.value === null || i.status !== 'not_met' || i.target === null) return null;
    const short = i.target - i.value;
    if (i.id.startsWith('coverage.') && i.id !== 'coverage.childrens_home') {
      const kind = i.id.slice('coverage.'.length) as CoverageKind;
      const bands = BAND_OF[kind];
      return t('gap_coverage', { n: n0(children(bands) * (1 - i.value)), age: t(bands.length > 1 ? 'age_0_11' : (`age_${bands[0]}` as TextKey)), radius: targets.radii_m[kind] });
    }
    if (i.id === 'coverage.childrens_home') return `${t('gap_communities', { n: report.communities.filter((c) => c.indicators['coverage.childrens_home'] === 0).length })}${lang === 'zh' ? '儿童之家' : " a children's home"}`;
    if (i.id.startsWith('community.parent_school.')) return `${t('gap_communities', { n: report.communities.filter((c) => c.indicators[i.id] !== 1 && i.id in c.indicators).length })}${lang === 'zh' ? '家长学校' : ' a parent school'}`;
    if (i.id === 'seats.kindergarten_per_child') return t('gap_places', { n: n0(short * children(['children_3_5'])) });
    if (i.id === 'seats.childcare_per_1000') return t('gap_childcare', { n: n0((short * residents) / 1000) });
    if (i.id === 'playground.residential_green_share' || i.id === 'playground.park_share') {
      const s = parts.provision.spaces[i.id === 'playground.park_share' ? 'park' : 'residential_green'];
      return t('gap_spaces', { n: s.total - s.holding });
    }
    if (i.id === 'drowning.children_near_unmitigated') return t('gap_children', { n: n0(i.value) });
    if (i.unit === 'count') return t('gap_count', { n: n0(i.value - i.target) });
    if (i.id === 'health.pediatricians_per_1000_children') return t('gap_doctors', { n: n0((short * children([...AGE_BANDS])) / 1000) });
    if (i.id === 'health.pediatric_beds_per_1000_children') return t('gap_beds', { n: n0((short * children([...AGE_BANDS])) / 1000) });
    return null;
  };
  const fmt = (i: Pick<Indicator, 'unit'>, v: number | null) => {
    if (v === null) return '—';
    switch (i.unit) {
      case 'share': return percent(lang, v);
      case 'count': return n0(v);
      case 'm2_per_child': return `${formatNumber(lang, v, 2)} ㎡`;
      default: return formatNumber(lang, v, 2);
    }
  };
  const scorecard: ScoreRow[] = report.indicators.map((i) => ({
    id: i.id,
    label: i.label[lang],
    value: fmt(i, i.value),
    target: i.target === null ? '—' : `${i.comparator === '>=' ? '≥' : '≤'} ${fmt(i, i.target)}`,
    status: i.status,
    statusText: t(`status_${i.status}` as TextKey),
    gap: gapOf(i),
    source: i.source,
    restsOn: [...(i.reason ? [i.reason] : []), ...qualityFor(i.id)],
    view: VIEW[i.id.split('.')[0]!] ?? 'layers',
  }));
  const met = scorecard.filter((r) => r.status === 'met').length;
  const notMet = scorecard.filter((r) => r.status === 'not_met');
  const summary = [
    t('summarySentence', { total: scorecard.length, met, notMet: notMet.length, nc: scorecard.length - met - notMet.length }),
    ...(notMet.length > 0 ? [t('notMetList', { list: notMet.map((r) => `${r.label}（${r.value}）`.replace('（', lang === 'zh' ? '（' : ' (').replace('）', lang === 'zh' ? '）' : ')')).join(lang === 'zh' ? '；' : '; ') })] : []),
  ];

  // ---- Sections, one per plan area.
  const sections: Section[] = [];
  const communityNames = (pred: (c: (typeof report.communities)[number]) => boolean) => report.communities.filter(pred).map((c) => c.name || String(c.id));
  const scoreTable = (ids: string[]): Table => ({
    title: '',
    columns: [t('col_indicator'), t('col_value'), t('col_target'), t('col_status'), t('col_gap')],
    rows: scorecard.filter((r) => ids.includes(r.id)).map((r) => [r.label, r.value, r.target, r.statusText, r.gap ?? '']),
  });
  const communityBars = (id: string, kind: string, target: number | null): Figure => {
    const rows = report.communities.filter((c) => typeof c.indicators[id] === 'number').sort((a, b) => (a.indicators[id] as number) - (b.indicators[id] as number));
    const bars: ChartBar[] = rows.map((c) => ({ label: c.name || String(c.id), value: Math.round((c.indicators[id] as number) * 1000) / 10 }));
    const width = 760;
    const height = Math.max(240, 60 + bars.length * 14);
    return { caption: t('fig_communityBars', { n: nextFigure(), kind }), width, height, svg: barChart({ bars, width, height, horizontal: true, valueName: `${t('chart_share')} (%)`, target: target === null ? null : target * 100, targetName: t('chart_target'), max: 100 }) };
  };

  // 1. Coverage.
  {
    const findings: string[] = [];
    const radius = targets.radii_m;
    const noPlay = communityNames((c) => c.indicators['coverage.playground'] === 0);
    if (noPlay.length > 0) findings.push(t('find_noPlayground', { names: list(noPlay), radius: radius.playground }));
    const noKg = communityNames((c) => c.indicators['coverage.kindergarten'] === 0);
    if (noKg.length > 0) findings.push(t('find_noKindergarten', { names: list(noKg), radius: radius.kindergarten }));
    for (const kind of ['kindergarten', 'primary'] as const) {
      const lowest = report.communities.filter((c) => typeof c.indicators[`coverage.${kind}`] === 'number' && (c.indicators[`coverage.${kind}`] as number) > 0)
        .sort((a, b) => (a.indicators[`coverage.${kind}`] as number) - (b.indicators[`coverage.${kind}`] as number)).slice(0, 5);
      if (lowest.length > 0) findings.push(t('find_coverageLowest', { kind: kindWord(kind), list: lowest.map((c) => `${c.name || String(c.id)} ${percent(lang, c.indicators[`coverage.${kind}`] as number)}`).join(sep) }));
    }
    const figures: Figure[] = [];
    if (dataset.layers.residential) {
      const caption = t('fig_coverage', { n: nextFigure(), kind: kindWord('kindergarten'), radius: radius.kindergarten });
      figures.push({ caption, width: 760, height: 560, svg: coverageMap({ dataset, access, kind: 'kindergarten', radius: radius.kindergarten, lang, width: 760, height: 560 }) });
    }
    // Per community, one chart per kind, kindergartens first (the figure the scorecard shows).
    for (const kind of COVERAGE_KINDS) {
      if (report.communities.some((c) => typeof c.indicators[`coverage.${kind}`] === 'number')) figures.push(communityBars(`coverage.${kind}`, kindWord(kind), ind(`coverage.${kind}`)?.target ?? null));
    }
    // The distance distribution: how far children 3–5 live from the nearest kindergarten.
    const edges = [0, 300, 450, 600, 1000, Infinity];
    const dist = access.nearest.kindergarten.distance;
    const c35 = access.homes.children.children_3_5;
    const buckets = new Array<number>(edges.length).fill(0);
    for (let h = 0; h < dist.length; h++) {
      const d = dist[h]!;
      const b = Number.isFinite(d) && access.nearest.kindergarten.facility[h]! >= 0 ? edges.findIndex((e, i) => d >= e && d < edges[i + 1]!) : edges.length - 1;
      buckets[b < 0 ? edges.length - 1 : b]! += c35[h]!;
    }
    const labels = ['0–300', '300–450', '450–600', '600–1000', '>1000', t('band_unreachable')];
    if (dist.length > 0) figures.push({ caption: t('fig_distance', { n: nextFigure() }), width: 760, height: 300, svg: barChart({ bars: labels.map((label, i) => ({ label: i < 5 ? `${label} m` : label, value: Math.round(buckets[i]!) })), width: 760, height: 300, valueName: t('chart_children') }) });
    const table: Table = {
      ...scoreTable(COVERAGE_KINDS.map((k) => `coverage.${k}`)),
      title: t('scorecard'),
    };
    sections.push({ id: 'coverage', title: t('sec_coverage'), findings, figures, tables: [table] });
  }

  // 2. Places.
  {
    const findings: string[] = [];
    const kg = ind('seats.kindergarten_per_child');
    const places = (dataset.layers.kindergartens?.features ?? []).reduce((s, f) => s + (typeof f.properties.capacity === 'number' ? f.properties.capacity : 0), 0);
    if (kg?.value != null) findings.push(t('find_places', { places: n0(places), children: n0(children(['children_3_5'])), ratio: formatNumber(lang, kg.value, 2), target: kg.target === null ? '—' : formatNumber(lang, kg.target, 2) }));
    const figures: Figure[] = [];
    if (report.communities.some((c) => typeof c.indicators['seats.kindergarten_per_child'] === 'number')) {
      const rows = report.communities.filter((c) => typeof c.indicators['seats.kindergarten_per_child'] === 'number').sort((a, b) => (a.indicators['seats.kindergarten_per_child'] as number) - (b.indicators['seats.kindergarten_per_child'] as number));
      const height = Math.max(240, 60 + rows.length * 14);
      figures.push({ caption: t('fig_places', { n: nextFigure() }), width: 760, height, svg: barChart({ bars: rows.map((c) => ({ label: c.name || String(c.id), value: Math.round((c.indicators['seats.kindergarten_per_child'] as number) * 100) / 100 })), width: 760, height, horizontal: true, valueName: t('chart_placesPerChild'), target: kg?.target ?? null, targetName: t('chart_target') }) });
    }
    sections.push({ id: 'seats', title: t('sec_seats'), findings, figures, tables: [scoreTable(['seats.kindergarten_per_child', 'seats.childcare_per_1000'])] });
  }

  // 3. Play space.
  sections.push({ id: 'play', title: t('sec_play'), findings: [], figures: [], tables: [scoreTable(['playground.area_per_child', 'playground.residential_green_share', 'playground.park_share', 'coverage.playground'])] });

  // 4. Children's homes and parent schools.
  {
    const noHome = communityNames((c) => c.indicators['coverage.childrens_home'] === 0);
    const noSchool = communityNames((c) => Object.keys(c.indicators).some((k) => k.startsWith('community.parent_school.') && c.indicators[k] !== 1));
    const findings = [
      ...(dataset.layers.childrens_homes && communities.length > 0 ? [t('find_noChildrensHome', { n: noHome.length, names: list(noHome) })] : []),
      ...(communities.length > 0 ? [t('find_noParentSchool', { n: noSchool.length, names: list(noSchool) })] : []),
    ];
    sections.push({ id: 'community', title: t('sec_community'), findings, figures: [], tables: [scoreTable(['coverage.childrens_home', 'community.parent_school.urban', 'community.parent_school.rural'])] });
  }

  // 5. Drowning: the inspection list, by risk.
  const drowning = parts.drowning;
  const hazards = (drowning?.hazards ?? []).filter((h) => h.risk !== 'none' && !h.mitigated);
  const nearestPlace = (h: (typeof hazards)[number]) => {
    const p = [...h.places].filter((x) => x.layer !== 'residential').sort((a, b) => a.distance_m - b.distance_m)[0];
    return p ? `${word(lang, 'place', p.layer)} ${named(p.layer, p.id)} ${n0(p.distance_m)} m` : '';
  };
  const missing = (h: (typeof hazards)[number]) => MITIGATIONS.filter((m) => h[m] !== true).map((m) => `${word(lang, 'missing', m)}${h[m] === null ? t('unknownMark') : ''}`).join(sep);
  const inspection: Table = {
    title: t('sec_inspection'),
    columns: [t('col_name'), t('col_kind'), t('col_risk'), t('col_missing'), t('col_nearest'), t('col_children'), t('col_inspector'), t('col_inspectDate')],
    rows: hazards.map((h) => [named('water', h.id), word(lang, 'water', h.kind), word(lang, 'risk', h.risk), missing(h), nearestPlace(h), n0(h.children), '', '']),
  };
  {
    const findings: string[] = [];
    const un = ind('drowning.unmitigated_hazards');
    const high = hazards.filter((h) => h.risk === 'high');
    if (un?.value != null) findings.push(t('find_hazards', { n: un.value, radius: targets.drowning.bands_m[2]!, high: high.length, names: list(high.map((h) => named('water', h.id))) }));
    const figures: Figure[] = [];
    if (drowning) {
      const counts = (['high', 'medium', 'low'] as const).map((r) => ({ label: word(lang, 'risk', r), value: hazards.filter((h) => h.risk === r).length }));
      figures.push({ caption: t('fig_risk', { n: nextFigure() }), width: 500, height: 260, svg: barChart({ bars: counts, width: 500, height: 260, valueName: t('chart_hazards'), colors: ['#c0392b', '#e67e22', '#f1c40f'] }) });
    }
    sections.push({ id: 'drowning', title: t('sec_drowning'), findings, figures, tables: [scoreTable(['drowning.unmitigated_hazards', 'drowning.children_near_unmitigated'])] });
  }

  // 6. School surroundings: which venue, which school, how far.
  {
    const schools = (dataset.layers.schools?.features ?? []).filter((s) => ['primary', 'middle', 'nine_year', 'complete'].includes(s.properties.level as string));
    const prohibited = new Set(targets.surroundings.prohibited_kinds);
    const rows: Cell[][] = [];
    for (const v of dataset.layers.venues?.features ?? []) {
      if (!prohibited.has(v.properties.kind as string)) continue;
      const [lon, lat] = representativePoint(v.geometry);
      let best: { id: FeatureId; d: number } | null = null;
      for (const s of schools) {
        const d = distanceToGeometry(lon, lat, s.geometry);
        if (d <= targets.surroundings.distance_m && (!best || d < best.d)) best = { id: s.id, d };
      }
      if (best) rows.push([named('venues', v.id), word(lang, 'venue', String(v.properties.kind)), named('schools', best.id), Math.round(best.d)]);
    }
    rows.sort((a, b) => (a[3] as number) - (b[3] as number));
    const findings = dataset.layers.venues ? [t('find_venues', { n: rows.length, radius: targets.surroundings.distance_m, list: list(rows.map((r) => `${String(r[0])} → ${String(r[2])} ${String(r[3])} m`)) })] : [];
    sections.push({ id: 'surroundings', title: t('sec_surroundings'), findings, figures: [], tables: [scoreTable(['surroundings.venues_near_schools']), { title: '', columns: [t('col_venue'), t('col_kind'), t('col_school'), t('col_distance')], rows }] });
  }

  // 7. Paediatric resources: which hospital holds them.
  {
    const health = dataset.layers.health?.features ?? [];
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    const doctors = health.reduce((s, f) => s + (num(f.properties.pediatricians) ?? 0), 0);
    const beds = health.reduce((s, f) => s + (num(f.properties.pediatric_beds) ?? 0), 0);
    const rows: Cell[][] = health.map((f) => [named('health', f.id), String(f.properties.kind ?? ''), num(f.properties.pediatricians) ?? t('unknown'), num(f.properties.pediatric_beds) ?? t('unknown')]);
    const findings = health.length > 0 ? [t('find_health', { doctors: n0(doctors), beds: n0(beds), children: n0(children([...AGE_BANDS])) })] : [];
    sections.push({ id: 'health', title: t('sec_health'), findings, figures: [], tables: [scoreTable(['health.pediatricians_per_1000_children', 'health.pediatric_beds_per_1000_children']), { title: '', columns: [t('col_name'), t('col_kind'), t('col_doctors'), t('col_beds')], rows }] });
  }

  // 8. Siting, when a proposal was made.
  {
    const s = input.siting;
    const findings = s && s.chosen.length > 0
      ? [t('find_siting', { n: s.chosen.length, names: list(s.chosen.map((c) => named('candidates', c.id))), adds: n0(s.chosen.reduce((a, c) => a + c.adds, 0)), radius: s.radius, before: percent(lang, s.before.share), after: percent(lang, s.after.share) })]
      : [t('find_noSiting')];
    sections.push({ id: 'siting', title: t('sec_siting'), findings, figures: [], tables: [] });
  }

  // 9. Land allocation: places, classes and land per unit, now and in the last projection year.
  {
    const land = report.land_allocation;
    const now = String(land.base_year);
    const last = String(land.years[land.years.length - 1]);
    const kg = (y: string) => land.district[y]!.kindergarten;
    const m2 = (v: number | null) => (v === null ? '—' : n0(v));
    const unitsWord = t(land.unit_layer === 'planning_units' ? 'unit_planning' : 'unit_community');
    const short = land.units.filter((u) => (u.total[last]?.land_short_m2 ?? 0) > 0).sort((a, b) => b.total[last]!.land_short_m2! - a.total[last]!.land_short_m2!);
    const landWords = LAND_LEVELS.map((l) => `${t(`level_${l}` as TextKey)} ${land.settings.land[l].m2_per_class !== null ? `${land.settings.land[l].m2_per_class} ㎡/${lang === 'zh' ? '班' : 'class'}` : land.settings.land[l].m2_per_pupil !== null ? `${land.settings.land[l].m2_per_pupil} ㎡/${lang === 'zh' ? '生' : 'pupil'}` : '—'}`).join(sep);
    const findings = [
      t('find_land', { units: unitsWord, year: now, gap: n0(kg(now).gap_places ?? 0), classes: n0(kg(now).classes_needed ?? 0), land: m2(kg(now).land_needed_m2), last, gapLast: n0(kg(last).gap_places ?? 0), classesLast: n0(kg(last).classes_needed ?? 0), reserved: n0(land.district_total[now]!.reserved_land_m2) }),
      ...(short.length > 0 ? [t('find_landShort', { units: unitsWord, year: last, n: short.length, names: list(short.map((u) => `${u.name || String(u.id)} ${n0(u.total[last]!.land_short_m2!)} ㎡`)) })] : []),
      t('find_landPlay', { have: n0(land.play_space.playground_m2), renewal: n0(land.play_space.required_renewal_m2), fresh: n0(land.play_space.required_new_area_m2), units: unitsWord, names: list([...land.units].filter((u) => u.play_space.short_renewal_m2 > 0).sort((a, b) => b.play_space.short_renewal_m2 - a.play_space.short_renewal_m2).map((u) => `${u.name || String(u.id)} ${n0(u.play_space.short_renewal_m2)} ㎡`)) }),
      t('find_landBasis', { kg: formatNumber(lang, land.settings.enrolment.kindergarten, 2), kgClass: land.settings.class_size.kindergarten, pClass: land.settings.class_size.primary, mClass: land.settings.class_size.middle, birth: land.settings.birth_rate_per_1000, land: landWords }),
      ...land.notes.map((n) => n[lang]),
    ];
    const row = (r: LandRow): Cell[] => [m2(r.children), m2(r.required_places), m2(r.places), m2(r.gap_places), m2(r.classes_needed), m2(r.land_needed_m2), m2(r.reserved_land_m2), m2(r.land_short_m2)];
    const measureColumns = [t('col_landChildren'), t('col_required'), t('col_placesThere'), t('col_gapPlaces'), t('col_classes'), t('col_landNeeded'), t('col_reserved'), t('col_landShort')];
    const district: Table = {
      title: t('tbl_landDistrict'),
      columns: [t('col_year'), t('col_level'), ...measureColumns],
      rows: land.years.flatMap((y) => LAND_LEVELS.map((l) => [String(y), t(`level_${l}` as TextKey), ...row(land.district[String(y)]![l])])),
    };
    const units: Table = {
      title: t('tbl_landUnits', { year: last }),
      columns: [t('col_unit'), t('col_landNeeded'), t('col_reserved'), t('col_landShort')],
      rows: short.map((u) => [u.name || String(u.id), m2(u.total[last]!.land_needed_m2), m2(u.total[last]!.reserved_land_m2), m2(u.total[last]!.land_short_m2)]),
    };
    sections.push({ id: 'land', title: t('sec_land'), findings, figures: [], tables: [scoreTable(['land.units_short_of_land']), district, units] });
  }

  // 10. Safe routes to school: unprotected main-road crossings, by crossing and by school.
  {
    const r = report.school_routes;
    const TOP = 10;
    if (!r) {
      const reason = report.indicators.find((i) => i.id === 'routes.children_crossing_unprotected')?.reason ?? '';
      sections.push({ id: 'routes', title: t('sec_routes'), findings: [t('find_routesNone', { reason })], figures: [], tables: [scoreTable(['routes.children_crossing_unprotected'])] });
    } else {
      const unprotected = r.crossings.filter((c) => !c.protected && c.children > 0);
      const schoolName = new Map(r.schools.map((s) => [String(s.id), s.name || String(s.id)]));
      const worst = r.schools.filter((s) => s.children_crossing_unprotected > 0).slice(0, 5);
      const nearWater = r.schools.reduce((a, s) => a + s.children_near_unmitigated_water, 0);
      const findings = [
        t('find_routes', { routed: n0(r.children_routed), n: n0(r.children_crossing_unprotected), share: r.children_routed > 0 ? percent(lang, r.children_crossing_unprotected / r.children_routed) : '—', classes: r.main_road_classes.join(sep), radius: r.protection_radius_m, points: n0(unprotected.length) }),
        ...(unprotected.length > 0 ? [t('find_routesTop', { list: list(unprotected.slice(0, 5).map((c) => `${c.road_name || String(c.road)} ${n0(c.children)}`)) })] : []),
        ...(worst.length > 0 ? [t('find_routesSchools', { list: list(worst.map((s) => `${s.name || String(s.id)} ${n0(s.children_crossing_unprotected)}`)) })] : []),
        ...(nearWater > 0 ? [t('find_routesWater', { n: n0(nearWater), schools: r.schools.filter((s) => s.children_near_unmitigated_water > 0).length })] : []),
        t('find_routesBasis', { primary: r.walking_speed_m_per_min.primary, middle: r.walking_speed_m_per_min.middle }),
        ...r.notes.map((n) => n[lang]),
      ];
      const crossings: Table = {
        title: t('tbl_routesCrossings', { n: Math.min(TOP, unprotected.length) }),
        columns: ['#', t('col_crossingRoad'), t('col_crossingAt'), t('col_crossingChildren'), t('col_crossingSchools')],
        rows: unprotected.slice(0, TOP).map((c, i) => [String(i + 1), c.road_name || String(c.road), `${c.lon.toFixed(5)}, ${c.lat.toFixed(5)}`, n0(c.children), list(c.schools.map((id) => schoolName.get(String(id)) ?? String(id)))]),
      };
      const schools: Table = {
        title: t('tbl_routesSchools'),
        columns: [t('col_name'), t('col_routeChildren'), t('col_routeUnprotected'), t('col_routeShare'), t('col_routeLongest'), t('col_routeMinutes'), t('col_routeWater')],
        rows: r.schools.filter((s) => s.children > 0).map((s) => [s.name || String(s.id), n0(s.children), n0(s.children_crossing_unprotected), s.share_crossing_unprotected === null ? '—' : percent(lang, s.share_crossing_unprotected), s.longest_route_m === null ? '—' : n0(s.longest_route_m), s.longest_route_min === null ? '—' : formatNumber(lang, s.longest_route_min, 1), n0(s.children_near_unmitigated_water)]),
      };
      sections.push({ id: 'routes', title: t('sec_routes'), findings, figures: [], tables: [scoreTable(['routes.children_crossing_unprotected']), crossings, schools] });
    }
  }

  // 11. Trends toward 2030, when several years were compared.
  if (input.monitoring && input.monitoring.years.length >= 2) {
    const m = input.monitoring;
    const count = (status: string) => m.indicators.filter((i) => i.status === status).length;
    const findings = [
      t('find_trend', { years: m.years.map((y) => y.year).join(sep), met: count('met'), on: count('on_track'), risk: count('at_risk'), off: count('off_track') }),
      ...m.warnings.filter((w) => w.community === null).slice(0, MAX_NAMES).map((w) => w.message[lang]),
    ];
    const unitOf = (id: string) => m.indicators.find((i) => i.id === id)?.unit ?? 'ratio';
    const v = (id: string, x: number | null) => fmt({ unit: unitOf(id) as Indicator['unit'] }, x);
    const table: Table = {
      title: t('tbl_trends'),
      columns: [t('col_indicator'), ...m.years.map((y) => String(y.year)), t('col_trend2030'), t('col_status')],
      rows: m.indicators.map((i) => [i.label[lang], ...i.values.map((x) => v(i.id, x.value)), v(i.id, i.projected_2030), t(`trend_${i.status}` as TextKey)]),
    };
    const communityWarnings: Table = {
      title: t('tbl_trendWarnings'),
      columns: [t('col_community'), t('col_indicator'), t('col_status'), t('col_trend2030')],
      rows: m.warnings.filter((w) => w.community !== null).slice(0, 60).map((w) => [w.community!.name || String(w.community!.id), m.indicators.find((i) => i.id === w.indicator)?.label[lang] ?? w.indicator, t(`trend_${w.status}` as TextKey), v(w.indicator, w.projected_2030)]),
    };
    // A chart for each district indicator that will miss 2030, the worst first (at most four).
    const charted = m.warnings.filter((w) => w.community === null).slice(0, 4).map((w) => m.indicators.find((i) => i.id === w.indicator)!);
    const figures: Figure[] = charted.map((i) => {
      const share = i.unit === 'share';
      const scale = (x: number) => (share ? Math.round(x * 1000) / 10 : Math.round(x * 100) / 100);
      return {
        caption: t('fig_trend', { n: nextFigure(), label: i.label[lang] }),
        width: 640, height: 280,
        svg: trendChart({
          points: i.values.filter((x): x is { year: number; value: number } => x.value !== null).map((x) => ({ year: x.year, value: scale(x.value) })),
          projected: i.projected_2030 === null ? null : scale(i.projected_2030), horizon: m.horizon, milestones: m.milestones,
          target: i.target === null ? null : scale(i.target), targetName: t('chart_target'), valueName: share ? '%' : '', max: share ? 100 : undefined, width: 640, height: 280,
        }),
      };
    });
    sections.push({ id: 'trends', title: t('sec_trends'), findings, figures, tables: [table, communityWarnings] });
  }

  // ---- The community table, in full.
  const communityColumns: [string, string][] = [
    ...COVERAGE_KINDS.map((k) => [`coverage.${k}`, t('col_kindShare', { kind: kindWord(k) })] as [string, string]),
    ['seats.kindergarten_per_child', t('col_placesPerChild')], ['playground.area_per_child', t('col_area')],
    ['coverage.childrens_home', t('col_childrensHome')],
  ];
  const communityTable: Table = {
    title: t('sec_communities'),
    columns: [t('col_community'), ...communityColumns.map(([, label]) => label), t('col_parentSchool')],
    rows: report.communities.map((c) => {
      const ps = Object.entries(c.indicators).find(([k]) => k.startsWith('community.parent_school.'))?.[1];
      return [
        c.name || String(c.id),
        ...communityColumns.map(([id]) => {
          const v = c.indicators[id];
          if (v === null || v === undefined) return '—';
          if (id === 'coverage.childrens_home') return yesNo(lang, v === 1);
          if (id.startsWith('coverage.')) return percent(lang, v);
          return formatNumber(lang, v, 2);
        }),
        ps === undefined ? '—' : yesNo(lang, ps === null ? null : ps === 1),
      ];
    }),
  };

  const layerCounts = Object.entries(report.dataset.layers).map(([l, c]) => `${l} ${c.features}`).join(', ');
  const rejected = Object.values(report.dataset.layers).reduce((s, c) => s + c.rejected, 0);
  const sources = [t('sources_dataset', { name: report.dataset.name, crs: report.dataset.crs_in, layers: layerCounts }), ...(rejected > 0 ? [t('sources_rejected', { n: rejected })] : [])];
  const quality = report.data_quality.map((f) => f.message[lang]);
  const distanceWord = t(report.options.distance === 'network' ? 'distance_network' : 'distance_euclidean');
  return {
    lang,
    title: t('title', { plan: targets.name[lang].replace(/空间目标$|, spatial targets$/, '') }),
    cover: {
      rows: [
        [t('district'), dataset.meta.name],
        [t('dataYear'), dataset.meta.year === null ? '—' : String(dataset.meta.year)],
        [t('date'), input.date],
        [t('targets'), targets.name[lang]],
        [t('distance'), distanceWord],
        [t('tool'), `${report.tool.name} ${report.tool.version}`],
      ],
      synthetic: dataset.meta.synthetic,
    },
    summary,
    scorecard,
    sections,
    communities: communityTable,
    inspection,
    sources,
    quality,
    methods: methods(lang).map((m) => m.replace('{distance}', distanceWord)),
  };
}
