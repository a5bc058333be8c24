/**
 * npm run site -- <dataset-folder> --k 3 [--model mclp|lscp] [--target 0.95] [--capacitated] [--radius 300]
 *                 [--distance network|euclidean] [--time-limit 60] [--candidates layer|generated] [--spacing 200]
 *                 [--site-places 180] --out result.json
 * Without a candidates layer (any OpenStreetMap import), candidate sites are generated and the result says so.
 * npm run site -- --matrix costs.csv --demand demand.csv --k 3 [...] --out result.json
 * Chooses new kindergarten sites among the candidates (existing kindergartens stay) and writes the
 * result: chosen sites, children each adds, before/after coverage, and whether the answer is proven optimal.
 */
import { readFileSync } from 'node:fs';
import loadHighs from 'highs';
import { solveSiting, type Highs } from '../src/core/siting/kindergartenSiting';
import { DEFAULT_GENERATED } from '../src/core/siting/generatedCandidates';
import { sitingFromDataset, sitingFromMatrix, SitingInputError } from '../src/core/siting/sitingInstance';
import { DEFAULT_TARGETS } from '../src/core/targets';
import { FolderError, readDatasetFolder } from './readDatasetFolder';
import { checkOutputs, choice, CliError, loadFolder, numeric, parseCommand, refuseUnusable, run, text, writeFileAtomically } from './cli';

const USAGE = 'usage: npm run site -- <dataset-folder> --k 3 [--model mclp|lscp] [--target 0.95] [--capacitated] [--radius 300] [--distance network|euclidean] [--time-limit 60] [--candidates layer|generated] [--spacing 200] [--site-places 180] --out result.json\n       npm run site -- --matrix costs.csv --demand demand.csv --k 3 [...] --out result.json';
const STRING = { type: 'string' } as const;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommand(argv.slice(2), {
    k: STRING, model: STRING, target: STRING, capacitated: { type: 'boolean' }, radius: STRING, distance: STRING, 'time-limit': STRING,
    out: STRING, matrix: STRING, demand: STRING, candidates: STRING, spacing: STRING, 'site-places': STRING,
  }, USAGE);
  const [folder, ...extra] = positionals;
  const out = text(values, 'out');
  const matrix = text(values, 'matrix');
  const demandFile = text(values, 'demand');
  if (!out || (!folder && !matrix) || (matrix && !demandFile)) throw new CliError(USAGE, 2);
  if (extra.length > 0 || (folder && matrix)) throw new CliError(`unexpected argument ${extra[0] ?? folder}\n${USAGE}`, 2);
  const model = choice(values, 'model', ['mclp', 'lscp'] as const, 'mclp')!;
  const k = numeric(values, 'k', 1, { integer: true, max: 10_000 });
  const targetShare = numeric(values, 'target', DEFAULT_TARGETS.indicators['coverage.kindergarten']?.target ?? 1, { max: 1 });
  const radius = numeric(values, 'radius', DEFAULT_TARGETS.radii_m.kindergarten, { max: 100_000 });
  const timeLimit = numeric(values, 'time-limit', 60, { min: 1, max: 86_400 });
  const distance = choice(values, 'distance', ['network', 'euclidean'] as const);
  const which = choice(values, 'candidates', ['auto', 'layer', 'generated'] as const, 'auto')!;
  const spacing = numeric(values, 'spacing', DEFAULT_GENERATED.spacing, { min: 10, max: 10_000 });
  const places = numeric(values, 'site-places', DEFAULT_GENERATED.capacity, { integer: true, max: 100_000 });

  let instance;
  let source: Record<string, unknown>;
  try {
    if (matrix) {
      checkOutputs([{ option: '--out', path: out }], [matrix, demandFile!]);
      instance = sitingFromMatrix(readFileSync(matrix, 'utf8'), readFileSync(demandFile!, 'utf8'), radius);
      source = { matrix, demand: demandFile };
    } else {
      const input = readDatasetFolder(folder!);
      checkOutputs([{ option: '--out', path: out }], input.paths);
      const loaded = loadFolder(input);
      refuseUnusable(loaded.report, folder!);
      const inst = sitingFromDataset(loaded.dataset, {
        radius, distance, offNetworkMetres: DEFAULT_TARGETS.off_network_m,
        candidates: which, generated: { spacing, capacity: places, nearHomesMetres: radius },
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
  const result = solveSiting(instance, { model, k, targetShare, capacitated: values.capacitated === true, timeLimitSeconds: timeLimit }, highs);
  // Only the chosen generated sites are worth writing down; the rest were just possibilities.
  const chosenIds = new Set(result.chosen.map((c) => String(c.id)));
  if (Array.isArray(source.generated_sites)) source.generated_sites = (source.generated_sites as { id: unknown }[]).filter((f) => chosenIds.has(String(f.id)));
  writeFileAtomically(out, `${JSON.stringify({ ...source, radius_m: radius, k: model === 'mclp' ? k : null, target_share: model === 'lscp' ? targetShare : null, demand_groups: instance.groups.length, ...result }, null, 2)}\n`);
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  process.stdout.write(`wrote ${out}: ${result.chosen.map((c) => `${c.id} (+${Math.round(c.adds)})`).join(', ') || 'no site'}; children 3–5 within ${radius} m ${pct(result.before.share)} → ${pct(result.after.share)}; ${result.solver.optimal ? 'proven optimal' : result.note}\n`);
}

run(() => main(process.argv));
