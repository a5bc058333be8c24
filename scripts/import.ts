/**
 * npm run import -- osm <extract.osm|overpass.json> --out <folder> [--density 3] [--levels 6] [--house-levels 2] [--house-footprint 200] [--per-hectare 150] [--trunk-walkable yes|no]
 * npm run import -- shapefile <file.zip> [--layer <layer> | --layers 幼儿园=kindergartens,坑塘=water] [--encoding auto|utf-8|gbk] [--crs EPSG:4529] [--map name=名称,...] --out <folder>
 * npm run import -- csv <file.csv> [--layer <layer>] [--crs WGS84|GCJ-02|BD-09] [--lng 经度 --lat 纬度 | --xy location] [--encoding auto|utf-8|gbk] [--map ...] --out <folder>
 * npm run import -- service <OGC API or WFS URL> [--layer <layer>] [--map ...] --out <folder>
 * Without --layer, the layer comes from the source's name where it says (schools.csv, 幼儿园.shp).
 *
 * npm run import -- service … [--max-pages 2000] [--max-features 1000000] [--timeout 60] [--allow-other-hosts]
 *
 * Writes the contract's files into <folder> (created if absent; a layer already there is replaced
 * only by one with features, and when the new one has fewer the old file is kept beside it as
 * `<layer>.geojson.previous`; other layers are left alone) and prints the same validation report as
 * `npm run validate`. When nothing can be used, nothing is written and the exit code is 1. A folder
 * whose dataset.json declares another coordinate system than WGS84 is refused: imported layers are
 * WGS84 and would be read as that system.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { assumePointCrs, csvToRawLayer, findCoordinateColumns, POINT_CRS, type CrsBasis, type PointCrs } from '../src/core/import/csvPoints';
import type { TextEncodingChoice } from '../src/core/import/textEncoding';
import { readCsvTable } from '../src/core/import/csvTable';
import { datasetFiles } from '../src/core/import/datasetFolder';
import { fetchFeatureService, SERVICE_LIMITS } from '../src/core/import/featureService';
import { guessFieldMapping, layerFromSourceName, mapRawLayer, mappableFields, type FieldMapping } from '../src/core/import/fieldMapping';
import { loadImported } from '../src/core/import/loadImported';
import { importOsm } from '../src/core/import/osm';
import { DEFAULT_OSM_OPTIONS } from '../src/core/import/osmOptions';
import type { RawLayer } from '../src/core/import/rawLayer';
import { readZip } from '../src/core/import/shapefile';
import { LAYER_NAMES, type LayerName } from '../src/core/layers';
import { formatValidationReport, whyUnusable, type Lang } from '../src/core/messages';
import { resolveCrs } from '../src/core/crs';
import { parseJson } from '../src/core/parseJson';
import type { InputFile, Issue } from '../src/core/types';
import { choice, CliError, numeric, parseCommand, run, text, writeFileAtomically, type Values } from './cli';

const USAGE = `usage:
  npm run import -- osm <extract.osm|overpass.json> --out <folder> [--density 3] [--levels 6] [--house-levels 2] [--house-footprint 200] [--per-hectare 150] [--trunk-walkable yes|no]
  npm run import -- shapefile <file.zip> [--layer <layer> | --layers <shp>=<layer>,...] [--encoding auto|utf-8|gbk] [--crs EPSG:4529] [--map field=attribute,...] --out <folder>
  npm run import -- csv <file.csv> [--layer <layer>] [--crs WGS84|GCJ-02|BD-09] [--lng <column> --lat <column> | --xy <column>] [--encoding auto|utf-8|gbk] [--map ...] --out <folder>
  npm run import -- service <url> [--layer <layer>] [--map ...] [--max-pages 2000] [--max-features 1000000] [--timeout 60] [--allow-other-hosts] --out <folder>
  options: --lang zh|en. Without --layer, the layer is read from the source's name (schools.csv, 幼儿园.shp) where it says.`;

function layerName(value: string | undefined, what: string): LayerName {
  if (!value || !(LAYER_NAMES as readonly string[]).includes(value)) throw new CliError(`${what} must be one of ${LAYER_NAMES.join(', ')}${value ? `, not ${value}` : ''}`, 2);
  return value as LayerName;
}

/** `name=名称,capacity=学位` over the guessed mapping; a field the layer does not have is an error. */
const STRING = { type: 'string' } as const;
const OPTIONS = {
  out: STRING, lang: STRING, layer: STRING, layers: STRING, map: STRING, encoding: STRING, crs: STRING, lng: STRING, lat: STRING, xy: STRING,
  density: STRING, levels: STRING, 'house-levels': STRING, 'house-footprint': STRING, 'per-hectare': STRING, 'trunk-walkable': STRING,
  'max-pages': STRING, 'max-features': STRING, timeout: STRING, 'allow-other-hosts': { type: 'boolean' },
} as const;

function mappingFor(layer: LayerName, raw: RawLayer, spec: string | undefined): FieldMapping {
  const mapping = guessFieldMapping(layer, raw.attributes);
  for (const pair of spec ? spec.split(',') : []) {
    const [field, attribute] = pair.split('=').map((s) => s.trim());
    if (!field || !mappableFields(layer).includes(field)) throw new CliError(`--map: ${layer} has no field ${field}; fields: ${mappableFields(layer).join(', ')}`, 2);
    if (!attribute || !raw.attributes.includes(attribute)) throw new CliError(`--map: ${raw.source} has no attribute ${attribute}; attributes: ${raw.attributes.join(', ')}`, 2);
    mapping[field] = attribute;
  }
  return mapping;
}

function encodingOption(values: Values): TextEncodingChoice | undefined {
  const encoding = text(values, 'encoding')?.toLowerCase().replace(/^utf8$/, 'utf-8');
  if (encoding !== undefined && !['auto', 'utf-8', 'gbk'].includes(encoding)) throw new CliError('--encoding must be auto, utf-8 or gbk', 2);
  return encoding as TextEncodingChoice | undefined;
}

async function convert(format: string, input: string, values: Values): Promise<{ files: InputFile[]; notes: Issue[] }> {
  const option = (name: string) => text(values, name.replace(/^--/, ''));
  const number = (name: string, fallback: number) => numeric(values, name.replace(/^--/, ''), fallback, { max: 1e6 });
  const readBytes = () => {
    try {
      return new Uint8Array(readFileSync(input));
    } catch (e) {
      throw new CliError(`cannot read ${input}: ${(e as Error).message}`);
    }
  };
  const mapOne = (raw: RawLayer, layer: LayerName) => {
    const mapped = mapRawLayer(raw, layer, mappingFor(layer, raw, option('--map')));
    return { files: [mapped.file], notes: mapped.notes };
  };
  switch (format) {
    case 'osm': {
      const trunk = choice(values, 'trunk-walkable', ['yes', 'no'] as const, 'yes');
      const options = {
        ...DEFAULT_OSM_OPTIONS,
        peoplePer100m2: number('--density', DEFAULT_OSM_OPTIONS.peoplePer100m2),
        defaultLevels: number('--levels', DEFAULT_OSM_OPTIONS.defaultLevels),
        houseLevels: number('--house-levels', DEFAULT_OSM_OPTIONS.houseLevels),
        houseMaxFootprint: number('--house-footprint', DEFAULT_OSM_OPTIONS.houseMaxFootprint),
        peoplePerHectare: number('--per-hectare', DEFAULT_OSM_OPTIONS.peoplePerHectare),
        trunkWalkable: trunk === 'yes',
      };
      return importOsm(basename(input), new TextDecoder().decode(readBytes()), options);
    }
    case 'shapefile': {
      const zip = readZip(basename(input), readBytes(), { encoding: encodingOption(values), crs: option('--crs') });
      if (zip.kind === 'error') throw new CliError(zip.detail);
      if (zip.kind === 'dataset') throw new CliError(`${input} holds GeoJSON files, not Shapefiles: unzip it and use it as a dataset folder`);
      const single = option('--layer');
      const assigned = new Map((option('--layers') ?? '').split(',').filter(Boolean).map((p) => p.split('=').map((s) => s.trim()) as [string, string]));
      // A --layers key that names no Shapefile in the zip is a typo or a misread name: never silence.
      const stems = zip.layers.map((l) => basename(l.source).replace(/\.shp$/i, ''));
      for (const key of assigned.keys()) {
        if (!stems.includes(key.replace(/\.shp$/i, ''))) throw new CliError(`--layers: ${key} is no Shapefile in ${basename(input)} (it holds: ${stems.join(', ')})`, 2);
      }
      const files: InputFile[] = [];
      const notes: Issue[] = [];
      for (const raw of zip.layers) {
        const shp = basename(raw.source).replace(/\.shp$/i, '');
        const target = assigned.get(shp) ?? assigned.get(`${shp}.shp`) ?? (zip.layers.length === 1 ? single : undefined) ?? layerFromSourceName(raw.source) ?? undefined;
        if (!target) throw new CliError(`${raw.source}: say which layer it is (--layers ${zip.layers.map((l) => `${basename(l.source).replace(/\.shp$/i, '')}=<layer>`).join(',')})`, 2);
        const layer = layerName(target, `layer for ${shp}`);
        const mapped = mapRawLayer(raw, layer, zip.layers.length === 1 ? mappingFor(layer, raw, option('--map')) : guessFieldMapping(layer, raw.attributes));
        files.push(mapped.file);
        notes.push(...mapped.notes);
      }
      return { files, notes };
    }
    case 'csv': {
      const layer = layerName(option('--layer') ?? layerFromSourceName(input) ?? undefined, '--layer');
      const table = readCsvTable(basename(input), readBytes(), encodingOption(values) ?? 'auto');
      const found = findCoordinateColumns(table.columns);
      const xy = option('--xy');
      const lng = xy ?? option('--lng') ?? found.lng;
      const lat = xy ?? option('--lat') ?? found.lat;
      if (!lng || !lat || !table.columns.includes(lng) || !table.columns.includes(lat)) {
        throw new CliError(`${input}: no longitude/latitude columns found (columns: ${table.columns.join(', ')}); name them with --lng and --lat, or --xy for one column holding "lng,lat"`, 2);
      }
      const named = option('--crs');
      let point: { crs: PointCrs; crsBasis: CrsBasis };
      if (named) {
        const crsArg = named.toUpperCase().replace(/^WGS-?84$/, 'EPSG:4326');
        const crs = POINT_CRS.find((c) => c.replace('-', '') === crsArg.replace('-', ''));
        if (!crs) throw new CliError(`--crs must be WGS84, GCJ-02 or BD-09, not ${named}`, 2);
        point = { crs, crsBasis: 'user' };
      } else {
        point = assumePointCrs(basename(input), table.columns);
        process.stderr.write(`note: no --crs given; coordinates read as ${point.crs} (${point.crsBasis === 'default' ? 'nothing in the file name or columns says; Gaode/Tencent lists are GCJ-02, Baidu BD-09' : `guessed from the ${point.crsBasis}`}). The report will say this was assumed.\n`);
      }
      return mapOne(csvToRawLayer(table, { lng, lat, ...point }), layer);
    }
    case 'service': {
      const chosen = option('--layer');
      const result = await fetchFeatureService(input, {
        maxPages: numeric(values, 'max-pages', SERVICE_LIMITS.maxPages, { min: 1, integer: true, max: 1e6 }),
        maxFeatures: numeric(values, 'max-features', SERVICE_LIMITS.maxFeatures, { min: 1, integer: true, max: 1e8 }),
        requestTimeoutMs: numeric(values, 'timeout', SERVICE_LIMITS.requestTimeoutMs / 1000, { min: 1, max: 3600 }) * 1000,
        allowOtherHosts: values['allow-other-hosts'] === true,
        onPage: (pages, n) => process.stderr.write(`\rpage ${pages}: ${n} features`),
      });
      process.stderr.write('\n');
      if (!result.ok) return { files: [], notes: [result.issue] };
      return mapOne(result.layer, layerName(chosen ?? layerFromSourceName(result.layer.source) ?? undefined, '--layer'));
    }
    default:
      throw new CliError(USAGE, 2);
  }
}

/** The coordinate system a folder's dataset.json declares, when it is not plain WGS84/CGCS2000 degrees. */
function foreignCrs(folder: string): string | null {
  const path = join(folder, 'dataset.json');
  if (!existsSync(path)) return null;
  const parsed = parseJson(readFileSync(path, 'utf8'));
  if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object') return null;
  const crs = (parsed.value as { crs?: unknown }).crs;
  if (crs === undefined) return null;
  const resolved = resolveCrs(crs);
  return resolved.ok && !resolved.crs.toWgs84 ? null : String(crs);
}

/** How many features a layer file already in the folder holds (null when unreadable). */
function featuresIn(path: string): number | null {
  const parsed = parseJson(readFileSync(path, 'utf8'));
  const features = parsed.ok ? (parsed.value as { features?: unknown } | null)?.features : null;
  return Array.isArray(features) ? features.length : null;
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommand(argv.slice(2), OPTIONS, USAGE);
  const [format, input, ...extra] = positionals;
  const out = text(values, 'out');
  if (!format || !input || !out) throw new CliError(USAGE, 2);
  if (extra.length > 0) throw new CliError(`unexpected argument ${extra[0]}\n${USAGE}`, 2);
  const lang: Lang = choice(values, 'lang', ['zh', 'en'] as const) ?? (/^zh/i.test(process.env.LANG ?? '') ? 'zh' : 'en');
  if (existsSync(out) && !statSync(out).isDirectory()) throw new CliError(`--out ${out} is a file; give a folder`, 2);
  const declared = foreignCrs(out);
  if (declared) {
    throw new CliError(`${out}/dataset.json declares coordinates in ${declared}; imported layers are WGS84 and would be misread there. Import into a new folder (or load that folder in the app and export it, which writes it in WGS84).`, 2);
  }

  const { files, notes } = await convert(format, input, values);
  const { dataset, report } = loadImported(files, notes, { fallbackName: basename(input) });
  process.stdout.write(`${formatValidationReport(report, lang)}\n`);
  if (!report.usable) throw new CliError(`nothing written to ${out}: ${whyUnusable(report, lang)}`);

  mkdirSync(out, { recursive: true });
  const written = datasetFiles(dataset);
  const describes = files.some((f) => f.layer === 'dataset');
  const names: string[] = [];
  for (const [name, content] of Object.entries(written)) {
    const path = join(out, name);
    // A folder being built up from several imports keeps its own description.
    if (name === 'dataset.json' && !describes && existsSync(path)) continue;
    const layer = name.replace(/\.geojson$/, '') as LayerName;
    const count = dataset.layers[layer]?.features.length;
    if (count === 0) {
      // Every feature rejected: a layer already in the folder is worth more than an empty one.
      process.stderr.write(`${layer}: no feature could be used; ${existsSync(path) ? `${name} left as it was` : 'nothing written'}\n`);
      continue;
    }
    const before = count !== undefined && existsSync(path) ? featuresIn(path) : null;
    if (before !== null && count !== undefined && count < before) {
      writeFileAtomically(`${path}.previous`, readFileSync(path));
      process.stderr.write(`${layer}: ${before} → ${count} features; the previous file is kept as ${name}.previous\n`);
    }
    writeFileAtomically(path, content);
    names.push(name);
  }
  if (!names.some((n) => n !== 'dataset.json')) throw new CliError(`nothing written to ${out}: no layer had a usable feature`);
  process.stderr.write(`written to ${out}: ${names.join(', ')}\n`);
}

run(() => main(process.argv));
