/**
 * One layer from a map service the office already runs: an OGC API – Features collection
 * (`…/collections/{id}` or `…/items`) or a WFS GetFeature URL. Pages are followed (`next` links;
 * WFS `startIndex`) until the service has nothing more, within bounds: pages, features, bytes per
 * page, time per request and in all, and only on the service's own host unless the planner allows
 * others. Every way it can fail or be stopped becomes an issue the planner can act on; nothing is
 * returned half-read.
 */
import { resolveCrs } from '../crs';
import type { Issue } from '../types';
import { attributeNames, convertGeometry, type RawLayer } from './rawLayer';
import type { Feature, Geometry } from 'geojson';

export interface FeatureServiceOptions {
  /** Features asked for per page. */
  pageSize?: number;
  /** Stops for services that page forever or answer with too much: reaching one is an error that says which. */
  maxFeatures?: number;
  maxPages?: number;
  /** The largest answer read for one page; a page announcing more is refused before it is read. */
  maxPageBytes?: number;
  /** How long one request may take, answer included (a server that drips a byte every few seconds). */
  requestTimeoutMs?: number;
  /** How long the whole layer may take. */
  totalTimeoutMs?: number;
  /** Follow `next` links and redirects to another host than the service's own (off unless the planner allows it). */
  allowOtherHosts?: boolean;
  fetch?: typeof fetch;
  onPage?: (pages: number, features: number) => void;
  signal?: AbortSignal;
}

export const SERVICE_LIMITS = {
  maxFeatures: 1_000_000,
  maxPages: 2_000,
  maxPageBytes: 256 * 1024 * 1024,
  requestTimeoutMs: 60_000,
  totalTimeoutMs: 15 * 60_000,
} as const;

class ServiceStop extends Error {
  constructor(readonly code: Issue['code'], readonly params: Issue['params']) {
    super(code);
  }
}

/**
 * One GET, redirects followed only where `checkHost` allows. Where the runtime shows redirects (Node)
 * each Location is checked before it is requested; a browser hides them (an opaque redirect), so
 * there the request is repeated following them and the final address checked before its answer is used.
 */
async function fetchChecked(doFetch: typeof fetch, url: string, signal: AbortSignal, checkHost: (target: URL, via: string) => void): Promise<Response> {
  const init = { headers: { Accept: 'application/geo+json, application/json;q=0.9, */*;q=0.1' }, signal };
  let current = url;
  for (let hops = 0; hops <= 5; hops++) {
    const response = await doFetch(current, { ...init, redirect: 'manual' });
    if (response.type === 'opaqueredirect') {
      const followed = await doFetch(current, { ...init, redirect: 'follow' });
      if (followed.url) checkHost(new URL(followed.url), 'redirect');
      return followed;
    }
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (!location) return response;
    void response.body?.cancel().catch(() => undefined);
    const target = new URL(location, current);
    checkHost(target, 'redirect');
    current = target.href;
  }
  throw new ServiceStop('service_unreachable', { url, detail: 'more than 5 redirects' });
}

/** Reads a body up to `maxBytes`, refusing at once when the announced length is larger. */
async function readBody(response: Response, maxBytes: number, url: string): Promise<string> {
  const announced = Number(response.headers.get('content-length') ?? NaN);
  if (announced > maxBytes) throw new ServiceStop('service_limit', { url, limit: 'bytes', value: Math.round(maxBytes / 1048576) });
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw new ServiceStop('service_limit', { url, limit: 'bytes', value: Math.round(maxBytes / 1048576) });
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
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
  const limits = { ...SERVICE_LIMITS, ...Object.fromEntries(Object.entries(options).filter(([k, v]) => k in SERVICE_LIMITS && v !== undefined)) };
  const doFetch = options.fetch ?? fetch;
  const fail = (code: Issue['code'], params: Issue['params']): FeatureServiceResult => ({ ok: false, issue: { severity: 'error', code, layer: 'dataset', file: input, params } });
  const first = firstPageUrl(input, pageSize);
  if (!first) {
    return fail('service_not_features', {
      url: input,
      found: 'not an OGC API – Features collection (…/collections/{id}/items) or a WFS GetFeature URL (…?service=WFS&request=GetFeature&typeNames=…)',
    });
  }
  const origin = first.url.origin;
  /** Only the service's own host, over http(s), unless the planner allowed others: never a data: URL. */
  const checkHost = (target: URL, via: string) => {
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new ServiceStop('service_other_host', { url: target.href.slice(0, 80), via, host: target.protocol });
    if (target.origin !== origin && !options.allowOtherHosts) throw new ServiceStop('service_other_host', { url: target.href.slice(0, 200), via, host: target.host });
  };
  const started = Date.now();
  // One controller for the whole layer: the caller's Cancel, the total time limit and each request's own.
  const whole = new AbortController();
  const onCancel = () => whole.abort();
  options.signal?.addEventListener('abort', onCancel);
  const totalTimer = setTimeout(() => whole.abort(), limits.totalTimeoutMs);
  const features: Feature<Geometry | null, Record<string, unknown>>[] = [];
  let next: URL | null = first.url;
  let pages = 0;
  let crsName: string | null = null;
  const seen = new Set<string>();
  try {
    while (next) {
      const url: string = next.toString();
      if (seen.has(url)) break; // a service whose `next` points back to itself
      seen.add(url);
      if (options.signal?.aborted) throw new ServiceStop('service_cancelled', { url });
      if (whole.signal.aborted) throw new ServiceStop('service_limit', { url: input, limit: 'time', value: Math.round(limits.totalTimeoutMs / 1000) });
      if (pages >= limits.maxPages) throw new ServiceStop('service_limit', { url: input, limit: 'pages', value: limits.maxPages });
      const request = new AbortController();
      const stopRequest = () => request.abort();
      whole.signal.addEventListener('abort', stopRequest);
      const requestTimer = setTimeout(stopRequest, limits.requestTimeoutMs);
      let body: string;
      let response: Response;
      try {
        try {
          response = await fetchChecked(doFetch, url, request.signal, checkHost);
          body = await readBody(response, limits.maxPageBytes, url);
        } catch (e) {
          if (e instanceof ServiceStop) throw e;
          if (options.signal?.aborted) throw new ServiceStop('service_cancelled', { url });
          if (whole.signal.aborted) throw new ServiceStop('service_limit', { url: input, limit: 'time', value: Math.round(limits.totalTimeoutMs / 1000) });
          if (request.signal.aborted) throw new ServiceStop('service_timeout', { url, seconds: Math.round(limits.requestTimeoutMs / 1000) });
          throw new ServiceStop('service_unreachable', { url, detail: e instanceof Error ? e.message : String(e) });
        }
      } finally {
        clearTimeout(requestTimer);
        whole.signal.removeEventListener('abort', stopRequest);
      }
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
      if (features.length + got.length > limits.maxFeatures) throw new ServiceStop('service_limit', { url: input, limit: 'features', value: limits.maxFeatures });
      for (const f of got) {
        if (!f || typeof f !== 'object') continue;
        features.push({ type: 'Feature', geometry: f.geometry ?? null, properties: { ...(f.id !== undefined && !(f.properties && 'id' in f.properties) ? { id: f.id } : {}), ...(f.properties ?? {}) } });
      }
      options.onPage?.(pages, features.length);
      next = null;
      const link = Array.isArray(page.links) ? page.links.find((l) => l && l.rel === 'next' && typeof l.href === 'string' && l.href) : undefined;
      if (link) {
        try {
          next = new URL(link.href!, url);
        } catch {
          return fail('service_not_features', { url, found: `a "next" link that is not a URL: ${String(link.href).slice(0, 80)}` });
        }
        checkHost(next, 'next');
      } else if (first.kind === 'wfs' && got.length > 0) {
        const total = page.numberMatched ?? page.totalFeatures;
        const size = Number(first.url.searchParams.get('count') ?? first.url.searchParams.get('maxFeatures') ?? pageSize);
        if ((typeof total === 'number' && features.length < total) || (typeof total !== 'number' && got.length >= size)) {
          next = new URL(url);
          next.searchParams.set('startIndex', String(features.length));
        }
      }
    }
  } catch (e) {
    if (e instanceof ServiceStop) return fail(e.code, e.params);
    throw e;
  } finally {
    clearTimeout(totalTimer);
    options.signal?.removeEventListener('abort', onCancel);
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
