/**
 * npm run import -- osm <extract.osm|overpass.json> --out <folder> [--density 3] [--levels 6] [--house-levels 2] [--house-footprint 200] [--per-hectare 150] [--trunk-walkable yes|no]
 * npm run import -- shapefile <file.zip> [--layer <layer> | --layers 幼儿园=kindergartens,坑塘=water] [--encoding auto|utf-8|gbk] [--crs EPSG:4529] [--map name=名称,...] --out <folder>
 * npm run import -- csv <file.csv> [--layer <layer>] [--crs WGS84|GCJ-02|BD-09] [--lng 经度 --lat 纬度 | --xy location] [--encoding auto|utf-8|gbk] [--map ...] --out <folder>
 * npm run import -- service <OGC API or WFS URL> [--layer <layer>] [--map ...] --out <folder>
 * Without --layer, the layer comes from the source's name where it says (schools.csv, 幼儿园.shp).
 *
 * Writes the contract's files into <folder> (created if absent; a layer already there is replaced,
 * other layers are left alone) and prints the same validation report as `npm run validate`. When
 * nothing can be used, nothing is written and the exit code is 1.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { assumePointCrs, csvToRawLayer, findCoordinateColumns, POINT_CRS, type CrsBasis, type PointCrs } from '../src/core/import/csvPoints';
import type { TextEncodingChoice } from '../src/core/import/textEncoding';
import { readCsvTable } from '../src/core/import/csvTable';
import { datasetFiles } from '../src/core/import/datasetFolder';
import { fetchFeatureService } from '../src/core/import/featureService';
import { guessFieldMapping, layerFromSourceName, mapRawLayer, mappableFields, type FieldMapping } from '../src/core/import/fieldMapping';
import { loadImported } from '../src/core/import/loadImported';
import { importOsm } from '../src/core/import/osm';
import { DEFAULT_OSM_OPTIONS } from '../src/core/import/osmOptions';
import type { RawLayer } from '../src/core/import/rawLayer';
import { readZip } from '../src/core/import/shapefile';
import { LAYER_NAMES, type LayerName } from '../src/core/layers';
import { formatValidationReport, type Lang } from '../src/core/messages';
import type { InputFile, Issue } from '../src/core/types';
import { CliError, option, run } from './cli';

const USAGE = `usage:
  npm run import -- osm <extract.osm|overpass.json> --out <folder> [--density 3] [--levels 6] [--house-levels 2] [--house-footprint 200] [--per-hectare 150] [--trunk-walkable yes|no]
  npm run import -- shapefile <file.zip> [--layer <layer> | --layers <shp>=<layer>,...] [--encoding auto|utf-8|gbk] [--crs EPSG:4529] [--map field=attribute,...] --out <folder>
  npm run import -- csv <file.csv> [--layer <layer>] [--crs WGS84|GCJ-02|BD-09] [--lng <column> --lat <column> | --xy <column>] [--encoding auto|utf-8|gbk] [--map ...] --out <folder>
  npm run import -- service <url> [--layer <layer>] [--map ...] --out <folder>
  options: --lang zh|en. Without --layer, the layer is read from the source's name (schools.csv, 幼儿园.shp) where it says.`;

function layerName(value: string | undefined, what: string): LayerName {
  if (!value || !(LAYER_NAMES as readonly string[]).includes(value)) throw new CliError(`${what} must be one of ${LAYER_NAMES.join(', ')}${value ? `, not ${value}` : ''}`, 2);
  return value as LayerName;
}

/** `name=名称,capacity=学位` over the guessed mapping; a field the layer does not have is an error. */
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

function encodingOption(args: string[]): TextEncodingChoice | undefined {
  const encoding = option(args, '--encoding')?.toLowerCase().replace(/^utf8$/, 'utf-8');
  if (encoding !== undefined && !['auto', 'utf-8', 'gbk'].includes(encoding)) throw new CliError('--encoding must be auto, utf-8 or gbk', 2);
  return encoding as TextEncodingChoice | undefined;
}

function number(args: string[], name: string, fallback: number): number {
  const v = option(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new CliError(`${name} must be a number ≥ 0`, 2);
  return n;
}

async function convert(format: string, input: string, args: string[]): Promise<{ files: InputFile[]; notes: Issue[] }> {
  const readBytes = () => {
    try {
      return new Uint8Array(readFileSync(input));
    } catch (e) {
      throw new CliError(`cannot read ${input}: ${(e as Error).message}`);
    }
  };
  const mapOne = (raw: RawLayer, layer: LayerName) => {
    const mapped = mapRawLayer(raw, layer, mappingFor(layer, raw, option(args, '--map')));
    return { files: [mapped.file], notes: mapped.notes };
  };
  switch (format) {
    case 'osm': {
      const trunk = option(args, '--trunk-walkable') ?? 'yes';
      if (!['yes', 'no'].includes(trunk)) throw new CliError('--trunk-walkable must be yes or no', 2);
      const options = {
        ...DEFAULT_OSM_OPTIONS,
        peoplePer100m2: number(args, '--density', DEFAULT_OSM_OPTIONS.peoplePer100m2),
        defaultLevels: number(args, '--levels', DEFAULT_OSM_OPTIONS.defaultLevels),
        houseLevels: number(args, '--house-levels', DEFAULT_OSM_OPTIONS.houseLevels),
        houseMaxFootprint: number(args, '--house-footprint', DEFAULT_OSM_OPTIONS.houseMaxFootprint),
        peoplePerHectare: number(args, '--per-hectare', DEFAULT_OSM_OPTIONS.peoplePerHectare),
        trunkWalkable: trunk === 'yes',
      };
      return importOsm(basename(input), new TextDecoder().decode(readBytes()), options);
    }
    case 'shapefile': {
      const zip = readZip(basename(input), readBytes(), { encoding: encodingOption(args), crs: option(args, '--crs') });
      if (zip.kind === 'error') throw new CliError(zip.detail);
      if (zip.kind === 'dataset') throw new CliError(`${input} holds GeoJSON files, not Shapefiles: unzip it and use it as a dataset folder`);
      const single = option(args, '--layer');
      const assigned = new Map((option(args, '--layers') ?? '').split(',').filter(Boolean).map((p) => p.split('=').map((s) => s.trim()) as [string, string]));
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
        const mapped = mapRawLayer(raw, layer, zip.layers.length === 1 ? mappingFor(layer, raw, option(args, '--map')) : guessFieldMapping(layer, raw.attributes));
        files.push(mapped.file);
        notes.push(...mapped.notes);
      }
      return { files, notes };
    }
    case 'csv': {
      const layer = layerName(option(args, '--layer') ?? layerFromSourceName(input) ?? undefined, '--layer');
      const table = readCsvTable(basename(input), readBytes(), encodingOption(args) ?? 'auto');
      const found = findCoordinateColumns(table.columns);
      const xy = option(args, '--xy');
      const lng = xy ?? option(args, '--lng') ?? found.lng;
      const lat = xy ?? option(args, '--lat') ?? found.lat;
      if (!lng || !lat || !table.columns.includes(lng) || !table.columns.includes(lat)) {
        throw new CliError(`${input}: no longitude/latitude columns found (columns: ${table.columns.join(', ')}); name them with --lng and --lat, or --xy for one column holding "lng,lat"`, 2);
      }
      const named = option(args, '--crs');
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
      const chosen = option(args, '--layer');
      const result = await fetchFeatureService(input, { onPage: (pages, n) => process.stderr.write(`\rpage ${pages}: ${n} features`) });
      process.stderr.write('\n');
      if (!result.ok) return { files: [], notes: [result.issue] };
      return mapOne(result.layer, layerName(chosen ?? layerFromSourceName(result.layer.source) ?? undefined, '--layer'));
    }
    default:
      throw new CliError(USAGE, 2);
  }
}

/** Each file goes in whole or not at all: written beside its place, then renamed over it. */
function writeAtomically(path: string, text: string): void {
  const temp = `${path}.partial`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

async function main(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  const [format, input] = args;
  const out = option(args, '--out');
  if (!format || !input || input.startsWith('--') || !out) throw new CliError(USAGE, 2);
  const langArg = option(args, '--lang');
  const lang: Lang = langArg ? (langArg === 'zh' ? 'zh' : 'en') : /^zh/i.test(process.env.LANG ?? '') ? 'zh' : 'en';

  const { files, notes } = await convert(format, input, args);
  const { dataset, report } = loadImported(files, notes, { fallbackName: basename(input) });
  process.stdout.write(`${formatValidationReport(report, lang)}\n`);
  if (!report.usable) throw new CliError(`nothing written to ${out}`);

  mkdirSync(out, { recursive: true });
  const written = datasetFiles(dataset);
  const describes = files.some((f) => f.layer === 'dataset');
  const names: string[] = [];
  for (const [name, text] of Object.entries(written)) {
    // A folder being built up from several imports keeps its own description.
    if (name === 'dataset.json' && !describes && existsSync(join(out, name))) continue;
    writeAtomically(join(out, name), text);
    names.push(name);
  }
  process.stderr.write(`written to ${out}: ${names.join(', ')}\n`);
}

run(() => main(process.argv));
