/**
 * Land allocation (配套校核): how many places, classes and m² of land each planning unit needs for
 * kindergartens, childcare, primary and middle schools now and in the projection years, against the
 * places already there and the education land reserved (预留教育用地, the `candidates` layer).
 * Shape: shared/spec/report-contract.md, "Land allocation". Plan: safety, measure 10.
 *
 * Units are the `planning_units` layer when the dataset has one, else the communities. A home counts
 * in the unit holding its representative point (for communities: its `community` property first, as
 * every per-community table does); a facility or reserved parcel in the unit holding its
 * representative point. The district row pools everything, so its gap is not the sum of the units'.
 */
import { area } from '@turf/turf';
import { CommunityLocator } from '../communities';
import { playgroundArea } from '../facilities';
import type { Homes } from '../homes';
import { representativePoint } from '../representativePoint';
import { LAND_LEVELS, type LandAllocationSettings, type LandLevel } from '../targets';
import type { ContractFeature, Dataset, FeatureId } from '../types';
import { projectChildren, type BandCounts, type ProjectedBand } from './projection';

export interface LandRow {
  /** Children of the level's age (estimated bands included). */
  children: number | null;
  required_places: number | null;
  places: number | null;
  gap_places: number | null;
  classes_needed: number | null;
  land_needed_m2: number | null;
  reserved_land_m2: number | null;
  land_short_m2: number | null;
  /** Kindergartens, dataset year only: the places the seats catchment gives this unit's children within walking reach. */
  places_within_reach?: number | null;
  /** Why a figure is missing or what it rests on; null when nothing needs saying. */
  reason: string | null;
}

/** All levels of a unit in one year: the land they need together against the land reserved. */
export interface LandTotal {
  land_needed_m2: number | null;
  reserved_land_m2: number;
  land_short_m2: number | null;
}

export interface PlaySpace {
  residents: number;
  playground_m2: number;
  required_new_area_m2: number;
  required_renewal_m2: number;
  short_new_area_m2: number;
  short_renewal_m2: number;
  /** Playgrounds of unknown size inside, counted with no area. */
  unknown_size: number;
}

export interface LandUnit {
  id: FeatureId;
  name: string;
  layer: 'planning_units' | 'communities';
  level: string | null;
  years: Record<string, Record<LandLevel, LandRow>>;
  total: Record<string, LandTotal>;
  play_space: PlaySpace;
}

/** A reserved parcel and what fits on it: the most classes of each level its land holds. */
export interface ReservedParcel {
  id: FeatureId;
  name: string;
  unit: FeatureId | null;
  /** null for a parcel given as a point: its size is unknown. */
  area_m2: number | null;
  fits: Record<LandLevel, number | null>;
}

export interface LandAllocation {
  settings: {
    method: LandAllocationSettings['method'];
    enrolment: LandAllocationSettings['enrolment'];
    places_per_1000_residents: LandAllocationSettings['places_per_1000_residents'];
    class_size: LandAllocationSettings['class_size'];
    birth_rate_per_1000: number;
    birth_rate_from: 'dataset' | 'targets';
    land: LandAllocationSettings['land'];
    play_space_m2_per_resident: LandAllocationSettings['play_space_m2_per_resident'];
    sources: Record<string, string>;
  };
  /** The dataset's year (the "now" of every table) and the years projected to. */
  base_year: number;
  /** True when dataset.json gives no year and the first projection year stood in for it. */
  base_year_assumed: boolean;
  years: number[];
  unit_layer: 'planning_units' | 'communities' | null;
  district: Record<string, Record<LandLevel, LandRow>>;
  district_total: Record<string, LandTotal>;
  units: LandUnit[];
  parcels: ReservedParcel[];
  play_space: PlaySpace;
  /** Things every figure here rests on, in a sentence each, in both languages. */
  notes: LandNote[];
}

export interface LandNote {
  zh: string;
  en: string;
}

const LEVEL_WORDS: Record<LandLevel, string> = { kindergarten: '幼儿园', childcare: '托育', primary: '小学', middle: '初中' };

const LEVEL_BAND: Record<LandLevel, ProjectedBand> = {
  kindergarten: 'children_3_5', childcare: 'children_0_2', primary: 'children_6_11', middle: 'children_12_14',
};
const BANDS = Object.values(LEVEL_BAND);

/** Share of a school's capacity that serves each level: a nine-year school's 6 of 9 grades are primary. */
const SCHOOL_SHARES: Record<string, Partial<Record<LandLevel, number>>> = {
  primary: { primary: 1 }, middle: { middle: 1 }, nine_year: { primary: 6 / 9, middle: 3 / 9 }, complete: { primary: 6 / 12, middle: 3 / 12 },
};

const round1 = (v: number) => Math.round(v * 10) / 10;

export interface LandAllocationInput {
  dataset: Dataset;
  homes: Homes;
  settings: LandAllocationSettings;
  /** Each home's community (layer order, −1 for none), as the per-community tables assign them. */
  homeCommunity: Int32Array;
  /** Per home: kindergarten places within reach per child (seats catchment), when computed. */
  homePlacesPerChild?: Float64Array | null;
  /** The playgrounds that count (minimum size), with their points. */
  playgrounds?: { features: ContractFeature[]; points: [number, number][] };
}

export function landAllocation(input: LandAllocationInput): LandAllocation {
  const { dataset, homes, settings } = input;
  const notes: LandNote[] = [];
  const planning = dataset.layers.planning_units?.features ?? [];
  const communities = dataset.layers.communities?.features ?? [];
  const unitLayer = planning.length > 0 ? 'planning_units' : communities.length > 0 ? 'communities' : null;
  const units = unitLayer === 'planning_units' ? planning : unitLayer === 'communities' ? communities : [];
  const locator = new CommunityLocator(units);
  const unitOfPoint = (p: [number, number]) => (units.length > 0 ? locator.containing(p[0], p[1]) : -1);
  const n = units.length;

  // Homes: residents and children per unit (slot n is the district).
  const homeUnit = unitLayer === 'communities' ? input.homeCommunity : Int32Array.from({ length: homes.count }, (_, h) => unitOfPoint([homes.lon[h]!, homes.lat[h]!]));
  const residents = new Float64Array(n + 1);
  const children = Object.fromEntries(BANDS.map((b) => [b, new Float64Array(n + 1)])) as Record<ProjectedBand, Float64Array>;
  const withinReach = new Float64Array(n + 1);
  const perChild = input.homePlacesPerChild;
  const addHome = (slot: number, h: number) => {
    residents[slot]! += homes.population[h]!;
    for (const band of BANDS) children[band][slot]! += homes.children[band][h]!;
    if (perChild) withinReach[slot]! += homes.children.children_3_5[h]! * perChild[h]!;
  };
  let outside = 0;
  // One pass over the homes: each into its unit and into the district (slot n).
  for (let h = 0; h < homes.count; h++) {
    const u = homeUnit[h]!;
    if (u >= 0) addHome(u, h);
    else outside++;
    addHome(n, h);
  }
  if (outside > 0 && unitLayer) notes.push({ zh: `${outside} 个居住地块不在任何${unitLayer === 'planning_units' ? '规划单元' : '社区'}内：只计入全区`, en: `${outside} homes lie in no ${unitLayer === 'planning_units' ? 'planning unit' : 'community'}: counted for the district only` });
  if (homes.estimatedAny) notes.push({ zh: '部分年龄段儿童数按 dataset.json 的 age_shares 估算', en: 'some age bands are estimated from dataset.json age_shares' });

  // Places: the capacity of facilities inside (schools shared out by grades).
  const places = Object.fromEntries(LAND_LEVELS.map((l) => [l, new Float64Array(n + 1)])) as Record<LandLevel, Float64Array>;
  const noCapacity = Object.fromEntries(LAND_LEVELS.map((l) => [l, new Float64Array(n + 1)])) as Record<LandLevel, Float64Array>;
  const present: Record<LandLevel, boolean> = { kindergarten: !!dataset.layers.kindergartens, childcare: !!dataset.layers.childcare, primary: !!dataset.layers.schools, middle: !!dataset.layers.schools };
  const facilitiesOf: Record<LandLevel, number> = { kindergarten: 0, childcare: 0, primary: 0, middle: 0 };
  const addPlaces = (f: ContractFeature, shares: Partial<Record<LandLevel, number>>) => {
    for (const level of Object.keys(shares) as LandLevel[]) facilitiesOf[level]++;
    const u = unitOfPoint(representativePoint(f.geometry));
    const capacity = typeof f.properties.capacity === 'number' ? f.properties.capacity : null;
    for (const [level, share] of Object.entries(shares) as [LandLevel, number][]) {
      for (const slot of u >= 0 ? [u, n] : [n]) {
        if (capacity === null) noCapacity[level][slot]!++;
        else places[level][slot]! += capacity * share;
      }
    }
  };
  for (const f of dataset.layers.kindergartens?.features ?? []) addPlaces(f, { kindergarten: 1 });
  for (const f of dataset.layers.childcare?.features ?? []) addPlaces(f, { childcare: 1 });
  for (const f of dataset.layers.schools?.features ?? []) addPlaces(f, SCHOOL_SHARES[f.properties.level as string] ?? {});
  if ((dataset.layers.schools?.features ?? []).some((f) => f.properties.level === 'nine_year' || f.properties.level === 'complete')) {
    notes.push({ zh: '九年一贯制学校学位按 6/9 计小学、3/9 计初中；完全学校按 6/12、3/12 计（其余为高中）', en: "a nine-year school's places count 6/9 as primary and 3/9 as middle; a complete school's 6/12 and 3/12 (the rest are high school)" });
  }

  // Reserved education land: the candidates' area inside each unit.
  const reserved = new Float64Array(n + 1);
  const parcels: ReservedParcel[] = (dataset.layers.candidates?.features ?? []).map((f) => {
    const u = unitOfPoint(representativePoint(f.geometry));
    const m2 = f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon' ? area(f) : null;
    if (m2 !== null) {
      if (u >= 0) reserved[u]! += m2;
      reserved[n]! += m2;
    }
    const fits = Object.fromEntries(LAND_LEVELS.map((l) => {
      const perClass = landPerClass(settings, l);
      return [l, m2 === null || perClass === null ? null : Math.floor(m2 / perClass + 1e-9)];
    })) as Record<LandLevel, number | null>;
    return { id: f.id, name: String(f.properties.name ?? ''), unit: u >= 0 ? units[u]!.id : null, area_m2: m2 === null ? null : round1(m2), fits };
  });
  const pointParcels = parcels.filter((p) => p.area_m2 === null).length;
  if (pointParcels > 0) notes.push({ zh: `${pointParcels} 处预留用地只有点位：面积未知，未计入`, en: `${pointParcels} reserved sites are points: their land is unknown and not counted` });
  if (!dataset.layers.candidates) notes.push({ zh: '没有预留教育用地图层（candidates）：预留用地按 0 计', en: 'no candidates layer: no reserved education land is known' });

  // Play space per resident (GB 55038-2025), from the playgrounds that count.
  const playM2 = new Float64Array(n + 1);
  const playUnknown = new Float64Array(n + 1);
  (input.playgrounds?.features ?? []).forEach((f, i) => {
    const u = unitOfPoint(input.playgrounds!.points[i]!);
    const m2 = playgroundArea(f);
    for (const slot of u >= 0 ? [u, n] : [n]) {
      if (m2 === null) playUnknown[slot]!++;
      else playM2[slot]! += m2;
    }
  });
  const playSpace = (slot: number): PlaySpace => {
    const r = residents[slot]!;
    const req = settings.play_space_m2_per_resident;
    return {
      residents: round1(r), playground_m2: round1(playM2[slot]!),
      required_new_area_m2: round1(r * req.new_area), required_renewal_m2: round1(r * req.renewal),
      short_new_area_m2: round1(Math.max(0, r * req.new_area - playM2[slot]!)), short_renewal_m2: round1(Math.max(0, r * req.renewal - playM2[slot]!)),
      unknown_size: playUnknown[slot]!,
    };
  };

  // Years: the dataset's, then each projection year after it.
  const baseYearAssumed = dataset.meta.year === null;
  const baseYear = dataset.meta.year ?? settings.projection_years[0] ?? new Date().getFullYear();
  if (baseYearAssumed) notes.push({ zh: `dataset.json 未给出年份：数据按 ${baseYear} 年计`, en: `dataset.json gives no year: the data are taken as of ${baseYear}` });
  const years = [baseYear, ...settings.projection_years.filter((y) => y > baseYear)].filter((y, i, all) => all.indexOf(y) === i).sort((a, b) => a - b);
  const birthRate = dataset.meta.birthRatePer1000 ?? settings.birth_rate_per_1000;

  const rowsFor = (slot: number): { rows: Record<string, Record<LandLevel, LandRow>>; total: Record<string, LandTotal> } => {
    const now: BandCounts = { children_0_2: children.children_0_2[slot]!, children_3_5: children.children_3_5[slot]!, children_6_11: children.children_6_11[slot]!, children_12_14: children.children_12_14[slot]! };
    const rows: Record<string, Record<LandLevel, LandRow>> = {};
    const total: Record<string, LandTotal> = {};
    for (const year of years) {
      const projected = projectChildren(now, (residents[slot]! * birthRate) / 1000, year - baseYear);
      const byLevel = Object.fromEntries(LAND_LEVELS.map((level) => {
        const row = landRow(level, {
          children: projected[LEVEL_BAND[level]], residents: residents[slot]!, places: places[level][slot]!, reserved: reserved[slot]!,
          settings, layerPresent: present[level], anyFacility: facilitiesOf[level] > 0, noCapacity: noCapacity[level][slot]!, homes: homes.count,
        });
        if (level === 'kindergarten' && year === baseYear && input.homePlacesPerChild) row.places_within_reach = round1(withinReach[slot]!);
        return [level, row];
      })) as Record<LandLevel, LandRow>;
      rows[String(year)] = byLevel;
      const needs = LAND_LEVELS.map((l) => byLevel[l].land_needed_m2).filter((v): v is number => v !== null);
      const needed = needs.length > 0 ? needs.reduce((s, v) => s + v, 0) : null;
      total[String(year)] = { land_needed_m2: needed, reserved_land_m2: round1(reserved[slot]!), land_short_m2: needed === null ? null : round1(Math.max(0, needed - reserved[slot]!)) };
    }
    return { rows, total };
  };

  const district = rowsFor(n);
  const unitRows: LandUnit[] = units.map((u, i) => {
    const { rows, total } = rowsFor(i);
    return {
      id: u.id, name: String(u.properties.name ?? ''), layer: unitLayer!,
      level: typeof u.properties.level === 'string' ? u.properties.level : unitLayer === 'communities' && typeof u.properties.kind === 'string' ? u.properties.kind : null,
      years: rows, total, play_space: playSpace(i),
    };
  });
  const noLand = LAND_LEVELS.filter((l) => landPerClass(settings, l) === null);
  if (noLand.length > 0) notes.push({ zh: `${noLand.map((l) => LEVEL_WORDS[l]).join('、')}没有用地指标：不计算用地（在目标文件 land_allocation.land 中设置）`, en: `no land figure for ${noLand.join(', ')}: their land is not sized (set land_allocation.land in the target file)` });

  return {
    settings: {
      method: settings.method, enrolment: settings.enrolment, places_per_1000_residents: settings.places_per_1000_residents, class_size: settings.class_size,
      birth_rate_per_1000: birthRate, birth_rate_from: dataset.meta.birthRatePer1000 !== undefined ? 'dataset' : 'targets',
      land: settings.land, play_space_m2_per_resident: settings.play_space_m2_per_resident, sources: settings.sources,
    },
    base_year: baseYear, base_year_assumed: baseYearAssumed, years,
    unit_layer: unitLayer,
    district: district.rows, district_total: district.total,
    units: unitRows, parcels, play_space: playSpace(n), notes,
  };
}

/** m² of land one class of a level takes, or null where no land figure is set. */
export function landPerClass(settings: LandAllocationSettings, level: LandLevel): number | null {
  const f = settings.land[level];
  if (f.m2_per_class !== null) return f.m2_per_class;
  if (f.m2_per_pupil !== null) return f.m2_per_pupil * settings.class_size[level];
  return null;
}

/** Places required for a level: children × enrolment, or residents ÷ 1,000 × a per-resident rate. */
export function requiredPlaces(level: LandLevel, children: number, residents: number, settings: LandAllocationSettings): number {
  if (level === 'childcare') return (residents / 1000) * settings.enrolment.childcare_per_1000_residents;
  const perResident = settings.method === 'per_1000_residents' ? settings.places_per_1000_residents[level] : null;
  if (perResident !== null) return (residents / 1000) * perResident;
  return children * settings.enrolment[level];
}

function landRow(level: LandLevel, x: { children: number; residents: number; places: number; reserved: number; settings: LandAllocationSettings; layerPresent: boolean; anyFacility: boolean; noCapacity: number; homes: number }): LandRow {
  const reasons: string[] = [];
  if (x.homes === 0) {
    return { children: null, required_places: null, places: null, gap_places: null, classes_needed: null, land_needed_m2: null, reserved_land_m2: round1(x.reserved), land_short_m2: null, reason: 'no residential layer: no children to plan for' };
  }
  const required = requiredPlaces(level, x.children, x.residents, x.settings);
  if (!x.layerPresent) reasons.push(`no ${level === 'kindergarten' ? 'kindergartens' : level === 'childcare' ? 'childcare' : 'schools'} layer: no places counted`);
  else if (!x.anyFacility) reasons.push(`no ${level} school in the schools layer: no places counted`);
  if (x.noCapacity > 0) reasons.push(`${x.noCapacity} ${level === 'primary' || level === 'middle' ? 'schools' : 'facilities'} without capacity counted as 0 places`);
  const gap = Math.max(0, required - x.places);
  // Whole classes: a gap of 30.2 children at 30 a class needs 2 (the tiny tolerance keeps 60.000000001 at 2).
  const classes = Math.max(0, Math.ceil(gap / x.settings.class_size[level] - 1e-9));
  const perClass = landPerClass(x.settings, level);
  if (perClass === null) reasons.push(`no land figure for ${level} (land_allocation.land.${level} in the target file)`);
  const landNeeded = perClass === null ? null : classes * perClass;
  return {
    children: round1(x.children),
    required_places: round1(required),
    places: round1(x.places),
    gap_places: round1(gap),
    classes_needed: classes,
    land_needed_m2: landNeeded === null ? null : round1(landNeeded),
    reserved_land_m2: round1(x.reserved),
    land_short_m2: landNeeded === null ? null : round1(Math.max(0, landNeeded - x.reserved)),
    reason: reasons.length > 0 ? reasons.join('; ') : null,
  };
}

