/**
 * Issue 13: the evaluation report model (every indicator, findings as sentences, names with ids,
 * values in the reader's language) on the Tiexi sample and on a tiny dataset with known findings; and
 * the Word / Excel files the command line writes, read back with an independent unzip + XML check.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { computeAccess } from '../../src/core/access';
import { loadDataset } from '../../src/core/loadDataset';
import { buildReportParts } from '../../src/core/report/report';
import { evaluationHtml } from '../../src/core/report/evaluation/html';
import { buildEvaluation } from '../../src/core/report/evaluation/model';
import { DEFAULT_TARGETS } from '../../src/core/targets';
import type { Dataset, LoadResult } from '../../src/core/types';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';
import { at, dataset, point, road } from './fixtures';

const REPO = join(import.meta.dirname, '..', '..');

function evaluate(loaded: LoadResult, lang: 'zh' | 'en') {
  const targets = DEFAULT_TARGETS;
  const access = computeAccess(loaded.dataset, { offNetworkMetres: targets.off_network_m, playgroundMinArea: targets.playground_min_area_m2 });
  const parts = buildReportParts({ dataset: loaded.dataset, validation: loaded.report, targets, access, context: access.context });
  return { parts, evaluation: buildEvaluation({ dataset: loaded.dataset, parts, access, targets, lang, date: '2026-12-01' }) };
}

describe('the Tiexi evaluation report', () => {
  const loaded = loadDataset(readDatasetFolder(join(REPO, 'data', 'tiexi')).files, { fallbackName: 'tiexi' });
  const { parts, evaluation: zh } = evaluate(loaded, 'zh');
  const { evaluation: en } = evaluate(loaded, 'en');
  it('has a land allocation section: district places and land by year, the units short of land', () => {
    const land = zh.sections.find((s) => s.id === 'land')!;
    expect(land.title).toBe('九、教育设施用地配置');
    expect(land.findings[0]).toContain('2025 年全区幼儿园学位缺口 1,352 个，需增 46 个班、用地 20,700 ㎡');
    expect(land.findings[1]).toMatch(/^2030 年预留教育用地不足的社区（32 个/);
    // Two years × four levels.
    expect(land.tables[1]!.rows).toHaveLength(8);
    expect(land.tables[2]!.rows).toHaveLength(32);
    expect(zh.scorecard.find((r) => r.id === 'land.units_short_of_land')).toMatchObject({ value: '32', view: 'land' });
  });
  it('has a school routes section: the figure, the busiest unprotected crossings, each school', () => {
    const routes = zh.sections.find((s) => s.id === 'routes')!;
    expect(routes.title).toBe('十、上学路线安全');
    expect(routes.findings[0]).toMatch(/^23,101 名 6–14 岁儿童有步行上学路线，其中 13,453 名（58\.2%）途中无保护穿越主干道/);
    expect(routes.findings[1]).toMatch(/^儿童最多的无保护过街点：东九经街 937/);
    const [score, crossings, schools] = routes.tables;
    expect(score!.rows[0]![0]).toContain('上学路线无保护穿越主干道的儿童数');
    expect(crossings!.rows).toHaveLength(10);
    expect(crossings!.rows[0]!.slice(0, 2)).toEqual(['1', '东九经街']);
    expect(schools!.rows[0]![0]).toBe('四平市铁西区文化九年一贯制学校');
    expect(zh.scorecard.find((r) => r.id === 'routes.children_crossing_unprotected')).toMatchObject({ value: '13,453', view: 'routes' });
    expect(en.sections.find((s) => s.id === 'routes')!.title).toBe('10. Safe routes to school');
  });
  it('holds every indicator of the report, with its target, status, gap, source and what it rests on', () => {
    expect(zh.scorecard.map((r) => r.id)).toEqual(parts.report.indicators.map((i) => i.id));
    expect(zh.scorecard).toHaveLength(20);
    const kg = zh.scorecard.find((r) => r.id === 'coverage.kindergarten')!;
    expect(kg).toMatchObject({ value: '14.0%', target: '≥ 100.0%', statusText: '未达标', gap: '6,002 名 3–5 岁儿童在 300 米范围外' });
    expect(kg.source).toMatch(/GB 50180-2018/);
    expect(kg.restsOn.join(' ')).toMatch(/个互不相连的步行网络/);
    expect(zh.scorecard.find((r) => r.id === 'seats.childcare_per_1000')).toMatchObject({ value: '1.71', target: '≥ 4.50' });
    expect(zh.scorecard.find((r) => r.id === 'surroundings.venues_near_schools')).toMatchObject({ value: '11', gap: '11 处' });
    expect(zh.scorecard.find((r) => r.id === 'health.pediatricians_per_1000_children')).toMatchObject({ value: '0.79', target: '≥ 1.12' });
    expect(zh.summary[0]).toBe('共 20 项指标：达标 1 项，未达标 19 项，无法计算 0 项。');
  });
  it('says its findings as sentences naming places', () => {
    const findings = zh.sections.flatMap((s) => s.findings).join('\n');
    expect(findings).toMatch(/北沟社区.*：没有任何住宅在 300 米内可到达儿童活动场地。/);
    expect(findings).toMatch(/其中高风险 2 处：平西养鱼塘（w-pond-k45）、建筑基坑 1（w-pit-1）/);
    expect(findings).toMatch(/极速网吧（v1） → 四平市铁西区平安小学（s1）/);
    expect(en.sections.flatMap((s) => s.findings).join('\n')).toMatch(/no home has a playground within 300 m/);
  });
  it('has the full community table and an inspection list in the reader’s language, with names and ids', () => {
    expect(zh.communities.rows).toHaveLength(56);
    expect(zh.inspection.rows).toHaveLength(14);
    const pond = zh.inspection.rows.find((r) => String(r[0]).startsWith('平西养鱼塘'))!;
    expect(pond.slice(0, 3)).toEqual(['平西养鱼塘（w-pond-k45）', '水塘', '高']);
    expect(String(pond[3])).toBe('围栏、警示牌、救生设备');
    expect(String(pond[4])).toMatch(/^学校 .*（s13） 86 m$/);
    expect(pond.slice(-2)).toEqual(['', '']); // signature and date, left blank for the inspector
    const values = zh.inspection.rows.flatMap((r) => r.slice(1, 4)).join(' ');
    expect(values).not.toMatch(/\b(pond|pit|high|medium|low|yes|no|unknown|fenced)\b/);
    expect(en.inspection.rows.find((r) => String(r[0]).startsWith('平西养鱼塘'))!.slice(1, 3)).toEqual(['pond', 'high']);
  });
  it('has a map figure and charts, as SVG', () => {
    const figures = zh.sections.flatMap((s) => s.figures);
    expect(figures.length).toBeGreaterThanOrEqual(4);
    expect(figures[0]!.svg).toMatch(/^<svg[^>]*>/);
    expect(figures[0]!.svg).toContain('覆盖');
    expect(figures[0]!.svg.match(/<circle/g)!.length).toBeGreaterThan(1000);
    expect(figures[1]!.svg).toContain('北沟社区');
  });
  it('escapes names in the HTML: a hostile community name is text', () => {
    const hostile = structuredClone(loaded) as LoadResult;
    hostile.dataset.layers.communities!.features[0]!.properties.name = '<img src=x onerror=alert(1)>';
    const html = evaluationHtml(evaluate(hostile, 'zh').evaluation);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('a tiny dataset with known findings', () => {
  const ds: Dataset = dataset({
    communities: [
      { type: 'Feature', id: 'cA', properties: { id: 'cA', name: '东社区', kind: 'urban', parent_school: true }, geometry: { type: 'Polygon', coordinates: [[at(-100, -100), at(900, -100), at(900, 400), at(-100, 400), at(-100, -100)]] } },
      { type: 'Feature', id: 'cB', properties: { id: 'cB', name: '西社区', kind: 'rural', parent_school: false }, geometry: { type: 'Polygon', coordinates: [[at(-2100, -100), at(-1100, -100), at(-1100, 400), at(-2100, 400), at(-2100, -100)]] } },
    ],
    residential: [
      point('h1', [0, 0], { population: 100, children_3_5: 10, children_0_2: 5, children_6_11: 10 }),
      point('h2', [-1500, 0], { population: 100, children_3_5: 10, children_0_2: 5, children_6_11: 10 }),
    ],
    kindergartens: [point('k1', [100, 0], { name: '阳光幼儿园', capacity: 30 })],
    playgrounds: [point('p1', [50, 0], { name: '小广场' })],
    schools: [point('s1', [200, 100], { name: '实验小学', level: 'primary' })],
    venues: [point('v1', [200, 200], { name: '星际网吧', kind: 'internet_cafe' })],
    water: [{ type: 'Feature', id: 'w1', properties: { id: 'w1', name: '小池塘', kind: 'pond', fenced: false }, geometry: { type: 'Polygon', coordinates: [[at(150, -60), at(170, -60), at(170, -40), at(150, -40), at(150, -60)]] } }],
  });
  const loaded: LoadResult = { dataset: ds, report: { crsIn: 'EPSG:4326', usable: true, dataset: [], layers: {} } };
  const { evaluation } = evaluate(loaded, 'zh');
  const findings = evaluation.sections.flatMap((s) => s.findings);
  it('names the community without a playground or a kindergarten, and the one without a parent school', () => {
    expect(findings).toContain('西社区：没有任何住宅在 300 米内可到达儿童活动场地。');
    expect(findings).toContain('西社区：没有任何 3–5 岁儿童在 300 米内可到达幼儿园。');
    expect(findings).toContain('尚无家长学校的社区（1 个）：西社区。');
  });
  it('names the venue and the school, and the unfenced pond with the kindergarten beside it', () => {
    expect(findings).toContain('1 处禁设场所位于中小学 200 米内：星际网吧（v1） → 实验小学（s1） 100 m。');
    expect(evaluation.inspection.rows).toHaveLength(1);
    expect(evaluation.inspection.rows[0]!.slice(0, 2)).toEqual(['小池塘（w1）', '水塘']);
    expect(String(evaluation.inspection.rows[0]![3])).toBe('围栏、警示牌（未知）、救生设备（未知）');
  });
  it('says the siting proposal in a sentence when one is given', () => {
    const withSiting = buildEvaluation({ ...(() => { const targets = DEFAULT_TARGETS; const access = computeAccess(ds, {}); return { dataset: ds, access, targets, parts: buildReportParts({ dataset: ds, validation: loaded.report, targets, access, context: access.context }) }; })(), lang: 'zh', date: '2026-12-01', siting: { chosen: [{ id: 'c10', adds: 100 }, { id: 'c12', adds: 80 }], before: { share: 0.5 }, after: { share: 0.9 }, radius: 300 } });
    expect(withSiting.sections.find((s) => s.id === 'siting')!.findings[0]).toBe('2 处选址（c10、c12）可使 300 米内的 3–5 岁儿童增加约 180 名（覆盖率 50.0% → 90.0%）。');
  });
});

describe('npm run report', () => {
  const out = mkdtempSync(join(tmpdir(), 'report-'));
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'report.ts'), ...args], { cwd: REPO, encoding: 'utf8' });
  const labels = loadDataset(readDatasetFolder(join(REPO, 'data', 'tiexi')).files).report && evaluate(loadDataset(readDatasetFolder(join(REPO, 'data', 'tiexi')).files), 'zh').evaluation.scorecard.map((r) => r.label);
  it('writes a Word file holding every indicator, the tables with repeated headers, and the figures', () => {
    const file = join(out, '铁西区监测评估报告.docx');
    const run = cli('data/tiexi', '--format', 'docx', '--out', file, '--date', '2026-12-01');
    expect(run.status, run.stderr).toBe(0);
    const zip = unzipSync(new Uint8Array(readFileSync(file)));
    const xml = strFromU8(zip['word/document.xml']!);
    const plain = xml.replace(/<[^>]+>/g, '');
    for (const label of labels) expect(plain).toContain(label.replace(/&/g, '&amp;'));
    expect(plain).toContain('6,002 名 3–5 岁儿童在 300 米范围外');
    expect(plain).toContain('北沟社区');
    expect(plain).toContain('排查人签字');
    expect((xml.match(/<w:tblHeader/g) ?? []).length).toBeGreaterThan(5);
    expect(Object.keys(zip).filter((n) => /^word\/media\/.*\.png$/.test(n)).length).toBeGreaterThanOrEqual(4);
    expect(strFromU8(zip['word/styles.xml']!)).toContain('w:eastAsia="宋体"');
  }, 60_000);
  it('writes an Excel file with one sheet per table and the numbers as numbers', () => {
    const file = join(out, 'tiexi.xlsx');
    const run = cli('data/tiexi', '--format', 'xlsx', '--out', file, '--lang', 'zh');
    expect(run.status, run.stderr).toBe(0);
    const zip = unzipSync(new Uint8Array(readFileSync(file)));
    const book = strFromU8(zip['xl/workbook.xml']!);
    for (const sheet of ['指标', '社区', '住宅可达性', '水域隐患', '全区学位与用地（各年份）', '预留用地不足的单元（2030 年）']) expect(book).toContain(`name="${sheet}"`);
    // Sheet names are unique, as Excel requires.
    const names = [...book.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(names).size).toBe(names.length);
    const strings = strFromU8(zip['xl/sharedStrings.xml']!);
    expect(strings).toContain('coverage.kindergarten');
    expect(strings).toContain('北沟社区');
    expect(strings).toContain('水塘');
    // Sheet 1, row 2: the kindergarten coverage as a number.
    const sheet1 = strFromU8(zip['xl/worksheets/sheet1.xml']!);
    expect(sheet1).toMatch(/<c r="C2"[^>]*><v>0\.14025/);
  }, 60_000);
  it('refuses a wrong format and writes nothing', () => {
    const run = cli('data/tiexi', '--format', 'pdf', '--out', join(out, 'x.pdf'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--format must be docx or xlsx or html/);
  });
});
