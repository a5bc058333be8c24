/** Reads a dataset folder from disk into the loader's input: every *.geojson / *.json file in it. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { InputFile } from '../src/core/types';

export class FolderError extends Error {}

export function readDatasetFolder(folder: string): { name: string; files: InputFile[] } {
  const path = resolve(folder);
  let entries: string[];
  try {
    if (!statSync(path).isDirectory()) throw new FolderError(`${folder} is not a folder`);
    entries = readdirSync(path);
  } catch (e) {
    if (e instanceof FolderError) throw e;
    throw new FolderError(`cannot read folder ${folder}: ${(e as Error).message}`);
  }
  const files = entries
    .filter((f) => /\.(geo)?json$/i.test(f))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(path, f), 'utf8') }));
  return { name: basename(path), files };
}
