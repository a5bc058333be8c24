/**
 * npm run monitor -- <folder-or-zip> [more years…] --out monitor.json [--csv trends.csv] [--targets <file>] [--distance network|euclidean]
 * The monitoring database the plan asks for (《规划》三(三), 四): one dataset per year of the same
 * district, each analysed as `npm run analyze` does; then every indicator's trend to 2030 with its
 * status, the early warnings worst first, the same per community, and what changed between
 * any two years. Shape: docs/monitoring.md. Exit 1 when a dataset cannot be used or gives no
 * year (or two give the same), 2 for a wrong command line.
 */
import { monitoringCsv, monitorYears } from '../src/core/monitoring/monitor';
import { DEFAULT_TARGETS, type Targets } from '../src/core/targets';
import { checkOutputs, choice, CliError, loadYears, parseCommand, readTargetsFile, run, text, writeFileAtomically } from './cli';
import { FolderError, readDatasetFolder } from './readDatasetFolder';

const USAGE = 'usage: npm run monitor -- <folder-or-zip> [more years…] --out monitor.json [--csv trends.csv] [--targets <file>] [--distance network|euclidean]';

function main(argv: string[]): void {
  const { values, positionals } = parseCommand(argv.slice(2), { out: { type: 'string' }, csv: { type: 'string' }, targets: { type: 'string' }, distance: { type: 'string' } }, USAGE);
  const out = text(values, 'out');
  if (positionals.length === 0 || !out) throw new CliError(USAGE, 2);
  const csv = text(values, 'csv');
  const targetFile = text(values, 'targets');
  const distance = choice(values, 'distance', ['network', 'euclidean'] as const);
  const targets: Targets = targetFile ? readTargetsFile(targetFile) : DEFAULT_TARGETS;

  const inputs = positionals.map((folder) => {
    try {
      return { folder, input: readDatasetFolder(folder) };
    } catch (e) {
      throw new CliError(e instanceof FolderError ? e.message : String(e));
    }
  });
  checkOutputs([{ option: '--out', path: out }, ...(csv ? [{ option: '--csv', path: csv }] : [])], [...inputs.flatMap((i) => i.input.paths), ...(targetFile ? [targetFile] : [])]);
  const loaded = loadYears(inputs);
  const monitor = monitorYears(loaded.map((l) => ({ year: l.dataset.meta.year!, label: l.dataset.meta.name, dataset: l.dataset, report: l.report })), targets, distance);
  writeFileAtomically(out, `${JSON.stringify(monitor, null, 2)}\n`);
  if (csv) writeFileAtomically(csv, monitoringCsv(monitor));
  const lines = monitor.indicators.map((t) => `${t.id} ${t.status}${t.projected_2030 === null ? '' : ` (2030: ${t.projected_2030})`}`);
  process.stdout.write(`wrote ${out}: ${monitor.years.length} years (${monitor.years.map((y) => y.year).join(', ')}), ${monitor.warnings.length} warnings\n  ${lines.join('\n  ')}\n`);
}

run(() => main(process.argv));
