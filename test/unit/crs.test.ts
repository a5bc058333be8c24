/**
 * Coordinate conversion against pairs computed elsewhere: Gauss–Krüger by PROJ's cs2cs 9.1
 * (`echo "43.17 124.35" | cs2cs EPSG:4326 EPSG:4529`), GCJ-02/BD-09 by the published examples of
 * wandergis/coordtransform. Tolerance: 1 m.
 */
import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../src/core/crs';

const metresApart = ([x1, y1]: number[], [x2, y2]: number[]) =>
  Math.hypot((x1! - x2!) * 111_320 * Math.cos((y1! * Math.PI) / 180), (y1! - y2!) * 110_574);

function toWgs84(crs: string, x: number, y: number): [number, number] {
  const r = resolveCrs(crs);
  if (!r.ok) throw new Error(`unsupported ${crs}`);
  return r.crs.toWgs84 ? r.crs.toWgs84(x, y) : [x, y];
}

describe('CGCS2000 Gauss–Krüger (3-degree zones) to WGS84', () => {
  it.each([
    ['EPSG:4529', 41609777.0073, 4782490.833, 124.35, 43.17], // zone 41, with zone prefix
    ['EPSG:4550', 609777.0073, 4782490.833, 124.35, 43.17], // CM 123°E, no prefix
    ['EPSG:4513', 29481093.9121, 6126433.2467, 124.35, 43.17], // zone 25 far from its meridian
    ['EPSG:4526', 38506171.9992, 2493598.0441, 114.06, 22.54], // Shenzhen, zone 38
    ['EPSG:4547', 506171.9992, 2493598.0441, 114.06, 22.54],
  ])('%s [%d, %d] → [%d, %d]', (crs, e, n, lon, lat) => {
    expect(metresApart(toWgs84(crs, e, n), [lon, lat])).toBeLessThan(1);
  });
});

describe('Chinese web-map coordinates to WGS84', () => {
  it('GCJ-02 (Gaode) back to WGS84', () => {
    // wgs84togcj02(116.404, 39.915) = [116.41024449916938, 39.91640428150164]
    expect(metresApart(toWgs84('GCJ-02', 116.41024449916938, 39.91640428150164), [116.404, 39.915])).toBeLessThan(1);
  });
  it('BD-09 (Baidu) back to WGS84', () => {
    // gcj02tobd09(116.404, 39.915) = [116.41036949371029, 39.92133699351021]; gcj02towgs84(116.404, 39.915) ≈ [116.3977555, 39.9135957]
    expect(metresApart(toWgs84('BD-09', 116.41036949371029, 39.92133699351021), [116.39775550083061, 39.91359571849836])).toBeLessThan(1);
  });
});

describe('resolveCrs', () => {
  it.each(['EPSG:4326', 'epsg:4490', 'urn:ogc:def:crs:EPSG::4326', 'urn:ogc:def:crs:OGC:1.3:CRS84', 'GCJ02', 'bd-09', 'EPSG:4513', 'EPSG:4554'])('accepts %s', (crs) => {
    expect(resolveCrs(crs).ok).toBe(true);
  });
  it.each(['EPSG:3857', 'EPSG:4512', 'EPSG:4555', 'EPSG:32651', 'WGS84-ish', '', 42])('refuses %s', (crs) => {
    expect(resolveCrs(crs).ok).toBe(false);
  });
  it('leaves WGS84 and CGCS2000 geographic coordinates as they are', () => {
    expect(toWgs84('EPSG:4490', 124.35, 43.17)).toEqual([124.35, 43.17]);
  });
});
