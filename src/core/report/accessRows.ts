/**
 * The report's `access` rows (one per home: nearest facility of each kind and its distance), read
 * straight from computeAccess's typed arrays. A city of a million homes would otherwise hold eight
 * million small objects only to turn them into text: the command line writes each row's JSON line
 * from the arrays, the app and the tests take the rows as objects. Both come from here, so they agree.
 */
import type { AccessResult } from '../access';
import { FACILITY_KINDS, type FacilityKind } from '../facilities';
import type { FeatureId } from '../types';

export interface AccessRow {
  id: FeatureId;
  population: number;
  off_network: boolean;
  nearest: Record<FacilityKind, { id: FeatureId; distance_m: number } | null>;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** What JSON.stringify writes for a number (non-finite numbers become null). */
const jsonNumber = (v: number) => (Number.isFinite(v) ? String(v) : 'null');

/**
 * `jsonNumber(round2(v))`, written from whole hundredths: printing a million fractional numbers the
 * general way is a second of the command's time, printing integers is not. Same text, tested.
 */
export function hundredthsJson(v: number): string {
  const k = Math.round(v * 100);
  if (!(k >= 0 && k < 1e13)) return jsonNumber(round2(v));
  const whole = Math.floor(k / 100);
  const cents = k - whole * 100;
  if (cents === 0) return String(whole);
  return cents % 10 === 0 ? `${whole}.${cents / 10}` : `${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

export function accessRow(access: AccessResult, h: number): AccessRow {
  const nearest = {} as AccessRow['nearest'];
  for (const kind of FACILITY_KINDS) {
    const f = access.nearest[kind].facility[h]!;
    nearest[kind] = f < 0 ? null : { id: access.facilities[kind].ids[f]!, distance_m: round2(access.nearest[kind].distance[h]!) };
  }
  return { id: access.homes.ids[h]!, population: access.homes.population[h]!, off_network: access.offNetwork[h] === 1, nearest };
}

export function accessRows(access: AccessResult): AccessRow[] {
  const rows: AccessRow[] = new Array(access.homes.count);
  for (let h = 0; h < access.homes.count; h++) rows[h] = accessRow(access, h);
  return rows;
}

/** Rows as JSON lines, each exactly `JSON.stringify(accessRow(access, h))`. */
export function accessRowLines(access: AccessResult): { count: number; line: (h: number) => string } {
  // Facility ids are written once per facility, not once per home that reaches it.
  const idJson = Object.fromEntries(FACILITY_KINDS.map((k) => [k, access.facilities[k].ids.map((id) => JSON.stringify(id))])) as Record<FacilityKind, string[]>;
  const keys = FACILITY_KINDS.map((k) => JSON.stringify(k));
  return {
    count: access.homes.count,
    line(h) {
      let out = `{"id":${JSON.stringify(access.homes.ids[h])},"population":${jsonNumber(access.homes.population[h]!)},"off_network":${access.offNetwork[h] === 1},"nearest":{`;
      for (let k = 0; k < FACILITY_KINDS.length; k++) {
        const kind = FACILITY_KINDS[k]!;
        const f = access.nearest[kind].facility[h]!;
        out += `${k > 0 ? ',' : ''}${keys[k]}:${f < 0 ? 'null' : `{"id":${idJson[kind][f]},"distance_m":${hundredthsJson(access.nearest[kind].distance[h]!)}}`}`;
      }
      return `${out}}}`;
    },
  };
}
