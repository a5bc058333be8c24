/**
 * Whole commands timed as a user times them: each run a fresh process (the command line of `npm run
 * <tool>` from package.json, without npm's own start-up), wall time and peak memory (GNU time's maximum resident set
 * size, when /usr/bin/time is there). Synthetic cities are made once per generator version and kept
 * in the temporary folder, since a million homes take a while to write.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '..');

export interface CommandTiming {
  /** Wall seconds of each run, in order. */
  seconds: number[];
  /** Peak resident memory of each run in GB (null without GNU time). */
  peakGB: (number | null)[];
  median: number;
  exitCode: number;
}

const hasGnuTime = existsSync('/usr/bin/time');

/** Runs `command args…` `runs` times as fresh processes. */
export function timeCommand(command: string, args: string[], runs: number): CommandTiming {
  const seconds: number[] = [];
  const peakGB: (number | null)[] = [];
  let exitCode = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = hasGnuTime
      ? spawnSync('/usr/bin/time', ['-f', '__peak_kb %M', command, ...args], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 26 })
      : spawnSync(command, args, { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 26 });
    seconds.push((performance.now() - t) / 1000);
    const kb = /__peak_kb (\d+)/.exec(r.stderr ?? '')?.[1];
    peakGB.push(kb ? Number(kb) / 1048576 : null);
    exitCode = r.status ?? 1;
    if (exitCode !== 0 && exitCode !== 2) throw new Error(`${command} ${args.join(' ')} failed (${exitCode}): ${(r.stderr ?? '').slice(0, 400)}`);
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  return { seconds, peakGB, median: sorted[Math.floor(sorted.length / 2)]!, exitCode };
}

/** A tool run the way `npm run <tool>` runs it: the script's own command line from package.json, Node's flags included. */
export function tool(name: string, args: string[], runs: number): CommandTiming {
  const script = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[name];
  const [node, ...words] = (script ?? '').split(/\s+/);
  if (node !== 'node') throw new Error(`npm run ${name} is not a node command line: ${script}`);
  return timeCommand(process.execPath, [...words, ...args], runs);
}

/** The folder of a seeded synthetic city of `homes` homes, made if missing. */
export function syntheticCity(homes: number, seed = 1): string {
  const generator = createHash('sha1').update(readFileSync(join(REPO, 'scripts', 'make-synthetic-city.ts'))).digest('hex').slice(0, 8);
  const folder = join(tmpdir(), 'cfc-bench-cities', `city-${homes}-seed${seed}-${generator}`);
  if (!existsSync(join(folder, 'dataset.json'))) {
    process.stdout.write(`making a synthetic city of ${homes.toLocaleString('en')} homes in ${folder}\n`);
    execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts', 'make-synthetic-city.ts'), '--homes', String(homes), '--seed', String(seed), '--out', folder], { cwd: REPO, stdio: 'inherit' });
  }
  return folder;
}

/** Feature counts of a city's layers, for the table. */
export function featureCount(folder: string, layer: string): number {
  const path = join(folder, `${layer}.geojson`);
  if (!existsSync(path)) return 0;
  // One feature per line in the generator's output; counting lines avoids parsing 300 MB.
  const text = readFileSync(path, 'latin1');
  let n = 0;
  for (let i = text.indexOf('{"type":"Feature"'); i >= 0; i = text.indexOf('{"type":"Feature"', i + 1)) n++;
  return n;
}
