/**
 * An OpenStreetMap extract (.osm XML or Overpass JSON) as the contract's layers. osmtogeojson
 * assembles the geometry (ways, multipolygon relations); the tag mapping below is ours, and is the
 * table docs/import.md shows the planner. Population does not exist in OSM: residential buildings
 * and land get an estimate, marked on every feature that carries one.
 */
import osmtogeojson from 'osmtogeojson';
import { parse as parseXml, type TNode } from 'txml';
import { area as geodesicArea, bbox, booleanPointInPolygon } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { LAYER_SPECS, type LayerName, type SchoolLevel } from '../layers';
import { DEFAULT_OSM_OPTIONS, type OsmImportOptions } from './osmOptions';
import { representativePoint } from '../representativePoint';
import type { ExcludedByRule, InputFile, Issue } from '../types';

type Tags = Record<string, string>;
interface OsmElement {
  type: 'node' | 'way' | 'relation';
  id: number;
  lat?: number;
  lon?: number;
  nodes?: number[];
  members?: { type: string; ref: number; role: string }[];
  tags?: Tags;
}

/** Parses .osm XML into Overpass JSON's element list (the form osmtogeojson reads everywhere). */
function elementsFromXml(text: string): OsmElement[] {
  const roots = parseXml(text, { noChildNodes: [] }).filter((n): n is TNode => typeof n !== 'string');
  const osm = roots.find((n) => n.tagName === 'osm');
  if (!osm) throw new Error('no <osm> element');
  const out: OsmElement[] = [];
  for (const child of osm.children) {
    if (typeof child === 'string' || !['node', 'way', 'relation'].includes(child.tagName)) continue;
    const a = child.attributes;
    const el: OsmElement = { type: child.tagName as OsmElement['type'], id: Number(a.id) };
    if (el.type === 'node') {
      el.lat = Number(a.lat);
      el.lon = Number(a.lon);
    }
    const tags: Tags = {};
    for (const c of child.children) {
      if (typeof c === 'string') continue;
      if (c.tagName === 'tag' && c.attributes.k != null) tags[decodeXmlEntities(c.attributes.k)] = decodeXmlEntities(c.attributes.v ?? '');
      else if (c.tagName === 'nd') (el.nodes ??= []).push(Number(c.attributes.ref));
      else if (c.tagName === 'member') (el.members ??= []).push({ type: c.attributes.type ?? '', ref: Number(c.attributes.ref), role: decodeXmlEntities(c.attributes.role ?? '') });
    }
    if (Object.keys(tags).length > 0) el.tags = tags;
    out.push(el);
  }
  return out;
}

/**
 * txml hands attribute values over raw, entities and all. XML (unlike HTML) has just five named
 * entities plus numeric references, so decoding them is a few lines rather than a library.
 */
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return XML_ENTITIES[ref]!;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

export function readOsmElements(text: string): OsmElement[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) return elementsFromXml(trimmed);
  const json = JSON.parse(trimmed) as { elements?: unknown };
  if (!Array.isArray(json.elements)) throw new Error('JSON without an "elements" list (not Overpass JSON)');
  return json.elements as OsmElement[];
}

const yes = (v: string | undefined) => v === 'yes' || v === 'true' || v === '1';

/** Walkable highway classes; motorways without a footway are kept but not walkable. */
const WALKABLE = new Set([
  'footway', 'path', 'pedestrian', 'steps', 'living_street', 'residential', 'service', 'unclassified', 'track', 'cycleway', 'road',
  'tertiary', 'tertiary_link', 'secondary', 'secondary_link', 'primary', 'primary_link', 'corridor', 'bridleway',
]);
const MOTORWAYS = new Set(['motorway', 'motorway_link']);
const TRUNKS = new Set(['trunk', 'trunk_link']);

/** Buildings that are homes by their type: blocks, and houses (fewer storeys when untagged). */
const BLOCK_BUILDINGS = new Set(['residential', 'apartments', 'dormitory']);
const HOUSE_BUILDINGS = new Set(['house', 'detached', 'semidetached_house', 'terrace', 'bungalow', 'farm', 'cabin', 'houseboat', 'static_caravan']);
/** Buildings whose type says they are not homes; any other value (`yes`, `building`, unusual words) is untyped. */
const NON_RESIDENTIAL_BUILDINGS = new Set([
  'commercial', 'industrial', 'retail', 'office', 'warehouse', 'supermarket', 'kiosk', 'hotel', 'manufacture',
  'school', 'kindergarten', 'university', 'college', 'hospital', 'civic', 'public', 'government', 'fire_station', 'train_station', 'transportation',
  'church', 'chapel', 'cathedral', 'mosque', 'temple', 'shrine', 'synagogue', 'religious', 'monastery',
  'garage', 'garages', 'carport', 'parking', 'shed', 'hut', 'roof', 'barn', 'cowshed', 'stable', 'sty', 'greenhouse', 'farm_auxiliary', 'silo',
  'sports_hall', 'sports_centre', 'stadium', 'grandstand', 'pavilion', 'hangar', 'service', 'toilets', 'water_tower', 'storage_tank', 'bunker',
  'construction', 'ruins', 'bridge', 'gatehouse', 'power', 'substation', 'digester', 'military', 'prison',
]);
/** Tags whose presence on a building says what it is used for, and it is not a home. */
const USE_KEYS = ['amenity', 'shop', 'office', 'craft', 'tourism', 'industrial', 'man_made', 'leisure', 'healthcare', 'public_transport', 'railway', 'aeroway', 'military', 'emergency', 'power', 'historic'];
/** Land on which a building is not a home: industry, trade, schools and hospitals, railways, cemeteries … */
const NON_RESIDENTIAL_LAND: [string, Set<string>][] = [
  ['landuse', new Set(['industrial', 'commercial', 'retail', 'railway', 'military', 'education', 'religious', 'cemetery', 'construction', 'garages', 'port', 'depot', 'landfill', 'quarry', 'institutional'])],
  ['amenity', new Set(['school', 'university', 'college', 'kindergarten', 'hospital', 'clinic', 'prison', 'grave_yard', 'marketplace', 'parking', 'fuel'])],
  ['leisure', new Set(['park', 'stadium', 'sports_centre', 'pitch', 'golf_course', 'water_park'])],
  ['tourism', new Set(['zoo', 'theme_park', 'attraction', 'museum'])],
  ['aeroway', new Set(['aerodrome'])],
  ['military', new Set(['barracks', 'base'])],
];
const isNonResidentialLand = (tags: Tags) => NON_RESIDENTIAL_LAND.some(([k, values]) => values.has(tags[k] ?? ''));
const hasNonResidentialUse = (tags: Tags) => NON_RESIDENTIAL_BUILDINGS.has(tags.building ?? '') || USE_KEYS.some((k) => tags[k] !== undefined && tags[k] !== 'no');
const isUntypedBuilding = (tags: Tags) => tags.building !== undefined && tags.building !== 'no' && !BLOCK_BUILDINGS.has(tags.building) && !HOUSE_BUILDINGS.has(tags.building) && !NON_RESIDENTIAL_BUILDINGS.has(tags.building);

/** School level from `isced:level`, then `school=*`, then the name's Chinese or English words. */
export function schoolLevel(tags: Tags): SchoolLevel | undefined {
  const isced = tags['isced:level']?.split(/[;,\s]+/).map((s) => s.replace(/^(\d).*/, '$1')).filter(Boolean);
  if (isced && isced.length > 0) {
    const has = (n: string) => isced.includes(n);
    if (has('1') && has('3')) return 'complete';
    if (has('1') && has('2')) return 'nine_year';
    if (has('1')) return 'primary';
    if (has('2') && !has('3')) return 'middle';
    if (has('3')) return 'high';
  }
  const school = tags.school ?? tags['school:level'];
  if (school === 'primary') return 'primary';
  if (school === 'middle' || school === 'lower_secondary') return 'middle';
  if (school === 'high' || school === 'upper_secondary') return 'high';
  return levelFromName(tags['name:zh'] ?? tags.name ?? '') ?? levelFromName(tags['name:en'] ?? '');
}

/**
 * A school's level from its name. A Chinese name ends in what the place is (…高级中学文昌初中 is the
 * 初中 campus of a 高级中学; …中学附属小学 is a 小学), so the level word that ends last wins.
 */
const NAME_LEVELS: [RegExp, SchoolLevel][] = [
  [/十二年一贯制?/g, 'complete'],
  [/九年一贯制?|九年制/g, 'nine_year'],
  [/小学|primary school|elementary school/gi, 'primary'],
  [/高级中学|高中|senior high|high school/gi, 'high'],
  [/初级中学|初中|中学|middle school|junior high/gi, 'middle'],
  // A county's numbered school (贵溪五中, 第二中): in everyday speech a 中学.
  [/第?[一二三四五六七八九十百\d]+中(?=$|[（(\s]|校区|分校)/g, 'middle'],
];

export function levelFromName(name: string): SchoolLevel | undefined {
  let best: { end: number; level: SchoolLevel } | undefined;
  for (const [pattern, level] of NAME_LEVELS) {
    for (const m of name.matchAll(pattern)) {
      const end = m.index + m[0].length;
      // On a tie the more specific pattern (listed first) keeps its place: 高级中学 over 中学.
      if (!best || end > best.end) best = { end, level };
    }
  }
  return best?.level;
}

/** A kindergarten mapped as `amenity=school`: by `isced:level=0`, `school=kindergarten|nursery`, or its name. */
const isKindergartenSchool = (tags: Tags) =>
  tags['isced:level']?.trim() === '0' || /^(kindergarten|nursery|preschool|pre_school)$/.test(tags.school ?? '') || /幼儿园|幼稚园|kindergarten|nursery school|pre-?school|early years/i.test(`${tags.name ?? ''} ${tags['name:zh'] ?? ''} ${tags['name:en'] ?? ''}`);

function waterKind(tags: Tags): string | undefined {
  const w = tags.waterway;
  if (w === 'river' || w === 'riverbank') return 'river';
  if (w === 'stream' || w === 'brook') return 'stream';
  if (w === 'canal') return 'canal';
  if (w === 'ditch' || w === 'drain') return 'ditch';
  if (tags.leisure === 'swimming_pool') return 'pool';
  if (tags.landuse === 'reservoir' || tags.landuse === 'basin') return tags.landuse === 'basin' ? 'pond' : 'reservoir';
  if (tags.natural !== 'water') return undefined;
  switch (tags.water) {
    case 'river': case 'oxbow': return 'river';
    case 'stream': return 'stream';
    case 'canal': return 'canal';
    case 'ditch': case 'drain': return 'ditch';
    case 'lake': case 'lagoon': return 'lake';
    case 'reservoir': return 'reservoir';
    case 'pit': case 'quarry': return 'pit';
    // A pond, basin, fish pond, or water with no subtype: the small still water a child meets.
    default: return 'pond';
  }
}

interface Mapped {
  layer: LayerName;
  properties: Record<string, unknown>;
}

const nameOf = (tags: Tags) => tags['name:zh'] ?? tags.name ?? tags['name:en'];
const count = (v: string | undefined) => (v !== undefined && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : undefined);

/** The tag mapping: which contract layer an OSM object belongs to, and its contract properties. */
export function mapOsmTags(tags: Tags, geometry: Geometry['type'], options: Pick<OsmImportOptions, 'trunkWalkable'> = DEFAULT_OSM_OPTIONS): Mapped | null {
  const name = nameOf(tags);
  const line = geometry === 'LineString' || geometry === 'MultiLineString';
  if (tags.highway && line) {
    const walkable = walkableRoad(tags, options);
    if (walkable === null) return null; // construction, proposed, raceway, bus_guideway …
    return { layer: 'roads', properties: { highway: tags.highway, walkable, name } };
  }
  if (geometry === 'Point') {
    const crossing = crossingKind(tags);
    if (crossing) return { layer: 'crossings', properties: { kind: crossing, name, osm_crossing: tags.crossing } };
  }
  if (tags.amenity === 'kindergarten') return { layer: 'kindergartens', properties: { name, capacity: count(tags.capacity) } };
  if (tags.amenity === 'childcare') return { layer: 'childcare', properties: { name, capacity: count(tags.capacity) } };
  if (tags.amenity === 'school' && isKindergartenSchool(tags)) return { layer: 'kindergartens', properties: { name, capacity: count(tags.capacity), kindergarten_because: 'amenity=school named or tagged as a kindergarten' } };
  if (tags.amenity === 'school') return { layer: 'schools', properties: { name, level: schoolLevel(tags), capacity: count(tags.capacity) } };
  if (tags.leisure === 'playground') return { layer: 'playgrounds', properties: { name, indoor: tags.indoor ? yes(tags.indoor) : undefined } };
  const water = waterKind(tags);
  if (water) return { layer: 'water', properties: { kind: water, name, fenced: tags.fenced ? yes(tags.fenced) : undefined } };
  if (tags.leisure === 'park') return { layer: 'green_spaces', properties: { kind: 'park', name } };
  if (tags.amenity === 'hospital') return { layer: 'health', properties: { kind: 'hospital', name } };
  if (tags.amenity === 'internet_cafe' || tags.shop === 'internet_cafe') return { layer: 'venues', properties: { kind: 'internet_cafe', name } };
  if (tags.amenity === 'bar' || tags.amenity === 'pub') return { layer: 'venues', properties: { kind: 'bar', name } };
  if (tags.amenity === 'nightclub' || tags.amenity === 'karaoke_box' || tags.leisure === 'amusement_arcade' || tags.leisure === 'adult_gaming_centre') return { layer: 'venues', properties: { kind: 'entertainment', name } };
  if (tags.shop === 'tobacco') return { layer: 'venues', properties: { kind: 'tobacco', name } };
  if (tags.shop === 'lottery') return { layer: 'venues', properties: { kind: 'lottery', name } };
  if (tags.building && (BLOCK_BUILDINGS.has(tags.building) || HOUSE_BUILDINGS.has(tags.building))) return { layer: 'residential', properties: { name } };
  if (tags.landuse === 'residential' && !tags.building) return { layer: 'residential', properties: { name } };
  return null;
}

/**
 * A pedestrian crossing node as the contract's `kind`. OSM's own `crossing=uncontrolled` means a
 * marked crossing without lights (a zebra, in most countries' rules drivers must stop), so it maps to
 * `zebra`; the contract's `uncontrolled` (no protection) is OSM's `unmarked` / `no`, and a crossing
 * whose kind is not tagged (we cannot say it protects anyone). A crossing guard (`supervised=yes`,
 * `crossing:supervision`) wins over the rest; signals over markings.
 */
export function crossingKind(tags: Tags): string | null {
  if (tags.railway) return null; // level crossings of railways are another matter
  const isCrossing = tags.highway === 'crossing' || tags.highway === 'traffic_signals' || tags.crossing !== undefined;
  if (!isCrossing) return null;
  if (yes(tags.supervised) || (tags['crossing:supervision'] !== undefined && tags['crossing:supervision'] !== 'no')) return 'guard';
  const c = tags.crossing ?? '';
  if (tags.highway === 'traffic_signals' || c === 'traffic_signals' || c === 'pelican' || c === 'toucan' || c === 'puffin' || c === 'pegasus' || yes(tags['crossing:signals'])) return 'signals';
  if (c === 'marked' || c === 'zebra' || c === 'uncontrolled' || tags.crossing_ref === 'zebra' || yes(tags['crossing:markings']) || /^(zebra|lines|surface|dashes|dots|ladder)/.test(tags['crossing:markings'] ?? '')) return 'zebra';
  return 'uncontrolled';
}

/**
 * Whether a child may walk along a road. Motorways only with a footway or `foot=yes`; trunk roads
 * (which in towns have pavements: Leeds' A-roads, a county seat's 国道) unless the setting says
 * otherwise or the road says `motorroad=yes`, `expressway=yes`, `foot=no` or `sidewalk=no`.
 * Null: not a road anyone uses (construction, proposed, raceway …).
 */
export function walkableRoad(tags: Tags, options: Pick<OsmImportOptions, 'trunkWalkable'> = DEFAULT_OSM_OPTIONS): boolean | null {
  const highway = tags.highway ?? '';
  if (tags.foot === 'no' || tags.foot === 'use_sidepath' || tags.access === 'no') return false;
  const sidewalk = /both|left|right|yes|separate/.test(`${tags.sidewalk ?? ''} ${tags['sidewalk:both'] ?? ''} ${tags['sidewalk:left'] ?? ''} ${tags['sidewalk:right'] ?? ''}`);
  if (MOTORWAYS.has(highway)) return yes(tags.foot) || sidewalk;
  if (TRUNKS.has(highway)) {
    if (yes(tags.foot) || sidewalk) return true;
    if (yes(tags.motorroad) || yes(tags.expressway) || /^(no|none)$/.test(tags.sidewalk ?? '')) return false;
    return options.trunkWalkable;
  }
  return WALKABLE.has(highway) ? true : null;
}

/** Makes a geometry fit the layer: polygons to points where only points are allowed, and so on. */
function fitGeometry(layer: LayerName, geometry: Geometry): Geometry | null {
  const allowed = LAYER_SPECS[layer].geometries as readonly string[];
  if (allowed.includes(geometry.type)) return geometry;
  if ((geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') && allowed.includes('Point') && !allowed.includes('Polygon')) {
    return { type: 'Point', coordinates: representativePoint(geometry) };
  }
  if (geometry.type === 'Polygon' && (allowed.includes('LineString') || allowed.includes('MultiLineString'))) {
    // A closed footway around a square arrives as a polygon; its ring is the path.
    return { type: 'LineString', coordinates: geometry.coordinates[0]! };
  }
  return null;
}

export interface OsmImport {
  files: InputFile[];
  notes: Issue[];
}

/** The whole extract as contract layer files, plus a dataset.json naming it and its estimates. */
export function importOsm(source: string, text: string, options: OsmImportOptions = DEFAULT_OSM_OPTIONS): OsmImport {
  const settings = { ...DEFAULT_OSM_OPTIONS, ...options };
  const notes: Issue[] = [];
  let elements: OsmElement[];
  try {
    elements = readOsmElements(text);
  } catch (e) {
    notes.push({ severity: 'error', code: 'import_failed', layer: 'dataset', file: source, params: { detail: `OpenStreetMap: ${e instanceof Error ? e.message : String(e)}` } });
    return { files: [], notes };
  }
  const centreOnly = centreOnlyWays(elements);
  const collection = osmtogeojson({ elements } as never) as unknown as { features: OsmFeature[] };
  const layers = new Map<LayerName, Feature<Geometry, Record<string, unknown>>[]>();
  let skipped = 0;
  const untyped: OsmFeature[] = [];
  const nonResidentialLand: OsmFeature[] = [];
  const counts = { blocks: 0, houses: 0, untypedHomes: 0, nonResidentialUse: 0, nonResidentialLand: 0, points: 0 };
  const add = (f: OsmFeature, mapped: Mapped, geometry: Geometry) => {
    // `way/201`: node, way and relation numbers are separate sequences, so the type keeps ids unique.
    const osmId = String(f.id ?? `${(f.properties as { type?: string }).type}/${f.properties.id}`);
    const properties: Record<string, unknown> = { id: osmId };
    for (const [k, v] of Object.entries(mapped.properties)) if (v !== undefined) properties[k] = v;
    const list = layers.get(mapped.layer) ?? [];
    list.push({ type: 'Feature', geometry, properties: { ...properties, ...prefixedTags(f.properties.tags ?? {}) } });
    layers.set(mapped.layer, list);
  };
  for (const f of collection.features) {
    const tags = f.properties.tags ?? {};
    const area = f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon';
    if (area && isNonResidentialLand(tags)) nonResidentialLand.push(f);
    const mapped = f.geometry ? mapOsmTags(tags, f.geometry.type, settings) : null;
    if (mapped?.layer === 'residential' && f.geometry.type === 'Point') {
      counts.points++; // a home mapped as a node has no footprint to estimate people from
      continue;
    }
    const geometry = mapped && fitGeometry(mapped.layer, f.geometry);
    if (mapped && geometry) {
      if (mapped.layer === 'residential' && tags.building) counts[HOUSE_BUILDINGS.has(tags.building) ? 'houses' : 'blocks']++;
      add(f, mapped, geometry);
    } else if (area && isUntypedBuilding(tags)) untyped.push(f);
    else if (!mapped && isUntypedBuilding(tags) && !hasNonResidentialUse(tags)) counts.points++;
    else if (!mapped && tags.building && tags.building !== 'no') counts.nonResidentialUse++;
    else skipped++;
  }

  // Most buildings in Chinese OSM data are untyped (`building=yes`): homes unless their use or their land says otherwise.
  const land = (layers.get('residential') ?? []).filter((f) => f.properties['osm:landuse'] === 'residential' && !f.properties['osm:building']);
  const inResidential = pointLocator(land.map((f) => f.geometry));
  const inOther = pointLocator(nonResidentialLand.map((f) => f.geometry));
  for (const f of untyped) {
    const tags = f.properties.tags ?? {};
    const at = representativePoint(f.geometry);
    if (hasNonResidentialUse(tags)) counts.nonResidentialUse++;
    else if (inResidential(at)) {
      counts.untypedHomes++;
      add(f, { layer: 'residential', properties: { name: nameOf(tags), residential_because: 'untyped building inside landuse=residential' } }, f.geometry);
    } else if (inOther(at)) counts.nonResidentialLand++;
    else {
      counts.untypedHomes++;
      add(f, { layer: 'residential', properties: { name: nameOf(tags), residential_because: 'untyped building, no non-residential use or land' } }, f.geometry);
    }
  }
  for (const layer of ['kindergartens', 'childcare', 'schools', 'playgrounds'] as const) {
    const list = layers.get(layer);
    if (list) layers.set(layer, dropPointsInsideAreas(list));
  }
  const residential = layers.get('residential');
  if (residential) {
    const { kept, estimated } = estimatePopulation(residential, settings, inResidential);
    layers.set('residential', kept);
    notes.push({
      severity: 'warning', code: 'import_population_estimated', layer: 'residential', file: source,
      params: { count: estimated, density: settings.peoplePer100m2, levels: settings.defaultLevels, houseLevels: settings.houseLevels, footprint: settings.houseMaxFootprint, hectare: settings.peoplePerHectare },
    });
  }
  const homes = layers.get('residential')?.length ?? 0;
  notes.push({
    severity: 'warning', code: 'import_osm_buildings', layer: homes > 0 ? 'residential' : 'dataset', file: source,
    params: { blocks: counts.blocks, houses: counts.houses, untyped: counts.untypedHomes, use: counts.nonResidentialUse, land: counts.nonResidentialLand, points: counts.points },
  });
  const featureCount = [...layers.values()].reduce((s, l) => s + l.length, 0);
  if (centreOnly.ways > 0) {
    // Mostly centres: the extract cannot give roads or homes, whatever few ways happen to be whole.
    const mostly = centreOnly.ways * 2 >= centreOnly.of;
    notes.push({ severity: mostly ? 'error' : 'warning', code: 'import_overpass_center', layer: 'dataset', file: source, params: { count: centreOnly.ways } });
    if (mostly) return { files: [], notes };
  }
  notes.unshift({ severity: 'warning', code: 'import_osm_summary', layer: 'dataset', file: source, params: { elements: elements.length, features: featureCount, skipped } });
  const excluded: ExcludedByRule[] = [
    { rule: 'building_non_residential_use', count: counts.nonResidentialUse, zh: '建筑类型或用途标签表明不是住宅（学校、医院、商业、工业等）', en: 'buildings whose type or use tags say they are not homes (school, hospital, commercial, industrial …)' },
    { rule: 'building_in_non_residential_land', count: counts.nonResidentialLand, zh: '未注明类型的建筑位于非居住用地内（工业、商业、学校、医院、铁路等）', en: 'untyped buildings standing in non-residential land (industrial, commercial, school, hospital, railway …)' },
    { rule: 'home_without_footprint', count: counts.points, zh: '以点标注的住宅，没有占地面积可估算人口', en: 'homes mapped as points, with no footprint to estimate people from' },
  ].filter((e) => e.count > 0);
  const files: InputFile[] = [
    {
      name: 'dataset.json', layer: 'dataset',
      text: JSON.stringify({ name: `OpenStreetMap: ${source}`, crs: 'EPSG:4326', synthetic: false, age_shares: settings.ageShares ?? DEFAULT_OSM_OPTIONS.ageShares, ...(excluded.length > 0 ? { import_excluded: excluded } : {}) }),
    },
  ];
  for (const [layer, features] of layers) files.push({ name: `${layer}.geojson`, layer, text: JSON.stringify({ type: 'FeatureCollection', features }) });
  return { files, notes };
}

type OsmFeature = Feature<Geometry, { id: string; tags?: Tags }>;

/**
 * Ways that came without their nodes or geometry, only a `center` (Overpass `out center;`): they
 * cannot become roads or buildings. Counted so the planner is told how to export again.
 */
function centreOnlyWays(elements: readonly OsmElement[]): { ways: number; of: number } {
  const nodes = new Set<number>();
  for (const e of elements) if (e.type === 'node') nodes.add(e.id);
  let ways = 0;
  let of = 0;
  for (const e of elements as (OsmElement & { center?: unknown; geometry?: unknown })[]) {
    if (e.type === 'node') continue;
    of++;
    if (!e.geometry && e.center && (e.type === 'relation' || !(e.nodes ?? []).every((id) => nodes.has(id)))) ways++;
  }
  return { ways, of };
}

/** Is a point inside any of these polygons? Flatbush over their boxes, then the exact test. */
function pointLocator(areas: readonly Geometry[]): (at: [number, number]) => boolean {
  if (areas.length === 0) return () => false;
  const index = new Flatbush(areas.length);
  for (const g of areas) index.add(...(bbox(g) as [number, number, number, number]));
  index.finish();
  return (at) => index.search(at[0], at[1], at[0], at[1]).some((i) => booleanPointInPolygon(at, areas[i] as Polygon | MultiPolygon));
}

/** OSM tags kept as `osm:<key>` so they stay visible without colliding with contract fields. */
function prefixedTags(tags: Tags): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) out[`osm:${k}`] = v;
  return out;
}

/** A school mapped both as a node and as its grounds counts once: the node inside the area goes. */
function dropPointsInsideAreas(features: Feature<Geometry, Record<string, unknown>>[]): Feature<Geometry, Record<string, unknown>>[] {
  const areas = features.filter((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon');
  if (areas.length === 0) return features;
  return features.filter((f) => f.geometry.type !== 'Point' || !areas.some((a) => booleanPointInPolygon(f.geometry as GeoJSON.Point, a.geometry as Polygon | MultiPolygon)));
}

/**
 * Buildings: footprint × levels × people per 100 m². Levels: `building:levels` where tagged; else
 * a house's (house types, and untyped buildings outside residential land smaller than the house
 * footprint setting) or a block's. Residential land: area × people per hectare, only where no
 * building stands on it (otherwise its people would be counted twice, so that land is left out).
 */
function estimatePopulation(
  features: Feature<Geometry, Record<string, unknown>>[],
  options: OsmImportOptions,
  inResidentialLand: (at: [number, number]) => boolean,
): { kept: Feature<Geometry, Record<string, unknown>>[]; estimated: number } {
  const isLand = (f: Feature<Geometry, Record<string, unknown>>) => f.properties['osm:landuse'] === 'residential' && !f.properties['osm:building'];
  const buildings = features.filter((f) => !isLand(f));
  const points = buildings.map((f) => representativePoint(f.geometry));
  const index = points.length > 0 ? new Flatbush(points.length) : null;
  if (index) {
    for (const [x, y] of points) index.add(x, y, x, y);
    index.finish();
  }
  let estimated = 0;
  const kept: Feature<Geometry, Record<string, unknown>>[] = [];
  for (const f of features) {
    const area = geodesicArea(f.geometry as Polygon | MultiPolygon);
    let population: number;
    let basis: string;
    if (isLand(f)) {
      const [minX, minY, maxX, maxY] = bbox(f.geometry);
      const hasBuilding = index?.search(minX, minY, maxX, maxY).some((i) => booleanPointInPolygon(points[i]!, f.geometry as Polygon | MultiPolygon));
      if (hasBuilding) continue;
      population = Math.round((area / 10_000) * options.peoplePerHectare);
      basis = `land ${Math.round(area)} m² × ${options.peoplePerHectare} per ha`;
    } else {
      const tagged = count(String(f.properties['osm:building:levels'] ?? ''));
      const type = String(f.properties['osm:building'] ?? '');
      const house = HOUSE_BUILDINGS.has(type) || (!BLOCK_BUILDINGS.has(type) && area < options.houseMaxFootprint && !inResidentialLand(representativePoint(f.geometry)));
      const assumed = type === 'bungalow' ? 1 : house ? options.houseLevels : options.defaultLevels;
      const levels = tagged !== undefined && tagged > 0 ? tagged : assumed;
      population = Math.round(((area * levels) / 100) * options.peoplePer100m2);
      basis = `footprint ${Math.round(area)} m² × ${levels} levels${tagged === undefined ? ` (assumed for a ${house ? 'house' : 'block'})` : ''} × ${options.peoplePer100m2} per 100 m²`;
    }
    f.properties.population = population;
    f.properties.population_estimated = true;
    f.properties.population_basis = basis;
    estimated++;
    kept.push(f);
  }
  return { kept, estimated };
}
