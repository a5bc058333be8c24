/**
 * Reads a feature's properties against its layer's field rules. Values that mean one thing without
 * doubt are normalised with a warning ("820" → 820, "是" → true); anything else rejects the
 * feature, naming the field. Unlisted properties are kept untouched.
 */
import { preview } from './readGeometry';
import type { FieldRule, LayerSpec } from './layers';
import type { IssueCode } from './types';

export interface FieldFinding {
  severity: 'error' | 'warning';
  code: IssueCode;
  field: string;
  params: Record<string, string | number>;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '有', '已', '对', 't']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '无', '没有', '未', 'f']);

/**
 * Beyond these a value is a typing or export error, not a place: a whole district has some 400,000
 * people, a school a few thousand places, the largest park a few km². Such a value would dominate
 * every sum it entered ("1e293 places per child, met"), so it is named and left out.
 */
export const PLAUSIBLE_MAX = { count: 1_000_000, area: 100_000_000 } as const;

type Read = { value: unknown; finding?: FieldFinding } | { error: FieldFinding };

function readNumber(field: string, raw: unknown): Read {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { error: { severity: 'error', code: 'not_a_number', field, params: { value: preview(raw) } } };
    return { value: raw };
  }
  if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw.trim()))) {
    const value = Number(raw.trim());
    return { value, finding: { severity: 'warning', code: 'number_from_text', field, params: { value: raw } } };
  }
  return { error: { severity: 'error', code: 'not_a_number', field, params: { value: preview(raw) } } };
}

function readField(field: string, rule: FieldRule, raw: unknown): Read {
  switch (rule.type) {
    case 'count':
    case 'area': {
      const read = readNumber(field, raw);
      if ('error' in read) return read;
      if ((read.value as number) < 0) {
        return { error: { severity: 'error', code: 'negative', field, params: { value: read.value as number } } };
      }
      const limit = PLAUSIBLE_MAX[rule.type];
      if ((read.value as number) > limit) {
        return { error: { severity: rule.required ? 'error' : 'warning', code: 'implausible_value', field, params: { value: preview(raw), limit } } };
      }
      return read;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const word = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim().toLowerCase() : null;
      if (word !== null && TRUE_WORDS.has(word)) {
        return { value: true, finding: { severity: 'warning', code: 'boolean_from_text', field, params: { value: String(raw), as: 'true' } } };
      }
      if (word !== null && FALSE_WORDS.has(word)) {
        return { value: false, finding: { severity: 'warning', code: 'boolean_from_text', field, params: { value: String(raw), as: 'false' } } };
      }
      return { error: { severity: 'error', code: 'not_boolean', field, params: { value: preview(raw) } } };
    }
    case 'text':
      if (typeof raw === 'string') return { value: raw };
      if (typeof raw === 'number' && Number.isFinite(raw)) return { value: String(raw) };
      return { error: { severity: 'error', code: 'not_text', field, params: { value: preview(raw) } } };
    case 'ref':
      if (typeof raw === 'string' || (typeof raw === 'number' && Number.isFinite(raw))) return { value: raw };
      return { error: { severity: 'error', code: 'not_text', field, params: { value: preview(raw) } } };
    case 'enum': {
      const text = typeof raw === 'string' ? raw.trim() : null;
      if (text !== null && rule.values.includes(text)) return { value: text };
      const lower = text?.toLowerCase();
      if (lower !== undefined && rule.values.includes(lower)) return { value: lower };
      return {
        error: { severity: 'error', code: 'not_allowed_value', field, params: { value: preview(raw), allowed: rule.values.join(', ') } },
      };
    }
  }
}

/** A layer's rules as a list, made once per layer rather than once per feature. */
const FIELD_LISTS = new WeakMap<LayerSpec, [string, FieldRule][]>();
function fieldsOf(spec: LayerSpec): [string, FieldRule][] {
  let list = FIELD_LISTS.get(spec);
  if (!list) FIELD_LISTS.set(spec, (list = Object.entries(spec.fields)));
  return list;
}

const isMissing = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Returns the normalised properties and what was found; any `error` finding rejects the feature. */
export function readProperties(
  spec: LayerSpec,
  properties: Record<string, unknown>,
): { properties: Record<string, unknown>; findings: FieldFinding[] } {
  const out: Record<string, unknown> = { ...properties };
  const findings: FieldFinding[] = [];
  for (const [field, rule] of fieldsOf(spec)) {
    const raw = properties[field];
    if (isMissing(raw)) {
      // A missing optional value is unknown, never false or 0: drop it so nothing reads it as data.
      delete out[field];
      if (rule.required) findings.push({ severity: 'error', code: 'missing_required', field, params: {} });
      continue;
    }
    const read = readField(field, rule, raw);
    if ('error' in read) {
      findings.push(read.error);
      // An optional value refused with a warning is unknown from here on, like a missing one.
      if (read.error.severity === 'warning') delete out[field];
      continue;
    }
    out[field] = read.value;
    if (read.finding) findings.push(read.finding);
  }
  return { properties: out, findings };
}
