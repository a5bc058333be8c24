/**
 * What the inspector calls a contract field and its values, in the reader's language: `level primary`
 * becomes 学段 小学, `fenced false` 围栏 无, a missing optional field 未知. Fields outside the contract
 * keep their own names (they are the data's words).
 */
import type { Lang } from '../core/messages';

const FIELDS: Record<string, { zh: string; en: string }> = {
  id: { zh: '编号', en: 'Id' }, name: { zh: '名称', en: 'Name' }, population: { zh: '人口', en: 'Population' },
  children_0_2: { zh: '0–2 岁儿童', en: 'Children 0–2' }, children_3_5: { zh: '3–5 岁儿童', en: 'Children 3–5' },
  children_6_11: { zh: '6–11 岁儿童', en: 'Children 6–11' }, children_12_14: { zh: '12–14 岁儿童', en: 'Children 12–14' },
  children_15_17: { zh: '15–17 岁儿童', en: 'Children 15–17' }, community: { zh: '所属社区', en: 'Community' },
  capacity: { zh: '学位/托位', en: 'Places' }, inclusive: { zh: '普惠', en: 'Inclusive (普惠)' }, level: { zh: '学段', en: 'Level' },
  area_m2: { zh: '面积（㎡）', en: 'Area (m²)' }, indoor: { zh: '室内', en: 'Indoor' }, kind: { zh: '类型', en: 'Kind' },
  fenced: { zh: '围栏', en: 'Fence' }, warning_signs: { zh: '警示牌', en: 'Warning signs' }, rescue_equipment: { zh: '救生设备', en: 'Rescue equipment' },
  freezes: { zh: '冬季结冰', en: 'Freezes in winter' }, highway: { zh: '道路等级', en: 'Road class' }, walkable: { zh: '可步行', en: 'Walkable' },
  parent_school: { zh: '家长学校', en: 'Parent school' }, pediatricians: { zh: '儿科医师', en: 'Paediatricians' },
  pediatric_beds: { zh: '儿科床位', en: 'Paediatric beds' }, child_health_doctors: { zh: '儿童保健医师', en: 'Child health doctors' },
};

const VALUES: Record<string, { zh: string; en: string }> = {
  primary: { zh: '小学', en: 'primary' }, middle: { zh: '初中', en: 'middle' }, nine_year: { zh: '九年一贯制', en: 'nine-year' },
  high: { zh: '高中', en: 'high school' }, complete: { zh: '完全中学（1–12 年级）', en: 'complete (grades 1–12)' },
  river: { zh: '河流', en: 'river' }, stream: { zh: '溪流', en: 'stream' }, canal: { zh: '渠道', en: 'canal' }, ditch: { zh: '沟渠', en: 'ditch' },
  lake: { zh: '湖泊', en: 'lake' }, pond: { zh: '水塘', en: 'pond' }, reservoir: { zh: '水库', en: 'reservoir' }, pit: { zh: '水坑/基坑', en: 'pit' }, pool: { zh: '水池', en: 'pool' },
  urban: { zh: '城市社区', en: 'urban' }, rural: { zh: '农村社区', en: 'rural' },
  park: { zh: '公园', en: 'park' }, residential_green: { zh: '居住区绿地', en: 'residential green' }, square: { zh: '广场', en: 'square' },
  hospital: { zh: '医院', en: 'hospital' }, maternal_child: { zh: '妇幼保健院', en: 'maternal and child health' },
  community_health_center: { zh: '社区卫生服务中心', en: 'community health centre' }, township_health_center: { zh: '乡镇卫生院', en: 'township health centre' },
  internet_cafe: { zh: '网吧', en: 'internet café' }, entertainment: { zh: '娱乐场所', en: 'entertainment' }, bar: { zh: '酒吧', en: 'bar' },
  lottery: { zh: '彩票店', en: 'lottery' }, tobacco: { zh: '烟草店', en: 'tobacco' }, food_outlet: { zh: '餐饮店', en: 'food outlet' },
};

export const fieldLabel = (field: string, lang: Lang) => FIELDS[field]?.[lang] ?? field;
export const isContractWord = (field: string) => field in FIELDS;

export function valueText(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return lang === 'zh' ? '未知' : 'unknown';
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '有' : '无') : value ? 'yes' : 'no';
  if (typeof value === 'string') return VALUES[value]?.[lang] ?? value;
  if (typeof value === 'number') return value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 2 });
  return JSON.stringify(value);
}
