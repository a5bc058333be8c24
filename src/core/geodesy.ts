/**
 * Distances on the contract's sphere (radius 6,371,008.8 m, the mean Earth radius). Over a city the
 * sphere and the ellipsoid differ by well under 0.5 %, and one fixed formula lets any engine agree.
 */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Metres per degree of latitude on the contract's sphere. */
export const METRES_PER_DEGREE = EARTH_RADIUS_M * RAD;

/** Great-circle (haversine) distance in metres. */
export function greatCircleDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Where on segment a→b a point p is nearest, as the fraction t (0 at a, 1 at b). Worked in the plane
 * tangent at p (longitude scaled by cos latitude): exact to millimetres for segments of a street's length.
 */
export function nearestFractionOnSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const k = Math.cos(py * RAD);
  const dx = (bx - ax) * k;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return 0;
  const t = ((px - ax) * k * dx + (py - ay) * dy) / len2;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Distance in metres from p to segment a→b (to its nearest point). */
export function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const t = nearestFractionOnSegment(px, py, ax, ay, bx, by);
  return greatCircleDistance(px, py, ax + t * (bx - ax), ay + t * (by - ay));
}

/** Degrees of longitude and latitude spanned by `metres` around latitude `lat` (for index boxes). */
export function degreesAround(metres: number, lat: number): { dLon: number; dLat: number } {
  const dLat = metres / METRES_PER_DEGREE;
  const cos = Math.max(1e-6, Math.cos(Math.min(89.9, Math.abs(lat) + dLat) * RAD));
  return { dLon: dLat / cos, dLat };
}
