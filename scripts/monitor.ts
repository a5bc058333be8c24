/**
 * npm run monitor -- <folder-or-zip> [more years…] --out monitor.json [--csv trends.csv] [--targets <file>] [--distance network|euclidean]
 * The monitoring database the plan asks for (《规划》三(三), 四): one dataset per year of the same
 * district, each analysed as `npm run analyze` does; then every indicator's trend to 2030 with its
 * status, the early warnings worst first, the same per community, and what changed between
 * any two years. Shape: docs/monitoring.md. Exit 1 when a dataset cannot be used or gives no
 * year (or two give the same), 2 for a wrong command line.
 */
import { computeAccess } from '../src/core/access';
import { yearChanges, type YearState } from '../src/core/monitoring/changes';
import { monitoringReport, monitoringCsv, type YearReport } from '../src/core/monitoring/monitor';
import { buildReportParts } from '../src/core/report/report';
import { DEFAULT_TARGETS, type Targets } from '../src/core/targets';
import { checkOutputs, choice, CliError, loadFolder, parseCommand, readTargetsFile, refuseUnusable, run, text, writeFileAtomically } from './cli';
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

  const years: YearReport[] = [];
  const states: YearState[] = [];
  const changes = [];
  const inputs = positionals.map((folder) => {
    try {
      return { folder, input: readDatasetFolder(folder) };
    } catch (e) {
      throw new CliError(e instanceof FolderError ? e.message : String(e));
    }
  });
  checkOutputs([{ option: '--out', path: out }, ...(csv ? [{ option: '--csv', path: csv }] : [])], [...inputs.flatMap((i) => i.input.paths), ...(targetFile ? [targetFile] : [])]);
  // Oldest first, whatever the order given.
  const loaded = inputs.map(({ folder, input }) => {
    const l = loadFolder(input);
    refuseUnusable(l.report, folder);
    if (l.dataset.meta.year === null) throw new CliError(`dataset ${folder}: dataset.json gives no year; monitoring needs one per dataset`);
    return { folder, ...l };
  }).sort((a, b) => a.dataset.meta.year! - b.dataset.meta.year!);
  for (let i = 1; i < loaded.length; i++) {
    if (loaded[i]!.dataset.meta.year === loaded[i - 1]!.dataset.meta.year) throw new CliError(`datasets ${loaded[i - 1]!.folder} and ${loaded[i]!.folder} are both of ${loaded[i]!.dataset.meta.year}: give one dataset per year`);
  }
  for (const { dataset, report: validation } of loaded) {
    const access = computeAccess(dataset, { distance, offNetworkMetres: targets.off_network_m, playgroundMinArea: targets.playground_min_area_m2 });
    const parts = buildReportParts({ dataset, validation, targets, access, context: access.context, omitAccessRows: true });
    years.push({ year: dataset.meta.year!, dataset: dataset.meta.name, report: parts.report });
    const state: YearState = { year: dataset.meta.year!, dataset, access, radii: targets.radii_m, drowning: parts.drowning };
    // Every earlier year against this one: any two years can be compared.
    for (const earlier of states) changes.push(yearChanges(earlier, state));
    states.push(state);
  }
  const monitor = monitoringReport(years, changes, targets);
  writeFileAtomically(out, `${JSON.stringify(monitor, null, 2)}\n`);
  if (csv) writeFileAtomically(csv, monitoringCsv(monitor));
  const lines = monitor.indicators.map((t) => `${t.id} ${t.status}${t.projected_2030 === null ? '' : ` (2030: ${t.projected_2030})`}`);
  process.stdout.write(`wrote ${out}: ${years.length} years (${years.map((y) => y.year).join(', ')}), ${monitor.warnings.length} warnings\n  ${lines.join('\n  ')}\n`);
}

run(() => main(process.argv));
