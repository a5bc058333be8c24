/**
 * The evaluation report as one HTML document: what the app previews and prints (A4, a section per
 * page, tables whose headers repeat across pages, figures never cut) and what `npm run report --
 * --format html` writes. Every value from the data is escaped: names are text, never markup.
 */
import type { Cell, Evaluation, Figure, Table } from './model';
import { text } from './text';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const cell = (c: Cell) => esc(c === null ? '—' : String(c));

function table(t: Table, className = ''): string {
  if (t.rows.length === 0) return '';
  return `${t.title ? `<h3>${esc(t.title)}</h3>` : ''}<table class="${className}"><thead><tr>${t.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${t.rows
    .map((r) => `<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="num"' : ''}>${cell(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** Figures are SVG made by this tool (charts by ECharts, maps by mapFigure.ts), never from the data's text unescaped. */
const figure = (f: Figure) => `<figure style="max-width:${f.width}px">${f.svg.replace(/^<\?xml[^>]*>/, '')}<figcaption>${esc(f.caption)}</figcaption></figure>`;

export const REPORT_CSS = `
  @page { size: A4; margin: 16mm 14mm 18mm; }
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; color: #222; font-size: 10.5pt; line-height: 1.5; margin: 0 auto; max-width: 190mm; }
  h1 { font-size: 22pt; margin: 40mm 0 8mm; text-align: center; }
  h2 { font-size: 15pt; border-bottom: 2px solid #3a7bd5; padding-bottom: 2px; margin-top: 10mm; }
  h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
  .cover table { margin: 10mm auto; width: 70%; }
  .cover td:first-child { color: #555; width: 35%; }
  .synthetic { text-align: center; color: #b23c17; font-weight: bold; }
  table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9pt; }
  th, td { border: 1px solid #bbb; padding: 2px 5px; vertical-align: top; text-align: left; }
  th { background: #eef2f8; }
  td.num { text-align: right; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  .status-met { color: #1e7b34; } .status-not_met { color: #b23c17; font-weight: bold; } .status-not_computable { color: #777; }
  figure { margin: 4mm auto; page-break-inside: avoid; break-inside: avoid; }
  figure svg { width: 100%; height: auto; display: block; }
  figcaption { text-align: center; font-size: 9pt; color: #444; }
  section { page-break-before: always; break-before: page; }
  .findings li { margin: 1mm 0; }
  .small { font-size: 8.5pt; color: #555; }
  table.inspection td:nth-last-child(-n+2) { min-width: 22mm; }
  @media screen { body { padding: 10mm; } section { border-top: 1px dashed #ccc; margin-top: 10mm; } }
`;

export function evaluationHtml(e: Evaluation): string {
  const t = (k: Parameters<typeof text>[1]) => text(e.lang, k);
  const scorecard = `<table class="scorecard"><thead><tr>${[t('col_indicator'), t('col_value'), t('col_target'), t('col_status'), t('col_gap'), t('col_source'), t('col_restsOn')].map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${e.scorecard
    .map((r) => `<tr data-indicator="${esc(r.id)}"><td>${esc(r.label)}</td><td class="num">${esc(r.value)}</td><td class="num">${esc(r.target)}</td><td class="status-${r.status}">${esc(r.statusText)}</td><td>${esc(r.gap ?? '')}</td><td class="small">${esc(r.source)}</td><td class="small">${r.restsOn.map(esc).join('<br>')}</td></tr>`)
    .join('')}</tbody></table>`;
  const sections = e.sections
    .map((s) => `<section id="sec-${esc(s.id)}"><h2>${esc(s.title)}</h2>${s.findings.length > 0 ? `<ul class="findings">${s.findings.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : ''}${s.figures.map(figure).join('')}${s.tables.map((tb) => table(tb)).join('')}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="${e.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(e.title)}</title><style>${REPORT_CSS}</style></head>
<body>
<div class="cover"><h1>${esc(e.title)}</h1>${e.cover.synthetic ? `<p class="synthetic">${esc(t('synthetic'))}</p>` : ''}<table>${e.cover.rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table></div>
<section id="sec-summary"><h2>${esc(t('summary'))}</h2>${e.summary.map((p) => `<p>${esc(p)}</p>`).join('')}<h3>${esc(t('scorecard'))}</h3>${scorecard}</section>
${sections}
<section id="sec-communities"><h2>${esc(e.communities.title)}</h2>${table({ ...e.communities, title: '' })}</section>
<section id="sec-inspection"><h2>${esc(e.inspection.title)}</h2>${e.inspection.rows.length > 0 ? table({ ...e.inspection, title: '' }, 'inspection') : `<p>${esc(t('find_none'))}</p>`}</section>
<section id="sec-quality"><h2>${esc(t('sec_quality'))}</h2>${e.sources.map((p) => `<p>${esc(p)}</p>`).join('')}<ul>${e.quality.map((q) => `<li>${esc(q)}</li>`).join('')}</ul></section>
<section id="sec-methods"><h2>${esc(t('sec_methods'))}</h2>${e.methods.map((p) => `<p>${esc(p)}</p>`).join('')}</section>
</body></html>
`;
}
