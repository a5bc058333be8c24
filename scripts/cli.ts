/**
 * What the command-line tools share: strict options (an unknown or malformed option is refused, never
 * ignored), one-line errors on stderr with exit codes, and outputs written whole or not at all.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { loadDataset } from '../src/core/loadDataset';
import { whyUnusable, type Lang } from '../src/core/messages';
import { parseTargets, type Targets } from '../src/core/targets';
import type { Dataset, LoadResult, ValidationReport } from '../src/core/types';
import type { DatasetFolder } from './readDatasetFolder';

export class CliError extends Error {
  constructor(
    message: string,
    /** 1: the input cannot be used; 2: the command line is wrong. */
    readonly code = 1,
  ) {
    super(message);
  }
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;
export type Values = Record<string, string | boolean | undefined>;

/** Node's own parser in strict mode: `--out` without a value, `--otu` or `--k 1 --k 2` are errors. */
export function parseCommand(args: readonly string[], options: OptionSpec, usage: string): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    for (const [name, v] of Object.entries(values)) if (Array.isArray(v)) throw new CliError(`--${name} given more than once`, 2);
    return { values: values as Values, positionals };
  } catch (e) {
    if (e instanceof CliError) throw e;
    const message = (e as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    throw new CliError(`${message}\n${usage}`, 2);
  }
}

export const text = (values: Values, name: string): string | undefined => values[name] as string | undefined;

/** A value out of a fixed list; anything else is a command-line error naming the choices. */
export function choice<T extends string>(values: Values, name: string, choices: readonly T[], fallback?: T): T | undefined {
  const v = text(values, name);
  if (v === undefined) return fallback;
  if (!(choices as readonly string[]).includes(v)) throw new CliError(`--${name} must be ${choices.join(' or ')}, not ${v}`, 2);
  return v as T;
}

/** A number within bounds (and whole, where a fraction means nothing). */
export function numeric(values: Values, name: string, fallback: number, bounds: { min?: number; max?: number; integer?: boolean } = {}): number {
  const v = text(values, name);
  if (v === undefined) return fallback;
  const n = v.trim() === '' ? NaN : Number(v);
  const { min = 0, max = Infinity, integer = false } = bounds;
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    const what = integer ? 'a whole number' : 'a number';
    throw new CliError(`--${name} must be ${what}${max < Infinity ? ` from ${min} to ${max}` : ` ≥ ${min}`}, not ${v}`, 2);
  }
  return n;
}

/** Runs a command, turning any failure into one line on stderr and an exit code. */
export function run(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((e: unknown) => {
      const err = e instanceof CliError ? e : new CliError(String(e instanceof Error ? e.message : e));
      process.stderr.write(`${err.message}\n`);
      process.exitCode = err.code;
    });
}

/** Loads a folder as every command does: files of any size the machine holds (the browser keeps its own limit). */
export function loadFolder(input: DatasetFolder): LoadResult {
  return loadDataset(input.files, { fallbackName: input.name, maxFileBytes: Infinity });
}

/**
 * Refuses, with exit 1, a dataset whose figures could not be trusted: nothing usable, or a residential
 * layer that was given but could not be read (every population figure would be missing).
 */
export function refuseUnusable(report: ValidationReport, folder: string, lang: Lang = 'en'): void {
  const residential = report.layers.residential;
  if (residential && (residential.failed || residential.features === 0)) {
    const why = whyUnusable({ ...report, dataset: [], layers: { residential } }, lang);
    throw new CliError(lang === 'zh'
      ? `数据集 ${folder}：居住地块图层（${residential.file}）无法使用：${why}`
      : `dataset ${folder}: the residential layer (${residential.file}) could not be used: ${why}`);
  }
  if (!report.usable) throw new CliError(lang === 'zh' ? `数据集 ${folder} 无法使用：${whyUnusable(report, lang)}` : `dataset ${folder} cannot be used: ${whyUnusable(report, lang)}`);
}

/**
 * Datasets of the same district in several years, oldest first whatever the order given: each usable,
 * each with its `year`, no year twice (exit 1 naming the folders otherwise).
 */
export function loadYears(inputs: { folder: string; input: DatasetFolder }[]): { folder: string; dataset: Dataset; report: ValidationReport }[] {
  const loaded = inputs.map(({ folder, input }) => {
    const l = loadFolder(input);
    refuseUnusable(l.report, folder);
    if (l.dataset.meta.year === null) throw new CliError(`dataset ${folder}: dataset.json gives no year; comparing years needs one per dataset`);
    return { folder, dataset: l.dataset, report: l.report };
  }).sort((a, b) => a.dataset.meta.year! - b.dataset.meta.year!);
  for (let i = 1; i < loaded.length; i++) {
    if (loaded[i]!.dataset.meta.year === loaded[i - 1]!.dataset.meta.year) throw new CliError(`datasets ${loaded[i - 1]!.folder} and ${loaded[i]!.folder} are both of ${loaded[i]!.dataset.meta.year}: give one dataset per year`);
  }
  return loaded;
}

/** The path a file would have after symlinks are resolved, whether or not it exists yet. */
export function realTarget(path: string): string {
  const full = resolve(path);
  try {
    return realpathSync(full);
  } catch {
    try {
      return join(realpathSync(dirname(full)), basename(full));
    } catch {
      return full;
    }
  }
}

/**
 * Checked before any work: the output's folder exists, the output is not a folder, and it is none
 * of the command's inputs (a report written over `residential.geojson` loses the data it came from).
 */
export function checkOutputs(outputs: { option: string; path: string }[], inputs: readonly string[]): void {
  const inputTargets = new Set(inputs.map(realTarget));
  const seen = new Map<string, string>();
  for (const { option, path } of outputs) {
    const dir = dirname(resolve(path));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`${option} ${path}: folder ${dir} does not exist`, 2);
    if (existsSync(path) && statSync(path).isDirectory()) throw new CliError(`${option} ${path} is a folder; give a file name`, 2);
    const target = realTarget(path);
    if (inputTargets.has(target)) throw new CliError(`${option} ${path} is one of the input files; refusing to overwrite it`, 2);
    const other = seen.get(target);
    if (other) throw new CliError(`${option} and ${other} name the same file ${path}`, 2);
    seen.set(target, option);
  }
}

/**
 * Each output goes in whole or not at all: written to a new, uniquely named file beside it (created
 * exclusively, so a planted `*.partial` symlink is never followed), then renamed over the old one.
 * A kill mid-write leaves the previous file in place.
 */
export function writeFileAtomically(path: string, content: string | Uint8Array | Iterable<string>): void {
  const writer = atomicWriter(path);
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) writer.writeBytes(content);
    else writer.write(content);
    writer.close();
  } catch (e) {
    writer.abort();
    throw e;
  }
}

/**
 * A file written in parts and put in place whole: to a temporary file beside it, renamed over the
 * target on `close`, removed on `abort`. Pieces are gathered in a 1 MB buffer: a large report is
 * never held as one string, and each small piece dies young (cheap for the garbage collector).
 */
export function atomicWriter(path: string): { write(pieces: Iterable<string>): void; writeBytes(content: string | Uint8Array): void; close(): void; abort(): void } {
  const temp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  const fail = (e: unknown) => {
    closeQuietly();
    rmSync(temp, { force: true });
    return new CliError(`cannot write ${path}: ${(e as Error).message}`);
  };
  let fd: number | null = null;
  const closeQuietly = () => {
    if (fd === null) return;
    try {
      closeSync(fd);
    } catch {
      // already failing: the first error is the one to report
    }
    fd = null;
  };
  try {
    fd = openSync(temp, 'wx');
  } catch (e) {
    throw fail(e);
  }
  const buffer = Buffer.allocUnsafe(1 << 20);
  return {
    write(pieces) {
      try {
        let used = 0;
        for (const piece of pieces) {
          if (used + piece.length * 3 > buffer.length) {
            writeSync(fd!, buffer, 0, used);
            used = 0;
          }
          if (piece.length * 3 > buffer.length) writeSync(fd!, piece);
          else used += buffer.write(piece, used);
        }
        writeSync(fd!, buffer, 0, used);
      } catch (e) {
        throw fail(e);
      }
    },
    writeBytes(content) {
      try {
        if (typeof content === 'string') writeSync(fd!, content);
        else writeSync(fd!, content);
      } catch (e) {
        throw fail(e);
      }
    },
    close() {
      try {
        closeSync(fd!);
        fd = null;
        renameSync(temp, path);
      } catch (e) {
        throw fail(e);
      }
    },
    abort() {
      closeQuietly();
      rmSync(temp, { force: true });
    },
  };
}

/** A plan-target file (`--targets`), read and checked; a bad one is the input's fault (exit 1), named. */
export function readTargetsFile(path: string): Targets {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError(`cannot read target file ${path}: ${(e as Error).message}`);
  }
  const parsed = parseTargets(json);
  if (!parsed.ok) throw new CliError(`target file ${path}: ${parsed.errors.join('; ')}`);
  return parsed.targets;
}
