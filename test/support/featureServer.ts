/**
 * A small map service for the tests, on 127.0.0.1: OGC API – Features (`/collections/{id}/items`,
 * `limit`/`offset` with `next` links) and WFS 2.0 GetFeature (`count`/`startIndex`, numberMatched),
 * plus the ways real services fail: an OWS exception report, an HTML page, a server error. CORS is
 * open so the browser tests can use it too.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FeatureCollection } from 'geojson';

export interface FeatureServer {
  url: string;
  /** Every request path+query seen, in order. */
  requests: string[];
  close(): Promise<void>;
}

export interface FeatureServerOptions {
  collections: Record<string, FeatureCollection>;
  /** The largest page the server will give, whatever is asked (real services cap it too). */
  maxPage?: number;
  /** A `crs` member to add to WFS answers (old GeoJSON), e.g. `urn:ogc:def:crs:EPSG::4529`. */
  wfsCrs?: string;
}

export async function startFeatureServer(options: FeatureServerOptions): Promise<FeatureServer> {
  const requests: string[] = [];
  const maxPage = options.maxPage ?? 1000;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    const json = (status: number, body: unknown, type = 'application/geo+json') => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(JSON.stringify(body));
    };
    const page = (collection: FeatureCollection, start: number, size: number) => collection.features.slice(start, start + Math.min(size, maxPage));

    const ogc = /^\/ogc\/collections\/([^/]+)\/items$/.exec(url.pathname);
    if (ogc) {
      const collection = options.collections[decodeURIComponent(ogc[1]!)];
      if (!collection) return json(404, { code: 'NotFound', description: 'no such collection' }, 'application/json');
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const features = page(collection, offset, limit);
      const links = [{ rel: 'self', href: url.pathname + url.search }];
      if (offset + features.length < collection.features.length) {
        const next = new URL(url);
        next.searchParams.set('offset', String(offset + features.length));
        links.push({ rel: 'next', href: `${next.pathname}${next.search}` }); // relative, as some servers write it
      }
      return json(200, { type: 'FeatureCollection', features, numberMatched: collection.features.length, numberReturned: features.length, links });
    }
    if (url.pathname === '/wfs') {
      const p = (k: string) => [...url.searchParams.entries()].find(([key]) => key.toLowerCase() === k)?.[1];
      const typeName = p('typenames') ?? p('typename') ?? '';
      const collection = options.collections[typeName];
      if (!collection) {
        res.writeHead(400, { 'Content-Type': 'application/xml' });
        return res.end(`<?xml version="1.0"?><ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1"><ows:Exception exceptionCode="InvalidParameterValue"><ows:ExceptionText>Feature type ${typeName} unknown</ows:ExceptionText></ows:Exception></ows:ExceptionReport>`);
      }
      const start = Number(p('startindex') ?? 0);
      const count = Number(p('count') ?? p('maxfeatures') ?? 1e9);
      const features = page(collection, start, count);
      return json(200, {
        type: 'FeatureCollection', features, totalFeatures: collection.features.length, numberMatched: collection.features.length, numberReturned: features.length,
        ...(options.wfsCrs ? { crs: { type: 'name', properties: { name: options.wfsCrs } } } : {}),
      }, 'application/json');
    }
    if (url.pathname === '/html') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end('<!doctype html><title>Login</title><p>Please log in</p>');
    }
    if (url.pathname === '/broken/collections/x/items') {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      return res.end('Internal error');
    }
    if (url.pathname === '/not-features/collections/x/items') return json(200, { type: 'Feature', geometry: null, properties: {} });
    json(404, { code: 'NotFound' }, 'application/json');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
