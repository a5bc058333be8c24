/**
 * npm run analyze -- <dataset-folder> --out <report.json> [--distance network|euclidean] [--targets <file>] [--csv <access.csv>] [--no-access]
 * Writes the report contract. Exit 0 on success (even when targets are not met); 1 with a one-line
 * reason on stderr when the dataset or the target file cannot be read; 2 for a wrong command line
 * (unknown options, an output that is an input or lies in a missing folder: all refused before any work).
 */
import { computeAccess } from '../src/core/access';
import { reduceHomesToPoints } from '../src/core/homes';
import { accessCsv, buildReport, reportJsonChunks } from '../src/core/report/report';
import { DEFAULT_TARGETS, type Targets } from '../src/core/targets';
import type { Dataset, ValidationReport } from '../src/core/types';
import { FolderError, readDatasetFolder, type DatasetFolder } from './readDatasetFolder';
import { checkOutputs, choice, CliError, loadFolder, parseCommand, readTargetsFile, refuseUnusable, run, text, writeFileAtomically } from './cli';

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

function main(argv: string[]): void {
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
  const report = buildReport({ dataset, validation, targets, access, context: access.context, omitAccessRows: true });
  const withRows = !values['no-access'];
  if (!withRows) (report.options as Record<string, unknown>).access_omitted = true;
  writeFileAtomically(out, reportJsonChunks(report, withRows ? access : undefined));
  if (csv) writeFileAtomically(csv, accessCsv(report, access));
  const summary = report.indicators
    .filter((i) => i.id.startsWith('coverage.'))
    .map((i) => `${i.id} ${i.value === null ? 'n/a' : `${(i.value * 100).toFixed(1)}%`} (${i.status})`)
    .join('\n  ');
  process.stdout.write(`wrote ${out} (distance: ${report.options.distance})\n  ${summary}\n`);
}

run(() => main(process.argv));
