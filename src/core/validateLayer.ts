/**
 * Validates one layer file (already parsed JSON) against the contract: valid features load, each
 * rejected one is named (id or position) with the field and the reason.
 */
import * as gjv from 'geojson-validation';
import type { CoordinateSystem } from './crs';
import { LAYER_SPECS, AGE_BANDS, type LayerName } from './layers';
import { readGeometry, preview } from './readGeometry';
import { readProperties } from './readProperties';
import { MAX_FEATURE_DEPTH, nestsDeeperThan } from './jsonDepth';
import { repairSelfIntersections } from './polygonRepair';
import type { ContractCollection, ContractFeature, FeatureId, Issue, LayerReport } from './types';

export interface ValidateLayerOptions {
  crs: CoordinateSystem;
  /** Called now and then with the share of features done (0–1), for long files. */
  onProgress?: (done: number) => void;
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** Finds the features in whatever the file holds, or says why it holds none. */
function featuresOf(value: unknown, layer: LayerName, file: string): { features: unknown[] | null; issues: Issue[] } {
  const fileIssue = (severity: Issue['severity'], code: Issue['code'], params: Issue['params'] = {}): Issue => ({
    severity, code, layer, file, params,
  });
  if (Array.isArray(value)) {
    if (value.every((f) => f && typeof f === 'object' && (f as { type?: unknown }).type === 'Feature')) {
      return { features: value, issues: [fileIssue('warning', 'bare_array', { count: value.length })] };
    }
    return { features: null, issues: [fileIssue('error', 'file_not_geojson', { found: 'array' })] };
  }
  if (value === null || typeof value !== 'object') {
    return { features: null, issues: [fileIssue('error', 'file_not_geojson', { found: value === null ? 'null' : typeof value })] };
  }
  const type = (value as { type?: unknown }).type;
  if (type === 'FeatureCollection') {
    const features = (value as { features?: unknown }).features;
    if (Array.isArray(features)) return { features, issues: [] };
    return { features: null, issues: [fileIssue('error', 'file_not_geojson', { found: 'FeatureCollection without "features"' })] };
  }
  if (type === 'Feature') return { features: [value], issues: [fileIssue('warning', 'single_feature')] };
  const found = typeof type === 'string' && GEOMETRY_TYPES.has(type) ? `a bare ${type} geometry` : typeof type === 'string' ? `type "${preview(type)}"` : 'no "type"';
  return { features: null, issues: [fileIssue('error', 'file_not_geojson', { found })] };
}

function idOf(feature: Record<string, unknown>): { id?: FeatureId; bad?: unknown } {
  const props = feature.properties as Record<string, unknown> | null | undefined;
  const raw = props && props.id !== undefined && props.id !== null && props.id !== '' ? props.id : feature.id;
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw === 'string' || (typeof raw === 'number' && Number.isFinite(raw))) return { id: raw };
  return { bad: raw };
}

/** The name a planner knows a feature by (`name`, else an OSM `osm:name`), trimmed to a line; null when it has none. */
function nameOf(raw: unknown): string | null {
  const props = raw && typeof raw === 'object' ? (raw as { properties?: unknown }).properties : null;
  if (!props || typeof props !== 'object') return null;
  const p = props as Record<string, unknown>;
  const isName = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
  const name = isName(p.name) ? p.name : isName(p['osm:name']) ? p['osm:name'] : isName(p['osm:name:zh']) ? p['osm:name:zh'] : null;
  if (!name) return null;
  // One line, of a readable length: names are data, shown as text.
  const line = name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/**
 * The member of a feature nested deeper than the limit ('' when the feature itself), or null. The
 * coordinates are left to readGeometry, which reads them to a fixed depth and refuses anything else:
 * checking every position here would cost a tenth of the load of a large file.
 */
function tooDeeplyNested(feature: Record<string, unknown>): string | null {
  // Most values are text and numbers: only objects are walked.
  const deep = (v: unknown, limit: number) => v !== null && typeof v === 'object' && nestsDeeperThan(v, limit);
  for (const key in feature) {
    const value = feature[key];
    if (key === 'geometry' && value && typeof value === 'object' && !Array.isArray(value)) {
      const g = value as Record<string, unknown>;
      for (const k in g) if (k !== 'coordinates' && deep(g[k], MAX_FEATURE_DEPTH - 2)) return 'geometry';
    } else if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      const p = value as Record<string, unknown>;
      for (const k in p) if (deep(p[k], MAX_FEATURE_DEPTH - 2)) return k;
    } else if (deep(value, MAX_FEATURE_DEPTH - 1)) {
      return key === 'geometry' || key === 'properties' || key === 'id' ? key : '';
    }
  }
  return null;
}

/** Validates one layer. Never throws on bad data: every problem becomes an Issue. */
export function validateLayer(
  value: unknown,
  layer: LayerName,
  file: string,
  options: ValidateLayerOptions,
): { collection: ContractCollection | null; report: LayerReport } {
  const spec = LAYER_SPECS[layer];
  const { features, issues } = featuresOf(value, layer, file);
  if (!features) {
    return { collection: null, report: { file, features: 0, rejected: 1, failed: true, issues } };
  }

  const kept: ContractFeature[] = [];
  const needsId: { feature: ContractFeature; index: number }[] = [];
  const firstIndexOfId = new Map<string, number>();
  let rejected = 0;
  const step = Math.max(1000, Math.floor(features.length / 100));

  // Issues are rare: the feature's name is looked up, and its issue built, only when there is one.
  const issueAt = (index: number, raw: unknown, severity: Issue['severity'], code: Issue['code'], field: string | undefined, params: Issue['params'], featureId?: FeatureId): Issue => {
    const named = nameOf(raw);
    return { severity, code, layer, file, index, ...(featureId !== undefined ? { featureId } : {}), ...(named ? { featureName: named } : {}), ...(field ? { field } : {}), params };
  };
  // Reused for every feature: a million homes need no million pairs of arrays.
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  for (let index = 0; index < features.length; index++) {
    const raw = features[index];
    if (options.onProgress && index % step === 0) options.onProgress(index / features.length);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw) || (raw as { type?: unknown }).type !== 'Feature') {
      issues.push(issueAt(index, raw, 'error', 'not_a_feature', undefined, { value: preview(raw) }));
      rejected++;
      continue;
    }
    const feature = raw as Record<string, unknown>;
    const tooDeep = tooDeeplyNested(feature);
    if (tooDeep !== null) {
      // Refused before anything recursive reads it; the rest of the file still loads.
      issues.push(issueAt(index, raw, 'error', 'too_deeply_nested', tooDeep || undefined, { limit: MAX_FEATURE_DEPTH }));
      rejected++;
      continue;
    }
    const { id, bad } = idOf(feature);
    errors.length = 0;
    warnings.length = 0;
    if (bad !== undefined) errors.push(issueAt(index, raw, 'error', 'bad_id', 'id', { value: preview(bad) }));
    if (id !== undefined) {
      const first = firstIndexOfId.get(String(id));
      if (first !== undefined) errors.push(issueAt(index, raw, 'error', 'duplicate_id', 'id', { id: String(id), first: first + 1 }, id));
    }

    let geometry = readGeometry(feature.geometry, spec.geometries, options.crs);
    if (!geometry.ok) {
      errors.push(issueAt(index, raw, 'error', geometry.code, 'geometry', geometry.params, id));
    } else {
      // geojson-validation as a second opinion on the multi-part and line geometries. Points and
      // polygons, the bulk of any city (homes), are read completely by readGeometry (positions, ring
      // closure and length), and the second pass over every vertex would cost a fifth of the load.
      if (geometry.geometry.type !== 'Point' && geometry.geometry.type !== 'Polygon') {
        const structural = gjv.isGeometryObject(feature.geometry, true);
        if (structural.length > 0) errors.push(issueAt(index, raw, 'error', 'geojson_invalid', 'geometry', { detail: structural[0] ?? '' }, id));
      }
      const repaired = repairSelfIntersections(geometry.geometry);
      if (!repaired.ok) {
        errors.push(issueAt(index, raw, 'error', 'self_intersecting', 'geometry', { ring: repaired.ring + 1, ...(repaired.part !== undefined ? { part: repaired.part + 1 } : {}) }, id));
      } else if (repaired.crossings > 0) {
        geometry = { ok: true, geometry: repaired.geometry };
        warnings.push(issueAt(index, raw, 'warning', 'polygon_repaired', 'geometry', { crossings: repaired.crossings, pieces: repaired.geometry.type === 'MultiPolygon' ? repaired.geometry.coordinates.length : 1 }, id));
      }
    }

    const rawProps = feature.properties;
    const props = rawProps && typeof rawProps === 'object' && !Array.isArray(rawProps) ? (rawProps as Record<string, unknown>) : {};
    const read = readProperties(spec, props);
    for (const f of read.findings) {
      (f.severity === 'error' ? errors : warnings).push(issueAt(index, raw, f.severity, f.code, f.field, f.params, id));
    }
    if (layer === 'residential' && errors.length === 0) {
      const population = read.properties.population as number;
      let children = 0;
      for (const band of AGE_BANDS) children += (read.properties[band] as number | undefined) ?? 0;
      if (children > population) warnings.push(issueAt(index, raw, 'warning', 'children_exceed_population', 'population', { children, population }, id));
    }

    if (errors.length > 0) {
      for (const e of errors) issues.push(e);
      rejected++;
      continue;
    }
    for (const w of warnings) issues.push(w);
    if (id !== undefined) firstIndexOfId.set(String(id), index);
    const out: ContractFeature = {
      type: 'Feature',
      id: id ?? '',
      properties: read.properties,
      geometry: geometry.ok ? geometry.geometry : (null as never),
    };
    if (id !== undefined) out.properties.id = id;
    else needsId.push({ feature: out, index });
    kept.push(out);
  }

  // Features without an id get one from their position, so every row of a report can be traced.
  for (const { feature, index } of needsId) {
    let assigned = `${layer}-${index + 1}`;
    while (firstIndexOfId.has(assigned)) assigned += '_';
    firstIndexOfId.set(assigned, index);
    feature.id = assigned;
    feature.properties.id = assigned;
    issues.push({ severity: 'warning', code: 'missing_id', layer, file, index, field: 'id', featureId: assigned, params: { assigned } });
  }
  options.onProgress?.(1);

  return {
    collection: { type: 'FeatureCollection', features: kept },
    report: { file, features: kept.length, rejected, failed: false, issues },
  };
}
