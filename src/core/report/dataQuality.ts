/**
 * What the figures rest on (the report's `data_quality`): separate walking networks and the children
 * they cut off, homes off the network, estimated population and age bands, facilities without
 * capacity, playgrounds of unknown size, coordinates converted or assumed, source features an importer
 * left out. A planner reads these before any figure; each coverage indicator's reason repeats the ones
 * that touch more than 5 % of its children.
 */
import type { AccessResult, NetworkContext } from '../access';
import { FACILITY_KINDS } from '../facilities';
import { AGE_BANDS, LAYER_NAMES, type AgeBand } from '../layers';
import { componentOfEdge, networkComponents } from '../network/networkComponents';
import type { Dataset } from '../types';

export interface DataQualityFinding {
  id: string;
  severity: 'info' | 'warning';
  value: number;
  /** Homes and children (0–17) the finding concerns, where it concerns homes. */
  homes?: number;
  children?: number;
  message: { zh: string; en: string };
}

/** Per home: what its figures rest on. Shared by the findings and the coverage reasons. */
export interface HomeQuality {
  /** Population estimated by an importer (`population_estimated: true`). */
  populationEstimated: Uint8Array;
  /** Joined to a walking network other than the largest one. */
  separateNetwork: Uint8Array;
  /** On a network, yet reaching no facility of any kind that has facilities (an island). */
  cutOff: Uint8Array;
  /** Number of separate walking networks (0 in straight-line mode). */
  components: number;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
/** Children in a sentence: whole children (the estimates behind them are fractional). */
const fmt = (v: number) => Math.round(v).toLocaleString('en-US');

export function homeQuality(dataset: Dataset, access: AccessResult, context: NetworkContext | null): HomeQuality {
  const n = access.homes.count;
  const populationEstimated = new Uint8Array(n);
  (dataset.layers.residential?.features ?? []).forEach((f, h) => {
    if (f.properties.population_estimated === true) populationEstimated[h] = 1;
  });
  const separateNetwork = new Uint8Array(n);
  const cutOff = new Uint8Array(n);
  let components = 0;
  if (context) {
    const c = networkComponents(context.network);
    components = c.count;
    const { edge } = context.homeSnaps;
    for (let h = 0; h < n; h++) if (edge[h]! >= 0 && componentOfEdge(context.network, c, edge[h]!) !== c.largest) separateNetwork[h] = 1;
    const kinds = FACILITY_KINDS.filter((k) => access.facilities[k].ids.length > 0);
    if (kinds.length > 0) {
      for (let h = 0; h < n; h++) {
        if (!access.offNetwork[h] && kinds.every((k) => access.nearest[k].facility[h]! < 0)) cutOff[h] = 1;
      }
    }
  }
  return { populationEstimated, separateNetwork, cutOff, components };
}

/** Children of the given bands (default 0–17) in the homes a flag marks. */
export function childrenWhere(access: AccessResult, flag: (h: number) => boolean, bands: readonly AgeBand[] = AGE_BANDS): { homes: number; children: number } {
  let homes = 0;
  let children = 0;
  for (let h = 0; h < access.homes.count; h++) {
    if (!flag(h)) continue;
    homes++;
    for (const b of bands) children += access.homes.children[b][h]!;
  }
  return { homes, children };
}

export interface DataQualityInput {
  dataset: Dataset;
  access: AccessResult;
  quality: HomeQuality;
  offNetworkMetres: number;
  playgroundMinArea: number;
}

/** The findings, most consequential first: assumed coordinates, then the network, then estimates. */
export function dataQuality({ dataset, access, quality, offNetworkMetres, playgroundMinArea }: DataQualityInput): DataQualityFinding[] {
  const out: DataQualityFinding[] = [];
  const homesFinding = (id: string, severity: DataQualityFinding['severity'], value: number, where: { homes: number; children: number }, zh: string, en: string) =>
    out.push({ id, severity, value, homes: where.homes, children: round1(where.children), message: { zh, en } });

  // Coordinates: assumed (never declared) first, since every distance rests on them.
  const assumed = new Map<string, { count: number; layers: Set<string> }>();
  const converted = new Map<string, number>();
  const declared = dataset.meta.crs !== 'EPSG:4326' && dataset.meta.crs !== 'EPSG:4490' ? dataset.meta.crs : (dataset.meta.convertedFrom ?? null);
  for (const layer of LAYER_NAMES) {
    for (const f of dataset.layers[layer]?.features ?? []) {
      const from = typeof f.properties.crs_from === 'string' ? f.properties.crs_from : null;
      if (f.properties.crs_assumed === true) {
        const key = from ?? 'EPSG:4326';
        const entry = assumed.get(key) ?? { count: 0, layers: new Set<string>() };
        entry.count++;
        entry.layers.add(layer);
        assumed.set(key, entry);
      }
      const convertedFrom = declared ?? (from && from !== 'EPSG:4326' && from !== 'EPSG:4490' ? from : null);
      if (convertedFrom) converted.set(convertedFrom, (converted.get(convertedFrom) ?? 0) + 1);
    }
  }
  for (const [crs, { count, layers }] of assumed) {
    const list = [...layers].join(', ');
    out.push({
      id: 'crs.assumed', severity: 'warning', value: count,
      message: {
        zh: `${count} 个要素（${list}）的坐标系未经声明，按 ${crs} 读取；若实为${crs === 'GCJ-02' ? ' WGS84 或百度 BD-09' : crs === 'BD-09' ? ' WGS84 或高德 GCJ-02' : '高德 GCJ-02 或百度 BD-09'}，位置约偏 300–600 米。请在导入时指明坐标系`,
        en: `${count} features (${list}) came without a declared coordinate system and were read as ${crs}; were they ${crs === 'EPSG:4326' ? 'Gaode GCJ-02 or Baidu BD-09' : 'in another system'}, every position would be 300–600 m off. Say the system when importing`,
      },
    });
  }
  for (const [crs, count] of converted) {
    out.push({ id: 'crs.converted', severity: 'info', value: count, message: { zh: `${count} 个要素的坐标由 ${crs} 转换为 WGS84`, en: `${count} features had their coordinates converted from ${crs} to WGS84` } });
  }

  // The walking network.
  if (access.distance === 'euclidean' && access.distanceReason !== 'requested') {
    out.push({
      id: 'network.straight_line', severity: 'warning', value: 1,
      message: {
        zh: '没有可步行的道路图层：距离按直线计算，覆盖率会高于儿童实际步行可达的水平',
        en: 'no walkable roads layer: distances are straight lines, so coverage overstates what children can walk',
      },
    });
  }
  if (quality.components > 1) {
    const where = childrenWhere(access, (h) => quality.separateNetwork[h] === 1);
    homesFinding('network.components', where.homes > 0 ? 'warning' : 'info', quality.components, where,
      `道路图层分成 ${quality.components} 个互不相连的步行网络；${where.homes} 处住宅（约 ${fmt(where.children)} 名儿童）接入的不是最大的网络，只能到达同一网络上的设施`,
      `the roads form ${quality.components} separate walking networks; ${where.homes} homes (about ${fmt(where.children)} children) join one other than the largest and reach only what stands on it`);
  }
  const cutOff = childrenWhere(access, (h) => quality.cutOff[h] === 1);
  if (cutOff.homes > 0) {
    homesFinding('network.homes_cut_off', 'warning', cutOff.homes, cutOff,
      `${cutOff.homes} 处住宅（约 ${fmt(cutOff.children)} 名儿童）虽接入路网，但所在网络上没有任何设施（孤岛），各项均计为未覆盖；请检查道路是否断开`,
      `${cutOff.homes} homes (about ${fmt(cutOff.children)} children) are on a walking network that holds no facility of any kind (an island) and count as not covered; check the roads for gaps`);
  }
  const off = childrenWhere(access, (h) => access.offNetwork[h] === 1);
  if (off.homes > 0) {
    homesFinding('network.off_network', 'warning', off.homes, off,
      `${off.homes} 处住宅（约 ${fmt(off.children)} 名儿童）距任何可步行道路超过 ${offNetworkMetres} 米（不在路网上），计为未覆盖；请补全道路图层`,
      `${off.homes} homes (about ${fmt(off.children)} children) are more than ${offNetworkMetres} m from any walkable road (off-network) and count as not covered; complete the roads layer`);
  }

  // Population and age bands.
  const estimated = childrenWhere(access, (h) => quality.populationEstimated[h] === 1);
  if (estimated.homes > 0) {
    homesFinding('population.estimated', 'warning', estimated.homes, estimated,
      `${estimated.homes} 处住宅的人口为估算值（如按建筑占地面积和层数估算），涉及约 ${fmt(estimated.children)} 名儿童；请以统计人口核对`,
      `${estimated.homes} homes have an estimated population (e.g. from building footprints and storeys), about ${fmt(estimated.children)} children; check against census figures`);
  }
  const bandEstimated = AGE_BANDS.map((b) => access.homes.estimated[b]);
  const bands = childrenWhere(access, (h) => {
    for (let b = 0; b < bandEstimated.length; b++) if (bandEstimated[b]![h] === 1) return true;
    return false;
  });
  if (bands.homes > 0) {
    homesFinding('population.age_bands_estimated', 'info', bands.homes, bands,
      `${bands.homes} 处住宅至少有一个年龄段的儿童数按 dataset.json 的年龄构成（age_shares）估算`,
      `${bands.homes} homes have at least one age band estimated from dataset.json's age_shares`);
  }

  // Facilities and playgrounds.
  const noCapacity = (layer: 'kindergartens' | 'childcare') => (dataset.layers[layer]?.features ?? []).filter((f) => typeof f.properties.capacity !== 'number').length;
  const kg = noCapacity('kindergartens');
  const cc = noCapacity('childcare');
  if (kg + cc > 0) {
    out.push({
      id: 'facilities.capacity_unknown', severity: 'warning', value: kg + cc,
      message: {
        zh: `${[kg > 0 ? `${kg} 所幼儿园` : '', cc > 0 ? `${cc} 家托育机构` : ''].filter(Boolean).join('、')}未给出学位数，学位指标中按 0 计`,
        en: `${[kg > 0 ? `${kg} kindergartens` : '', cc > 0 ? `${cc} childcare facilities` : ''].filter(Boolean).join(' and ')} give no capacity; the places figures count them as 0`,
      },
    });
  }
  const { unknownSize, tooSmall } = access.facilities.playground;
  if (unknownSize.length > 0) {
    out.push({
      id: 'playgrounds.size_unknown', severity: 'info', value: unknownSize.length,
      message: { zh: `${unknownSize.length} 处儿童活动场地面积未知，按合同规则计入覆盖（面积计为 0）`, en: `${unknownSize.length} playgrounds are of unknown size: counted for coverage, with no area` },
    });
  }
  if (tooSmall.length > 0) {
    out.push({
      id: 'playgrounds.too_small', severity: 'info', value: tooSmall.length,
      message: { zh: `${tooSmall.length} 处儿童活动场地小于 ${playgroundMinArea} 平方米，未计入`, en: `${tooSmall.length} playgrounds are smaller than ${playgroundMinArea} m² and are left out` },
    });
  }

  // What an importer left out, as dataset.json records it.
  const excluded = dataset.meta.importExcluded ?? [];
  const total = excluded.reduce((s, e) => s + e.count, 0);
  if (total > 0) {
    out.push({
      id: 'import.excluded', severity: 'info', value: total,
      message: {
        zh: `导入时有 ${total} 个源要素未纳入：${excluded.map((e) => `${e.zh ?? e.rule}（${e.count}）`).join('；')}`,
        en: `${total} source features were left out on import: ${excluded.map((e) => `${e.en ?? e.rule} (${e.count})`).join('; ')}`,
      },
    });
  }
  return out;
}
