/** The embedded Tiexi sample (data/tiexi), bundled as static files and loaded like any import. */
import type { FileSource } from '../worker/client';

const urls = import.meta.glob('../../data/tiexi/*.{geojson,json}', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

export const SAMPLE_NAME = 'tiexi';

export function sampleSources(): FileSource[] {
  return Object.entries(urls).map(([path, url]) => ({ name: path.split('/').pop()!, url }));
}

const yearUrls = import.meta.glob('../../data/tiexi-20*/*.{geojson,json}', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

/** The sample's earlier monitoring years (data/tiexi-2021, data/tiexi-2023), as file sources per year. */
export const SAMPLE_YEAR_SOURCES: { year: number; sources: FileSource[] }[] = [...new Set(Object.keys(yearUrls).map((p) => Number(/tiexi-(\d{4})\//.exec(p)![1])))]
  .sort((a, b) => a - b)
  .map((year) => ({ year, sources: Object.entries(yearUrls).filter(([p]) => p.includes(`/tiexi-${year}/`)).map(([path, url]) => ({ name: path.split('/').pop()!, url })) }));
