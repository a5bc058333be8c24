/**
 * npm run site -- <dataset-folder> --k 3 [--model mclp|lscp] [--target 0.95] [--capacitated] [--radius 300]
 *                 [--distance network|euclidean] [--time-limit 60] [--candidates layer|generated] [--spacing 200]
 *                 [--site-places 180] --out result.json
 * Without a candidates layer (any OpenStreetMap import), candidate sites are generated and the result says so.
 * npm run site -- --matrix costs.csv --demand demand.csv --k 3 [...] --out result.json
 * Chooses new kindergarten sites among the candidates (existing kindergartens stay) and writes the
 * result: chosen sites, children each adds, before/after coverage, and whether the answer is proven optimal.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import loadHighs from 'highs';
import { solveSiting, type Highs, type SitingOptions } from '../src/core/siting/kindergartenSiting';
import { loadDataset } from '../src/core/loadDataset';
import { DEFAULT_GENERATED } from '../src/core/siting/generatedCandidates';
import { sitingFromDataset, sitingFromMatrix, SitingInputError } from '../src/core/siting/sitingInstance';
import { DEFAULT_TARGETS } from '../src/core/targets';
import { FolderError, readDatasetFolder } from './readDatasetFolder';
import { CliError, option, positional, run } from './cli';


const VALUED = new Set(['--k', '--model', '--target', '--radius', '--distance', '--time-limit', '--out', '--matrix', '--demand', '--candidates', '--spacing', '--site-places']);

async function main(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  const usage = 'usage: npm run site -- <dataset-folder> --k 3 [--model mclp|lscp] [--target 0.95] [--capacitated] [--radius 300] [--candidates layer|generated] [--spacing 200] [--site-places 180] --out result.json\n       npm run site -- --matrix costs.csv --demand demand.csv --k 3 [...] --out result.json';
  const folder = positional(args, VALUED);
  const out = option(args, '--out');
  const matrix = option(args, '--matrix');
  const demandFile = option(args, '--demand');
  if (!out || (!folder && !matrix) || (matrix && !demandFile)) throw new CliError(usage, 2);
  const model = (option(args, '--model') ?? 'mclp') as SitingOptions['model'];
  if (model !== 'mclp' && model !== 'lscp') throw new CliError(`--model must be mclp or lscp, not ${model}`, 2);
  const k = Number(option(args, '--k') ?? 1);
  const targetShare = Number(option(args, '--target') ?? DEFAULT_TARGETS.indicators['coverage.kindergarten']?.target ?? 1);
  const radius = Number(option(args, '--radius') ?? DEFAULT_TARGETS.radii_m.kindergarten);
  const timeLimit = Number(option(args, '--time-limit') ?? 60);
  for (const [name, v] of [['--k', k], ['--radius', radius], ['--time-limit', timeLimit]] as const) if (!Number.isFinite(v) || v < 0) throw new CliError(`${name} must be a number ≥ 0`, 2);
  if (!(targetShare >= 0 && targetShare <= 1)) throw new CliError('--target must be a share between 0 and 1', 2);
  const distance = option(args, '--distance') as 'network' | 'euclidean' | undefined;

  let instance;
  let source: Record<string, unknown>;
  try {
    if (matrix) {
      instance = sitingFromMatrix(readFileSync(matrix, 'utf8'), readFileSync(demandFile!, 'utf8'), radius);
      source = { matrix, demand: demandFile };
    } else {
      const input = readDatasetFolder(folder!);
      const loaded = loadDataset(input.files, { fallbackName: input.name });
      if (!loaded.report.usable) throw new CliError(`dataset ${folder} cannot be used`);
      const which = option(args, '--candidates') ?? 'auto';
      if (!['auto', 'layer', 'generated'].includes(which)) throw new CliError(`--candidates must be layer or generated, not ${which}`, 2);
      const spacing = Number(option(args, '--spacing') ?? DEFAULT_GENERATED.spacing);
      const places = Number(option(args, '--site-places') ?? DEFAULT_GENERATED.capacity);
      if (!(spacing >= 10) || !(places >= 0)) throw new CliError('--spacing must be ≥ 10 metres and --site-places ≥ 0', 2);
      const inst = sitingFromDataset(loaded.dataset, {
        radius, distance, offNetworkMetres: DEFAULT_TARGETS.off_network_m,
        candidates: which as 'auto', generated: { spacing, capacity: places, nearHomesMetres: radius },
      });
      if (inst.candidateNote) process.stderr.write(`note: ${inst.candidateNote}\n`);
      instance = inst;
      source = {
        dataset: loaded.dataset.meta.name, distance: inst.distance, candidates: inst.candidateSource, candidate_note: inst.candidateNote,
        // A generated site has no feature in the dataset: the chosen ones are written with where they stand.
        ...(inst.candidateSource === 'generated' ? { generated_sites: inst.generated } : {}),
      };
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (e instanceof SitingInputError || e instanceof FolderError) throw new CliError(e.message);
    throw new CliError(`cannot read the input: ${(e as Error).message}`);
  }
  const highs = (await loadHighs()) as unknown as Highs;
  const result = solveSiting(instance, { model, k, targetShare, capacitated: args.includes('--capacitated'), timeLimitSeconds: timeLimit }, highs);
  // Only the chosen generated sites are worth writing down; the rest were just possibilities.
  const chosenIds = new Set(result.chosen.map((c) => String(c.id)));
  if (Array.isArray(source.generated_sites)) source.generated_sites = (source.generated_sites as { id: unknown }[]).filter((f) => chosenIds.has(String(f.id)));
  writeFileSync(out, `${JSON.stringify({ ...source, radius_m: radius, k: model === 'mclp' ? k : null, target_share: model === 'lscp' ? targetShare : null, demand_groups: instance.groups.length, ...result }, null, 2)}\n`);
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  process.stdout.write(`wrote ${out}: ${result.chosen.map((c) => `${c.id} (+${Math.round(c.adds)})`).join(', ') || 'no site'}; children 3–5 within ${radius} m ${pct(result.before.share)} → ${pct(result.after.share)}; ${result.solver.optimal ? 'proven optimal' : result.note}\n`);
}

run(() => main(process.argv));
