/**
 * The UI side of the worker boundary. One job at a time: starting a new one or cancelling ends the
 * old worker outright, so a stale result can never arrive.
 */
import * as Comlink from 'comlink';
import type { Dataset, ValidationReport } from '../core/types';
import type { DistanceMode } from '../core/access';
import type { Targets } from '../core/targets';
import type { AnalysisWorkerApi, CoverageResult, CoverageSettings, DrowningView } from './analysis.worker';
import type { DatasetWorkerApi, FileSource, ImportRequest, Inspection, LoadedInWorker, MappedSource, Progress } from './dataset.worker';
import { layerBytesCopy, type LayerBytes } from './layerBytes';
import type { FeatureServiceResult } from '../core/import/featureService';
import type { ShapefileOptions } from '../core/import/shapefile';

export type { CoverageResult, CoverageSettings, DrowningView, FileSource, ImportRequest, Inspection, MappedSource, Progress };

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

/** Runs one call in a fresh dataset worker, ended when it returns or is cancelled. */
function datasetJob<T>(call: (api: Comlink.Remote<DatasetWorkerApi>) => Promise<T>): Promise<T> {
  cancelJob();
  const worker = new Worker(new URL('./dataset.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<DatasetWorkerApi>(worker);
  return new Promise<T>((resolve, reject) => {
    const job = { worker, reject };
    current = job;
    worker.addEventListener('error', (e) => reject(new Error(e.message || 'worker failed')));
    call(api)
      .then(resolve, (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))))
      .finally(() => {
        if (current === job) {
          current = null;
          worker.terminate();
        }
      });
  });
}

export function loadInWorker(request: ImportRequest, fallbackName: string, onProgress: Progress, maxFileBytes?: number): Promise<LoadedInWorker> {
  return datasetJob((api) => api.load(request, fallbackName, Comlink.proxy(onProgress), maxFileBytes));
}

/** Reads a CSV or a zip for the field-mapping step. */
export function inspectInWorker(source: FileSource, options: ShapefileOptions = {}): Promise<Inspection> {
  return datasetJob((api) => api.inspect(source, options) as Promise<Inspection>);
}

export function fetchServiceInWorker(url: string, allowOtherHosts: boolean, onPage: (pages: number, features: number) => void): Promise<FeatureServiceResult> {
  return datasetJob((api) => api.fetchService(url, allowOtherHosts, Comlink.proxy(onPage)) as Promise<FeatureServiceResult>);
}

// ---- The analysis worker: long-lived, so the distances it has computed survive a change of radius.


let analysis: { worker: Worker; api: Comlink.Remote<AnalysisWorkerApi>; version: number; ready: Promise<void> } | null = null;
/** Per kind of call (coverage, drowning, export …): the latest job, and how to reject those running. */
const latestJob = new Map<string, number>();
const running = new Set<(e: Error) => void>();
let generation = 0;

function analysisWorker(version: number, dataset: Dataset, report: ValidationReport) {
  if (!analysis) {
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
    analysis = { worker, api: Comlink.wrap<AnalysisWorkerApi>(worker), version: -1, ready: Promise.resolve() };
  }
  const a = analysis;
  // The dataset crosses the thread boundary once per version, however many calls ask for it.
  if (a.version !== version) {
    a.version = version;
    // Layers that came from a load cross as their JSON bytes (a memory copy), the rest as objects.
    const layers: Dataset['layers'] = {};
    const bytes: LayerBytes = {};
    for (const [layer, collection] of Object.entries(dataset.layers) as [keyof Dataset['layers'], NonNullable<Dataset['layers'][keyof Dataset['layers']]>][]) {
      const copy = layerBytesCopy(collection);
      if (copy) bytes[layer] = copy;
      else layers[layer] = collection as never;
    }
    a.ready = a.api.setDataset(Comlink.transfer({ dataset: { ...dataset, layers }, bytes }, Object.values(bytes) as ArrayBuffer[]), report);
  }
  return { api: a.api, ready: a.ready };
}

/**
 * Runs one analysis call for the given dataset version. A newer call of the same `channel` makes an
 * older one's result arrive as JobCancelled, so the UI never shows figures for settings it has moved
 * on from; calls of other channels are not affected.
 */
export async function runAnalysis<T>(channel: string, version: number, dataset: Dataset, report: ValidationReport, call: (api: Comlink.Remote<AnalysisWorkerApi>) => Promise<T>): Promise<T> {
  const job = (latestJob.get(channel) ?? 0) + 1;
  latestJob.set(channel, job);
  const started = generation;
  const { api, ready } = analysisWorker(version, dataset, report);
  let rejectThis: (e: Error) => void = () => undefined;
  try {
    const result = await new Promise<T>((resolve, reject) => {
      rejectThis = reject;
      running.add(reject);
      ready.then(() => call(api)).then(resolve, reject);
    });
    if (job !== latestJob.get(channel) || started !== generation) throw new JobCancelled();
    return result;
  } finally {
    running.delete(rejectThis);
  }
}

/**
 * Hands a new dataset version to the analysis worker straight away and has it measure the
 * distances for the current settings: for a city of 100,000 homes that is done while the planner
 * reads the validation report, not after they open an analysis.
 */
export function prepareAnalysis(version: number, dataset: Dataset, report: ValidationReport, distance: DistanceMode, targets: Targets): void {
  const { api, ready } = analysisWorker(version, dataset, report);
  ready.then(() => api.warm(distance, targets)).catch(() => undefined);
}

export const proxy = Comlink.proxy;

/** Stops a long analysis outright; the next one starts a fresh worker. */
export function cancelAnalysis(): void {
  if (!analysis) return;
  analysis.worker.terminate();
  analysis = null;
  generation++;
  for (const reject of running) reject(new JobCancelled());
  running.clear();
}
