/**
 * The land allocation view: which year and level the map shows, the planner's own settings (the
 * target file's `land_allocation` block, saved with the other settings), and a development being
 * drawn and checked before it becomes a scenario step.
 */
import type { StoreApi } from 'zustand';
import type { Polygon } from 'geojson';
import { addDevelopment, type Development, type DevelopmentImpact } from '../core/landAllocation/development';
import type { LandLevel } from '../core/targets';
import { runAnalysis, JobCancelled } from '../worker/client';
import type { AppState } from './appStore';
import { currentTargets } from './appStore';

export type LandLevelChoice = LandLevel | 'all';

/** A development's figures as typed into the form: residents, or dwellings to be turned into residents. */
export interface DevelopmentInput {
  name: string;
  population: number | null;
  dwellings: number | null;
}

export interface LandSlice {
  /** The year the table and map show; null: the dataset's own year. */
  landYear: string | null;
  landLevel: LandLevelChoice;
  /** Over the shipped defaults, in the target file's shape (`{ enrolment: { kindergarten: 0.9 } … }`). */
  landSettings: Record<string, unknown>;
  /** Corners clicked so far while a development is being drawn; null when not drawing. */
  developmentDraft: [number, number][] | null;
  developmentCheck: { input: DevelopmentInput; impact: DevelopmentImpact } | null;
  setLandYear(year: string | null): void;
  setLandLevel(level: LandLevelChoice): void;
  setLandSettings(settings: Record<string, unknown>): void;
  startDevelopment(): void;
  /** A development outline read from a file, in place of one drawn. */
  setDevelopmentOutline(corners: [number, number][]): void;
  /** A map click while drawing: returns true when it was used. */
  addDevelopmentCorner(at: [number, number]): boolean;
  undoDevelopmentCorner(): void;
  cancelDevelopment(): void;
  checkDevelopment(input: DevelopmentInput): Promise<void>;
  /** The checked development into the data, as an undoable scenario step. */
  acceptDevelopment(): Promise<void>;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

/** The drawn corners as a closed polygon (null under three corners). */
export function draftPolygon(corners: readonly [number, number][] | null): Polygon | null {
  if (!corners || corners.length < 3) return null;
  return { type: 'Polygon', coordinates: [[...corners, corners[0]!]] };
}

export function developmentOf(corners: readonly [number, number][] | null, input: DevelopmentInput): Development | null {
  const polygon = draftPolygon(corners);
  return polygon ? { name: input.name, polygon, population: input.population, dwellings: input.dwellings } : null;
}

export const landSlice = (set: Set, get: Get): LandSlice => ({
  landYear: null,
  landLevel: 'kindergarten',
  landSettings: {},
  developmentDraft: null,
  developmentCheck: null,
  setLandYear: (landYear) => set({ landYear }),
  setLandLevel: (landLevel) => set({ landLevel }),
  setLandSettings: (landSettings) => set({ landSettings }),
  // Drawing and the facility editing tool both take map clicks: one at a time.
  startDevelopment: () => set({ developmentDraft: [], developmentCheck: null, editTool: null }),
  setDevelopmentOutline: (corners) => set({ developmentDraft: corners, developmentCheck: null, editTool: null }),
  addDevelopmentCorner(at) {
    const draft = get().developmentDraft;
    if (!draft) return false;
    set({ developmentDraft: [...draft, at], developmentCheck: null });
    return true;
  },
  undoDevelopmentCorner: () => set((s) => ({ developmentDraft: s.developmentDraft ? s.developmentDraft.slice(0, -1) : null, developmentCheck: null })),
  cancelDevelopment: () => set({ developmentDraft: null, developmentCheck: null }),
  async checkDevelopment(input) {
    const s = get();
    const development = developmentOf(s.developmentDraft, input);
    if (!development || !s.dataset || !s.report) return;
    try {
      const impact = await runAnalysis('development', s.datasetVersion, s.dataset, s.report, (api) => api.developmentCheck(development, currentTargets(s)));
      if (impact) set({ developmentCheck: { input, impact } });
    } catch (e) {
      if (!(e instanceof JobCancelled)) set({ analysisJob: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
    }
  },
  async acceptDevelopment() {
    const s = get();
    const checked = s.developmentCheck;
    const development = checked ? developmentOf(s.developmentDraft, checked.input) : null;
    if (!checked || !development || !s.dataset) return;
    set({ developmentDraft: null, developmentCheck: null });
    await s.scenarioStep(`+ ${development.name || '开发项目'}`, addDevelopment(s.dataset, development));
  },
});
