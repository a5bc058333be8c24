/**
 * npm run report -- <dataset-folder> [other years…] --format docx|xlsx|html --out <file> [--lang zh|en] [--distance network|euclidean] [--targets <file>] [--date 2026-12-01]
 * Writes the monitoring and evaluation report (监测评估报告) made from the dataset: the same document
 * the app prints and exports. Given the district's other years too, it gains the trend section
 * (to 2030, with early warnings), as the annual monitoring and the 2025 / 2030 evaluation ask. Exit 1 with the reason on stderr when the dataset cannot be used; 2 for a
 * wrong command line.
 */
import { computeAccess } from '../src/core/access';
import { monitorYears } from '../src/core/monitoring/monitor';
import { buildReportParts } from '../src/core/report/report';
import { evaluationDocx } from '../src/core/report/evaluation/docx';
import { evaluationHtml } from '../src/core/report/evaluation/html';
import { buildEvaluation } from '../src/core/report/evaluation/model';
import { evaluationXlsx } from '../src/core/report/evaluation/xlsx';
import { DEFAULT_TARGETS, type Targets } from '../src/core/targets';
import { checkOutputs, choice, CliError, loadFolder, loadYears, parseCommand, readTargetsFile, refuseUnusable, run, text, writeFileAtomically } from './cli';
import { rasterizeSvg } from './rasterize';
import { FolderError, readDatasetFolder } from './readDatasetFolder';

const USAGE = 'usage: npm run report -- <dataset-folder> [other years…] --format docx|xlsx|html --out <file> [--lang zh|en] [--distance network|euclidean] [--targets <file>] [--date yyyy-mm-dd]';
const STRING = { type: 'string' } as const;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommand(argv.slice(2), { format: STRING, out: STRING, lang: STRING, distance: STRING, targets: STRING, date: STRING }, USAGE);
  // Further folders are other years of the same district: the report gains its trend section.
  const [folder, ...otherYears] = positionals;
  const out = text(values, 'out');
  const format = choice(values, 'format', ['docx', 'xlsx', 'html'] as const);
  if (!folder || !out || !format) throw new CliError(USAGE, 2);
  const lang = choice(values, 'lang', ['zh', 'en'] as const, 'zh')!;
  const distance = choice(values, 'distance', ['network', 'euclidean'] as const);
  const date = text(values, 'date') ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new CliError(`--date must be yyyy-mm-dd, not ${date}`, 2);
  const targetFile = text(values, 'targets');

  const read = (f: string) => {
    try {
      return { folder: f, input: readDatasetFolder(f) };
    } catch (e) {
      throw new CliError(e instanceof FolderError ? e.message : String(e));
    }
  };
  const inputs = [folder, ...otherYears].map(read);
  checkOutputs([{ option: '--out', path: out }], [...inputs.flatMap((i) => i.input.paths), ...(targetFile ? [targetFile] : [])]);
  const targets: Targets = targetFile ? readTargetsFile(targetFile) : DEFAULT_TARGETS;
  const loaded = loadFolder(inputs[0]!.input);
  refuseUnusable(loaded.report, folder);
  const years = otherYears.length > 0 ? loadYears(inputs) : [];
  const monitoring = years.length > 1 ? monitorYears(years.map((y) => ({ year: y.dataset.meta.year!, label: y.dataset.meta.name, dataset: y.dataset, report: y.report })), targets, distance) : null;
  const access = computeAccess(loaded.dataset, { distance, offNetworkMetres: targets.off_network_m, playgroundMinArea: targets.playground_min_area_m2 });
  const parts = buildReportParts({ dataset: loaded.dataset, validation: loaded.report, targets, access, context: access.context });
  const evaluation = buildEvaluation({ dataset: loaded.dataset, parts, access, targets, lang, date, monitoring });
  const content = format === 'html' ? evaluationHtml(evaluation)
    : format === 'docx' ? await evaluationDocx(evaluation, (svg, width) => rasterizeSvg(svg, width))
    : await evaluationXlsx(evaluation, parts.report);
  writeFileAtomically(out, content);
  const met = evaluation.scorecard.filter((r) => r.status === 'met').length;
  process.stdout.write(`wrote ${out}: ${evaluation.scorecard.length} indicators (${met} met), ${evaluation.sections.length} sections, ${evaluation.communities.rows.length} communities, ${evaluation.inspection.rows.length} water hazards\n`);
}

run(() => main(process.argv));
