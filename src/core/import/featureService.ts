/**
 * One layer from a map service the office already runs: an OGC API – Features collection
 * (`…/collections/{id}` or `…/items`) or a WFS GetFeature URL. Pages are followed (`next` links;
 * WFS `startIndex`) until the service has nothing more. Every way it can fail becomes an issue the
 * planner can act on; nothing is returned half-read.
 */
import { resolveCrs } from '../crs';
import type { Issue } from '../types';
import { attributeNames, convertGeometry, type RawLayer } from './rawLayer';
import type { Feature, Geometry } from 'geojson';

export interface FeatureServiceOptions {
  /** Features asked for per page. */
  pageSize?: number;
  /** A stop for services that page forever. */
  maxFeatures?: number;
  fetch?: typeof fetch;
  onPage?: (pages: number, features: number) => void;
  signal?: AbortSignal;
}

export type ServiceKind = 'ogc-api' | 'wfs';

export type FeatureServiceResult = { ok: true; layer: RawLayer } | { ok: false; issue: Issue };

/** The first request: which kind of service the URL is, and the URL asking for GeoJSON pages. */
export function firstPageUrl(input: string, pageSize: number): { kind: ServiceKind; url: URL } | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const params = new Map([...url.searchParams.keys()].map((k) => [k.toLowerCase(), k]));
  const param = (name: string) => url.searchParams.get(params.get(name) ?? name);
  if (param('service')?.toUpperCase() === 'WFS' || /\/wfs\/?$/i.test(url.pathname)) {
    if (!params.has('service')) url.searchParams.set('service', 'WFS');
    if (!params.has('request')) url.searchParams.set('request', 'GetFeature');
    if (!params.has('version')) url.searchParams.set('version', '2.0.0');
    if (!params.has('outputformat')) url.searchParams.set('outputFormat', 'application/json');
    const v1 = (param('version') ?? '').startsWith('1.');
    const countKey = v1 ? 'maxFeatures' : 'count';
    if (!params.has(countKey.toLowerCase())) url.searchParams.set(countKey, String(pageSize));
    if (!params.has('startindex')) url.searchParams.set('startIndex', '0');
    return { kind: 'wfs', url };
  }
  if (/\/collections\/[^/]+\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/$/, '')}/items`;
  if (!/\/items\/?$/.test(url.pathname)) return null;
  if (!params.has('limit')) url.searchParams.set('limit', String(pageSize));
  return { kind: 'ogc-api', url };
}

interface Page {
  type?: unknown;
  features?: unknown;
  links?: { rel?: string; href?: string; type?: string }[];
  numberMatched?: number;
  totalFeatures?: number;
  crs?: { properties?: { name?: unknown } };
}

/** The text of a WFS/OWS exception report, so the planner reads the service's own words. */
function exceptionText(body: string): string | null {
  const m = /<(?:\w+:)?ExceptionText>([\s\S]*?)<\/(?:\w+:)?ExceptionText>/.exec(body) ?? /<ServiceException[^>]*>([\s\S]*?)<\/ServiceException>/.exec(body);
  return m ? m[1]!.trim().replace(/\s+/g, ' ').slice(0, 300) : null;
}

export async function fetchFeatureService(input: string, options: FeatureServiceOptions = {}): Promise<FeatureServiceResult> {
  const pageSize = options.pageSize ?? 1000;
  const maxFeatures = options.maxFeatures ?? 1_000_000;
  const doFetch = options.fetch ?? fetch;
  const fail = (code: Issue['code'], params: Issue['params']): FeatureServiceResult => ({ ok: false, issue: { severity: 'error', code, layer: 'dataset', file: input, params } });
  const first = firstPageUrl(input, pageSize);
  if (!first) {
    return fail('service_not_features', {
      url: input,
      found: 'not an OGC API – Features collection (…/collections/{id}/items) or a WFS GetFeature URL (…?service=WFS&request=GetFeature&typeNames=…)',
    });
  }
  const features: Feature<Geometry | null, Record<string, unknown>>[] = [];
  let next: URL | null = first.url;
  let pages = 0;
  let crsName: string | null = null;
  const seen = new Set<string>();
  while (next && features.length < maxFeatures) {
    const url: string = next.toString();
    if (seen.has(url)) break; // a service whose `next` points back to itself
    seen.add(url);
    let response: Response;
    try {
      response = await doFetch(url, { headers: { Accept: 'application/geo+json, application/json;q=0.9, */*;q=0.1' }, signal: options.signal });
    } catch (e) {
      return fail('service_unreachable', { url, detail: e instanceof Error ? e.message : String(e) });
    }
    const body = await response.text().catch(() => '');
    if (!response.ok) return fail('service_http_error', { url, status: response.status, detail: exceptionText(body) ?? (response.statusText || body.slice(0, 120)) });
    let page: Page;
    try {
      page = JSON.parse(body) as Page;
    } catch {
      const exception = exceptionText(body);
      return fail(exception ? 'service_http_error' : 'service_not_features', {
        url, status: response.status, detail: exception ?? '',
        found: `${response.headers.get('content-type') ?? 'no content type'}: ${body.slice(0, 80).replace(/\s+/g, ' ')}`,
      });
    }
    if (!page || page.type !== 'FeatureCollection' || !Array.isArray(page.features)) {
      return fail('service_not_features', { url, found: `JSON with type ${JSON.stringify(page?.type ?? null)}` });
    }
    pages++;
    if (page.crs?.properties?.name && !crsName) crsName = String(page.crs.properties.name);
    const got = page.features as Feature<Geometry | null, Record<string, unknown>>[];
    for (const f of got) features.push({ type: 'Feature', geometry: f.geometry ?? null, properties: { ...(f.id !== undefined && !(f.properties && 'id' in f.properties) ? { id: f.id } : {}), ...(f.properties ?? {}) } });
    options.onPage?.(pages, features.length);
    next = null;
    const link = page.links?.find((l) => l.rel === 'next' && l.href);
    if (link) next = new URL(link.href!, url);
    else if (first.kind === 'wfs' && got.length > 0) {
      const total = page.numberMatched ?? page.totalFeatures;
      const size = Number(first.url.searchParams.get('count') ?? first.url.searchParams.get('maxFeatures') ?? pageSize);
      if ((typeof total === 'number' && features.length < total) || (typeof total !== 'number' && got.length >= size)) {
        next = new URL(url);
        next.searchParams.set('startIndex', String(features.length));
      }
    }
  }
  const notes: Issue[] = [{ severity: 'warning', code: 'service_pages', layer: 'dataset', file: input, params: { pages, count: features.length } }];
  // GeoJSON from a WFS may be in the layer's own projected system, said in the old `crs` member.
  if (crsName) {
    const resolved = resolveCrs(crsName);
    if (!resolved.ok) return fail('service_not_features', { url: input, found: `coordinates in ${crsName}, which the tool cannot convert; ask for srsName=EPSG:4326` });
    const toWgs84 = resolved.crs.toWgs84;
    if (toWgs84) {
      for (const f of features) if (f.geometry) f.geometry = convertGeometry(f.geometry, toWgs84);
      notes.push({ severity: 'warning', code: 'import_crs_converted', layer: 'dataset', file: input, params: { crs: resolved.crs.name } });
    }
  }
  const source = serviceLayerName(first.url);
  return { ok: true, layer: { source, attributes: attributeNames(features), features, notes } };
}

/** A short name for the layer: the collection id or the WFS type name. */
function serviceLayerName(url: URL): string {
  const typeName = [...url.searchParams.entries()].find(([k]) => /^typenames?$/i.test(k))?.[1];
  if (typeName) return typeName;
  return /\/collections\/([^/]+)\/items/.exec(url.pathname)?.[1] ?? url.host;
}
