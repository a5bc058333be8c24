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

/** What readField returns for a value it cannot use (the finding saying why is already pushed). */
const REFUSED: unique symbol = Symbol('refused');

// The readers push what they find and return the value: no object per field read, since a city's
// homes have millions of fields.
function readNumber(field: string, raw: unknown, findings: FieldFinding[]): number | typeof REFUSED {
  if (typeof raw === 'number') {
    if (Number.isFinite(raw)) return raw;
  } else if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw.trim()))) {
    findings.push({ severity: 'warning', code: 'number_from_text', field, params: { value: raw } });
    return Number(raw.trim());
  }
  findings.push({ severity: 'error', code: 'not_a_number', field, params: { value: preview(raw) } });
  return REFUSED;
}

function readField(field: string, rule: FieldRule, raw: unknown, findings: FieldFinding[]): unknown {
  switch (rule.type) {
    case 'count':
    case 'area': {
      const value = readNumber(field, raw, findings);
      if (value === REFUSED) return REFUSED;
      if (value < 0) {
        findings.push({ severity: 'error', code: 'negative', field, params: { value } });
        return REFUSED;
      }
      const limit = PLAUSIBLE_MAX[rule.type];
      if (value > limit) {
        findings.push({ severity: rule.required ? 'error' : 'warning', code: 'implausible_value', field, params: { value: preview(raw), limit } });
        return REFUSED;
      }
      return value;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const word = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim().toLowerCase() : null;
      if (word !== null && (TRUE_WORDS.has(word) || FALSE_WORDS.has(word))) {
        const value = TRUE_WORDS.has(word);
        findings.push({ severity: 'warning', code: 'boolean_from_text', field, params: { value: String(raw), as: String(value) } });
        return value;
      }
      findings.push({ severity: 'error', code: 'not_boolean', field, params: { value: preview(raw) } });
      return REFUSED;
    }
    case 'text':
      if (typeof raw === 'string') return raw;
      if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
      findings.push({ severity: 'error', code: 'not_text', field, params: { value: preview(raw) } });
      return REFUSED;
    case 'ref':
      if (typeof raw === 'string' || (typeof raw === 'number' && Number.isFinite(raw))) return raw;
      findings.push({ severity: 'error', code: 'not_text', field, params: { value: preview(raw) } });
      return REFUSED;
    case 'enum': {
      const text = typeof raw === 'string' ? raw.trim() : null;
      if (text !== null && rule.values.includes(text)) return text;
      const lower = text?.toLowerCase();
      if (lower !== undefined && rule.values.includes(lower)) return lower;
      findings.push({ severity: 'error', code: 'not_allowed_value', field, params: { value: preview(raw), allowed: rule.values.join(', ') } });
      return REFUSED;
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

/**
 * Returns the normalised properties and what was found; any `error` finding rejects the feature.
 * Properties that need no change are returned as given (the loader owns the parsed file): a city's
 * million homes are not copied one object each.
 */
export function readProperties(
  spec: LayerSpec,
  properties: Record<string, unknown>,
): { properties: Record<string, unknown>; findings: FieldFinding[] } {
  let copy: Record<string, unknown> | null = null;
  const changed = () => (copy ??= { ...properties });
  const findings: FieldFinding[] = [];
  for (const [field, rule] of fieldsOf(spec)) {
    const raw = properties[field];
    if (isMissing(raw)) {
      // A missing optional value is unknown, never false or 0: drop it so nothing reads it as data.
      if (field in properties) delete changed()[field];
      if (rule.required) findings.push({ severity: 'error', code: 'missing_required', field, params: {} });
      continue;
    }
    const value = readField(field, rule, raw, findings);
    // Refused: an error rejects the feature; a refused optional value (a warning) is unknown from
    // here on, like a missing one.
    if (value === REFUSED) delete changed()[field];
    else if (value !== raw) changed()[field] = value;
  }
  return { properties: copy ?? properties, findings };
}
