/** The embedded Tiexi sample (data/tiexi), bundled as static files and loaded like any import. */
import type { FileSource } from '../worker/client';

const urls = import.meta.glob('../../data/tiexi/*.{geojson,json}', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

export const SAMPLE_NAME = 'tiexi';

export function sampleSources(): FileSource[] {
  return Object.entries(urls).map(([path, url]) => ({ name: path.split('/').pop()!, url }));
}
