/** One call from a loaded dataset to the report contract: what the CLI, the worker and tests run. */
import { computeAccess, type DistanceMode } from './access';
import { buildReport, type Report } from './report/report';
import { DEFAULT_TARGETS, type Targets } from './targets';
import type { LoadResult } from './types';

export interface AnalyzeOptions {
  distance?: DistanceMode;
  targets?: Targets;
}

export function analyze(loaded: LoadResult, options: AnalyzeOptions = {}): Report {
  const targets = options.targets ?? DEFAULT_TARGETS;
  const access = computeAccess(loaded.dataset, {
    distance: options.distance,
    offNetworkMetres: targets.off_network_m,
    playgroundMinArea: targets.playground_min_area_m2,
  });
  return buildReport({ dataset: loaded.dataset, validation: loaded.report, targets, access, context: access.context });
}
