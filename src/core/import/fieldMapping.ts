/**
 * Which source attribute gives which contract field. A planning institute's Shapefile says
 * `XXMC` or `学校名称` where the contract says `name`, and `小学` where it says `primary`: the
 * planner confirms a guessed mapping once, the app remembers it by the attribute set, and the
 * values the contract enumerates are read from their usual Chinese words.
 */
import { LAYER_NAMES, LAYER_SPECS, type LayerName } from '../layers';
import type { Issue } from '../types';
import type { InputFile } from '../types';
import type { RawLayer } from './rawLayer';

/** Contract field (or `id`) → source attribute name. A field left out is not mapped. */
export type FieldMapping = Partial<Record<string, string>>;

/** The fields a planner can map for a layer: `id` first, then the contract's fields in table order. */
export function mappableFields(layer: LayerName): string[] {
  return ['id', ...Object.keys(LAYER_SPECS[layer].fields)];
}

/** Words that name each field in files we have seen; compared lower-case, without spaces or `_`. */
const FIELD_WORDS: Record<string, readonly string[]> = {
  id: ['id', 'fid', 'objectid', 'code', 'bm', '编号', '编码', '代码', '序号'],
  name: ['name', 'mc', 'xxmc', 'title', '名称', '名字', '学校名称', '幼儿园名称', '机构名称', '单位名称', '小区名称', '社区名称', '村名', '项目名称'],
  capacity: ['capacity', 'seats', 'places', 'xw', 'xwsl', '学位', '学位数', '容量', '规模', '学位规模', '托位', '托位数', '床位'],
  inclusive: ['inclusive', 'puhui', 'ph', '普惠', '是否普惠', '普惠性'],
  level: ['level', 'type', 'xd', 'xxlx', '学段', '级别', '类型', '学校类型', '办学类型'],
  population: ['population', 'pop', 'rk', 'rks', '人口', '人口数', '常住人口', '户籍人口', '总人口'],
  children_0_2: ['children02', '02岁'],
  children_3_5: ['children35', '35岁'],
  children_6_11: ['children611', '611岁'],
  children_12_14: ['children1214', '1214岁'],
  children_15_17: ['children1517', '1517岁'],
  community: ['community', 'sq', 'sqmc', '社区', '所属社区', '村', '所属村', '社区村'],
  area_m2: ['aream2', 'area', 'mj', '面积', '占地面积', '场地面积', '面积m2', '面积平方米'],
  indoor: ['indoor', '室内', '是否室内'],
  kind: ['kind', 'type', 'class', 'lx', '类型', '类别', '种类', '水体类型'],
  fenced: ['fenced', 'fence', 'wl', '围栏', '护栏', '是否有围栏'],
  warning_signs: ['warningsigns', 'signs', 'jsp', '警示牌', '警示标志', '是否有警示牌'],
  rescue_equipment: ['rescueequipment', 'rescue', 'jssb', '救生设备', '救生器材', '是否有救生设备'],
  freezes: ['freezes', 'ice', 'jb', '结冰', '冬季结冰'],
  highway: ['highway', 'roadclass', 'dldj', '道路等级', '等级'],
  walkable: ['walkable', 'foot', '可步行', '步行'],
  parent_school: ['parentschool', '家长学校', '家庭教育指导服务点'],
  pediatricians: ['pediatricians', '儿科医生', '儿科医师'],
  pediatric_beds: ['pediatricbeds', '儿科床位'],
  child_health_doctors: ['childhealthdoctors', '儿保医生'],
};

const squash = (s: string) => s.toLowerCase().replace(/[\s_\-()（）²]/g, '');

/** A first guess: an attribute named like the field (or the field itself). Each attribute used once. */
export function guessFieldMapping(layer: LayerName, attributes: readonly string[]): FieldMapping {
  const mapping: FieldMapping = {};
  const used = new Set<string>();
  for (const field of mappableFields(layer)) {
    const words = [squash(field), ...(FIELD_WORDS[field] ?? []).map(squash)];
    const found = attributes.find((a) => !used.has(a) && words.includes(squash(a)));
    if (found !== undefined) {
      mapping[field] = found;
      used.add(found);
    }
  }
  return mapping;
}

/**
 * The layer a source's own name suggests: `schools.shp`, `幼儿园.csv`, `铁西区_坑塘.shp`. Chinese words
 * are matched inside the name, most specific first; null when nothing says.
 */
const LAYER_WORDS: [RegExp, LayerName][] = [
  [/儿童之家/, 'childrens_homes'],
  [/儿童活动场地|活动场地|游乐场|游戏场|playground/i, 'playgrounds'],
  [/托育|托儿|childcare/i, 'childcare'],
  [/幼儿园|kindergarten/i, 'kindergartens'],
  [/预留|备选|候选|candidate/i, 'candidates'],
  [/中小学|小学|中学|学校|school/i, 'schools'],
  [/坑塘|水域|水体|河流|河道|池塘|水库|湖|water|river|pond/i, 'water'],
  [/道路|路网|road|street/i, 'roads'],
  [/社区|村界|行政村|community/i, 'communities'],
  [/绿地|公园|广场|green|park/i, 'green_spaces'],
  [/医院|卫生|医疗|health|hospital/i, 'health'],
  [/网吧|娱乐|彩票|烟草|venue/i, 'venues'],
  [/居住|住宅|小区|楼栋|人口|residential|homes?\b|building/i, 'residential'],
];

export function layerFromSourceName(source: string): LayerName | null {
  const stem = (source.split(/[\\/]/).pop() ?? '').replace(/\.[a-z0-9]+$/i, '').toLowerCase();
  if ((LAYER_NAMES as readonly string[]).includes(stem)) return stem as LayerName;
  return LAYER_WORDS.find(([words]) => words.test(stem))?.[1] ?? null;
}

/** A mapping is remembered for the set of attribute names it was made for, whatever their order. */
export function mappingKey(attributes: readonly string[]): string {
  return [...attributes].sort().join('\u001f');
}

/** Usual Chinese (and English) words for enumerated values, per field. Exact words only. */
const VALUE_WORDS: Record<string, Record<string, string>> = {
  level: {
    小学: 'primary', 初中: 'middle', 初级中学: 'middle', 中学: 'middle', 高中: 'high', 高级中学: 'high',
    九年一贯制: 'nine_year', 九年一贯制学校: 'nine_year', 九年制: 'nine_year', 十二年一贯制: 'complete', 十二年一贯制学校: 'complete',
    'primary school': 'primary', 'middle school': 'middle', 'junior high': 'middle', 'high school': 'high', 'senior high': 'high',
  },
  kind: {
    河: 'river', 河流: 'river', 江: 'river', 溪: 'stream', 小溪: 'stream', 溪流: 'stream', 运河: 'canal', 渠: 'canal', 水渠: 'canal',
    沟: 'ditch', 沟渠: 'ditch', 排水沟: 'ditch', 湖: 'lake', 湖泊: 'lake', 塘: 'pond', 池塘: 'pond', 坑塘: 'pond', 鱼塘: 'pond', 养鱼塘: 'pond',
    水库: 'reservoir', 坑: 'pit', 水坑: 'pit', 矿坑: 'pit', 取土坑: 'pit', 泳池: 'pool', 游泳池: 'pool',
    社区: 'urban', 城市社区: 'urban', 城镇: 'urban', 村: 'rural', 行政村: 'rural', 农村: 'rural',
    公园: 'park', 居住区绿地: 'residential_green', 小区绿地: 'residential_green', 附属绿地: 'residential_green', 广场: 'square',
    医院: 'hospital', 妇幼保健院: 'maternal_child', 妇幼保健计划生育服务中心: 'maternal_child', 社区卫生服务中心: 'community_health_center', 乡镇卫生院: 'township_health_center', 卫生院: 'township_health_center',
    网吧: 'internet_cafe', 娱乐场所: 'entertainment', 歌舞厅: 'entertainment', 酒吧: 'bar', 彩票: 'lottery', 彩票店: 'lottery', 烟草: 'tobacco', 烟草店: 'tobacco', 烟酒店: 'tobacco',
  },
};

export interface MappedLayer {
  file: InputFile;
  notes: Issue[];
}

/**
 * The raw layer as a contract layer file: mapped fields under their contract names, every other
 * source attribute kept as it was (shown, never required). The loader then validates it like any
 * dropped file, so the planner gets the same report whatever the source.
 */
export function mapRawLayer(raw: RawLayer, layer: LayerName, mapping: FieldMapping): MappedLayer {
  const spec = LAYER_SPECS[layer];
  const translated = new Map<string, { field: string; value: string; as: string; count: number }>();
  const mappedFrom = new Set(Object.values(mapping).filter((a): a is string => !!a));
  const features = raw.features.map((f) => {
    const source = f.properties ?? {};
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(source)) if (!mappedFrom.has(key) && !(key in spec.fields) && key !== 'id') properties[key] = value;
    for (const [field, attribute] of Object.entries(mapping)) {
      if (!attribute || !(attribute in source)) continue;
      let value = source[attribute];
      // Empty cells in a table mean "unknown", which the contract writes as an absent property.
      if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
      const rule = field === 'id' ? undefined : spec.fields[field];
      if (rule?.type === 'enum' && typeof value === 'string' && !rule.values.includes(value.trim().toLowerCase())) {
        const as = VALUE_WORDS[field]?.[value.trim().toLowerCase()] ?? VALUE_WORDS[field]?.[value.trim()];
        if (as && rule.values.includes(as)) {
          const key = `${field}\u001f${value}`;
          const seen = translated.get(key) ?? { field, value, as, count: 0 };
          seen.count++;
          translated.set(key, seen);
          value = as;
        }
      }
      properties[field] = value;
    }
    if (raw.coordinates) {
      properties.crs_from = raw.coordinates.from;
      if (raw.coordinates.assumed) properties.crs_assumed = true;
    }
    return { type: 'Feature' as const, geometry: f.geometry, properties };
  });
  const notes: Issue[] = raw.notes.map((n) => ({ ...n, layer: n.layer === 'dataset' ? layer : n.layer }));
  for (const t of translated.values()) {
    notes.push({ severity: 'warning', code: 'import_value_translated', layer, file: raw.source, field: t.field, params: { value: t.value, as: t.as, count: t.count } });
  }
  const text = JSON.stringify({ type: 'FeatureCollection', features });
  return { file: { name: raw.source, text, layer }, notes };
}
