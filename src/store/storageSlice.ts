/**
 * Whether the browser keeps what the planner did. A refused save (storage full, blocked, private
 * mode) is said at once and stays said until a save succeeds again: the work is still in memory and
 * can be exported as a dataset zip. What could not be read back on opening is said too.
 */
import type { StoreApi } from 'zustand';
import type { AppState } from './appStore';

export type SavedPart = 'dataset' | 'settings' | 'edits' | 'scenarios' | 'years';

export interface StorageSlice {
  saveProblem: { what: SavedPart; detail: string } | null;
  /** Stored pieces that could not be used on opening and were left out (`settings.lang`, `dataset` …). */
  restoreDropped: string[];
  dismissSaveProblem(): void;
  dismissRestoreDropped(): void;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export const storageSlice = (set: Set): StorageSlice => ({
  saveProblem: null,
  restoreDropped: [],
  dismissSaveProblem: () => set({ saveProblem: null }),
  dismissRestoreDropped: () => set({ restoreDropped: [] }),
});

/** Follows one save: a refusal becomes `saveProblem`; a later success of the same part clears it. Never throws. */
export function tracked(set: Set, get: Get) {
  return (what: SavedPart, save: () => Promise<unknown>): Promise<void> => {
    let attempt: Promise<unknown>;
    try {
      attempt = save();
    } catch (e) {
      attempt = Promise.reject(e);
    }
    return attempt.then(
      () => {
        if (get().saveProblem?.what === what) set({ saveProblem: null });
      },
      (e: unknown) => {
        const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        set({ saveProblem: { what, detail } });
      },
    );
  };
}
