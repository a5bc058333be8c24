/**
 * Charts as Apache ECharts options, rendered to SVG without a page (ECharts' server-side mode), so the
 * report's charts are the same in the app, the printout, Word and the command line. The app shows the
 * same options live. Only the parts used are imported: ECharts is tree-shaken.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, LineChart, GridComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

/** Fonts that hold Chinese on the machines offices use (and on Debian with fonts-noto-cjk). */
export const CHART_FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'SimHei', sans-serif";

export interface ChartBar {
  label: string;
  value: number;
}

export interface BarChartSpec {
  bars: ChartBar[];
  width: number;
  height: number;
  /** Bars along the vertical axis (long label lists: communities). */
  horizontal?: boolean;
  valueName: string;
  /** A dashed line at the target, named. */
  target?: number | null;
  targetName?: string;
  max?: number;
  /** One colour per bar, in order; the default is one colour for all. */
  colors?: string[];
}

export function barOption(spec: BarChartSpec): EChartsCoreOption {
  const category = { type: 'category', data: spec.bars.map((b) => b.label), axisLabel: { fontSize: 11, interval: 0 } };
  const value = { type: 'value', name: spec.valueName, max: spec.max, nameTextStyle: { fontSize: 11 } };
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    tooltip: { trigger: 'axis' },
    grid: { left: spec.horizontal ? 110 : 50, right: 40, top: 30, bottom: spec.horizontal ? 30 : 40, containLabel: false },
    xAxis: spec.horizontal ? value : category,
    yAxis: spec.horizontal ? category : value,
    series: [{
      type: 'bar',
      data: spec.bars.map((b, i) => ({ value: b.value, itemStyle: { color: spec.colors?.[i] ?? '#3a7bd5' } })),
      barMaxWidth: 28,
      label: { show: spec.bars.length <= 12, position: spec.horizontal ? 'right' : 'top', fontSize: 10 },
      ...(spec.target !== undefined && spec.target !== null
        ? { markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#c0392b' }, label: { formatter: `${spec.targetName ?? ''} ${spec.target}`, fontSize: 10 }, data: [spec.horizontal ? { xAxis: spec.target } : { yAxis: spec.target }] } }
        : {}),
    }],
  };
}

/** One indicator across the monitoring years, its trend to the horizon, the target and the milestones. */
export interface TrendChartSpec {
  points: { year: number; value: number }[];
  /** The trend line's value in the horizon year (drawn dashed from the last point). */
  projected: number | null;
  horizon: number;
  milestones: number[];
  target: number | null;
  targetName: string;
  valueName: string;
  max?: number;
  width: number;
  height: number;
}

export function trendOption(spec: TrendChartSpec): EChartsCoreOption {
  const last = spec.points.at(-1);
  const first = spec.points[0]?.year ?? spec.horizon;
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 55, right: 30, top: 30, bottom: 35 },
    xAxis: { type: 'value', min: first, max: spec.horizon, interval: 1, axisLabel: { fontSize: 10, formatter: (v: number) => String(v) } },
    yAxis: { type: 'value', name: spec.valueName, min: 0, max: spec.max, nameTextStyle: { fontSize: 11 } },
    series: [
      {
        type: 'line', data: spec.points.map((p) => [p.year, p.value]), symbolSize: 7, lineStyle: { color: '#3a7bd5', width: 2 }, itemStyle: { color: '#3a7bd5' },
        label: { show: true, fontSize: 10, position: 'top' },
        markLine: {
          symbol: 'none', silent: true,
          data: [
            ...(spec.target !== null ? [{ yAxis: spec.target, lineStyle: { type: 'solid', color: '#c0392b' }, label: { formatter: `${spec.targetName}`, fontSize: 10 } }] : []),
            ...spec.milestones.map((m) => ({ xAxis: m, lineStyle: { type: 'dotted', color: '#999' }, label: { formatter: String(m), fontSize: 10 } })),
          ],
        },
      },
      ...(last && spec.projected !== null
        ? [{ type: 'line', data: [[last.year, last.value], [spec.horizon, spec.projected]], symbol: 'none', lineStyle: { type: 'dashed', color: '#3a7bd5' } }]
        : []),
    ],
  };
}

function render(option: EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as an SVG document string. */
export function barChart(spec: BarChartSpec): string {
  return render(barOption(spec), spec.width, spec.height);
}

/** The trend chart as an SVG document string. */
export function trendChart(spec: TrendChartSpec): string {
  return render(trendOption(spec), spec.width, spec.height);
}
