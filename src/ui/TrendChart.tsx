import type { IndicatorTrendRow } from '../core/monitoring/monitor';

/** Where a value sits on the chart, in the indicator's unit: shares as per cent, the rest as they are. */
const shown = (unit: string, v: number) => (unit === 'share' ? v * 100 : v);

/**
 * One indicator across the years: the values, the trend line to 2030 (dashed), the target (red) and
 * the 2025 / 2030 milestones. Plain SVG drawn from numbers: nothing from the data becomes markup.
 */
export function TrendChart({ row, width = 300, height = 170, targetLabel }: { row: IndicatorTrendRow; width?: number; height?: number; targetLabel: string }) {
  const points = row.values.filter((v): v is { year: number; value: number } => v.value !== null);
  const pad = { left: 38, right: 10, top: 10, bottom: 22 };
  const years = [...points.map((p) => p.year), 2025, 2030];
  const x0 = Math.min(...years);
  const x1 = Math.max(...years);
  const ys = [...points.map((p) => shown(row.unit, p.value)), ...(row.target !== null ? [shown(row.unit, row.target)] : []), ...(row.projected_2030 !== null ? [shown(row.unit, row.projected_2030)] : [])];
  let y0 = Math.min(0, ...ys);
  let y1 = Math.max(...ys, 1e-9);
  if (row.unit === 'share') [y0, y1] = [0, 100];
  const X = (year: number) => pad.left + ((year - x0) / Math.max(1, x1 - x0)) * (width - pad.left - pad.right);
  const Y = (v: number) => height - pad.bottom - ((v - y0) / Math.max(1e-9, y1 - y0)) * (height - pad.top - pad.bottom);
  const last = points.at(-1);
  return (
    <svg className="trend-chart" data-testid="trend-chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={row.label.en}>
      <line x1={pad.left} y1={Y(y0)} x2={width - pad.right} y2={Y(y0)} stroke="#999" />
      <line x1={pad.left} y1={pad.top} x2={pad.left} y2={height - pad.bottom} stroke="#999" />
      <text x={pad.left - 4} y={Y(y1) + 4} fontSize="10" textAnchor="end">{Math.round(y1 * 10) / 10}</text>
      <text x={pad.left - 4} y={Y(y0)} fontSize="10" textAnchor="end">{Math.round(y0 * 10) / 10}</text>
      {[2025, 2030].map((m) => (
        <g key={m}>
          <line x1={X(m)} y1={pad.top} x2={X(m)} y2={height - pad.bottom} stroke="#bbb" strokeDasharray="2 3" />
          <text x={X(m)} y={height - 6} fontSize="10" textAnchor="middle">{m}</text>
        </g>
      ))}
      {points.map((p) => !([2025, 2030].includes(p.year)) && <text key={`t${p.year}`} x={X(p.year)} y={height - 6} fontSize="10" textAnchor="middle">{p.year}</text>)}
      {row.target !== null && (
        <g data-testid="trend-target">
          <line x1={pad.left} y1={Y(shown(row.unit, row.target))} x2={width - pad.right} y2={Y(shown(row.unit, row.target))} stroke="#d7301f" strokeWidth="1.5" />
          <text x={width - pad.right} y={Y(shown(row.unit, row.target)) - 3} fontSize="10" fill="#d7301f" textAnchor="end">{targetLabel}</text>
        </g>
      )}
      {last && row.projected_2030 !== null && (
        <line data-testid="trend-projection" x1={X(last.year)} y1={Y(shown(row.unit, last.value))} x2={X(2030)} y2={Y(shown(row.unit, row.projected_2030))} stroke="#2e6fb7" strokeDasharray="5 4" strokeWidth="1.5" />
      )}
      <polyline points={points.map((p) => `${X(p.year)},${Y(shown(row.unit, p.value))}`).join(' ')} fill="none" stroke="#2e6fb7" strokeWidth="2" />
      {points.map((p) => <circle key={p.year} cx={X(p.year)} cy={Y(shown(row.unit, p.value))} r="3.5" fill="#2e6fb7" />)}
    </svg>
  );
}
