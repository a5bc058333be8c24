import type { Feature, Geometry } from 'geojson';
import type { AgeBand, LayerName } from './layers';

export type FeatureId = string | number;

/** A feature as the tool keeps it after validation: id set, properties normalised, WGS84 coordinates. */
export type ContractFeature = Feature<Geometry, Record<string, unknown>> & { id: FeatureId };
export interface ContractCollection {
  type: 'FeatureCollection';
  features: ContractFeature[];
}

export interface DatasetMeta {
  name: string;
  year: number | null;
  /** The coordinate system the files were written in; features are always WGS84 once loaded. */
  crs: string;
  ageShares: Partial<Record<AgeBand, number>>;
  /** Births per 1,000 residents a year (`birth_rate_per_1000`), for projecting children forward. */
  birthRatePer1000?: number;
  synthetic: boolean;
  /** The system the coordinates were converted from before this dataset was saved as WGS84 (`converted_from`). */
  convertedFrom?: string;
  /** Source features an importer left out, by rule (`import_excluded`); the report lists them. */
  importExcluded?: ExcludedByRule[];
}

export interface ExcludedByRule {
  /** A stable code (`building_non_residential_use` …) with its words in both languages. */
  rule: string;
  count: number;
  zh?: string;
  en?: string;
}

export interface Dataset {
  meta: DatasetMeta;
  layers: Partial<Record<LayerName, ContractCollection>>;
}

export type IssueCode =
  // whole files and dataset.json
  | 'file_not_json'
  | 'file_not_geojson'
  | 'file_too_large'
  | 'file_unreadable'
  | 'file_unknown_layer'
  | 'file_duplicate_layer'
  | 'bare_array'
  | 'nan_tokens_replaced'
  | 'single_feature'
  | 'dataset_json_invalid'
  | 'dataset_field_invalid'
  | 'crs_unsupported'
  | 'crs_converted'
  | 'no_layers'
  | 'nothing_usable'
  // importers (OpenStreetMap, Shapefile, CSV, map services): what was read, converted or left out
  | 'import_failed'
  | 'zip_unreadable'
  | 'zip_without_data'
  | 'zip_entry_skipped'
  | 'import_encoding'
  | 'import_crs_converted'
  | 'import_prj_missing'
  | 'import_prj_missing_projected'
  | 'import_crs_assumed'
  | 'import_layers_unmatched'
  | 'import_overpass_center'
  | 'import_datum_unshifted'
  | 'import_row_no_coordinates'
  | 'import_population_estimated'
  | 'import_osm_summary'
  | 'import_osm_buildings'
  | 'import_value_translated'
  | 'service_unreachable'
  | 'service_http_error'
  | 'service_not_features'
  | 'service_pages'
  | 'service_limit'
  | 'service_timeout'
  | 'service_other_host'
  | 'service_cancelled'
  // one feature's geometry
  | 'not_a_feature'
  | 'no_geometry'
  | 'empty_geometry'
  | 'wrong_geometry_type'
  | 'bad_position'
  | 'null_coordinate'
  | 'non_numeric_coordinate'
  | 'out_of_range'
  | 'latlon_swapped'
  | 'projected_without_crs'
  | 'outside_crs_zone'
  | 'ring_not_closed'
  | 'ring_too_short'
  | 'line_too_short'
  | 'geojson_invalid'
  | 'null_island'
  | 'self_intersecting'
  | 'polygon_repaired'
  | 'too_deeply_nested'
  // one feature's id and properties
  | 'missing_id'
  | 'duplicate_id'
  | 'bad_id'
  | 'missing_required'
  | 'not_a_number'
  | 'negative'
  | 'not_boolean'
  | 'not_allowed_value'
  | 'not_text'
  | 'number_from_text'
  | 'implausible_value'
  | 'boolean_from_text'
  | 'unknown_community'
  | 'children_exceed_population';

/**
 * One finding of validation. `error` on a feature means it was rejected; on a file or the
 * dataset it means that file (or everything) could not be used. `warning` means loaded, with a note.
 */
export interface Issue {
  severity: 'error' | 'warning';
  code: IssueCode;
  /** `dataset` for dataset.json and findings about the folder as a whole. */
  layer: LayerName | 'dataset';
  file?: string;
  /** 0-based position of the feature in its file (shown 1-based to people). */
  index?: number;
  /** The feature's id when it has one. */
  featureId?: FeatureId;
  /** The feature's name when it has one: what a planner knows it by, said before the id. */
  featureName?: string;
  /** `geometry`, `id`, or the property name. */
  field?: string;
  params: Record<string, string | number>;
}

export interface LayerReport {
  file: string;
  /** Features loaded (including those loaded with a warning). */
  features: number;
  /** Features rejected; a file that could not be read at all counts as one rejection of the layer. */
  rejected: number;
  /** True when the file itself could not be read (not JSON, not GeoJSON, too large). */
  failed: boolean;
  issues: Issue[];
}

export interface ValidationReport {
  crsIn: string;
  /** False only when nothing in the dataset can be used (the CLI then exits non-zero). */
  usable: boolean;
  /** Findings about dataset.json, unknown files and the dataset as a whole. */
  dataset: Issue[];
  layers: Partial<Record<LayerName, LayerReport>>;
}

export interface LoadResult {
  dataset: Dataset;
  report: ValidationReport;
}

/** A file handed to the loader: its name and its text (or the already-parsed value, for tests). */
export interface InputFile {
  name: string;
  text: string;
  /** The file's size in bytes when known; a file refused for its size arrives with empty text. */
  bytes?: number;
  /** Why the file could not be read at all (a folder named like a file, a dangling link): reported, not thrown. */
  unreadable?: string;
  /** Which layer it is (or `dataset` for dataset.json), when the name does not say: chosen in the import dialog. */
  layer?: LayerName | 'dataset';
}
