/**
 * npm run analyze -- <dataset-folder> --out <report.json> [--distance network|euclidean] [--targets <file>] [--csv <access.csv>]
 * Writes the report contract. Exit 0 on success (even when targets are not met); 1 with a one-line
 * reason on stderr when the dataset or the target file cannot be read; 2 for a wrong command line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { analyze } from '../src/core/analyze';
import { loadDataset } from '../src/core/loadDataset';
import { formatIssue } from '../src/core/messages';
import { accessCsv } from '../src/core/report/report';
import { parseTargets, type Targets } from '../src/core/targets';
import { FolderError, readDatasetFolder } from './readDatasetFolder';
import { CliError, option, positional, run } from './cli';


function main(argv: string[]): void {
  const args = argv.slice(2);
  const valued = new Set(['--out', '--distance', '--targets', '--csv']);
  const folder = positional(args, valued);
  const out = option(args, '--out');
  if (!folder || !out) throw new CliError('usage: npm run analyze -- <dataset-folder> --out <report.json> [--distance network|euclidean] [--targets <file>] [--csv <access.csv>]', 2);
  const distance = option(args, '--distance');
  if (distance !== undefined && distance !== 'network' && distance !== 'euclidean') throw new CliError(`--distance must be network or euclidean, not ${distance}`, 2);

  let targets: Targets | undefined;
  const targetFile = option(args, '--targets');
  if (targetFile) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(targetFile, 'utf8'));
    } catch (e) {
      throw new CliError(`cannot read target file ${targetFile}: ${(e as Error).message}`);
    }
    const parsed = parseTargets(json);
    if (!parsed.ok) throw new CliError(`target file ${targetFile}: ${parsed.errors.join('; ')}`);
    targets = parsed.targets;
  }

  let input;
  try {
    input = readDatasetFolder(folder);
  } catch (e) {
    throw new CliError(e instanceof FolderError ? e.message : String(e));
  }
  const loaded = loadDataset(input.files, { fallbackName: input.name });
  if (!loaded.report.usable) {
    const fatal = loaded.report.dataset.find((i) => i.severity === 'error');
    throw new CliError(`dataset ${folder} cannot be used: ${fatal ? formatIssue(fatal, 'en') : 'no feature could be loaded'}`);
  }
  const report = analyze(loaded, { distance: distance as 'network' | 'euclidean' | undefined, targets });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  const csv = option(args, '--csv');
  if (csv) writeFileSync(csv, accessCsv(report));
  const summary = report.indicators
    .filter((i) => i.id.startsWith('coverage.'))
    .map((i) => `${i.id} ${i.value === null ? 'n/a' : `${(i.value * 100).toFixed(1)}%`} (${i.status})`)
    .join('\n  ');
  process.stdout.write(`wrote ${out} (distance: ${report.options.distance})\n  ${summary}\n`);
}

run(() => main(process.argv));
