/**
 * The evaluation report's words, Chinese and English, and the values it shows in the reader's
 * language (水塘 / pond, 高 / high, 有 / 无 / 未知). Values from the data (names) are never translated.
 */
import type { Lang } from '../../messages';

const ZH = {
  title: '{plan}监测评估报告',
  reportKind: '儿童友好空间监测评估',
  district: '区域 / 数据集',
  dataYear: '数据年份',
  date: '报告日期',
  targets: '目标依据',
  distance: '距离计算',
  distance_network: '沿步行路网',
  distance_euclidean: '直线距离',
  synthetic: '示例（合成）数据，仅供演示',
  tool: '生成工具',
  summary: '总体情况',
  summarySentence: '共 {total} 项指标：达标 {met} 项，未达标 {notMet} 项，无法计算 {nc} 项。',
  notMetList: '未达标：{list}。',
  scorecard: '规划指标一览',
  col_indicator: '指标', col_value: '现状', col_target: '目标', col_status: '状态', col_gap: '差距', col_source: '依据', col_restsOn: '数据说明',
  status_met: '达标', status_not_met: '未达标', status_not_computable: '无法计算',
  sec_coverage: '一、生活圈覆盖', sec_seats: '二、学位与托育', sec_play: '三、儿童活动场地', sec_community: '四、社区儿童之家与家长学校',
  sec_drowning: '五、防溺水', sec_surroundings: '六、学校周边环境', sec_health: '七、儿科医疗资源', sec_siting: '八、新建幼儿园选址方案', sec_land: '九、教育设施用地配置', sec_trends: '十、监测趋势（至 2030 年）',
  sec_communities: '附表一：各社区指标', sec_inspection: '附表二：水域隐患排查表', sec_quality: '数据来源与数据质量', sec_methods: '方法说明',
  gap_coverage: '{n} 名 {age}儿童在 {radius} 米范围外',
  gap_communities: '{n} 个社区尚无',
  gap_places: '尚缺约 {n} 个学位',
  gap_childcare: '尚缺约 {n} 个托位',
  gap_count: '{n} 处',
  gap_children: '{n} 名儿童',
  gap_spaces: '{n} 处尚无儿童活动场地',
  gap_doctors: '尚缺约 {n} 名儿科医师',
  gap_beds: '尚缺约 {n} 张儿科床位',
  age_children_3_5: '3–5 岁', age_children_0_2: '0–2 岁', age_children_6_11: '6–11 岁', age_children_12_14: '12–14 岁', age_0_11: '0–11 岁',
  find_noPlayground: '{names}：没有任何住宅在 {radius} 米内可到达儿童活动场地。',
  find_noKindergarten: '{names}：没有任何 3–5 岁儿童在 {radius} 米内可到达幼儿园。',
  find_coverageLowest: '{kind}覆盖率最低的社区：{list}。',
  find_noChildrensHome: '尚无儿童之家的社区（{n} 个）：{names}。',
  find_noParentSchool: '尚无家长学校的社区（{n} 个）：{names}。',
  find_hazards: '{n} 处水域在儿童场所 {radius} 米内且防护不全，其中高风险 {high} 处：{names}。',
  find_venues: '{n} 处禁设场所位于中小学 {radius} 米内：{list}。',
  find_places: '幼儿园学位 {places} 个，3–5 岁儿童约 {children} 名，学位数 / 儿童数 = {ratio}（目标 {target}）。',
  find_siting: '{n} 处选址（{names}）可使 {radius} 米内的 3–5 岁儿童增加约 {adds} 名（覆盖率 {before} → {after}）。',
  find_noSiting: '本报告未包含选址方案；可在“新建选址”页运行后重新生成。',
  find_land: '按{units}测算：{year} 年全区幼儿园学位缺口 {gap} 个，需增 {classes} 个班、用地 {land} ㎡；{last} 年缺口 {gapLast} 个、需增 {classesLast} 个班。预留教育用地合计 {reserved} ㎡。',
  find_landShort: '{year} 年预留教育用地不足的{units}（{n} 个，缺口最大的在前）：{names}。',
  find_trend: '比较 {years} 年数据：已达标 {met} 项，可按期达标 {on} 项，有风险 {risk} 项，偏离目标 {off} 项（趋势线：两年为直线，三年及以上为最小二乘直线）。',
  tbl_trends: '各项指标逐年数值与 2030 年趋势', tbl_trendWarnings: '社区预警（最严重的在前）', col_trend2030: '2030 年（趋势）',
  trend_met: '已达标', trend_on_track: '可按期达标', trend_at_risk: '有风险', trend_off_track: '偏离目标', trend_not_computable: '无法判断',
  find_landPlay: '儿童活动场地 {have} ㎡；按 GB 55038-2025 旧区更新 0.35 ㎡/人需 {renewal} ㎡，新区 0.50 ㎡/人需 {fresh} ㎡；场地不足（旧区标准）的{units}：{names}。',
  find_landBasis: '测算依据：入园率 {kg}，班额 幼儿园 {kgClass} / 小学 {pClass} / 初中 {mClass} 人，出生率 {birth}‰；用地指标：{land}。',
  tbl_landDistrict: '全区学位与用地（各年份）', tbl_landUnits: '预留用地不足的单元（{year} 年）',
  col_year: '年份', col_level: '学段', col_landChildren: '儿童数', col_required: '需要学位', col_placesThere: '现有学位', col_gapPlaces: '学位缺口', col_classes: '需增班数', col_landNeeded: '需要用地（㎡）', col_reserved: '预留用地（㎡）', col_landShort: '用地缺口（㎡）', col_unit: '单元',
  unit_community: '社区', unit_planning: '规划单元',
  level_kindergarten: '幼儿园', level_childcare: '托育', level_primary: '小学', level_middle: '初中',
  find_health: '儿科医师 {doctors} 名、儿科床位 {beds} 张，服务 0–17 岁儿童约 {children} 名。',
  find_none: '无。',
  fig_coverage: '图 {n}：{kind}{radius} 米覆盖（绿色：覆盖；红色：未覆盖）',
  fig_trend: '图 {n}：{label}——逐年数值、至 2030 年趋势（虚线）与目标（红线）',
  fig_communityBars: '图 {n}：各社区{kind}覆盖率（虚线为目标）',
  fig_distance: '图 {n}：3–5 岁儿童到最近幼儿园的距离分布',
  fig_risk: '图 {n}：水域隐患风险等级',
  fig_places: '图 {n}：各社区幼儿园学位与 3–5 岁儿童（步行可达）',
  legend_covered: '覆盖', legend_notCovered: '未覆盖', legend_facility: '设施', legend_water: '水域', legend_community: '社区边界', legend_road: '道路',
  chart_share: '覆盖率', chart_target: '目标', chart_children: '儿童数', chart_hazards: '水域数', chart_placesPerChild: '学位 / 儿童',
  band_unreachable: '不可达',
  risk_high: '高', risk_medium: '中', risk_low: '低', risk_none: '无',
  yes: '有', no: '无', unknown: '未知',
  col_name: '名称', col_id: '编号', col_kind: '类型', col_risk: '风险', col_score: '评分', col_missing: '缺少的防护', col_nearest: '最近的儿童场所', col_children: '500 米内儿童',
  col_fenced: '围栏', col_signs: '警示牌', col_rescue: '救生设备', col_inspector: '排查人签字', col_inspectDate: '日期',
  col_community: '社区', col_school: '学校', col_distance: '距离（米）', col_doctors: '儿科医师', col_beds: '儿科床位', col_venue: '场所',
  col_kindShare: '{kind}覆盖率',
  col_placesPerChild: '学位/儿童', col_area: '人均场地（㎡）', col_childrensHome: '儿童之家', col_parentSchool: '家长学校',
  kind_kindergarten: '幼儿园', kind_childcare: '托育机构', kind_primary: '小学', kind_middle: '中学', kind_playground: '儿童活动场地',
  water_river: '河流', water_stream: '溪流', water_canal: '渠道', water_ditch: '沟渠', water_lake: '湖泊', water_pond: '水塘', water_reservoir: '水库', water_pit: '水坑', water_pool: '水池',
  green_park: '公园', green_residential_green: '居住区绿地', green_square: '广场',
  venue_internet_cafe: '网吧', venue_entertainment: '娱乐场所', venue_bar: '酒吧', venue_lottery: '彩票店', venue_tobacco: '烟草店', venue_food_outlet: '餐饮店',
  place_residential: '住宅', place_kindergartens: '幼儿园', place_schools: '学校', place_playgrounds: '活动场地', place_childrens_homes: '儿童之家',
  missing_fenced: '围栏', missing_warning_signs: '警示牌', missing_rescue_equipment: '救生设备',
  unknownMark: '（未知）',
  sources_dataset: '数据集：{name}（坐标系 {crs}）；各图层要素数：{layers}。',
  sources_rejected: '导入时被拒绝的要素：{n} 个（原因见数据校验报告）。',
  methods: [
    '覆盖率：每处住宅按其代表点（面状取面积加权质心）计算到最近设施的{distance}距离；距离不超过服务半径（幼儿园、托育、活动场地 300 米，小学 500 米，中学 1000 米，依 GB 50180-2018 生活圈）即为覆盖，以对应年龄段儿童数加权。',
    '步行网络：可步行道路的相邻折点构成边，坐标相同的折点为同一节点；住宅和设施接入最近可步行边上的最近点，接入线计入距离；距可步行道路 500 米以上的住宅视为不在路网上，计为未覆盖。',
    '儿童数：住宅缺少的年龄段按 dataset.json 的年龄构成估算；凡依赖估算的数字均在“数据说明”中注明。',
    '学位与场地：步行范围内的学位、场地面积按两步移动搜索法（2SFCA）分配给儿童。',
    '防溺水：水域在儿童场所（住宅、幼儿园、学校、活动场地、儿童之家）风险距离内、且围栏、警示牌、救生设备不全者为未防护隐患；未知按未设置计。',
    '学校周边：禁设场所（网吧、娱乐场所、彩票店、烟草店）到中小学边界（无边界时为点）的直线距离不超过 200 米即计入。',
  ],
  page: '第 {n} 页',
};

type Key = keyof typeof ZH;
const EN: { [K in Key]: (typeof ZH)[K] } = {
  title: '{plan}: monitoring and evaluation report',
  reportKind: 'Child-friendly space monitoring and evaluation',
  district: 'District / dataset', dataYear: 'Data year', date: 'Report date', targets: 'Targets', distance: 'Distances',
  distance_network: 'along the walking network', distance_euclidean: 'straight line',
  synthetic: 'Sample (synthetic) data, for demonstration only', tool: 'Made with',
  summary: 'Summary',
  summarySentence: '{total} indicators: {met} met, {notMet} not met, {nc} not computable.',
  notMetList: 'Not met: {list}.',
  scorecard: 'Plan indicators at a glance',
  col_indicator: 'Indicator', col_value: 'Value', col_target: 'Target', col_status: 'Status', col_gap: 'Gap', col_source: 'Source', col_restsOn: 'Rests on',
  status_met: 'met', status_not_met: 'not met', status_not_computable: 'not computable',
  sec_coverage: '1. Living-circle coverage', sec_seats: '2. Kindergarten and childcare places', sec_play: '3. Play space', sec_community: "4. Children's homes and parent schools",
  sec_drowning: '5. Drowning risk', sec_surroundings: '6. School surroundings', sec_health: '7. Paediatric resources', sec_siting: '8. New kindergarten sites', sec_land: '9. Land for schools and kindergartens', sec_trends: '10. Trends toward 2030',
  sec_communities: 'Annex 1: indicators by community', sec_inspection: 'Annex 2: water hazard inspection list', sec_quality: 'Data sources and data quality', sec_methods: 'Methods',
  gap_coverage: '{n} children aged {age} outside {radius} m',
  gap_communities: '{n} communities without',
  gap_places: 'about {n} places short',
  gap_childcare: 'about {n} childcare places short',
  gap_count: '{n}',
  gap_children: '{n} children',
  gap_spaces: '{n} without a playground',
  gap_doctors: 'about {n} paediatricians short',
  gap_beds: 'about {n} paediatric beds short',
  age_children_3_5: '3–5', age_children_0_2: '0–2', age_children_6_11: '6–11', age_children_12_14: '12–14', age_0_11: '0–11',
  find_noPlayground: '{names}: no home has a playground within {radius} m.',
  find_noKindergarten: '{names}: no child aged 3–5 has a kindergarten within {radius} m.',
  find_coverageLowest: 'Lowest {kind} coverage: {list}.',
  find_noChildrensHome: "Communities without a children's home ({n}): {names}.",
  find_noParentSchool: 'Communities without a parent school ({n}): {names}.',
  find_hazards: '{n} water features within {radius} m of a child place lack a protection; {high} are high risk: {names}.',
  find_venues: '{n} prohibited venues within {radius} m of a primary or middle school: {list}.',
  find_places: '{places} kindergarten places for about {children} children aged 3–5: {ratio} places per child (target {target}).',
  find_siting: '{n} sites ({names}) would bring about {adds} more children aged 3–5 within {radius} m (coverage {before} → {after}).',
  find_noSiting: 'No siting proposal in this report; run one in the Sites tab and make the report again.',
  find_land: 'By {units}: in {year} the district lacks {gap} kindergarten places, {classes} classes on {land} m² of land; in {last}, {gapLast} places and {classesLast} classes. Reserved education land: {reserved} m² in all.',
  find_landShort: '{units} short of reserved education land in {year} ({n}, largest shortfall first): {names}.',
  find_trend: 'Years compared: {years}. Met {met}, on track {on}, at risk {risk}, off track {off} (trend line: straight through two years, least squares through three or more).',
  tbl_trends: 'Each indicator by year, and its trend to 2030', tbl_trendWarnings: 'Community warnings (worst first)', col_trend2030: '2030 (trend)',
  trend_met: 'Met', trend_on_track: 'On track', trend_at_risk: 'At risk', trend_off_track: 'Off track', trend_not_computable: 'Not computable',
  find_landPlay: 'Play space {have} m²; GB 55038-2025 asks {renewal} m² at 0.35 m² per resident in renewal areas, {fresh} m² at 0.50 in new areas; {units} short of it (renewal figure): {names}.',
  find_landBasis: 'Basis: kindergarten enrolment {kg}; class sizes kindergarten {kgClass} / primary {pClass} / middle {mClass}; birth rate {birth} ‰; land figures: {land}.',
  tbl_landDistrict: 'District places and land, by year', tbl_landUnits: 'Units short of reserved land ({year})',
  col_year: 'Year', col_level: 'Level', col_landChildren: 'Children', col_required: 'Places needed', col_placesThere: 'Places there', col_gapPlaces: 'Gap (places)', col_classes: 'Classes to add', col_landNeeded: 'Land needed (m²)', col_reserved: 'Reserved (m²)', col_landShort: 'Land short (m²)', col_unit: 'Unit',
  unit_community: 'Communities', unit_planning: 'Planning units',
  level_kindergarten: 'Kindergarten', level_childcare: 'Childcare', level_primary: 'Primary', level_middle: 'Middle',
  find_health: '{doctors} paediatricians and {beds} paediatric beds for about {children} children aged 0–17.',
  find_none: 'None.',
  fig_coverage: 'Figure {n}: {kind} within {radius} m (green: covered; red: not covered)',
  fig_trend: 'Figure {n}: {label} — by year, the trend to 2030 (dashed) and the target (red)',
  fig_communityBars: 'Figure {n}: {kind} coverage by community (dashed: target)',
  fig_distance: 'Figure {n}: children aged 3–5 by distance to the nearest kindergarten',
  fig_risk: 'Figure {n}: water hazards by risk',
  fig_places: 'Figure {n}: kindergarten places and children aged 3–5 within reach, by community',
  legend_covered: 'covered', legend_notCovered: 'not covered', legend_facility: 'facility', legend_water: 'water', legend_community: 'community boundary', legend_road: 'road',
  chart_share: 'coverage', chart_target: 'target', chart_children: 'children', chart_hazards: 'water features', chart_placesPerChild: 'places per child',
  band_unreachable: 'unreachable',
  risk_high: 'high', risk_medium: 'medium', risk_low: 'low', risk_none: 'none',
  yes: 'yes', no: 'no', unknown: 'unknown',
  col_name: 'Name', col_id: 'Id', col_kind: 'Kind', col_risk: 'Risk', col_score: 'Score', col_missing: 'Missing protection', col_nearest: 'Nearest child place', col_children: 'Children within 500 m',
  col_fenced: 'Fence', col_signs: 'Signs', col_rescue: 'Rescue equipment', col_inspector: "Inspector's signature", col_inspectDate: 'Date',
  col_community: 'Community', col_school: 'School', col_distance: 'Distance (m)', col_doctors: 'Paediatricians', col_beds: 'Paediatric beds', col_venue: 'Venue',
  col_kindShare: '{kind} coverage',
  col_placesPerChild: 'Places/child', col_area: 'Play area per child (m²)', col_childrensHome: "Children's home", col_parentSchool: 'Parent school',
  kind_kindergarten: 'kindergarten', kind_childcare: 'childcare', kind_primary: 'primary school', kind_middle: 'middle school', kind_playground: 'playground',
  water_river: 'river', water_stream: 'stream', water_canal: 'canal', water_ditch: 'ditch', water_lake: 'lake', water_pond: 'pond', water_reservoir: 'reservoir', water_pit: 'pit', water_pool: 'pool',
  green_park: 'park', green_residential_green: 'residential green', green_square: 'square',
  venue_internet_cafe: 'internet café', venue_entertainment: 'entertainment venue', venue_bar: 'bar', venue_lottery: 'lottery shop', venue_tobacco: 'tobacco shop', venue_food_outlet: 'food outlet',
  place_residential: 'homes', place_kindergartens: 'kindergarten', place_schools: 'school', place_playgrounds: 'playground', place_childrens_homes: "children's home",
  missing_fenced: 'fence', missing_warning_signs: 'warning signs', missing_rescue_equipment: 'rescue equipment',
  unknownMark: ' (unknown)',
  sources_dataset: 'Dataset: {name} (coordinates {crs}); features per layer: {layers}.',
  sources_rejected: 'Features rejected on loading: {n} (see the validation report).',
  methods: [
    "Coverage: each home stands for its representative point (a polygon's area-weighted centroid) and its {distance} distance to the nearest facility is measured; within the service radius (kindergarten, childcare, playground 300 m; primary 500 m; middle 1,000 m, after the GB 50180-2018 living circles) it is covered, weighted by the children of the age band.",
    'Walking network: consecutive vertices of walkable roads form edges, equal coordinates are one node; homes and facilities join at the nearest point of the nearest walkable edge and the connector counts; a home more than 500 m from a walkable road is off-network and counts as not covered.',
    "Children: a home's missing age bands are estimated from dataset.json's age shares; every figure resting on estimates says so under 'Rests on'.",
    'Places and play area within reach are shared among children with a two-step floating catchment (2SFCA).',
    "Drowning: water within the risk distance of a child place (home, kindergarten, school, playground, children's home) lacking fence, signs or rescue equipment is an unmitigated hazard; unknown counts as absent.",
    'School surroundings: a prohibited venue (internet café, entertainment, lottery, tobacco) counts within 200 m straight line of a primary or middle school boundary (its point when it has none).',
  ],
  page: 'Page {n}',
};

export type TextKey = Exclude<Key, 'methods'>;

export function text(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  const table = lang === 'en' ? EN : ZH;
  return (table[key] as string).replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export const methods = (lang: Lang): string[] => (lang === 'en' ? EN : ZH).methods;

/** A table key for a value the data holds as a code (`pond`), or the code itself when the table has none. */
export function word(lang: Lang, prefix: string, code: string): string {
  const key = `${prefix}_${code}` as TextKey;
  return key in ZH ? text(lang, key) : code;
}

/** yes / no / unknown for a boolean that may be missing. */
export const yesNo = (lang: Lang, v: boolean | null | undefined) => text(lang, v === true ? 'yes' : v === false ? 'no' : 'unknown');

/** A file name people can read: the dataset, what the file is, and the day it was made. */
export function exportFileName(dataset: string, what: string, ext: string, date = new Date().toISOString().slice(0, 10)): string {
  const clean = (x: string) => x.replace(/[\\/:*?"<>|\s\u0000-\u001f]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80);
  return `${clean(dataset) || 'dataset'}-${clean(what)}-${date}.${ext}`;
}

/** Numbers as a reader writes them: thousands grouped, shares as percentages. */
export function formatNumber(lang: Lang, v: number, digits = 0): string {
  return v.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
export const percent = (lang: Lang, v: number) => `${formatNumber(lang, v * 100, 1)}%`;
