/**
 * npm run validate -- <folder> [--lang zh|en] [--json]
 * Prints the validation report; exits 1 only when the dataset cannot be used at all.
 */
import { loadDataset } from '../src/core/loadDataset';
import { formatValidationReport, type Lang } from '../src/core/messages';
import { FolderError, readDatasetFolder } from './readDatasetFolder';

function main(argv: string[]): number {
  const args = argv.slice(2);
  const folder = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--lang');
  const langArg = args[args.indexOf('--lang') + 1];
  const lang: Lang = args.includes('--lang') ? (langArg === 'zh' ? 'zh' : 'en') : /^zh/i.test(process.env.LANG ?? '') ? 'zh' : 'en';
  if (!folder) {
    process.stderr.write('usage: npm run validate -- <dataset-folder> [--lang zh|en] [--json]\n');
    return 2;
  }
  let input;
  try {
    input = readDatasetFolder(folder);
  } catch (e) {
    process.stderr.write(`${e instanceof FolderError ? e.message : String(e)}\n`);
    return 1;
  }
  const { report } = loadDataset(input.files, { fallbackName: input.name });
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${formatValidationReport(report, lang)}\n`);
  return report.usable ? 0 : 1;
}

process.exitCode = main(process.argv);
