/**
 * Owns the MapLibre map: the only module that imports maplibre-gl. React creates it once; it then
 * follows the store by subscription and skips work when nothing it draws has changed.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { StoreApi } from 'zustand';
import { LAYER_NAMES, type LayerName } from '../core/layers';
import type { AppState } from '../store/appStore';
import { representativePoint } from '../core/representativePoint';
import { BASEMAP_SOURCE, baseStyle, LABELLED, labelLayerId, labelText, BUFFER_SOURCE, COVERAGE_SOURCE, PROPOSAL_SOURCE, DRAW_ORDER, DROWNING_BANDS_SOURCE, DROWNING_PLACES_SOURCE, IMPORT_PREVIEW_SOURCE, SELECTION_SOURCE, SERVICE_AREA_SOURCE, LAND_UNITS_SOURCE, DEVELOPMENT_SOURCE, MONITOR_CHANGES_SOURCE, ROUTES_SOURCE, PATH_DRAFT_SOURCE, styleLayerIds } from './layerStyles';
import { pathDraftFeatures, routeFeatures } from './routeSources';
import { developmentDraftFeatures, landUnitFeatures, monitorChangeFeatures } from './landSources';
import { drowningPlaces } from './coverageSources';
import { bufferCircle, coverageColours, provisionColours, seatColours } from './coverageSources';
import { datasetBounds, isTileUrlTemplate, mapSources } from './mapSources';
import type { FeatureCollection } from 'geojson';

maplibregl.setWorkerUrl(workerUrl);

/** The share of the map's height the community table's drawer covers (app.css `.drawer`). */
export const DRAWER_SHARE = 0.42;

declare global {
  interface Window {
    /** For browser tests: the live map, to ask what is rendered. */
    __plannerMap?: maplibregl.Map;
  }
}

export class MapView {
  readonly map: maplibregl.Map;
  private unsubscribe: () => void = () => undefined;
  private loaded: Promise<void>;

  constructor(
    private readonly container: HTMLElement,
    private readonly store: StoreApi<AppState>,
  ) {
    this.map = new maplibregl.Map({
      container,
      style: baseStyle(),
      center: [124.335, 43.175],
      zoom: 12,
      attributionControl: false,
      // CJK names are drawn with the system's fonts: no glyph server, so labels work offline.
      localIdeographFontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif',
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: true }), 'bottom-left'); // the inspector opens over the right
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 160 }), 'bottom-right');
    this.loaded = new Promise((resolve) => this.map.once('load', () => resolve()));
    this.map.on('click', (e) => this.onClick(e.point));
    window.__plannerMap = this.map;
    void this.loaded.then(() => this.follow());
  }

  private follow(): void {
    const s = this.store.getState();
    this.drawDataset(s, true);
    this.applyVisibility(s.hiddenLayers);
    this.applyLabelLanguage(s.lang);
    this.applyBasemap(s.basemapUrl);
    this.drawSelection(s);
    this.drawCoverage(s);
    this.drawServiceArea(s);
    this.drawDrowning(s);
    this.drawProposal(s);
    this.drawImportPreview(s);
    this.drawLand(s);
    this.drawDevelopment(s);
    this.drawMonitorChanges(s);
    this.drawRoutes(s);
    this.unsubscribe = this.store.subscribe((now, before) => {
      // A scenario step or an edit keeps the planner's view; only a different dataset is framed anew.
      if (now.datasetVersion !== before.datasetVersion) this.drawDataset(now, now.datasetLoads !== before.datasetLoads);
      if (now.hiddenLayers !== before.hiddenLayers) this.applyVisibility(now.hiddenLayers);
      if (now.basemapUrl !== before.basemapUrl) this.applyBasemap(now.basemapUrl);
      if (now.lang !== before.lang) this.applyLabelLanguage(now.lang);
      if (now.selected !== before.selected || now.datasetVersion !== before.datasetVersion) this.drawSelection(now);
      if (now.coverage !== before.coverage || now.seats !== before.seats || now.sidebarTab !== before.sidebarTab || now.coverageKind !== before.coverageKind || now.radii !== before.radii) this.scheduleCoverage();
      if (now.sitingJob !== before.sitingJob || now.sidebarTab !== before.sidebarTab) this.drawProposal(now);
      if (now.importPreview !== before.importPreview) this.drawImportPreview(now);
      if (now.editTool !== before.editTool || now.developmentDraft !== before.developmentDraft || now.routesTool !== before.routesTool) this.map.getCanvas().style.cursor = now.editTool || now.developmentDraft || now.routesTool ? 'crosshair' : '';
      if (now.routes !== before.routes || now.sidebarTab !== before.sidebarTab || now.routesView !== before.routesView || now.selectedCrossing !== before.selectedCrossing || now.routesTool !== before.routesTool) this.drawRoutes(now);
      if (now.coverage !== before.coverage || now.sidebarTab !== before.sidebarTab || now.landYear !== before.landYear || now.landLevel !== before.landLevel) this.drawLand(now);
      if (now.developmentDraft !== before.developmentDraft) this.drawDevelopment(now);
      if (now.monitoring !== before.monitoring || now.changeIndex !== before.changeIndex || now.sidebarTab !== before.sidebarTab) this.drawMonitorChanges(now);
      if (now.serviceArea !== before.serviceArea || now.sidebarTab !== before.sidebarTab) this.drawServiceArea(now);
      if (now.drowning !== before.drowning || now.sidebarTab !== before.sidebarTab || now.selectedHazard !== before.selectedHazard) this.drawDrowning(now);
      if (now.zoomRequest !== before.zoomRequest && now.zoomRequest) this.zoomTo(now.zoomRequest.bounds, now.communityTableOpen && (now.sidebarTab === 'coverage' || now.sidebarTab === 'provision'));
    });
  }

  private drawDataset(s: AppState, fit: boolean): void {
    const sources = mapSources(s.dataset);
    for (const layer of DRAW_ORDER) {
      // Only what changed is sent again (an edit changes one layer, not all of them).
      if (this.drawn[layer] === sources[layer]) continue;
      this.drawn[layer] = sources[layer];
      (this.map.getSource(layer) as maplibregl.GeoJSONSource).setData(sources[layer]);
    }
    if (fit) this.fitToData(false);
    const version = String(s.datasetVersion);
    this.map.once('idle', () => {
      this.container.dataset.readyVersion = version;
      this.store.getState().mapDrawn(s.datasetVersion);
    });
    this.map.triggerRepaint(); // an idle follows even when no layer changed
  }

  private coverageDrawn = 0;
  /** The collection each dataset source was last given. */
  private drawn: Partial<Record<LayerName, FeatureCollection>> = {};

  private coverageTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Colouring 100,000 homes takes the UI thread most of a second: it runs in a task of its own, after
   * the panel has shown the figures that arrived with it, and once for a burst of changes.
   */
  private scheduleCoverage(): void {
    clearTimeout(this.coverageTimer);
    this.coverageTimer = setTimeout(() => this.drawCoverage(this.store.getState()), 0);
  }

  private drawCoverage(s: AppState): void {
    const current = s.coverageFor === s.datasetVersion;
    const colours =
      current && s.sidebarTab === 'coverage' ? coverageColours(s.dataset, s.coverage, s.coverageKind, s.radii[s.coverageKind])
      : current && s.sidebarTab === 'provision' ? provisionColours(s.dataset, s.coverage)
      : s.sidebarTab === 'sites' && s.seatsKey.startsWith(`[${s.datasetVersion},`) ? seatColours(s.dataset, s.seats)
      : null;
    // Each home's band as its feature state: the homes are tiled once, only their colours change.
    this.map.removeFeatureState({ source: COVERAGE_SOURCE });
    if (colours) {
      s.dataset!.layers.residential!.features.forEach((f, h) => {
        this.map.setFeatureState({ source: COVERAGE_SOURCE, id: f.id }, { band: colours.band[h], value: colours.value[h] });
      });
    }
    const drawn = ++this.coverageDrawn;
    this.map.once('idle', () => {
      this.container.dataset.coverageDrawn = String(drawn);
    });
    this.map.triggerRepaint();
  }

  /** The sites a siting run proposes, ringed on the map. */
  private drawProposal(s: AppState): void {
    const job = s.sitingJob;
    const ids = s.sidebarTab === 'sites' && job.status === 'done' ? new Set(job.result.chosen.map((c) => String(c.id))) : new Set<string>();
    const sites = [...(s.dataset?.layers.candidates?.features ?? []), ...(job.status === 'done' ? job.result.generated : [])];
    const features = sites.filter((f) => ids.has(String(f.id))).map((f) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: representativePoint(f.geometry) }, properties: { id: f.id } as Record<string, unknown> }));
    if (ids.size > 0 && job.status === 'done') {
      for (const c of job.result.catchments ?? []) for (const p of c.points) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: { site: c.id, home: true } });
    }
    (this.map.getSource(PROPOSAL_SOURCE) as maplibregl.GeoJSONSource).setData({ type: 'FeatureCollection', features });
  }

  /** An import waiting for the planner's yes: drawn, and the map moved to show it. */
  private drawImportPreview(s: AppState): void {
    const preview = s.importPreview;
    (this.map.getSource(IMPORT_PREVIEW_SOURCE) as maplibregl.GeoJSONSource).setData(preview?.features ?? { type: 'FeatureCollection', features: [] });
    // The mapping panel covers the right of the map: keep the preview clear of it.
    if (preview?.bounds) this.map.fitBounds(preview.bounds, { padding: { top: 80, bottom: 80, left: 80, right: 480 }, maxZoom: 16, animate: false });
    const n = String(preview?.features.features.length ?? 0);
    this.map.once('idle', () => {
      this.container.dataset.previewDrawn = n;
    });
  }

  /** Units coloured by their land status while the land view is open. */
  private drawLand(s: AppState): void {
    const land = s.sidebarTab === 'land' && s.coverageFor === s.datasetVersion ? s.coverage?.land ?? null : null;
    const year = s.landYear ?? String(land?.base_year ?? '');
    const features = landUnitFeatures(s.dataset, land, year, s.landLevel);
    (this.map.getSource(LAND_UNITS_SOURCE) as maplibregl.GeoJSONSource).setData(features);
    const n = String(features.features.filter((f) => f.properties?.status === 'short').length);
    this.map.once('idle', () => {
      this.container.dataset.landDrawn = n;
    });
  }

  /** Homes that gained or lost coverage between the two years chosen in the monitoring view. */
  private drawMonitorChanges(s: AppState): void {
    const change = s.sidebarTab === 'monitor' ? s.monitoring?.changes[s.changeIndex] : undefined;
    const features = monitorChangeFeatures(change?.home_changes ?? []);
    (this.map.getSource(MONITOR_CHANGES_SOURCE) as maplibregl.GeoJSONSource).setData(features);
    const n = String(features.features.length);
    this.map.once('idle', () => {
      this.container.dataset.changesDrawn = n;
    });
  }

  /** Children's walks and their main-road crossings while the routes view is open. */
  private drawRoutes(s: AppState): void {
    const routes = s.sidebarTab === 'routes' && s.routes?.for === s.datasetVersion ? s.routes.routes : null;
    const features = routeFeatures(routes, s.routesView, s.selectedCrossing);
    (this.map.getSource(ROUTES_SOURCE) as maplibregl.GeoJSONSource).setData(features);
    (this.map.getSource(PATH_DRAFT_SOURCE) as maplibregl.GeoJSONSource).setData(pathDraftFeatures(s.routesTool?.kind === 'path' ? s.routesTool.points : null));
    const n = String(features.features.filter((f) => f.properties?.role === 'crossing' && !f.properties.protected).length);
    this.map.once('idle', () => {
      this.container.dataset.routesDrawn = n;
    });
  }

  private drawDevelopment(s: AppState): void {
    (this.map.getSource(DEVELOPMENT_SOURCE) as maplibregl.GeoJSONSource).setData(developmentDraftFeatures(s.developmentDraft));
  }

  private drawDrowning(s: AppState): void {
    const on = s.sidebarTab === 'drowning' && s.drowning !== null;
    const empty = { type: 'FeatureCollection' as const, features: [] };
    (this.map.getSource(DROWNING_BANDS_SOURCE) as maplibregl.GeoJSONSource).setData(on ? s.drowning!.rings : empty);
    (this.map.getSource(DROWNING_PLACES_SOURCE) as maplibregl.GeoJSONSource).setData(on ? drowningPlaces(s.drowning!.result, s.selectedHazard) : empty);
  }

  private drawServiceArea(s: AppState): void {
    const area = s.sidebarTab === 'coverage' ? s.serviceArea : null;
    const empty = { type: 'FeatureCollection' as const, features: [] };
    (this.map.getSource(SERVICE_AREA_SOURCE) as maplibregl.GeoJSONSource).setData(
      area ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: area.area }] } : empty,
    );
    (this.map.getSource(BUFFER_SOURCE) as maplibregl.GeoJSONSource).setData(area ? bufferCircle(area.point, area.radius) : empty);
  }

  /** Shows bounds in the part of the map nothing covers: above the community table when it is open. */
  private zoomTo(bounds: [number, number, number, number], drawerOpen: boolean): void {
    const height = this.container.clientHeight;
    const bottom = drawerOpen ? Math.round(height * DRAWER_SHARE) + 40 : 60;
    this.map.fitBounds(bounds, { padding: { top: 60, left: 60, right: 60, bottom: Math.min(bottom, height - 120) }, maxZoom: 17 });
  }

  fitToData(animate = true): void {
    const bounds = datasetBounds(this.store.getState().dataset);
    if (bounds) this.map.fitBounds(bounds, { padding: 40, animate, maxZoom: 17 });
  }

  private applyVisibility(hidden: readonly LayerName[]): void {
    for (const layer of LAYER_NAMES) {
      const visibility = hidden.includes(layer) ? 'none' : 'visible';
      for (const id of styleLayerIds(layer)) this.map.setLayoutProperty(id, 'visibility', visibility);
      if (this.map.getLayer(labelLayerId(layer))) this.map.setLayoutProperty(labelLayerId(layer), 'visibility', visibility);
    }
  }

  private applyLabelLanguage(lang: 'zh' | 'en'): void {
    for (const { layer } of LABELLED) this.map.setLayoutProperty(labelLayerId(layer), 'text-field', labelText(lang));
  }

  private applyBasemap(url: string): void {
    if (this.map.getLayer(BASEMAP_SOURCE)) this.map.removeLayer(BASEMAP_SOURCE);
    if (this.map.getSource(BASEMAP_SOURCE)) this.map.removeSource(BASEMAP_SOURCE);
    if (!isTileUrlTemplate(url)) return;
    this.map.addSource(BASEMAP_SOURCE, { type: 'raster', tiles: [url], tileSize: 256 });
    // Just above the plain background, under all of our own layers.
    this.map.addLayer({ id: BASEMAP_SOURCE, type: 'raster', source: BASEMAP_SOURCE }, styleLayerIds(DRAW_ORDER[0]!)[0]);
  }

  private drawSelection(s: AppState): void {
    const feature = s.selected ? s.dataset?.layers[s.selected.layer]?.features.find((f) => f.id === s.selected!.id) : undefined;
    (this.map.getSource(SELECTION_SOURCE) as maplibregl.GeoJSONSource).setData({ type: 'FeatureCollection', features: feature ? [feature] : [] });
  }

  private onClick(point: maplibregl.Point): void {
    const hidden = this.store.getState().hiddenLayers;
    const layers = LAYER_NAMES.filter((l) => !hidden.includes(l)).flatMap(styleLayerIds);
    const box: [maplibregl.PointLike, maplibregl.PointLike] = [[point.x - 4, point.y - 4], [point.x + 4, point.y + 4]];
    const hits = this.map.queryRenderedFeatures(box, { layers });
    // An editing tool works on its own layer: a feature of another layer drawn over it does not get in the way.
    const tool = this.store.getState().editTool;
    const hit = (tool ? hits.find((h) => h.source === tool.layer) : undefined) ?? hits[0];
    const id = hit?.properties?.id as string | number | undefined;
    const picked = hit && id !== undefined ? { layer: hit.source as LayerName, id } : null;
    const at = this.map.unproject(point);
    // While the facility editing tool is on, a click edits instead of selecting.
    if (this.store.getState().editAt([Math.round(at.lng * 1e6) / 1e6, Math.round(at.lat * 1e6) / 1e6], picked)) return;
    this.store.getState().select(picked);
  }

  destroy(): void {
    this.unsubscribe();
    clearTimeout(this.coverageTimer);
    this.map.remove();
    if (window.__plannerMap === this.map) delete window.__plannerMap;
  }
}
