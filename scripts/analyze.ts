/**
 * npm run analyze -- <dataset-folder> --out <report.json> [--distance network|euclidean] [--targets <file>] [--csv <access.csv>] [--no-access]
 * Writes the report contract. Exit 0 on success (even when targets are not met); 1 with a one-line
 * reason on stderr when the dataset or the target file cannot be read; 2 for a wrong command line
 * (unknown options, an output that is an input or lies in a missing folder: all refused before any work).
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { computeAccess } from '../src/core/access';
import { drowningHazards } from '../src/core/drowningHazards';
import { reduceHomesToPoints } from '../src/core/homes';
import { accessCsv, buildReportParts, reportJsonHead, reportJsonTail, schoolRoutesInput, withSchoolRoutes } from '../src/core/report/report';
import { routesJob } from '../src/core/routes/routesJob';
import { schoolRoutes, type SchoolRoutes, type SchoolRoutesInput } from '../src/core/routes/schoolRoutes';
import { DEFAULT_TARGETS, type Targets } from '../src/core/targets';
import type { Dataset, ValidationReport } from '../src/core/types';
import { FolderError, readDatasetFolder, type DatasetFolder } from './readDatasetFolder';
import { atomicWriter, checkOutputs, choice, CliError, loadFolder, parseCommand, readTargetsFile, refuseUnusable, run, text, writeFileAtomically } from './cli';

const USAGE = 'usage: npm run analyze -- <dataset-folder> --out <report.json> [--distance network|euclidean] [--targets <file>] [--csv <access.csv>] [--no-access]';

/**
 * The dataset as the analysis needs it, and its validation report. Nothing else of the load outlives
 * this call: neither the files' text nor the home polygons (hundreds of MB for a prefecture city),
 * which every full garbage collection during the analysis would otherwise walk.
 */
function load(folder: string, checkPaths: (paths: string[]) => void): { dataset: Dataset; validation: ValidationReport } {
  let input: DatasetFolder;
  try {
    input = readDatasetFolder(folder);
  } catch (e) {
    throw new CliError(e instanceof FolderError ? e.message : String(e));
  }
  checkPaths(input.paths);
  const loaded = loadFolder(input);
  refuseUnusable(loaded.report, folder);
  // Worth it only where the polygons dominate the heap (a quarter of a million homes and up); below
  // that, finding the points early costs more than the collections it saves.
  if ((loaded.dataset.layers.residential?.features.length ?? 0) > 250_000) reduceHomesToPoints(loaded.dataset);
  return { dataset: loaded.dataset, validation: loaded.report };
}

/**
 * School routes on a worker thread, so they are found while the main thread writes the access rows
 * (a second core). From the built command only; run from source, or without the worker file, here.
 */
function routesElsewhere(input: SchoolRoutesInput): Promise<SchoolRoutes> {
  const file = new URL('./routesWorker.mjs', import.meta.url);
  if (!import.meta.url.endsWith('.mjs') || !existsSync(file)) return Promise.resolve().then(() => schoolRoutes(input));
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: routesJob(input) });
    worker.once('message', (m: { ok: true; routes: SchoolRoutes } | { ok: false; message: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.routes);
      else reject(new CliError(`school routes failed: ${m.message}`));
    });
    worker.once('error', (e) => reject(new CliError(`school routes failed: ${e.message}`)));
  });
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommand(argv.slice(2), {
    out: { type: 'string' }, distance: { type: 'string' }, targets: { type: 'string' }, csv: { type: 'string' }, 'no-access': { type: 'boolean' },
  }, USAGE);
  const [folder, ...extra] = positionals;
  const out = text(values, 'out');
  if (!folder || !out) throw new CliError(USAGE, 2);
  if (extra.length > 0) throw new CliError(`unexpected argument ${extra[0]}\n${USAGE}`, 2);
  const distance = choice(values, 'distance', ['network', 'euclidean'] as const);
  const csv = text(values, 'csv');
  const targetFile = text(values, 'targets');

  const { dataset, validation } = load(folder, (paths) => {
    checkOutputs([{ option: '--out', path: out }, ...(csv ? [{ option: '--csv', path: csv }] : [])], [...paths, ...(targetFile ? [targetFile] : [])]);
  });
  const targets: Targets = targetFile ? readTargetsFile(targetFile) : DEFAULT_TARGETS;
  // What analyze() does, except that the access rows are written from the distance arrays rather
  // than held as a million objects first.
  const access = computeAccess(dataset, { distance, offNetworkMetres: targets.off_network_m, playgroundMinArea: targets.playground_min_area_m2 });
  const drowning = dataset.layers.water ? drowningHazards(dataset, { bands_m: targets.drowning.bands_m as [number, number, number] }) : null;
  // School routes start on their own thread now; the rest of the report and the access rows go on here.
  const { input, reason } = schoolRoutesInput(dataset, access, access.context, targets, drowning);
  const routes = input ? routesElsewhere(input) : Promise.resolve(null);
  routes.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const { report } = buildReportParts({ dataset, validation, targets, access, context: access.context, omitAccessRows: true, drowning, deferRoutes: true });
  const withRows = !values['no-access'];
  if (!withRows) (report.options as Record<string, unknown>).access_omitted = true;
  const writer = atomicWriter(out);
  try {
    writer.write(reportJsonHead(report, withRows ? access : undefined));
    withSchoolRoutes(report, { result: await routes, reason }, dataset, access, targets, validation);
    writer.write(reportJsonTail(report));
    writer.close();
  } catch (e) {
    writer.abort();
    throw e;
  }
  if (csv) writeFileAtomically(csv, accessCsv(report, access));
  const summary = report.indicators
    .filter((i) => i.id.startsWith('coverage.'))
    .map((i) => `${i.id} ${i.value === null ? 'n/a' : `${(i.value * 100).toFixed(1)}%`} (${i.status})`)
    .join('\n  ');
  process.stdout.write(`wrote ${out} (distance: ${report.options.distance})\n  ${summary}\n`);
}

run(() => main(process.argv));
