/**
 * npm run validate -- <folder> [--lang zh|en] [--json]
 * Prints the validation report on stdout; exits 1 when the dataset cannot be used at all or its
 * residential layer was given but could not be read (the reason also on stderr, where scripts look for
 * it), 2 for a wrong command line.
 */
import { formatValidationReport, type Lang } from '../src/core/messages';
import { FolderError, readDatasetFolder } from './readDatasetFolder';
import { choice, CliError, loadFolder, parseCommand, refuseUnusable, run } from './cli';

const USAGE = 'usage: npm run validate -- <dataset-folder> [--lang zh|en] [--json]';

function main(argv: string[]): void {
  const { values, positionals } = parseCommand(argv.slice(2), { lang: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const [folder, ...extra] = positionals;
  if (!folder) throw new CliError(USAGE, 2);
  if (extra.length > 0) throw new CliError(`unexpected argument ${extra[0]}\n${USAGE}`, 2);
  const lang: Lang = choice(values, 'lang', ['zh', 'en'] as const) ?? (/^zh/i.test(process.env.LANG ?? '') ? 'zh' : 'en');
  let input;
  try {
    input = readDatasetFolder(folder);
  } catch (e) {
    throw new CliError(e instanceof FolderError ? e.message : String(e));
  }
  const { report } = loadFolder(input);
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${formatValidationReport(report, lang)}\n`);
  refuseUnusable(report, folder, lang);
}

run(() => main(process.argv));
