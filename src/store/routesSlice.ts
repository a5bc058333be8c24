/**
 * The school routes view: which children the map shows, the crossing picked in the list, the
 * planner's own settings (the target file's `school_routes` block, saved with the other settings),
 * and the two fixes drawn on the map (a protected crossing, a footpath or bridge), each of which
 * becomes an undoable scenario step.
 */
import type { StoreApi } from 'zustand';
import type { CROSSING_KINDS } from '../core/layers';
import type { Indicator } from '../core/report/report';
import { addCrossing, addFootpath } from '../core/routes/routeFixes';
import type { SchoolRoutes } from '../core/routes/schoolRoutes';
import type { AppState } from './appStore';
import { currentTargets } from './appStore';
import { JobCancelled, runAnalysis } from '../worker/client';

export type CrossingKind = (typeof CROSSING_KINDS)[number];
export type RoutesTool = { kind: 'crossing'; crossing: CrossingKind } | { kind: 'path'; points: [number, number][] };

export interface RoutesSlice {
  /** The routes found for a dataset version (after its coverage figures), and their indicator. */
  routes: { for: number; routes: SchoolRoutes | null; indicator: Indicator } | null;
  /** True while the routes for the current data are being found (the last ones stay on screen meanwhile). */
  routesBusy: boolean;
  /** Which walks the map and tables show: schoolchildren 6–14, or children 3–5 walked to kindergarten. */
  routesView: 'school' | 'kindergarten';
  selectedCrossing: string | null;
  routesTool: RoutesTool | null;
  /** Why the last drawn path was refused (both languages), until the next try. */
  routesProblem: { zh: string; en: string } | null;
  /** Over the shipped defaults, in the target file's shape (`{ protection_radius_m: 40 }`). */
  routeSettings: Record<string, unknown>;
  /** Finds the routes for the current data and settings (in the analysis worker). */
  runRoutes(): Promise<void>;
  setRoutesView(view: 'school' | 'kindergarten'): void;
  selectCrossing(id: string | null): void;
  startCrossingTool(kind: CrossingKind): void;
  startPathTool(): void;
  cancelRoutesTool(): void;
  undoPathPoint(): void;
  /** A map click while a routes tool is on: returns true when it was used. */
  routesClick(at: [number, number]): boolean;
  /** A protected crossing at a point (the tool's click, or the "add signals here" button). */
  addCrossingAt(at: [number, number], kind: CrossingKind, label: string): Promise<void>;
  finishPath(name: string): Promise<void>;
  setRouteSettings(settings: Record<string, unknown>): void;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

const KIND_ZH: Record<CrossingKind, string> = { signals: '信号灯', zebra: '斑马线', underpass: '地下通道', overpass: '天桥', guard: '护学岗', uncontrolled: '无保护过街' };

/** The indicators of the current figures, the routes' one with them once it has come. */
export function currentIndicators(s: Pick<AppState, 'coverage' | 'coverageFor' | 'datasetVersion' | 'routes'>): Indicator[] | undefined {
  if (s.coverageFor !== s.datasetVersion || !s.coverage) return undefined;
  return s.routes?.for === s.datasetVersion ? [...s.coverage.indicators.filter((i) => i.id !== s.routes!.indicator.id), s.routes.indicator] : s.coverage.indicators;
}

/** What the routes depend on: the data (scenario steps make a new version), the distance, the settings, recorded water fixes. */
export const routesKeyOf = (s: AppState) => JSON.stringify([s.datasetVersion, s.coverageDistance, s.radii, s.waterEdits, s.drowningBands, s.routeSettings]);

export const routesSlice = (set: Set, get: Get): RoutesSlice => ({
  routes: null,
  routesBusy: false,
  async runRoutes() {
    const s = get();
    if (!s.dataset || !s.report) return;
    const version = s.datasetVersion;
    const settings = { distance: s.coverageDistance, targets: currentTargets(s), edits: s.waterEdits };
    set({ routesBusy: true });
    try {
      const found = await runAnalysis('routes', version, s.dataset, s.report, (api) => api.routes(settings));
      if (found && get().datasetVersion === version) set({ routes: { for: version, ...found }, routesBusy: false });
    } catch (e) {
      if (e instanceof JobCancelled) return; // a newer run owns the state
      set({ routesBusy: false, analysisJob: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
    }
  },
  routesView: 'school',
  selectedCrossing: null,
  routesTool: null,
  routesProblem: null,
  routeSettings: {},
  setRoutesView: (routesView) => set({ routesView }),
  selectCrossing: (selectedCrossing) => set({ selectedCrossing }),
  // Drawing a development, editing facilities and these tools all take map clicks: one at a time.
  startCrossingTool: (crossing) => set({ routesTool: { kind: 'crossing', crossing }, routesProblem: null, editTool: null, developmentDraft: null }),
  startPathTool: () => set({ routesTool: { kind: 'path', points: [] }, routesProblem: null, editTool: null, developmentDraft: null }),
  cancelRoutesTool: () => set({ routesTool: null }),
  undoPathPoint: () => set((s) => (s.routesTool?.kind === 'path' ? { routesTool: { kind: 'path', points: s.routesTool.points.slice(0, -1) } } : {})),
  routesClick(at) {
    const tool = get().routesTool;
    if (!tool) return false;
    if (tool.kind === 'path') set({ routesTool: { kind: 'path', points: [...tool.points, at] }, routesProblem: null });
    else {
      set({ routesTool: null });
      void get().addCrossingAt(at, tool.crossing, '');
    }
    return true;
  },
  async addCrossingAt(at, kind, label) {
    const s = get();
    if (!s.dataset) return;
    const { dataset } = addCrossing(s.dataset, at, kind);
    await s.scenarioStep(`+ ${KIND_ZH[kind]}${label ? ` @ ${label}` : ''}`, dataset);
  },
  async finishPath(name) {
    const s = get();
    const tool = s.routesTool;
    if (!s.dataset || tool?.kind !== 'path') return;
    const result = addFootpath(s.dataset, tool.points, name);
    if (!result.ok) {
      set({ routesProblem: result.reason });
      return;
    }
    set({ routesTool: null, routesProblem: null });
    await s.scenarioStep(`+ ${name || '人行道/天桥'}`, result.dataset);
  },
  setRouteSettings: (routeSettings) => set({ routeSettings }),
});
