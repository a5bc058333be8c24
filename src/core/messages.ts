/**
 * Validation findings in words, Chinese and English. The app, the CLI and the report all render
 * issues through here, so a planner reads the same sentence everywhere. Plain text only: values
 * from the data are quoted into text, never into markup.
 */
import { LAYER_LABELS, LAYER_NAMES } from './layers';
import type { Issue, IssueCode, LayerReport, ValidationReport } from './types';

export type Lang = 'zh' | 'en';
type Params = Issue['params'];
type Template = (p: Params) => string;

const MESSAGES: Record<IssueCode, { zh: Template; en: Template }> = {
  file_not_json: { zh: (p) => `不是有效的 JSON 文件（${p.detail}）`, en: (p) => `not a valid JSON file (${p.detail})` },
  file_not_geojson: {
    zh: (p) => `是 JSON，但不是 GeoJSON 要素集合（发现：${p.found}）`,
    en: (p) => `JSON, but not a GeoJSON FeatureCollection (found: ${p.found})`,
  },
  file_too_large: {
    zh: (p) => `文件过大（约 ${p.sizeMB} MB，上限 ${p.limitMB} MB），请拆分后再导入`,
    en: (p) => `file too large (about ${p.sizeMB} MB, limit ${p.limitMB} MB); split it and import again`,
  },
  file_unreadable: { zh: (p) => `无法读取（${p.detail}）`, en: (p) => `cannot be read (${p.detail})` },
  file_unknown_layer: {
    zh: () => '文件名不是图层名，已忽略；请在导入对话框中为其选择图层',
    en: () => 'file name is not a layer name; ignored. Choose its layer in the import dialog',
  },
  file_duplicate_layer: { zh: () => '该图层已有文件，此文件被忽略', en: () => 'another file already gives this layer; this one was ignored' },
  bare_array: {
    zh: (p) => `文件是要素数组而非 FeatureCollection，已按 ${p.count} 个要素的集合读取`,
    en: (p) => `a bare array of features, not a FeatureCollection; read as a collection of ${p.count}`,
  },
  nan_tokens_replaced: {
    zh: () => '文件含有 NaN/Infinity（非标准 JSON），已按空值读取，相关要素被拒绝',
    en: () => 'file holds NaN/Infinity (not standard JSON); read as null, so the features holding them are rejected',
  },
  single_feature: { zh: () => '文件是单个 Feature 而非 FeatureCollection，已按一个要素读取', en: () => 'a single Feature, not a FeatureCollection; read as a collection of one' },
  dataset_json_invalid: { zh: (p) => `dataset.json 无法读取（${p.detail}）`, en: (p) => `dataset.json cannot be read (${p.detail})` },
  dataset_field_invalid: { zh: (p) => `取值 ${p.value} 无效，已忽略`, en: (p) => `value ${p.value} is not valid; ignored` },
  crs_unsupported: {
    zh: (p) => `不支持的坐标系 ${p.crs}；可用：EPSG:4326、EPSG:4490、GCJ-02、BD-09、EPSG:4513–4554（CGCS2000 高斯-克吕格 3 度带）`,
    en: (p) => `unsupported coordinate system ${p.crs}; use EPSG:4326, EPSG:4490, GCJ-02, BD-09 or EPSG:4513–4554 (CGCS2000 3-degree Gauss–Krüger)`,
  },
  crs_converted: { zh: (p) => `坐标已从 ${p.crs} 转换为 WGS84`, en: (p) => `coordinates converted from ${p.crs} to WGS84` },
  no_layers: {
    zh: () => '没有找到任何图层文件（应为 residential.geojson、schools.geojson 等）',
    en: () => 'no layer files found (expected residential.geojson, schools.geojson, …)',
  },
  nothing_usable: { zh: () => '没有任何要素可用：数据集无法使用', en: () => 'no feature could be loaded: the dataset cannot be used' },
  import_failed: { zh: (p) => `无法导入：${p.detail}`, en: (p) => `cannot be imported: ${p.detail}` },
  zip_unreadable: { zh: (p) => `不是可读取的 zip 压缩包（${p.detail}）`, en: (p) => `not a readable zip archive (${p.detail})` },
  zip_without_data: {
    zh: () => '压缩包里既没有 Shapefile（.shp），也没有 GeoJSON 图层文件',
    en: () => 'the zip holds neither a Shapefile (.shp) nor GeoJSON layer files',
  },
  zip_entry_skipped: {
    zh: (p) => p.why === 'entry' ? `压缩包中的 ${p.entry} 解压后约 ${p.sizeMB} MB，超过单个文件上限 ${p.limitMB} MB，已跳过（其余文件照常读取）`
      : `压缩包解压总量超过 ${p.limitMB} MB，${p.entry}（约 ${p.sizeMB} MB）已跳过`,
    en: (p) => p.why === 'entry' ? `${p.entry} in the zip unpacks to about ${p.sizeMB} MB, above the ${p.limitMB} MB limit for one file; skipped (the rest is read)`
      : `the zip unpacks to more than ${p.limitMB} MB in all; ${p.entry} (about ${p.sizeMB} MB) skipped`,
  },
  import_encoding: { zh: (p) => `文字编码按 ${p.encoding} 读取`, en: (p) => `text read as ${p.encoding}` },
  import_crs_converted: { zh: (p) => `坐标已从 ${p.crs} 转换为 WGS84`, en: (p) => `coordinates converted from ${p.crs} to WGS84` },
  import_prj_missing: {
    zh: () => '缺少 .prj 坐标系文件：坐标为经纬度，按 WGS84/CGCS2000 读取（假定，报告中注明）；若不对，请用 --crs 或在字段对应面板中指明',
    en: () => 'no .prj file: the coordinates are degrees, read as WGS84/CGCS2000 (assumed, and said in the report); if that is wrong, name the system with --crs or in the mapping panel',
  },
  import_prj_missing_projected: {
    zh: (p) => `缺少 .prj 坐标系文件，且坐标（${p.x}, ${p.y}）是投影坐标（米），无法判断属于哪个坐标系：请在字段对应面板中选择坐标系，或在命令行用 --crs 指明${p.suggestion ? `（东坐标的带号表明可能是 ${p.suggestion}）` : '（如 CGCS2000 3 度带 EPSG:4513–4554、6 度带 EPSG:4491–4512、UTM EPSG:326xx）'}`,
    en: (p) => `no .prj file, and the coordinates (${p.x}, ${p.y}) are projected metres of an unnamed system: choose the system in the mapping panel, or name it with --crs${p.suggestion ? ` (the zone number in the easting suggests ${p.suggestion})` : ' (e.g. CGCS2000 3-degree EPSG:4513–4554, 6-degree EPSG:4491–4512, UTM EPSG:326xx)'}`,
  },
  import_crs_assumed: {
    zh: (p) => `未指明坐标系，按 ${p.crs} 读取（依据：${p.basis}）；若不对，请在导入时指明（命令行 --crs）`,
    en: (p) => `no coordinate system was named: read as ${p.crs} (because: ${p.basis}); if that is wrong, name it when importing (--crs)`,
  },
  import_layers_unmatched: {
    zh: (p) => `--layers 中的 ${p.key} 与压缩包中的任何 Shapefile 都不对应（包中有：${p.available}）`,
    en: (p) => `--layers names ${p.key}, which is no Shapefile in the zip (it holds: ${p.available})`,
  },
  import_overpass_center: {
    zh: (p) => `这是 Overpass 的 “out center” 导出：${p.count} 条线/面只有中心点、没有几何，无法得到道路和建筑。请用 “out geom;” 或 “out body; >; out skel qt;” 重新导出`,
    en: (p) => `this is an Overpass "out center" export: ${p.count} ways and relations carry only a centre, no geometry, so no roads or buildings can be made. Export again with "out geom;" or "out body; >; out skel qt;"`,
  },
  import_datum_unshifted: {
    zh: (p) => `坐标基准为 ${p.datum}（非 WGS84/CGCS2000），.prj 中没有转换参数，已按椭球直接换算，位置可能偏差数十米；请向数据提供方索取 CGCS2000 版本`,
    en: (p) => `the datum is ${p.datum} (not WGS84/CGCS2000) and the .prj gives no shift to it; converted without one, so positions may be tens of metres off. Ask the provider for a CGCS2000 version`,
  },
  import_row_no_coordinates: {
    zh: (p) => `第 ${p.row} 行：经纬度“${p.value}”不是数字，该行未导入`,
    en: (p) => `row ${p.row}: coordinates "${p.value}" are not numbers; the row was not imported`,
  },
  import_population_estimated: {
    zh: (p) => `${p.count} 处居住要素的人口为估算值（建筑：占地面积 × 层数 × 每百平方米 ${p.density} 人；未标层数的楼房按 ${p.levels} 层、住宅小楼（及居住用地外占地小于 ${p.footprint} 平方米的未注明建筑）按 ${p.houseLevels} 层；居住用地：每公顷 ${p.hectare} 人），要素带有 population_estimated = true`,
    en: (p) => `population of ${p.count} residential features is estimated (buildings: footprint × levels × ${p.density} people per 100 m² of floor; where untagged, ${p.levels} levels for a block, ${p.houseLevels} for a house or an untyped building under ${p.footprint} m² outside residential land; residential land: ${p.hectare} people per hectare); they carry population_estimated = true`,
  },
  import_osm_buildings: {
    zh: (p) => `建筑：计为住宅 ${Number(p.blocks) + Number(p.houses) + Number(p.untyped)} 栋（楼房 ${p.blocks}、住宅小楼 ${p.houses}、未注明类型 ${p.untyped}）；未计入 ${Number(p.use) + Number(p.land) + Number(p.points)} 个（类型或用途非住宅 ${p.use}、位于非居住用地 ${p.land}、以点标注无占地 ${p.points}）`,
    en: (p) => `buildings: ${Number(p.blocks) + Number(p.houses) + Number(p.untyped)} counted as homes (blocks ${p.blocks}, houses ${p.houses}, untyped ${p.untyped}); ${Number(p.use) + Number(p.land) + Number(p.points)} left out (non-residential type or use ${p.use}, in non-residential land ${p.land}, points without a footprint ${p.points})`,
  },
  import_osm_summary: {
    zh: (p) => `OpenStreetMap：读取 ${p.elements} 个元素，得到 ${p.features} 个要素，${p.skipped} 个元素不属于任何图层`,
    en: (p) => `OpenStreetMap: ${p.elements} elements read, ${p.features} features made, ${p.skipped} elements belong to no layer`,
  },
  import_value_translated: {
    zh: (p) => `取值“${p.value}”按“${p.as}”读取（${p.count} 处）`,
    en: (p) => `value "${p.value}" read as "${p.as}" (${p.count}×)`,
  },
  service_unreachable: {
    zh: (p) => `无法连接地图服务 ${p.url}（${p.detail}）。请检查网址、网络，以及服务是否允许本页面访问（CORS）`,
    en: (p) => `the map service ${p.url} cannot be reached (${p.detail}). Check the address, the network, and that the service allows this page (CORS)`,
  },
  service_http_error: {
    zh: (p) => `地图服务返回错误 ${p.status}（${p.detail}）：${p.url}`,
    en: (p) => `the map service answered with error ${p.status} (${p.detail}): ${p.url}`,
  },
  service_not_features: {
    zh: (p) => `地图服务返回的不是 GeoJSON 要素集合（${p.found}）：${p.url}`,
    en: (p) => `the map service did not return a GeoJSON FeatureCollection (${p.found}): ${p.url}`,
  },
  service_limit: {
    zh: (p) => p.limit === 'pages' ? `地图服务 ${p.url} 翻页超过 ${p.value} 页仍未结束，已停止读取（未导入任何要素）；请用范围（bbox）或筛选条件缩小图层`
      : p.limit === 'features' ? `地图服务 ${p.url} 的要素超过 ${p.value} 个，已停止读取（未导入任何要素）；请用范围（bbox）或筛选条件缩小图层`
      : p.limit === 'bytes' ? `地图服务 ${p.url} 的单页数据超过 ${p.value} MB，已拒绝读取；请减小每页要素数（limit/count）`
      : `读取地图服务 ${p.url} 超过 ${p.value} 秒，已停止（未导入任何要素）`,
    en: (p) => p.limit === 'pages' ? `the map service ${p.url} still had more after ${p.value} pages; stopped (nothing imported). Narrow the layer with a bbox or filter`
      : p.limit === 'features' ? `the map service ${p.url} has more than ${p.value} features; stopped (nothing imported). Narrow the layer with a bbox or filter`
      : p.limit === 'bytes' ? `a page from the map service ${p.url} is larger than ${p.value} MB; refused. Ask for fewer features per page (limit/count)`
      : `reading the map service ${p.url} took more than ${p.value} s; stopped (nothing imported)`,
  },
  service_timeout: {
    zh: (p) => `地图服务 ${p.url} 在 ${p.seconds} 秒内没有完成应答，已停止；请稍后再试或检查服务`,
    en: (p) => `the map service did not finish answering ${p.url} within ${p.seconds} s; stopped. Try again later or check the service`,
  },
  service_other_host: {
    zh: (p) => `地图服务的${p.via === 'redirect' ? '重定向' : '下一页链接'}指向其他主机（${p.host}：${p.url}），未跟随；如确认可信，请明确允许（命令行 --allow-other-hosts）`,
    en: (p) => `the map service's ${p.via === 'redirect' ? 'redirect' : '"next" link'} points to another host (${p.host}: ${p.url}); not followed. If you trust it, allow it explicitly (--allow-other-hosts)`,
  },
  service_cancelled: { zh: () => '已取消读取地图服务', en: () => 'reading the map service was cancelled' },
  service_pages: { zh: (p) => `从地图服务分 ${p.pages} 页读取 ${p.count} 个要素`, en: (p) => `${p.count} features read from the map service in ${p.pages} pages` },
  not_a_feature: { zh: (p) => `不是 GeoJSON Feature（${p.value}）`, en: (p) => `not a GeoJSON Feature (${p.value})` },
  no_geometry: { zh: () => '缺少几何', en: () => 'no geometry' },
  empty_geometry: { zh: () => '几何为空（没有坐标）', en: () => 'empty geometry (no coordinates)' },
  wrong_geometry_type: {
    zh: (p) => `几何类型 ${p.found} 不适用于该图层（允许：${p.allowed}）`,
    en: (p) => `geometry type ${p.found} is not allowed in this layer (allowed: ${p.allowed})`,
  },
  bad_position: { zh: (p) => `坐标格式错误：${p.value}`, en: (p) => `malformed coordinate: ${p.value}` },
  null_coordinate: { zh: (p) => `坐标为空值（null/NaN）：${p.value}`, en: (p) => `coordinate is null or NaN: ${p.value}` },
  non_numeric_coordinate: { zh: (p) => `坐标不是数字：${p.value}`, en: (p) => `coordinate is not a number: ${p.value}` },
  out_of_range: {
    zh: (p) => `坐标 [${p.x}, ${p.y}] 超出经纬度范围`,
    en: (p) => `coordinate [${p.x}, ${p.y}] is outside longitude/latitude range`,
  },
  latlon_swapped: {
    zh: (p) => `坐标 [${p.x}, ${p.y}] 似乎是 [纬度, 经度]：GeoJSON 要求 [经度, 纬度]，请交换`,
    en: (p) => `coordinate [${p.x}, ${p.y}] looks like [latitude, longitude]; GeoJSON needs [longitude, latitude]: swap them`,
  },
  projected_without_crs: {
    zh: (p) => `坐标 [${p.x}, ${p.y}] 是投影坐标（米），但 dataset.json 未声明坐标系（如 EPSG:4529）`,
    en: (p) => `coordinate [${p.x}, ${p.y}] is in projected metres, but dataset.json declares no crs (e.g. EPSG:4529)`,
  },
  outside_crs_zone: {
    zh: (p) => `坐标 [${p.x}, ${p.y}] 不在 ${p.crs} 的带内（东坐标超出范围，或东、北坐标顺序颠倒）`,
    en: (p) => `coordinate [${p.x}, ${p.y}] is not in ${p.crs}'s zone (easting out of range, or easting/northing swapped)`,
  },
  ring_not_closed: { zh: (p) => `第 ${p.ring} 个环未闭合（首末点不同）`, en: (p) => `ring ${p.ring} is not closed (first and last positions differ)` },
  ring_too_short: { zh: (p) => `第 ${p.ring} 个环只有 ${p.count} 个点（至少 4 个）`, en: (p) => `ring ${p.ring} has ${p.count} positions (at least 4 needed)` },
  line_too_short: { zh: (p) => `线只有 ${p.count} 个点（至少 2 个）`, en: (p) => `line has ${p.count} position(s) (at least 2 needed)` },
  geojson_invalid: { zh: (p) => `GeoJSON 结构错误：${p.detail}`, en: (p) => `invalid GeoJSON: ${p.detail}` },
  missing_id: { zh: (p) => `缺少 id，已按位置编为 ${p.assigned}`, en: (p) => `no id; given ${p.assigned} from its position` },
  duplicate_id: { zh: (p) => `id ${p.id} 重复（第 ${p.first} 个要素已使用）`, en: (p) => `duplicate id ${p.id} (already used by feature no. ${p.first})` },
  bad_id: { zh: (p) => `id 必须是字符串或数字（${p.value}）`, en: (p) => `id must be a string or a number (${p.value})` },
  missing_required: { zh: () => '缺少必填属性', en: () => 'required property missing' },
  not_a_number: { zh: (p) => `不是数字：${p.value}`, en: (p) => `not a number: ${p.value}` },
  negative: { zh: (p) => `不能为负数：${p.value}`, en: (p) => `must not be negative: ${p.value}` },
  not_boolean: { zh: (p) => `不是是/否值：${p.value}`, en: (p) => `not a yes/no value: ${p.value}` },
  not_allowed_value: { zh: (p) => `取值 ${p.value} 不允许（允许：${p.allowed}）`, en: (p) => `value ${p.value} is not allowed (allowed: ${p.allowed})` },
  not_text: { zh: (p) => `应为文本：${p.value}`, en: (p) => `should be text: ${p.value}` },
  implausible_value: {
    zh: (p) => `取值 ${p.value} 不可信（超过 ${p.limit}），不计入任何合计`,
    en: (p) => `value ${p.value} is implausible (above ${p.limit}); left out of every sum`,
  },
  null_island: {
    zh: () => '坐标为 (0, 0)：通常是缺失坐标被写成了 0，请补上实际位置',
    en: () => 'coordinates are (0, 0): usually a missing position written as zeros; give the real location',
  },
  self_intersecting: {
    zh: (p) => `${p.part ? `第 ${p.part} 部分的` : ''}第 ${p.ring} 个环自相交，且该面带有内环，无法唯一修复；请在 GIS 中修正`,
    en: (p) => `ring ${p.ring}${p.part ? ` of part ${p.part}` : ''} crosses itself and the polygon has holes, so there is no one obvious repair; fix it in a GIS`,
  },
  polygon_repaired: {
    zh: (p) => `面自相交（${p.crossings} 处交叉），已在交叉点拆分为 ${p.pieces} 个面后使用`,
    en: (p) => `polygon crosses itself (${p.crossings} crossing${Number(p.crossings) === 1 ? '' : 's'}); split at the crossings into ${p.pieces} polygon${Number(p.pieces) === 1 ? '' : 's'} and used`,
  },
  too_deeply_nested: {
    zh: (p) => `嵌套超过 ${p.limit} 层，无法读取，此要素被拒绝（其余要素照常读取）`,
    en: (p) => `nested more than ${p.limit} levels deep; this feature is refused (the others load)`,
  },
  number_from_text: { zh: (p) => `文本 "${p.value}" 已按数字读取`, en: (p) => `text "${p.value}" read as a number` },
  boolean_from_text: { zh: (p) => `"${p.value}" 已按 ${p.as === 'true' ? '是' : '否'} 读取`, en: (p) => `"${p.value}" read as ${p.as === 'true' ? 'yes' : 'no'}` },
  unknown_community: { zh: (p) => `社区 ${p.value} 不在 communities 图层中`, en: (p) => `community ${p.value} is not in the communities layer` },
  children_exceed_population: {
    zh: (p) => `各年龄段儿童合计 ${p.children} 超过人口 ${p.population}`,
    en: (p) => `children in the age bands (${p.children}) exceed the population (${p.population})`,
  },
};

/** The reason alone: "ring 0 is not closed (…)". */
export function issueReason(issue: Issue, lang: Lang): string {
  return MESSAGES[issue.code][lang](issue.params);
}

/** Where the issue is: "feature no. 3 (id "k3"), field capacity". Empty for file-level issues. */
export function issueLocation(issue: Issue, lang: Lang): string {
  const parts: string[] = [];
  if (issue.index !== undefined || issue.featureId !== undefined) {
    const id = issue.featureId !== undefined ? JSON.stringify(issue.featureId) : null;
    // Name first: a planner knows 平西幼儿园, not feature no. 12 or way/201.
    const name = issue.featureName ? (lang === 'zh' ? `“${issue.featureName}”` : `"${issue.featureName}"`) : null;
    if (lang === 'zh') {
      const where = issue.index !== undefined ? `第 ${issue.index + 1} 个要素${id ? `，id ${id}` : ''}` : `id ${id}`;
      parts.push(name ? `${name}（${where}）` : issue.index !== undefined ? `第 ${issue.index + 1} 个要素${id ? `（id ${id}）` : ''}` : `要素 id ${id}`);
    } else {
      const where = issue.index !== undefined ? `feature no. ${issue.index + 1}${id ? `, id ${id}` : ''}` : `id ${id}`;
      parts.push(name ? `${name} (${where})` : issue.index !== undefined ? `feature no. ${issue.index + 1}${id ? ` (id ${id})` : ''}` : `feature id ${id}`);
    }
  }
  if (issue.field) parts.push(lang === 'zh' ? `字段 ${issue.field}` : `field ${issue.field}`);
  return parts.join(lang === 'zh' ? '，' : ', ');
}

export function formatIssue(issue: Issue, lang: Lang): string {
  const where = issueLocation(issue, lang);
  const reason = issueReason(issue, lang);
  return where ? `${where}${lang === 'zh' ? '：' : ': '}${reason}` : reason;
}

/** The whole validation report as plain text, one layer a block; what `npm run validate` prints. */
export function formatValidationReport(report: ValidationReport, lang: Lang, maxIssuesPerLayer = 50): string {
  const lines: string[] = [];
  const en = lang === 'en';
  lines.push(en ? `Coordinate system: ${report.crsIn}` : `坐标系：${report.crsIn}`);
  for (const issue of report.dataset) {
    const tag = issue.severity === 'error' ? (en ? 'ERROR' : '错误') : en ? 'note' : '提示';
    lines.push(`  ${tag}  ${issue.file ?? ''}${issue.file ? ' ' : ''}${formatIssue(issue, lang)}`);
  }
  for (const layer of LAYER_NAMES) {
    const lr: LayerReport | undefined = report.layers[layer];
    if (!lr) continue;
    const label = LAYER_LABELS[layer][lang];
    const status = lr.failed
      ? en ? 'NOT LOADED' : '未能加载'
      : en ? `${lr.features} loaded, ${lr.rejected} rejected` : `已加载 ${lr.features}，拒绝 ${lr.rejected}`;
    lines.push(`${layer} (${label}) — ${lr.file}: ${status}`);
    const shown = lr.issues.slice(0, maxIssuesPerLayer);
    for (const issue of shown) {
      const tag = issue.severity === 'error' ? (en ? 'rejected' : '拒绝') : en ? 'note' : '提示';
      lines.push(`  ${tag}  ${formatIssue(issue, lang)}`);
    }
    if (lr.issues.length > shown.length) {
      lines.push(en ? `  … and ${lr.issues.length - shown.length} more` : `  ……另有 ${lr.issues.length - shown.length} 条`);
    }
  }
  lines.push(
    report.usable
      ? en ? 'Dataset usable.' : '数据集可用。'
      : en ? 'Dataset cannot be used.' : '数据集无法使用。',
  );
  return lines.join('\n');
}

/**
 * Why a dataset cannot be used, in one line for stderr: the first concrete reason (an unreadable
 * description or file, a rejected feature) before the bare "nothing could be loaded".
 */
export function whyUnusable(report: ValidationReport, lang: Lang): string {
  const errors = [...report.dataset, ...Object.values(report.layers).flatMap((l) => l?.issues ?? [])].filter((i) => i.severity === 'error');
  const first = errors.find((i) => i.code !== 'nothing_usable') ?? errors[0];
  if (!first) return lang === 'zh' ? '没有任何要素可用' : 'no feature could be loaded';
  const file = first.file ? `${first.file}: ` : '';
  const more = errors.length > 2 ? (lang === 'zh' ? `（另有 ${errors.length - 2} 个问题，见上方报告）` : ` (and ${errors.length - 2} more problems: see the report)`) : '';
  return `${file}${formatIssue(first, lang)}${more}`;
}
