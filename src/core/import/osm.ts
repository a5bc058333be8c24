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
import type { InputFile, Issue } from '../types';

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
      if (c.tagName === 'tag' && c.attributes.k != null) tags[c.attributes.k] = c.attributes.v ?? '';
      else if (c.tagName === 'nd') (el.nodes ??= []).push(Number(c.attributes.ref));
      else if (c.tagName === 'member') (el.members ??= []).push({ type: c.attributes.type ?? '', ref: Number(c.attributes.ref), role: c.attributes.role ?? '' });
    }
    if (Object.keys(tags).length > 0) el.tags = tags;
    out.push(el);
  }
  return out;
}

export function readOsmElements(text: string): OsmElement[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) return elementsFromXml(trimmed);
  const json = JSON.parse(trimmed) as { elements?: unknown };
  if (!Array.isArray(json.elements)) throw new Error('JSON without an "elements" list (not Overpass JSON)');
  return json.elements as OsmElement[];
}

const yes = (v: string | undefined) => v === 'yes' || v === 'true' || v === '1';

/** Walkable highway classes; motorways and trunk roads without a footway are kept but not walkable. */
const WALKABLE = new Set([
  'footway', 'path', 'pedestrian', 'steps', 'living_street', 'residential', 'service', 'unclassified', 'track', 'cycleway', 'road',
  'tertiary', 'tertiary_link', 'secondary', 'secondary_link', 'primary', 'primary_link', 'corridor', 'bridleway',
]);
const NOT_WALKABLE = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link']);
const RESIDENTIAL_BUILDINGS = new Set(['residential', 'apartments', 'house', 'detached', 'semidetached_house', 'terrace', 'dormitory', 'bungalow', 'farm']);

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
  const name = `${tags['name:zh'] ?? ''} ${tags.name ?? ''} ${tags['name:en'] ?? ''}`;
  if (/十二年一贯/.test(name)) return 'complete';
  if (/九年一贯|九年制/.test(name)) return 'nine_year';
  if (/小学|primary school/i.test(name)) return 'primary';
  if (/高级中学|高中|senior high|high school/i.test(name)) return 'high';
  if (/初级中学|初中|中学|middle school|junior high/i.test(name)) return 'middle';
  return undefined;
}

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
export function mapOsmTags(tags: Tags, geometry: Geometry['type']): Mapped | null {
  const name = nameOf(tags);
  const line = geometry === 'LineString' || geometry === 'MultiLineString';
  if (tags.highway && line) {
    const walkable = tags.foot === 'no' ? false : NOT_WALKABLE.has(tags.highway) ? yes(tags.foot) || /both|left|right|yes|separate/.test(tags.sidewalk ?? '') : WALKABLE.has(tags.highway) ? true : null;
    if (walkable === null) return null; // construction, proposed, raceway, bus_guideway …
    return { layer: 'roads', properties: { highway: tags.highway, walkable, name } };
  }
  if (tags.amenity === 'kindergarten') return { layer: 'kindergartens', properties: { name, capacity: count(tags.capacity) } };
  if (tags.amenity === 'childcare') return { layer: 'childcare', properties: { name, capacity: count(tags.capacity) } };
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
  if (tags.building && RESIDENTIAL_BUILDINGS.has(tags.building)) return { layer: 'residential', properties: { name } };
  if (tags.landuse === 'residential') return { layer: 'residential', properties: { name } };
  return null;
}

/** Makes a geometry fit the layer: polygons to points where only points are allowed, and so on. */
function fitGeometry(layer: LayerName, geometry: Geometry): Geometry | null {
  const allowed = LAYER_SPECS[layer].geometries as readonly string[];
  if (allowed.includes(geometry.type)) return geometry;
  if ((geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') && allowed.includes('Point') && !allowed.includes('Polygon')) {
    return { type: 'Point', coordinates: representativePoint(geometry) };
  }
  if (geometry.type === 'MultiPolygon' && allowed.includes('Polygon')) {
    // The largest part: a school's campus split by a road is still one school.
    let best: Polygon | null = null;
    let bestArea = -1;
    for (const coordinates of geometry.coordinates) {
      const p: Polygon = { type: 'Polygon', coordinates };
      const a = geodesicArea(p);
      if (a > bestArea) [best, bestArea] = [p, a];
    }
    return best;
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
  const notes: Issue[] = [];
  let elements: OsmElement[];
  try {
    elements = readOsmElements(text);
  } catch (e) {
    notes.push({ severity: 'error', code: 'import_failed', layer: 'dataset', file: source, params: { detail: `OpenStreetMap: ${e instanceof Error ? e.message : String(e)}` } });
    return { files: [], notes };
  }
  const collection = osmtogeojson({ elements } as never) as unknown as { features: Feature<Geometry, { id: string; tags?: Tags }>[] };
  const layers = new Map<LayerName, Feature<Geometry, Record<string, unknown>>[]>();
  let skipped = 0;
  const untypedBuildings: Feature<Geometry, { id: string; tags?: Tags }>[] = [];
  const add = (f: Feature<Geometry, { id: string; tags?: Tags }>, mapped: Mapped, geometry: Geometry) => {
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
    const mapped = f.geometry ? mapOsmTags(tags, f.geometry.type) : null;
    const geometry = mapped && fitGeometry(mapped.layer, f.geometry);
    if (mapped && geometry) add(f, mapped, geometry);
    else if (tags.building === 'yes' && (f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon')) untypedBuildings.push(f);
    else skipped++;
  }
  // Most buildings in Chinese OSM data are plain `building=yes`; inside residential land they are homes.
  const land = (layers.get('residential') ?? []).filter((f) => f.properties['osm:landuse'] === 'residential' && !f.properties['osm:building']);
  const landIndex = land.length > 0 && untypedBuildings.length > 0 ? new Flatbush(land.length) : null;
  if (landIndex) {
    for (const l of land) landIndex.add(...(bbox(l.geometry) as [number, number, number, number]));
    landIndex.finish();
  }
  for (const f of untypedBuildings) {
    const at = representativePoint(f.geometry);
    const inLand = landIndex?.search(at[0], at[1], at[0], at[1]).some((i) => booleanPointInPolygon(at, land[i]!.geometry as Polygon | MultiPolygon));
    if (inLand) add(f, { layer: 'residential', properties: { name: nameOf(f.properties.tags ?? {}), residential_because: 'building=yes inside landuse=residential' } }, f.geometry);
    else skipped++;
  }
  for (const layer of ['kindergartens', 'childcare', 'schools', 'playgrounds'] as const) {
    const list = layers.get(layer);
    if (list) layers.set(layer, dropPointsInsideAreas(list));
  }
  const residential = layers.get('residential');
  if (residential) {
    const { kept, estimated } = estimatePopulation(residential, options);
    layers.set('residential', kept);
    notes.push({
      severity: 'warning', code: 'import_population_estimated', layer: 'residential', file: source,
      params: { count: estimated, density: options.peoplePer100m2, levels: options.defaultLevels, hectare: options.peoplePerHectare },
    });
  }
  const featureCount = [...layers.values()].reduce((s, l) => s + l.length, 0);
  notes.unshift({ severity: 'warning', code: 'import_osm_summary', layer: 'dataset', file: source, params: { elements: elements.length, features: featureCount, skipped } });
  const files: InputFile[] = [
    {
      name: 'dataset.json', layer: 'dataset',
      text: JSON.stringify({ name: `OpenStreetMap: ${source}`, crs: 'EPSG:4326', synthetic: false, age_shares: options.ageShares ?? DEFAULT_OSM_OPTIONS.ageShares }),
    },
  ];
  for (const [layer, features] of layers) files.push({ name: `${layer}.geojson`, layer, text: JSON.stringify({ type: 'FeatureCollection', features }) });
  return { files, notes };
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
 * Buildings: footprint × levels × people per 100 m². Residential land: area × people per hectare,
 * only where no residential building stands on it (otherwise its people would be counted twice, so
 * that land is left out).
 */
function estimatePopulation(features: Feature<Geometry, Record<string, unknown>>[], options: OsmImportOptions): { kept: Feature<Geometry, Record<string, unknown>>[]; estimated: number } {
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
    if (f.geometry.type === 'Point') {
      kept.push(f); // a node has no footprint: left without population, so the validator names it
      continue;
    }
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
      const levels = tagged !== undefined && tagged > 0 ? tagged : options.defaultLevels;
      population = Math.round(((area * levels) / 100) * options.peoplePer100m2);
      basis = `footprint ${Math.round(area)} m² × ${levels} levels${tagged === undefined ? ' (assumed)' : ''} × ${options.peoplePer100m2} per 100 m²`;
    }
    f.properties.population = population;
    f.properties.population_estimated = true;
    f.properties.population_basis = basis;
    estimated++;
    kept.push(f);
  }
  return { kept, estimated };
}
