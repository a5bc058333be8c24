/**
 * Charts as Apache ECharts options, rendered to SVG without a page (ECharts' server-side mode), so the
 * report's charts are the same in the app, the printout, Word and the command line. The app shows the
 * same options live. Only the parts used are imported: ECharts is tree-shaken.
 */
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

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

/** The chart as an SVG document string. */
export function barChart(spec: BarChartSpec): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(barOption(spec));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
