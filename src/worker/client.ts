/**
 * The UI side of the worker boundary. One job at a time: starting a new one or cancelling ends the
 * old worker outright, so a stale result can never arrive.
 */
import * as Comlink from 'comlink';
import type { LoadResult } from '../core/types';
import type { DatasetWorkerApi, FileSource, Progress } from './dataset.worker';

export type { FileSource, Progress };

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

let current: { worker: Worker; reject: (e: Error) => void } | null = null;

export function cancelJob(): void {
  if (!current) return;
  current.worker.terminate();
  current.reject(new JobCancelled());
  current = null;
}

export function loadInWorker(sources: FileSource[], fallbackName: string, onProgress: Progress, maxFileBytes?: number): Promise<LoadResult> {
  cancelJob();
  const worker = new Worker(new URL('./dataset.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<DatasetWorkerApi>(worker);
  return new Promise<LoadResult>((resolve, reject) => {
    const job = { worker, reject };
    current = job;
    worker.addEventListener('error', (e) => reject(new Error(e.message || 'worker failed')));
    api
      .load(sources, fallbackName, Comlink.proxy(onProgress), maxFileBytes)
      .then(resolve, (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))))
      .finally(() => {
        if (current === job) {
          current = null;
          worker.terminate();
        }
      });
  });
}
