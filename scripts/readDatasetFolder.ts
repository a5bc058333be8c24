/**
 * Reads a dataset folder from disk into the loader's input: every *.geojson / *.json file in it. A
 * dataset zip (as the app exports it) is read the same way.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { InputFile } from '../src/core/types';
import { readZip } from '../src/core/import/shapefile';

export class FolderError extends Error {}

export function readDatasetFolder(folder: string): { name: string; files: InputFile[] } {
  const path = resolve(folder);
  if (/\.zip$/i.test(path) && existsSync(path) && statSync(path).isFile()) {
    const zip = readZip(basename(path), new Uint8Array(readFileSync(path)));
    if (zip.kind === 'error') throw new FolderError(zip.detail);
    if (zip.kind === 'shapefile') throw new FolderError(`${folder} holds Shapefiles: import them first (npm run import -- shapefile ${folder} …)`);
    return { name: basename(path, '.zip'), files: zip.files.map((f) => ({ name: f.name, text: new TextDecoder().decode(f.bytes), bytes: f.bytes.byteLength })) };
  }
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
