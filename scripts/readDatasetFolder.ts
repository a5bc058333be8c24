/**
 * Reads a dataset folder from disk into the loader's input: every *.geojson / *.json file in it. A
 * dataset zip (as the app exports it) is read the same way. An entry that cannot be read (a folder
 * named `x.geojson`, a dangling link, no permission) comes through as an unreadable file, so the
 * report names it and the other layers still load.
 */
import { isAscii } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { InputFile } from '../src/core/types';
import { readZip } from '../src/core/import/shapefile';

export class FolderError extends Error {}

export interface DatasetFolder {
  name: string;
  files: InputFile[];
  /** Every path read (or the zip), so a command can refuse to write over its own input. */
  paths: string[];
}

/** UTF-8 text. Most GeoJSON is pure ASCII, taken byte for byte: half the time of decoding a 300 MB file. */
function readText(path: string): string {
  const bytes = readFileSync(path);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function readEntry(path: string, name: string): InputFile {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { name, text: '', unreadable: 'it is a folder, not a file' };
    if (!stat.isFile()) return { name, text: '', unreadable: 'it is not a regular file' };
    return { name, text: readText(path), bytes: stat.size };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'it is a link to a file that does not exist' : code === 'EACCES' ? 'no permission to read it' : (e as Error).message;
    return { name, text: '', unreadable: reason };
  }
}

export function readDatasetFolder(folder: string): DatasetFolder {
  const path = resolve(folder);
  if (/\.zip$/i.test(path) && existsSync(path) && statSync(path).isFile()) {
    const zip = readZip(basename(path), new Uint8Array(readFileSync(path)));
    if (zip.kind === 'error') throw new FolderError(zip.detail);
    if (zip.kind === 'shapefile') throw new FolderError(`${folder} holds Shapefiles: import them first (npm run import -- shapefile ${folder} …)`);
    const files: InputFile[] = zip.files.map((f) => ({ name: f.name, text: new TextDecoder().decode(f.bytes), bytes: f.bytes.byteLength }));
    // Entries too large to unpack are named in the report like any other unreadable file.
    for (const s of zip.skipped) files.push({ name: basename(String(s.params.entry)), text: '', unreadable: `unpacks to about ${s.params.sizeMB} MB, above the ${s.params.limitMB} MB limit${s.params.why === 'total' ? ' for the whole zip' : ''}; not unpacked` });
    return { name: basename(path, '.zip'), files, paths: [path] };
  }
  let entries: string[];
  try {
    if (!statSync(path).isDirectory()) throw new FolderError(`${folder} is not a folder`);
    entries = readdirSync(path);
  } catch (e) {
    if (e instanceof FolderError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new FolderError(`cannot read folder ${folder}: ${code === 'ENOENT' ? 'it does not exist' : (e as Error).message}`);
  }
  const names = entries.filter((f) => /\.(geo)?json$/i.test(f)).sort();
  return { name: basename(path), files: names.map((f) => readEntry(join(path, f), f)), paths: names.map((f) => join(path, f)) };
}
