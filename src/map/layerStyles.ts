/**
 * How each contract layer looks: plain MapLibre style-spec data, kept apart from the code that
 * renders it (and validated against the style spec in a test). No symbol layers: text needs glyph
 * fonts from the internet, and the map must work offline.
 */
import type { FilterSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { LayerName } from '../core/layers';
import { BAND_COLOURS } from './coverageSources';
import { UNIT_STATUS_COLOURS } from './landSources';

/** Bottom to top. */
export const DRAW_ORDER: readonly LayerName[] = [
  // Crossings sit on the streets, under the homes and facilities a planner clicks.
  'communities', 'planning_units', 'green_spaces', 'water', 'roads', 'crossings', 'residential', 'candidates', 'schools',
  'playgrounds', 'kindergartens', 'childcare', 'childrens_homes', 'health', 'venues',
];

/** What the legend draws beside a layer's name. */
export interface Swatch {
  shape: 'fill' | 'line' | 'circle';
  color: string;
  stroke?: string;
  dashed?: boolean;
}

export const SWATCHES: Record<LayerName, Swatch> = {
  communities: { shape: 'fill', color: '#efe9dc', stroke: '#8f8672', dashed: true },
  green_spaces: { shape: 'fill', color: '#b9dca0', stroke: '#6f9f52' },
  water: { shape: 'fill', color: '#9cc9f0', stroke: '#3d85c6' },
  roads: { shape: 'line', color: '#9a9186' },
  residential: { shape: 'fill', color: '#ebbd93', stroke: '#b9804f' },
  candidates: { shape: 'fill', color: 'rgba(0,0,0,0)', stroke: '#c2185b', dashed: true },
  schools: { shape: 'fill', color: '#9fb3ef', stroke: '#3f51b5' },
  playgrounds: { shape: 'circle', color: '#ffc107', stroke: '#8a6500' },
  kindergartens: { shape: 'circle', color: '#e8457a', stroke: '#ffffff' },
  childcare: { shape: 'circle', color: '#f48fb1', stroke: '#880e4f' },
  childrens_homes: { shape: 'circle', color: '#ff8f00', stroke: '#4e2600' },
  health: { shape: 'circle', color: '#d32f2f', stroke: '#ffffff' },
  venues: { shape: 'circle', color: '#424242', stroke: '#ffffff' },
  planning_units: { shape: 'line', color: '#6a1b9a', dashed: true },
  crossings: { shape: 'circle', color: '#2e7d32', stroke: '#ffffff' },
};

const isPolygon: FilterSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const isLine: FilterSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
const isPoint: FilterSpecification = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];

function polygonLayers(layer: LayerName, fillOpacity = 0.8): LayerSpecification[] {
  const s = SWATCHES[layer];
  return [
    { id: `${layer}-fill`, type: 'fill', source: layer, filter: isPolygon, paint: { 'fill-color': s.color, 'fill-opacity': fillOpacity } },
    {
      id: `${layer}-outline`, type: 'line', source: layer, filter: isPolygon,
      paint: { 'line-color': s.stroke ?? s.color, 'line-width': 1, ...(s.dashed ? { 'line-dasharray': [3, 2] } : {}) },
    },
  ];
}

/** A home's band when a coverage, provision or places view has coloured it; '' otherwise. */
const BAND = ['coalesce', ['feature-state', 'band'], ''];
const byBand = (plain: unknown, banded: unknown) => ['case', ['==', BAND, ''], plain, banded];
const BAND_COLOUR = ['match', BAND, ...Object.entries(BAND_COLOURS).flat(), '#999999'];

/**
 * Homes: the residential swatch, or, while a view colours them, their band (green to red, off-network
 * outlined in black). The band is each home's feature state, so recolouring 100,000 homes for another
 * kind or radius re-tiles nothing and adds no layer to draw.
 */
function homeLayers(): LayerSpecification[] {
  const s = SWATCHES.residential;
  return [
    { id: 'residential-fill', type: 'fill', source: 'residential', filter: isPolygon, paint: { 'fill-color': byBand(s.color, BAND_COLOUR) as never, 'fill-opacity': byBand(0.85, 0.9) as never } },
    {
      id: 'residential-outline', type: 'line', source: 'residential', filter: isPolygon,
      paint: {
        'line-color': byBand(s.stroke, ['match', BAND, 'off_network', '#000000', 'uncovered', '#7f0000', 'rgba(0,0,0,0.25)']) as never,
        'line-width': byBand(1, ['match', BAND, 'off_network', 2.5, 'uncovered', 1.2, 0.5]) as never,
      },
    },
    {
      id: 'residential-circle', type: 'circle', source: 'residential', filter: isPoint,
      paint: {
        'circle-color': byBand(s.color, BAND_COLOUR) as never,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 2.4, 15, 4, 18, 6.4],
        'circle-stroke-color': byBand(s.stroke, ['match', BAND, 'off_network', '#000000', '#ffffff']) as never,
        'circle-stroke-width': byBand(0.8, ['match', BAND, 'off_network', 2.5, 0.8]) as never,
      },
    },
  ];
}

function pointLayer(layer: LayerName, radius: number, extra: Partial<Record<string, unknown>> = {}): LayerSpecification {
  const s = SWATCHES[layer];
  return {
    id: `${layer}-circle`, type: 'circle', source: layer, filter: isPoint,
    paint: {
      'circle-color': s.color,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, radius * 0.6, 15, radius, 18, radius * 1.6],
      'circle-stroke-color': s.stroke ?? '#ffffff',
      'circle-stroke-width': 1.5,
      ...extra,
    } as never,
  };
}

const SCHOOL_COLOURS = ['match', ['get', 'level'], 'primary', '#3f6fd8', 'middle', '#7a4fd0', 'nine_year', '#2f9fb5', 'high', '#1c2f7a', 'complete', '#8a2f9a', '#3f51b5'];

/** The MapLibre layers that draw one contract layer. Their ids start with the layer's name. */
export function styleLayersFor(layer: LayerName): LayerSpecification[] {
  switch (layer) {
    case 'communities':
      return [
        {
          id: 'communities-fill', type: 'fill', source: layer,
          paint: { 'fill-color': ['match', ['get', 'kind'], 'rural', '#e6eddb', '#f1ece1'], 'fill-opacity': 0.9 },
        },
        { id: 'communities-outline', type: 'line', source: layer, paint: { 'line-color': '#8f8672', 'line-width': 1.2, 'line-dasharray': [4, 3] } },
      ];
    case 'green_spaces':
      return [
        {
          id: 'green_spaces-fill', type: 'fill', source: layer,
          paint: { 'fill-color': ['match', ['get', 'kind'], 'park', '#a8d48c', 'square', '#e3dcc8', '#c8e6b0'], 'fill-opacity': 0.9 },
        },
        { id: 'green_spaces-outline', type: 'line', source: layer, paint: { 'line-color': '#6f9f52', 'line-width': 0.8 } },
      ];
    case 'water':
      return [
        { id: 'water-fill', type: 'fill', source: layer, filter: isPolygon, paint: { 'fill-color': '#9cc9f0', 'fill-opacity': 0.95 } },
        { id: 'water-outline', type: 'line', source: layer, filter: isPolygon, paint: { 'line-color': '#3d85c6', 'line-width': 1 } },
        {
          id: 'water-line', type: 'line', source: layer, filter: isLine,
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: {
            'line-color': '#5b9fdc',
            'line-width': ['interpolate', ['linear'], ['zoom'], 11, ['match', ['get', 'kind'], ['river', 'canal'], 3, 1.2], 16, ['match', ['get', 'kind'], ['river', 'canal'], 14, 3]],
          },
        },
      ];
    case 'roads':
      return [
        {
          id: 'roads-casing', type: 'line', source: layer, filter: ['!=', ['get', 'walkable'], false],
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': '#b8afa2', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.5, 16, ['match', ['get', 'highway'], ['primary', 'secondary'], 12, 7]] },
        },
        {
          id: 'roads-line', type: 'line', source: layer, filter: ['!=', ['get', 'walkable'], false],
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.8, 16, ['match', ['get', 'highway'], ['primary', 'secondary'], 10, 5]] },
        },
        {
          // Roads a child may not walk along: drawn in warning red, dashed.
          id: 'roads-unwalkable', type: 'line', source: layer, filter: ['==', ['get', 'walkable'], false],
          paint: { 'line-color': '#d9534f', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 2, 16, 8], 'line-dasharray': [2, 1] },
        },
      ];
    case 'residential':
      return homeLayers();
    case 'schools':
      return [
        { id: 'schools-fill', type: 'fill', source: layer, filter: isPolygon, paint: { 'fill-color': SCHOOL_COLOURS as never, 'fill-opacity': 0.35 } },
        { id: 'schools-outline', type: 'line', source: layer, filter: isPolygon, paint: { 'line-color': SCHOOL_COLOURS as never, 'line-width': 2 } },
        pointLayer(layer, 8, { 'circle-color': SCHOOL_COLOURS }),
      ];
    case 'candidates':
      return [...polygonLayers(layer, 0.15), pointLayer(layer, 7, { 'circle-color': 'rgba(255,255,255,0.6)', 'circle-stroke-color': '#c2185b', 'circle-stroke-width': 2 })];
    case 'playgrounds':
      return [...polygonLayers(layer, 0.9), pointLayer(layer, 6)];
    case 'kindergartens':
      return [...polygonLayers(layer, 0.6), pointLayer(layer, 8)];
    case 'childcare':
      return [...polygonLayers(layer, 0.6), pointLayer(layer, 6)];
    case 'childrens_homes':
      return [pointLayer(layer, 7)];
    case 'health':
      return [pointLayer(layer, 7, { 'circle-stroke-width': 2.5 })];
    case 'planning_units':
      // Outlines only: the land view colours units by what they lack, over the other layers.
      return [{ id: 'planning_units-outline', type: 'line', source: layer, paint: { 'line-color': '#6a1b9a', 'line-width': 1.6, 'line-dasharray': [5, 3] } }];
    case 'venues':
      return [pointLayer(layer, 5, { 'circle-color': ['match', ['get', 'kind'], 'internet_cafe', '#000000', 'food_outlet', '#8d6e63', '#616161'] })];
    case 'crossings':
      // Protected crossings green, uncontrolled grey: the routes view marks which ones children use.
      return [pointLayer(layer, 4, { 'circle-color': ['match', ['get', 'kind'], 'uncontrolled', '#9e9e9e', '#2e7d32'], 'circle-stroke-width': 1 })];
  }
}

/** Features drawn over everything in one colour (selection, import preview): area, outline, ringed point. */
function highlightLayers(source: string, c: { fill: string; fillOpacity: number; line: string; point: string; pointRadius: number }): LayerSpecification[] {
  return [
    { id: `${source}-fill`, type: 'fill', source, filter: isPolygon, paint: { 'fill-color': c.fill, 'fill-opacity': c.fillOpacity } },
    { id: `${source}-line`, type: 'line', source, filter: ['!', isPoint] as FilterSpecification, paint: { 'line-color': c.line, 'line-width': 3 } },
    { id: `${source}-circle`, type: 'circle', source, filter: isPoint, paint: { 'circle-radius': c.pointRadius, 'circle-color': c.point, 'circle-stroke-color': c.line, 'circle-stroke-width': 3 } },
  ];
}

export const SELECTION_SOURCE = 'selection';
export const DROWNING_BANDS_SOURCE = 'drowning-bands';
export const PROPOSAL_SOURCE = 'proposal';
/** Proposed new kindergarten sites: a bold ring the planner cannot miss. */
export const PROPOSAL_LAYERS: LayerSpecification[] = [
  // The homes each proposed site newly reaches: its catchment.
  { id: 'proposal-homes', type: 'circle', source: PROPOSAL_SOURCE, filter: ['==', ['get', 'home'], true], paint: { 'circle-radius': 3, 'circle-color': '#e8457a', 'circle-opacity': 0.8 } },
  { id: 'proposal-circle', type: 'circle', source: PROPOSAL_SOURCE, filter: ['!=', ['get', 'home'], true], paint: { 'circle-radius': 13, 'circle-color': 'rgba(232,69,122,0.25)', 'circle-stroke-color': '#ad1457', 'circle-stroke-width': 3 } },
];
export const IMPORT_PREVIEW_SOURCE = 'import-preview';
/** What an import would bring in, before the planner accepts it: bright violet over everything. */
export const IMPORT_PREVIEW_LAYERS = highlightLayers(IMPORT_PREVIEW_SOURCE, { fill: '#7b1fa2', fillOpacity: 0.3, line: '#4a148c', point: '#ab47bc', pointRadius: 9 });
export const DROWNING_PLACES_SOURCE = 'drowning-places';
const RISK_COLOURS = ['match', ['get', 'band'], 'high', '#d7301f', 'medium', '#fc8d59', 'low', '#fdd49e', '#cccccc'];

/** Risk bands around water (display only) go under the water itself. */
export const DROWNING_BAND_LAYERS: LayerSpecification[] = [
  { id: 'drowning-bands-fill', type: 'fill', source: DROWNING_BANDS_SOURCE, paint: { 'fill-color': RISK_COLOURS as never, 'fill-opacity': 0.28 } },
];
/** The child places near the hazard picked in the register, coloured by band, over everything. */
export const DROWNING_PLACE_LAYERS: LayerSpecification[] = [
  {
    id: 'drowning-places-circle', type: 'circle', source: DROWNING_PLACES_SOURCE,
    paint: { 'circle-radius': 7, 'circle-color': RISK_COLOURS as never, 'circle-stroke-color': '#3b0000', 'circle-stroke-width': 1.5 },
  },
];
/**
 * Coverage colours are the residential layer's own features with a state per home (band, value):
 * recolouring 100,000 homes for another radius or kind then re-tiles nothing.
 */
export const COVERAGE_SOURCE: LayerName = 'residential';
export const SERVICE_AREA_SOURCE = 'service-area';
export const BUFFER_SOURCE = 'service-buffer';

/** The service area of one facility, and the straight-line buffer beside it, while the coverage view is open. */
export const COVERAGE_LAYERS: LayerSpecification[] = [
  {
    id: 'service-buffer-line', type: 'line', source: BUFFER_SOURCE,
    paint: { 'line-color': '#37474f', 'line-width': 2, 'line-dasharray': [3, 2] },
  },
  {
    id: 'service-area-line', type: 'line', source: SERVICE_AREA_SOURCE,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#00897b', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 4, 16, 10], 'line-opacity': 0.85 },
  },
];
export const BASEMAP_SOURCE = 'basemap';

export const LAND_UNITS_SOURCE = 'land-units';
/** Units coloured by their land status (land view only), over the communities, under the homes. */
export const LAND_UNIT_LAYERS: LayerSpecification[] = [
  { id: 'land-units-fill', type: 'fill', source: LAND_UNITS_SOURCE, paint: { 'fill-color': ['match', ['get', 'status'], ...Object.entries(UNIT_STATUS_COLOURS).flat(), 'rgba(0,0,0,0)'] as never, 'fill-opacity': 0.45 } },
  { id: 'land-units-line', type: 'line', source: LAND_UNITS_SOURCE, filter: ['==', ['get', 'status'], 'short'], paint: { 'line-color': '#7f0000', 'line-width': 2 } },
];
export const MONITOR_CHANGES_SOURCE = 'monitor-changes';
/** Homes that gained (green) or lost (red) coverage between two monitoring years, over the homes. */
export const MONITOR_CHANGE_LAYERS: LayerSpecification[] = [
  {
    id: 'monitor-changes-circle', type: 'circle', source: MONITOR_CHANGES_SOURCE,
    paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 3, 16, 7], 'circle-color': ['match', ['get', 'change'], 'gained', '#1a9850', 'lost', '#d73027', '#fdae61'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 },
  },
];
export const ROUTES_SOURCE = 'school-routes';
/** Children's walks to school: streets by width, main-road crossings as circles (routes view only). */
export const ROUTE_LAYERS: LayerSpecification[] = [
  {
    id: 'routes-segment', type: 'line', source: ROUTES_SOURCE, filter: ['==', ['get', 'role'], 'segment'],
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': '#ef6c00', 'line-opacity': 0.75, 'line-width': ['interpolate', ['linear'], ['get', 'children'], 0, 1, 50, 2.5, 300, 6, 1500, 12] },
  },
  {
    id: 'routes-crossing', type: 'circle', source: ROUTES_SOURCE, filter: ['==', ['get', 'role'], 'crossing'],
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['get', 'children'], 0, 3, 100, 6, 500, 11, 1500, 16],
      'circle-color': ['case', ['get', 'protected'], '#2e7d32', '#d32f2f'],
      'circle-opacity': 0.85,
      'circle-stroke-color': ['case', ['get', 'selected'], '#00bcd4', '#ffffff'],
      'circle-stroke-width': ['case', ['get', 'selected'], 4, 1.5],
    },
  },
];
export const PATH_DRAFT_SOURCE = 'path-draft';
/** A footpath or bridge being drawn. */
export const PATH_DRAFT_LAYERS: LayerSpecification[] = [
  { id: 'path-draft-line', type: 'line', source: PATH_DRAFT_SOURCE, filter: isLine, paint: { 'line-color': '#6a1b9a', 'line-width': 3, 'line-dasharray': [2, 1] } },
  { id: 'path-draft-point', type: 'circle', source: PATH_DRAFT_SOURCE, filter: isPoint, paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': '#6a1b9a', 'circle-stroke-width': 2.5 } },
];
export const DEVELOPMENT_SOURCE = 'development-draft';
/** The development being drawn: its corners, outline and area, over everything. */
export const DEVELOPMENT_LAYERS: LayerSpecification[] = [
  { id: 'development-fill', type: 'fill', source: DEVELOPMENT_SOURCE, filter: isPolygon, paint: { 'fill-color': '#1565c0', 'fill-opacity': 0.25 } },
  { id: 'development-line', type: 'line', source: DEVELOPMENT_SOURCE, filter: isLine, paint: { 'line-color': '#0d47a1', 'line-width': 2.5, 'line-dasharray': [2, 1] } },
  { id: 'development-corner', type: 'circle', source: DEVELOPMENT_SOURCE, filter: isPoint, paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': '#0d47a1', 'circle-stroke-width': 2.5 } },
];

/** Drawn over everything: the feature whose properties are open in the inspector. */
export const SELECTION_LAYERS = highlightLayers(SELECTION_SOURCE, { fill: '#00bcd4', fillOpacity: 0.25, line: '#00838f', point: 'rgba(0,0,0,0)', pointRadius: 12 });

/** The base style: a plain background, no external resources. Sources start empty. */
export function baseStyle(): StyleSpecification {
  const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };
  return {
    version: 8,
    sources: {
      // Homes are known by their id, so the coverage views can give each one a state.
      ...Object.fromEntries(DRAW_ORDER.map((layer) => [layer, layer === COVERAGE_SOURCE ? { ...empty, promoteId: 'id' } : { ...empty }])),
      [SELECTION_SOURCE]: { ...empty },
      [DROWNING_BANDS_SOURCE]: { ...empty },
      [DROWNING_PLACES_SOURCE]: { ...empty },
      [PROPOSAL_SOURCE]: { ...empty },
      [IMPORT_PREVIEW_SOURCE]: { ...empty },
      [SERVICE_AREA_SOURCE]: { ...empty },
      [BUFFER_SOURCE]: { ...empty },
      [LAND_UNITS_SOURCE]: { ...empty },
      [DEVELOPMENT_SOURCE]: { ...empty },
      [MONITOR_CHANGES_SOURCE]: { ...empty },
      [ROUTES_SOURCE]: { ...empty },
      [PATH_DRAFT_SOURCE]: { ...empty },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f6f4ee' } },
      ...DRAW_ORDER.slice(0, DRAW_ORDER.indexOf('water')).flatMap(styleLayersFor),
      ...DROWNING_BAND_LAYERS,
      ...LAND_UNIT_LAYERS,
      // Coverage colours go just above the homes, under the facilities they are measured to.
      ...DRAW_ORDER.slice(DRAW_ORDER.indexOf('water'), DRAW_ORDER.indexOf('residential') + 1).flatMap(styleLayersFor),
      ...COVERAGE_LAYERS,
      ...DRAW_ORDER.slice(DRAW_ORDER.indexOf('residential') + 1).flatMap(styleLayersFor),
      ...SELECTION_LAYERS,
      ...DROWNING_PLACE_LAYERS,
      ...PROPOSAL_LAYERS,
      ...IMPORT_PREVIEW_LAYERS,
      ...MONITOR_CHANGE_LAYERS,
      ...ROUTE_LAYERS,
      ...DEVELOPMENT_LAYERS,
      ...PATH_DRAFT_LAYERS,
      ...labelLayers('zh'),
    ],
  };
}

/**
 * Names on the map, at the zooms where they fit: communities first, water, schools and kindergartens
 * closer in, streets closest. No glyph server: MapLibre draws the letters with the system's fonts
 * (CJK through `localIdeographFontFamily`), so labels work offline. The name follows the interface's
 * language where the data has one (`name:en`, `osm:name:en`), else the name as written.
 */
export const LABELLED: { layer: LayerName; minzoom: number; placement: 'point' | 'line'; size: number; color: string; offset?: [number, number] }[] = [
  { layer: 'communities', minzoom: 12, placement: 'point', size: 13, color: '#6b6352' },
  { layer: 'water', minzoom: 13, placement: 'point', size: 11, color: '#1f5f99' },
  { layer: 'schools', minzoom: 14, placement: 'point', size: 11, color: '#243b6b', offset: [0, 1.2] },
  { layer: 'kindergartens', minzoom: 14, placement: 'point', size: 11, color: '#7a2d0a', offset: [0, 1.2] },
  { layer: 'roads', minzoom: 15, placement: 'line', size: 10, color: '#555' },
];
export const labelLayerId = (layer: LayerName) => `label-${layer}`;
export const labelText = (lang: 'zh' | 'en') =>
  (lang === 'en' ? ['coalesce', ['get', 'name:en'], ['get', 'osm:name:en'], ['get', 'name'], ''] : ['coalesce', ['get', 'name:zh'], ['get', 'osm:name:zh'], ['get', 'name'], '']) as unknown as string;

export function labelLayers(lang: 'zh' | 'en'): LayerSpecification[] {
  return LABELLED.map(({ layer, minzoom, placement, size, color, offset }) => ({
    id: labelLayerId(layer), type: 'symbol', source: layer, minzoom,
    layout: {
      'text-field': labelText(lang), 'text-size': size, 'text-font': ['sans-serif'], 'symbol-placement': placement,
      ...(offset ? { 'text-offset': offset, 'text-anchor': 'top' } : {}), 'text-max-width': 8, 'text-optional': true,
    },
    paint: { 'text-color': color, 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 },
  }) as LayerSpecification);
}

/** Ids of the MapLibre layers that draw a contract layer (for visibility and click handling). */
export function styleLayerIds(layer: LayerName): string[] {
  return styleLayersFor(layer).map((l) => l.id);
}
