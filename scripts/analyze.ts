/**
 * npm run analyze -- <dataset-folder> --out <report.json> [--distance network|euclidean] [--targets <file>] [--csv <access.csv>] [--no-access]
 * Writes the report contract. Exit 0 on success (even when targets are not met); 1 with a one-line
 * reason on stderr when the dataset or the target file cannot be read; 2 for a wrong command line
 * (unknown options, an output that is an input or lies in a missing folder: all refused before any work).
 */
import { computeAccess } from '../src/core/access';
import { loadDataset } from '../src/core/loadDataset';
import { whyUnusable } from '../src/core/messages';
import { accessCsv, buildReport, reportJsonChunks } from '../src/core/report/report';
import { DEFAULT_TARGETS, type Targets } from '../src/core/targets';
import { FolderError, readDatasetFolder, type DatasetFolder } from './readDatasetFolder';
import { checkOutputs, choice, CliError, parseCommand, readTargetsFile, run, text, writeFileAtomically } from './cli';

const USAGE = 'usage: npm run analyze -- <dataset-folder> --out <report.json> [--distance network|euclidean] [--targets <file>] [--csv <access.csv>] [--no-access]';

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

  let input: DatasetFolder | null;
  try {
    input = readDatasetFolder(folder);
  } catch (e) {
    throw new CliError(e instanceof FolderError ? e.message : String(e));
  }
  checkOutputs([{ option: '--out', path: out }, ...(csv ? [{ option: '--csv', path: csv }] : [])], [...input.paths, ...(targetFile ? [targetFile] : [])]);

  const targets: Targets = targetFile ? readTargetsFile(targetFile) : DEFAULT_TARGETS;

  // The command line reads files of any size the machine holds; the browser keeps its own limit.
  const loaded = loadDataset(input.files, { fallbackName: input.name, maxFileBytes: Infinity });
  input = null; // the files' text (hundreds of MB for a prefecture city) is not needed past this point
  const residential = loaded.report.layers.residential;
  if (residential && (residential.failed || residential.features === 0)) {
    // Every population figure would be missing: that is a failure, not a report to trust.
    throw new CliError(`dataset ${folder}: the residential layer (${residential.file}) could not be used: ${whyUnusable({ ...loaded.report, dataset: [], layers: { residential } }, 'en')}`);
  }
  if (!loaded.report.usable) {
    throw new CliError(`dataset ${folder} cannot be used: ${whyUnusable(loaded.report, 'en')}`);
  }
  // What analyze() does, except that the access rows are written from the distance arrays rather
  // than held as a million objects first.
  const access = computeAccess(loaded.dataset, { distance, offNetworkMetres: targets.off_network_m, playgroundMinArea: targets.playground_min_area_m2 });
  const report = buildReport({ dataset: loaded.dataset, validation: loaded.report, targets, access, context: access.context, omitAccessRows: true });
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
