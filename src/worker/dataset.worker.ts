/**
 * The one thread boundary. This file holds no logic: it reads files (with progress) and hands them
 * to src/core. Heavy parsing and validation never run on the UI thread.
 */
import * as Comlink from 'comlink';
import { DEFAULT_MAX_FILE_BYTES, loadDataset } from '../core/loadDataset';
import type { InputFile, LoadResult } from '../core/types';
import type { LayerName } from '../core/layers';

/** A file to load: a Blob picked or dropped by the user, or a URL of the embedded sample. */
export interface FileSource {
  name: string;
  blob?: Blob;
  url?: string;
  layer?: LayerName | 'dataset';
}

export type Progress = (stage: 'reading' | 'validating', done: number, file: string) => void;

async function readText(source: FileSource, onBytes: (bytes: number) => void): Promise<string> {
  const blob = source.blob ?? (await (await fetch(source.url!)).blob());
  const reader = blob.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(decoder.decode(value, { stream: true }));
    onBytes(value.byteLength);
  }
  parts.push(decoder.decode());
  return parts.join('');
}

const api = {
  async load(sources: FileSource[], fallbackName: string, onProgress: Progress, maxFileBytes = DEFAULT_MAX_FILE_BYTES): Promise<LoadResult> {
    const total = sources.reduce((s, f) => s + (f.blob?.size ?? 0), 0) || 1;
    let read = 0;
    const files: InputFile[] = [];
    for (const source of sources) {
      const size = source.blob?.size;
      if (size !== undefined && size > maxFileBytes) {
        files.push({ name: source.name, text: '', bytes: size, layer: source.layer });
        continue;
      }
      onProgress('reading', read / total, source.name);
      const text = await readText(source, (bytes) => {
        read += bytes;
        onProgress('reading', Math.min(1, read / total), source.name);
      });
      files.push({ name: source.name, text, bytes: size, layer: source.layer });
    }
    return loadDataset(files, { fallbackName, maxFileBytes, onProgress: (done, file) => onProgress('validating', done, file) });
  },
};

export type DatasetWorkerApi = typeof api;
Comlink.expose(api);
