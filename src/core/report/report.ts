/**
 * The report contract (shared/spec/report-contract.md): what `npm run analyze` writes and the app
 * exports. Built from a loaded dataset, the targets and computeAccess's distances.
 */
import { booleanPointInPolygon } from '@turf/turf';
import pkg from '../../../package.json';
import type { AccessResult, NetworkContext } from '../access';
import { playgroundProvision, type PlaygroundProvision } from '../playgroundProvision';
import { kindergartenSeats } from '../kindergartenSeats';
import { drowningHazards, MITIGATIONS, type DrowningResult } from '../drowningHazards';
import { distanceToGeometry } from '../distanceToGeometry';
import { FACILITY_KINDS } from '../facilities';
import { INDICATORS, type Unit } from '../indicators';
import { AGE_BANDS } from '../layers';
import { communityCoverage, COVERAGE_BANDS, coverageFigure, homeCommunities, type CommunityCoverage, type CoverageFigure } from '../livingCircleCoverage';
import { landAllocation, landPerClass, type LandAllocation } from '../landAllocation/landAllocation';
import { schoolRoutes, type SchoolRoutes, type SchoolRoutesInput } from '../routes/schoolRoutes';
import { formatIssue } from '../messages';
import { accessRow, accessRowLines, accessRows, type AccessRow } from './accessRows';
import { childrenWhere, dataQuality, homeQuality, type DataQualityFinding, type HomeQuality } from './dataQuality';
import { toCsv } from '../csv';
import { representativePoint } from '../representativePoint';
import { COVERAGE_KINDS, LAND_LEVELS, type Targets } from '../targets';
import type { ContractFeature, Dataset, FeatureId, ValidationReport } from '../types';

export interface Indicator {
  id: string;
  label: { zh: string; en: string };
  value: number | null;
  unit: Unit;
  target: number | null;
  comparator: '>=' | '<=';
  status: 'met' | 'not_met' | 'not_computable';
  reason: string | null;
  source: string;
}

export type { AccessRow } from './accessRows';

export interface CommunityRow {
  id: FeatureId;
  name: string;
  indicators: Record<string, number | null>;
}

export interface Report {
  tool: { name: string; version: string };
  dataset: {
    name: string;
    synthetic: boolean;
    crs_in: string;
    layers: Record<string, { features: number; rejected: number }>;
    warnings: { layer: string; feature: FeatureId | null; message: string }[];
  };
  options: { distance: 'network' | 'euclidean'; distance_reason: string; targets: string; radii_m: Record<string, number>; off_network_m: number; playground_min_area_m2: number };
  indicators: Indicator[];
  access: AccessRow[];
  communities: CommunityRow[];
  drowning: { hazards: { id: FeatureId; risk: string; score: number; reasons: string[] }[] } | null;
  siting: unknown;
  land_allocation: LandAllocation;
  /** Filled when the dataset has a walking network and schools; else null. */
  school_routes: SchoolRoutes | null;
  /** What the figures rest on; [] when there is nothing to say. */
  data_quality: DataQualityFinding[];
}

export const TOOL = { name: 'child-friendly-city-planner', version: (pkg as { version: string }).version };

const DISTANCE_REASONS: Record<AccessResult['distanceReason'], string> = {
  requested: 'as requested',
  default_network: 'walking network: the dataset has a roads layer',
  no_roads: 'straight line: the dataset has no roads layer',
  no_walkable_roads: 'straight line: the roads layer has no walkable road',
};

const round2 = (v: number) => Math.round(v * 100) / 100;

function makeIndicator(id: string, value: number | null, reason: string | null, targets: Targets): Indicator {
  const t = targets.indicators[id] ?? { target: null, comparator: '>=' as const, source: '' };
  const meta = INDICATORS[id]!;
  let status: Indicator['status'] = 'not_computable';
  if (value !== null) {
    if (t.target === null) status = 'met';
    else status = (t.comparator === '>=' ? value >= t.target : value <= t.target) ? 'met' : 'not_met';
  }
  return { id, label: { zh: meta.zh, en: meta.en }, value, unit: meta.unit, target: t.target, comparator: t.comparator, status, reason, source: t.source };
}

const sumOf = (features: readonly ContractFeature[], key: string) => {
  let sum = 0;
  let unknown = 0;
  for (const f of features) {
    const v = f.properties[key];
    if (typeof v === 'number') sum += v;
    else unknown++;
  }
  return { sum, unknown };
};

/** Above this share of a figure's children, what they rest on is said first in its reason. */
const MATERIAL_SHARE = 0.05;

function coverageReason(fig: CoverageFigure, access: AccessResult, layer: string, populationEstimated: number, quality: HomeQuality): string | null {
  const notes: string[] = [];
  if (!access.facilities[fig.kind].layerPresent) return `no ${layer} layer`;
  if (fig.children === 0) return 'no children of this age in the residential layer';
  const bands = COVERAGE_BANDS[fig.kind];
  const pct = (v: number) => `${(Math.round((v / fig.children) * 1000) / 10).toFixed(1)}%`;
  const bandEstimated = bands.map((b) => access.homes.estimated[b]);
  const estimated = childrenWhere(access, (h) => {
    if (quality.populationEstimated[h] === 1) return true;
    for (let b = 0; b < bandEstimated.length; b++) if (bandEstimated[b]![h] === 1) return true;
    return false;
  }, bands).children;
  if (estimated > MATERIAL_SHARE * fig.children) notes.push(`${pct(estimated)} of these children rest on estimated population or age bands`);
  const cut = childrenWhere(access, (h) => access.offNetwork[h] === 1 || quality.separateNetwork[h] === 1 || quality.cutOff[h] === 1, bands).children;
  if (cut > MATERIAL_SHARE * fig.children) notes.push(`${pct(cut)} of these children live off the walking network or on a separate piece of it (see data_quality)`);
  if (access.facilities[fig.kind].ids.length === 0) notes.push(`no ${fig.kind} facility in the dataset`);
  if (fig.estimatedHomes > 0) notes.push(`rests on estimates: age band estimated from age_shares for ${fig.estimatedHomes} of ${fig.homes} homes`);
  if (populationEstimated > 0) notes.push(`rests on estimates: population estimated from building footprints or land area for ${populationEstimated} homes`);
  if (fig.unknownHomes > 0) notes.push(`${fig.unknownHomes} homes lack the age band and dataset.json gives no age share: counted as 0`);
  if (fig.offNetworkChildren > 0) notes.push(`${round2(fig.offNetworkChildren)} children live off the walking network (counted as not covered)`);
  const off = access.facilitiesOffNetwork[fig.kind].length;
  if (off > 0) notes.push(`${off} ${fig.kind} facilities are off the walking network and reach no one`);
  if (fig.kind === 'playground') {
    const { tooSmall, unknownSize } = access.facilities.playground;
    if (tooSmall.length > 0) notes.push(`${tooSmall.length} playgrounds left out as below the minimum size`);
    if (unknownSize.length > 0) notes.push(`${unknownSize.length} playgrounds of unknown size counted`);
  }
  return notes.length > 0 ? notes.join('; ') : null;
}

const COVERAGE_LAYER: Record<string, string> = { kindergarten: 'kindergartens', childcare: 'childcare', primary: 'schools', middle: 'schools', playground: 'playgrounds' };

/** Rewrites "no X layer" (and "the X layer is empty") where the X layer was given but could not be used. */
export function explainMissingLayers(reason: string, validation: ValidationReport): string {
  const said = (layer: string): string | null => {
    const r = validation.layers[layer as keyof ValidationReport['layers']];
    if (!r) return null;
    if (r.failed) {
      const why = r.issues.find((i) => i.severity === 'error');
      return `the ${layer} layer (${r.file}) could not be read${why ? `: ${formatIssue(why, 'en')}` : ''}`;
    }
    if (r.features === 0) return `every feature of the ${layer} layer (${r.file}) was rejected (${r.rejected}; see the validation report)`;
    return null;
  };
  return reason
    .replace(/\bno (\w+) layer\b/g, (whole, layer: string) => said(layer) ?? whole)
    .replace(/\bthe (\w+) layer is empty\b/g, (whole, layer: string) => said(layer) ?? whole);
}

export interface BuildReportInput {
  dataset: Dataset;
  validation: ValidationReport;
  targets: Targets;
  access: AccessResult;
  /** The walking network the distances were measured on (null in straight-line mode). */
  context?: NetworkContext | null;
  /** Leave `access` empty: the caller streams the rows with `reportJsonChunks(report, access)`. */
  omitAccessRows?: boolean;
  /** Leave `school_routes` and its indicator out: the app finds them in a call of their own, when their view is open. */
  deferRoutes?: boolean;
}

export function buildReport(input: BuildReportInput): Report {
  return buildReportParts(input).report;
}

/** Units whose reserved education land falls short of what the last projection year needs. */
function landIndicator(land: LandAllocation, targets: Targets): Indicator {
  const id = 'land.units_short_of_land';
  if (!land.unit_layer) return makeIndicator(id, null, 'no planning_units or communities layer', targets);
  const year = String(land.years[land.years.length - 1]);
  const sized = land.units.filter((u) => u.total[year]!.land_short_m2 !== null);
  if (sized.length === 0) return makeIndicator(id, null, land.notes.find((n) => n.en.startsWith('no land figure'))?.en ?? 'no land figure set', targets);
  const short = sized.filter((u) => u.total[year]!.land_short_m2! > 0).length;
  const unsized = LAND_LEVELS.filter((l) => landPerClass(targets.land_allocation, l) === null);
  const reason = [`${land.unit_layer === 'planning_units' ? 'planning units' : 'communities'}, need in ${year} against reserved land`, unsized.length > 0 ? `land not sized for ${unsized.join(', ')} (no land figure)` : ''].filter(Boolean).join('; ');
  return makeIndicator(id, short, reason, targets);
}

/** What school routes need, when there is a walking network and a schools layer; else why not. */
export function schoolRoutesInput(dataset: Dataset, access: AccessResult, context: NetworkContext | null, targets: Targets, drowning: DrowningResult | null): { input: SchoolRoutesInput | null; reason: string | null } {
  if (!dataset.layers.schools) return { input: null, reason: 'no schools layer' };
  if (!context) return { input: null, reason: access.distanceReason === 'requested' ? 'straight-line distance requested: routes need the walking network' : 'no walkable roads layer: routes need the walking network' };
  const water = new Map((dataset.layers.water?.features ?? []).map((f) => [f.id, f.geometry]));
  return {
    input: {
      dataset, access, context, settings: targets.school_routes, offNetworkMetres: targets.off_network_m,
      prohibitedVenueKinds: targets.surroundings.prohibited_kinds,
      unmitigatedWater: (drowning?.hazards ?? []).filter((h) => !h.mitigated).map((h) => ({ id: h.id, geometry: water.get(h.id)! })),
    },
    reason: null,
  };
}

function schoolRoutesOf(dataset: Dataset, access: AccessResult, context: NetworkContext | null, targets: Targets, drowning: DrowningResult | null): { result: SchoolRoutes | null; reason: string | null } {
  const { input, reason } = schoolRoutesInput(dataset, access, context, targets, drowning);
  return { result: input ? schoolRoutes(input) : null, reason };
}

/** Children 6–14 whose route to primary or middle school crosses a main road unprotected. */
export function routesIndicator(routes: { result: SchoolRoutes | null; reason: string | null }, dataset: Dataset, access: AccessResult, targets: Targets): Indicator {
  const id = 'routes.children_crossing_unprotected';
  const r = routes.result;
  if (!r) return makeIndicator(id, null, routes.reason, targets);
  if (access.homes.count === 0) return makeIndicator(id, null, dataset.layers.residential ? 'the residential layer is empty' : 'no residential layer', targets);
  if (r.children_routed === 0) return makeIndicator(id, null, access.facilities.primary.ids.length + access.facilities.middle.ids.length === 0 ? 'no primary or middle school in the schools layer' : 'no child aged 6–14 has a walking route to a school', targets);
  const notes = [
    `main roads: ${r.main_road_classes.join(', ')} (and their links); protected within ${r.protection_radius_m} m`,
    r.crossings_layer ? '' : 'no crossings layer: every crossing counted as unprotected',
    r.not_routed.primary.children + r.not_routed.middle.children > 0 ? `${Math.round(r.not_routed.primary.children + r.not_routed.middle.children)} children 6–14 without a route (off the network or no school reachable) not counted` : '',
    access.homes.estimatedAny ? 'rests on estimates: some age bands estimated from age_shares' : '',
  ].filter(Boolean);
  // A count of children: whole children, though estimated bands are fractional.
  return makeIndicator(id, Math.round(r.children_crossing_unprotected), notes.join('; '), targets);
}

/** The report and the analyses it was built from, for callers that show more than the report. */
export interface ReportParts {
  report: Report;
  provision: PlaygroundProvision;
  communities: CommunityCoverage[];
  drowning: DrowningResult | null;
}

export function buildReportParts({ dataset, validation, targets, access, context, omitAccessRows, deferRoutes }: BuildReportInput): ReportParts {
  const homes = access.homes;
  const indicators: Indicator[] = [];
  // Imports that had no population (OpenStreetMap) mark the homes whose population they estimated.
  const populationEstimated = (dataset.layers.residential?.features ?? []).filter((f) => f.properties.population_estimated === true).length;

  // Living-circle coverage.
  const quality = homeQuality(dataset, access, context ?? null);
  const coverage = Object.fromEntries(COVERAGE_KINDS.map((k) => [k, coverageFigure(access, k, targets.radii_m[k])])) as Record<string, CoverageFigure>;
  for (const kind of COVERAGE_KINDS) {
    const fig = coverage[kind]!;
    const noHomes = homes.count === 0 ? (dataset.layers.residential ? 'the residential layer is empty' : 'no residential layer') : null;
    indicators.push(makeIndicator(`coverage.${kind}`, noHomes ? null : fig.share, noHomes ?? coverageReason(fig, access, COVERAGE_LAYER[kind]!, populationEstimated, quality), targets));
  }

  // Communities: children's homes inside, parent schools.
  const communities = dataset.layers.communities?.features ?? [];
  const chPoints = (dataset.layers.childrens_homes?.features ?? []).map((f) => representativePoint(f.geometry));
  const hasChildrensHome = communities.map((c) => chPoints.some((p) => booleanPointInPolygon(p, c as never)));
  indicators.push(
    !dataset.layers.communities || communities.length === 0
      ? makeIndicator('coverage.childrens_home', null, 'no communities layer', targets)
      : !dataset.layers.childrens_homes
        ? makeIndicator('coverage.childrens_home', null, 'no childrens_homes layer', targets)
        : makeIndicator('coverage.childrens_home', hasChildrensHome.filter(Boolean).length / communities.length, null, targets),
  );
  for (const kind of ['urban', 'rural'] as const) {
    const id = `community.parent_school.${kind}`;
    const ofKind = communities.filter((c) => c.properties.kind === kind);
    if (ofKind.length === 0) {
      indicators.push(makeIndicator(id, null, communities.length === 0 ? 'no communities layer' : `no ${kind} communities`, targets));
      continue;
    }
    const yes = ofKind.filter((c) => c.properties.parent_school === true).length;
    const unknown = ofKind.filter((c) => c.properties.parent_school === undefined).length;
    indicators.push(makeIndicator(id, yes / ofKind.length, unknown > 0 ? `${unknown} of ${ofKind.length} ${kind} communities do not say: counted as without` : null, targets));
  }

  // Places per child and per resident.
  const totalOf = (band: (typeof AGE_BANDS)[number]) => homes.children[band].reduce((s, v) => s + v, 0);
  const population = homes.population.reduce((s, v) => s + v, 0);
  const kg = dataset.layers.kindergartens?.features;
  const children35 = totalOf('children_3_5');
  if (!kg) indicators.push(makeIndicator('seats.kindergarten_per_child', null, 'no kindergartens layer', targets));
  else if (children35 === 0) indicators.push(makeIndicator('seats.kindergarten_per_child', null, 'no children aged 3–5 in the residential layer', targets));
  else {
    const { sum, unknown } = sumOf(kg, 'capacity');
    indicators.push(makeIndicator('seats.kindergarten_per_child', sum / children35, unknown > 0 ? `${unknown} kindergartens without capacity counted as 0 places` : null, targets));
  }
  const cc = dataset.layers.childcare?.features;
  if (!cc) indicators.push(makeIndicator('seats.childcare_per_1000', null, 'no childcare layer', targets));
  else if (population === 0) indicators.push(makeIndicator('seats.childcare_per_1000', null, 'no residents in the residential layer', targets));
  else {
    const { sum, unknown } = sumOf(cc, 'capacity');
    indicators.push(makeIndicator('seats.childcare_per_1000', (sum / population) * 1000, unknown > 0 ? `${unknown} childcare facilities without capacity counted as 0 places` : null, targets));
  }

  // Playground provision: area within reach per child (two-step floating catchment), green spaces holding one.
  const provision = playgroundProvision(dataset, access, context ?? null, targets);
  const playgrounds = access.facilities.playground;
  const sizeNotes = [
    playgrounds.tooSmall.length > 0 ? `${playgrounds.tooSmall.length} playgrounds below ${targets.playground_min_area_m2} m² not counted` : '',
    playgrounds.unknownSize.length > 0 ? `${playgrounds.unknownSize.length} playgrounds of unknown size counted with no area` : '',
  ].filter(Boolean);
  if (!dataset.layers.playgrounds) indicators.push(makeIndicator('playground.area_per_child', null, 'no playgrounds layer', targets));
  else if (provision.areaPerChild === null) indicators.push(makeIndicator('playground.area_per_child', null, 'no children aged 0–11 in the residential layer', targets));
  else {
    const how = `m² within ${provision.radius} m ${access.distance === 'network' ? 'walking' : 'straight line'}, two-step floating catchment`;
    indicators.push(makeIndicator('playground.area_per_child', provision.areaPerChild, [how, ...sizeNotes].join('; '), targets));
  }
  for (const [id, kind] of [['playground.residential_green_share', 'residential_green'], ['playground.park_share', 'park']] as const) {
    const { total, holding } = provision.spaces[kind];
    if (!dataset.layers.playgrounds) indicators.push(makeIndicator(id, null, 'no playgrounds layer', targets));
    else if (total === 0) indicators.push(makeIndicator(id, null, `no ${kind} spaces in the green_spaces layer`, targets));
    else indicators.push(makeIndicator(id, holding / total, sizeNotes.length > 0 ? sizeNotes.join('; ') : null, targets));
  }

  // Drowning risk: the hazard register.
  const drowning = dataset.layers.water ? drowningHazards(dataset, { bands_m: targets.drowning.bands_m as [number, number, number] }) : null;
  if (!drowning) {
    indicators.push(makeIndicator('drowning.unmitigated_hazards', null, 'no water layer', targets));
    indicators.push(makeIndicator('drowning.children_near_unmitigated', null, 'no water layer', targets));
  } else {
    const unknown = drowning.hazards.filter((h) => !h.mitigated && MITIGATIONS.some((m) => h[m] === null) && h.places.length > 0).length;
    const note = `within ${targets.drowning.bands_m[2]} m of a home, kindergarten, school, playground or children's home; mitigated only when fenced, signed and equipped${unknown > 0 ? `; ${unknown} of them have a protection recorded as unknown (not counted as in place)` : ''}`;
    indicators.push(makeIndicator('drowning.unmitigated_hazards', drowning.unmitigatedHazards, note, targets));
    // A count of children: whole children, though estimated bands are fractional.
    indicators.push(makeIndicator('drowning.children_near_unmitigated', Math.round(drowning.childrenNearUnmitigated), homes.estimatedAny ? 'rests on estimates: some age bands estimated from age_shares' : null, targets));
  }

  // School surroundings: prohibited venues within the distance of a primary or middle school.
  const schools = (dataset.layers.schools?.features ?? []).filter((s) => ['primary', 'middle', 'nine_year', 'complete'].includes(s.properties.level as string));
  const venues = dataset.layers.venues?.features;
  if (!dataset.layers.schools || !venues) indicators.push(makeIndicator('surroundings.venues_near_schools', null, !venues ? 'no venues layer' : 'no schools layer', targets));
  else {
    const prohibited = new Set(targets.surroundings.prohibited_kinds);
    const near = venues.filter((v) => {
      if (!prohibited.has(v.properties.kind as string)) return false;
      const [lon, lat] = representativePoint(v.geometry);
      return schools.some((s) => distanceToGeometry(lon, lat, s.geometry) <= targets.surroundings.distance_m);
    }).length;
    indicators.push(makeIndicator('surroundings.venues_near_schools', near, null, targets));
  }

  // Safe routes to school: children's walking routes and where they cross main roads.
  const routes = deferRoutes ? { result: null, reason: null } : schoolRoutesOf(dataset, access, context ?? null, targets, drowning);

  // Paediatric resources per 1,000 children 0–17.
  const children017 = AGE_BANDS.reduce((s, b) => s + totalOf(b), 0);
  for (const [id, key] of [['health.pediatricians_per_1000_children', 'pediatricians'], ['health.pediatric_beds_per_1000_children', 'pediatric_beds']] as const) {
    const health = dataset.layers.health?.features;
    if (!health) indicators.push(makeIndicator(id, null, 'no health layer', targets));
    else if (children017 === 0) indicators.push(makeIndicator(id, null, 'no children in the residential layer', targets));
    else {
      const { sum, unknown } = sumOf(health, key);
      indicators.push(makeIndicator(id, (sum / children017) * 1000, unknown > 0 ? `${unknown} health facilities do not give ${key}: counted as 0` : null, targets));
    }
  }

  // One access row per home, in input order (left out when the caller writes them from the arrays).
  const access_rows: AccessRow[] = omitAccessRows ? [] : accessRows(access);
  const seats = dataset.layers.kindergartens ? kindergartenSeats(dataset, access, context ?? null, { radius: targets.radii_m.kindergarten, offNetworkMetres: targets.off_network_m }) : null;
  // Land allocation: places, classes and land each unit needs now and in the projection years.
  const land = landAllocation({
    dataset, homes, settings: targets.land_allocation, homeCommunity: homeCommunities(dataset, access),
    homePlacesPerChild: seats?.homePlacesPerChild ?? null, playgrounds: access.facilities.playground,
  });
  indicators.push(landIndicator(land, targets));
  if (!deferRoutes) indicators.push(routesIndicator(routes, dataset, access, targets));
  // Per community: the coverage figures over its homes.
  const perCommunity = communityCoverage(dataset, access, targets.radii_m);
  const communityRows: CommunityRow[] = communities.map((c, i) => {
    const rowIndicators: Record<string, number | null> = {};
    for (const kind of COVERAGE_KINDS) rowIndicators[`coverage.${kind}`] = perCommunity[i]!.figures[kind].share;
    rowIndicators['playground.area_per_child'] = dataset.layers.playgrounds ? provision.communityAreaPerChild[i]! : null;
    // Per community, places within reach per child (floating catchment), not places inside its boundary.
    rowIndicators['seats.kindergarten_per_child'] = seats ? seats.communityPlacesPerChild[i]! : null;
    rowIndicators['coverage.childrens_home'] = dataset.layers.childrens_homes ? (hasChildrensHome[i] ? 1 : 0) : null;
    const ps = c.properties.parent_school;
    rowIndicators[`community.parent_school.${c.properties.kind as string}`] = ps === undefined ? null : ps ? 1 : 0;
    return { id: c.id, name: String(c.properties.name ?? ''), indicators: rowIndicators };
  });

  const warnings: Report['dataset']['warnings'] = [];
  for (const issue of [...validation.dataset, ...Object.values(validation.layers).flatMap((l) => l.issues)]) {
    warnings.push({ layer: issue.layer, feature: issue.featureId ?? (issue.index !== undefined ? `#${issue.index + 1}` : null), message: formatIssue(issue, 'en') });
  }
  if (access.distanceReason === 'no_roads' || access.distanceReason === 'no_walkable_roads') {
    warnings.push({ layer: 'roads', feature: null, message: `${DISTANCE_REASONS[access.distanceReason]}; coverage is measured as the crow flies and overstates what children can walk` });
  }
  const offHomes = homes.ids.filter((_, h) => access.offNetwork[h]);
  if (offHomes.length > 0) {
    warnings.push({ layer: 'residential', feature: null, message: `${offHomes.length} homes are more than ${targets.off_network_m} m from any walkable road (off-network): ${offHomes.slice(0, 20).join(', ')}${offHomes.length > 20 ? ', …' : ''}` });
  }
  for (const kind of FACILITY_KINDS) {
    for (const id of access.facilitiesOffNetwork[kind]) warnings.push({ layer: kind, feature: id, message: `${kind} facility more than ${targets.off_network_m} m from any walkable road: no one reaches it on foot` });
  }

  // "No X layer" is only true when none was given: a layer given but refused says why.
  for (const i of indicators) if (i.reason) i.reason = explainMissingLayers(i.reason, validation);
  const report: Report = {
    tool: TOOL,
    dataset: {
      name: dataset.meta.name,
      synthetic: dataset.meta.synthetic,
      crs_in: validation.crsIn,
      layers: Object.fromEntries(Object.entries(validation.layers).map(([l, r]) => [l, { features: r.features, rejected: r.rejected }])),
      warnings,
    },
    options: {
      distance: access.distance,
      distance_reason: DISTANCE_REASONS[access.distanceReason],
      targets: targets.id,
      radii_m: { ...targets.radii_m },
      off_network_m: targets.off_network_m,
      playground_min_area_m2: targets.playground_min_area_m2,
    },
    indicators,
    access: access_rows,
    communities: communityRows,
    drowning: drowning ? { hazards: drowning.hazards.map((h) => ({ id: h.id, risk: h.risk, score: h.score, reasons: h.reasons })) } : null,
    siting: null,
    land_allocation: land,
    school_routes: routes.result,
    data_quality: dataQuality({ dataset, access, quality, offNetworkMetres: targets.off_network_m, playgroundMinArea: targets.playground_min_area_m2 }),
  };
  return { report, provision, communities: perCommunity, drowning };
}

/** The `access` rows as CSV: one line per home, nearest id and distance per facility kind. */
/**
 * The report as the contract writes it: pretty-printed, except one line per `access` row (a 100k-home
 * report stays small and streamable). Yielded in pieces, so a large report is never one huge string.
 */
export function* reportJsonChunks(report: Report, rowsFrom?: AccessResult): Generator<string> {
  const rows = rowsFrom ? accessRowLines(rowsFrom) : { count: report.access.length, line: (h: number) => JSON.stringify(report.access[h]) };
  // The long lists go one item a line: the access rows, and the route network's crossings and streets.
  const routes = report.school_routes;
  const lists: { place: string; count: number; line: (i: number) => string; indent: string }[] = [
    { place: '"__access_rows__"', count: rows.count, line: rows.line, indent: '    ' },
  ];
  if (routes) {
    lists.push({ place: '"__route_crossings__"', count: routes.crossings.length, line: (i) => JSON.stringify(routes.crossings[i]), indent: '      ' });
    lists.push({ place: '"__route_segments__"', count: routes.segments.length, line: segmentLine(routes.segments), indent: '      ' });
  }
  const head = JSON.stringify({ ...report, access: '__access_rows__', ...(routes ? { school_routes: { ...routes, crossings: '__route_crossings__', segments: '__route_segments__' } } : {}) }, null, 2);
  let from = 0;
  for (const list of lists) {
    const at = head.indexOf(list.place, from);
    yield head.slice(from, at);
    yield* listLines(list.count, list.line, list.indent);
    from = at + list.place.length;
  }
  yield `${head.slice(from)}\n`;
}

/** A JSON list, one item a line. */
function* listLines(count: number, line: (i: number) => string, indent: string): Generator<string> {
  if (count === 0) {
    yield '[]';
    return;
  }
  yield '[\n';
  for (let i = 0; i < count; i++) yield `${indent}${line(i)}${i + 1 < count ? ',\n' : '\n'}`;
  yield `${indent.slice(2)}]`;
}

/** One street of the route network as JSON, written by hand: a city has half a million of them. */
function segmentLine(segments: SchoolRoutes['segments']): (i: number) => string {
  const roadJson = new Map<FeatureId, string>();
  return (i) => {
    const s = segments[i]!;
    let road = roadJson.get(s.road);
    if (road === undefined) roadJson.set(s.road, (road = JSON.stringify(s.road)));
    return `{"road":${road},"from":[${s.from[0]},${s.from[1]}],"to":[${s.to[0]},${s.to[1]}],"children":${s.children},"children_3_5":${s.children_3_5}}`;
  };
}

export function accessCsv(report: Report, rowsFrom?: AccessResult): string {
  const header = ['id', 'population', 'off_network', ...FACILITY_KINDS.flatMap((k) => [`${k}_id`, `${k}_distance_m`])];
  const count = rowsFrom ? rowsFrom.homes.count : report.access.length;
  const lines: unknown[][] = [header];
  for (let h = 0; h < count; h++) {
    const row = rowsFrom ? accessRow(rowsFrom, h) : report.access[h]!;
    lines.push([row.id, row.population, row.off_network, ...FACILITY_KINDS.flatMap((k) => [row.nearest[k]?.id ?? '', row.nearest[k]?.distance_m ?? ''])]);
  }
  return toCsv(lines);
}
