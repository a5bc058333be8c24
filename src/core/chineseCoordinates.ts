/**
 * The coordinate systems of Chinese web maps: GCJ-02 (Gaode/Amap, Tencent) and BD-09 (Baidu), back
 * to WGS84 with gcoord. Kept apart from crs.ts (which also holds proj4) so the app's main thread can
 * preview a CSV point list without loading a projection library.
 */
import gcoord from 'gcoord';

export const gcj02ToWgs84 = (x: number, y: number) => gcoord.transform([x, y], gcoord.GCJ02, gcoord.WGS84) as [number, number];
export const bd09ToWgs84 = (x: number, y: number) => gcoord.transform([x, y], gcoord.BD09, gcoord.WGS84) as [number, number];
