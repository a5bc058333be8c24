/**
 * The contract's layers: which geometries each accepts and which properties it reads.
 * One table, read by the validator, the map legend, the importers and the docs alike.
 * See docs/data.md for the same table in prose.
 */

export const LAYER_NAMES = [
  'residential',
  'kindergartens',
  'childcare',
  'schools',
  'playgrounds',
  'childrens_homes',
  'water',
  'roads',
  'communities',
  'green_spaces',
  'candidates',
  'health',
  'venues',
  'planning_units',
  'crossings',
] as const;

export type LayerName = (typeof LAYER_NAMES)[number];

export type GeometryKind =
  | 'Point'
  | 'Polygon'
  | 'MultiPolygon'
  | 'LineString'
  | 'MultiLineString';

/** How one property is read. `required` properties reject the feature when missing. */
export type FieldRule =
  | { type: 'count'; required: boolean } // a number >= 0 (people, places, beds)
  | { type: 'area'; required: boolean } // square metres >= 0
  | { type: 'boolean'; required: boolean }
  | { type: 'text'; required: boolean }
  | { type: 'ref'; required: boolean } // an id of another layer's feature (string or number)
  | { type: 'enum'; required: boolean; values: readonly string[] };

export interface LayerSpec {
  geometries: readonly GeometryKind[];
  fields: Readonly<Record<string, FieldRule>>;
}

const req = true;
const opt = false;

export const SCHOOL_LEVELS = ['primary', 'middle', 'nine_year', 'high', 'complete'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];
export const WATER_KINDS = ['river', 'stream', 'canal', 'ditch', 'lake', 'pond', 'reservoir', 'pit', 'pool'] as const;
export const COMMUNITY_KINDS = ['urban', 'rural'] as const;
export const GREEN_SPACE_KINDS = ['park', 'residential_green', 'square'] as const;
export const HEALTH_KINDS = ['hospital', 'maternal_child', 'community_health_center', 'township_health_center'] as const;
export const PLANNING_UNIT_LEVELS = ['5min', '10min', '15min', 'block'] as const;
/** Pedestrian crossings of a road; all but `uncontrolled` protect a child (school routes). */
export const CROSSING_KINDS = ['signals', 'zebra', 'underpass', 'overpass', 'guard', 'uncontrolled'] as const;
export const VENUE_KINDS = ['internet_cafe', 'entertainment', 'bar', 'lottery', 'tobacco', 'food_outlet'] as const;

export const AGE_BANDS = ['children_0_2', 'children_3_5', 'children_6_11', 'children_12_14', 'children_15_17'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const LAYER_SPECS: Readonly<Record<LayerName, LayerSpec>> = {
  residential: {
    geometries: ['Polygon', 'MultiPolygon', 'Point'],
    fields: {
      population: { type: 'count', required: req },
      children_0_2: { type: 'count', required: opt },
      children_3_5: { type: 'count', required: opt },
      children_6_11: { type: 'count', required: opt },
      children_12_14: { type: 'count', required: opt },
      children_15_17: { type: 'count', required: opt },
      community: { type: 'ref', required: opt },
      /** The school this home's catchment (学区) assigns; school routes go there instead of the nearest. */
      school: { type: 'ref', required: opt },
      name: { type: 'text', required: opt },
    },
  },
  kindergartens: {
    geometries: ['Point', 'Polygon', 'MultiPolygon'],
    fields: {
      name: { type: 'text', required: req },
      capacity: { type: 'count', required: opt },
      inclusive: { type: 'boolean', required: opt },
    },
  },
  childcare: {
    geometries: ['Point', 'Polygon', 'MultiPolygon'],
    fields: { name: { type: 'text', required: req }, capacity: { type: 'count', required: opt } },
  },
  schools: {
    geometries: ['Point', 'Polygon', 'MultiPolygon'],
    fields: {
      name: { type: 'text', required: req },
      level: { type: 'enum', required: req, values: SCHOOL_LEVELS },
      capacity: { type: 'count', required: opt },
    },
  },
  playgrounds: {
    geometries: ['Point', 'Polygon', 'MultiPolygon'],
    fields: {
      name: { type: 'text', required: opt },
      area_m2: { type: 'area', required: opt },
      indoor: { type: 'boolean', required: opt },
    },
  },
  childrens_homes: {
    geometries: ['Point'],
    fields: { name: { type: 'text', required: req }, community: { type: 'ref', required: opt } },
  },
  water: {
    geometries: ['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString'],
    fields: {
      kind: { type: 'enum', required: req, values: WATER_KINDS },
      name: { type: 'text', required: opt },
      fenced: { type: 'boolean', required: opt },
      warning_signs: { type: 'boolean', required: opt },
      rescue_equipment: { type: 'boolean', required: opt },
      freezes: { type: 'boolean', required: opt },
    },
  },
  roads: {
    geometries: ['LineString', 'MultiLineString'],
    fields: {
      highway: { type: 'text', required: opt },
      walkable: { type: 'boolean', required: opt },
      name: { type: 'text', required: opt },
    },
  },
  communities: {
    geometries: ['Polygon', 'MultiPolygon'],
    fields: {
      name: { type: 'text', required: req },
      kind: { type: 'enum', required: req, values: COMMUNITY_KINDS },
      parent_school: { type: 'boolean', required: opt },
      population: { type: 'count', required: opt },
    },
  },
  green_spaces: {
    geometries: ['Polygon', 'MultiPolygon'],
    fields: {
      kind: { type: 'enum', required: req, values: GREEN_SPACE_KINDS },
      name: { type: 'text', required: opt },
    },
  },
  candidates: {
    geometries: ['Point', 'Polygon', 'MultiPolygon'],
    fields: { capacity: { type: 'count', required: opt }, name: { type: 'text', required: opt } },
  },
  health: {
    geometries: ['Point'],
    fields: {
      kind: { type: 'enum', required: req, values: HEALTH_KINDS },
      pediatricians: { type: 'count', required: opt },
      pediatric_beds: { type: 'count', required: opt },
      child_health_doctors: { type: 'count', required: opt },
    },
  },
  venues: {
    geometries: ['Point'],
    fields: { kind: { type: 'enum', required: req, values: VENUE_KINDS } },
  },
  planning_units: {
    geometries: ['Polygon', 'MultiPolygon'],
    fields: { name: { type: 'text', required: req }, level: { type: 'enum', required: opt, values: PLANNING_UNIT_LEVELS } },
  },
  crossings: {
    geometries: ['Point'],
    fields: { kind: { type: 'enum', required: req, values: CROSSING_KINDS }, name: { type: 'text', required: opt } },
  },
};

export function isLayerName(name: string): name is LayerName {
  return (LAYER_NAMES as readonly string[]).includes(name);
}

/** `kindergartens.geojson`, `Kindergartens.json` → `kindergartens`; anything else → null. */
export function layerFromFileName(fileName: string): LayerName | null {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.(geo)?json$/i, '').toLowerCase();
  return isLayerName(stem) ? stem : null;
}

/** dataset.json by name, or any file the user said is the dataset description. */
export const isDatasetDescription = (file: { name: string; layer?: string }) =>
  file.layer === 'dataset' || (!file.layer && /(^|[\\/])dataset\.json$/i.test(file.name));

/** Chinese and English names of each layer, for the legend, the report and the CLI. */
export const LAYER_LABELS: Readonly<Record<LayerName, { zh: string; en: string }>> = {
  residential: { zh: '居住地块', en: 'Residential' },
  kindergartens: { zh: '幼儿园', en: 'Kindergartens' },
  childcare: { zh: '托育机构', en: 'Childcare' },
  schools: { zh: '中小学', en: 'Schools' },
  playgrounds: { zh: '儿童活动场地', en: 'Playgrounds' },
  childrens_homes: { zh: '儿童之家', en: "Children's homes" },
  water: { zh: '水域', en: 'Water' },
  roads: { zh: '道路', en: 'Roads' },
  communities: { zh: '社区/村', en: 'Communities' },
  green_spaces: { zh: '绿地', en: 'Green spaces' },
  candidates: { zh: '预留教育用地', en: 'Candidate sites' },
  health: { zh: '医疗卫生', en: 'Health facilities' },
  venues: { zh: '校园周边场所', en: 'Venues' },
  planning_units: { zh: '规划单元（生活圈）', en: 'Planning units' },
  crossings: { zh: '过街设施', en: 'Crossings' },
};
