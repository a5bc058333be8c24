/**
 * The evaluation's tables as Excel (.xlsx), one sheet per table: indicators, communities, access per
 * home, water hazards, and the siting proposal when there is one. ExcelJS writes the workbook in the
 * browser and on the command line alike. Header rows are frozen and filterable.
 */
import ExcelJS from 'exceljs';
import type { Report } from '../report';
import type { Cell, Evaluation, Table } from './model';
import { text } from './text';

/** A spreadsheet reads text starting with = + - @ as a formula; such text is written as a string cell, which ExcelJS does. */
function addSheet(book: ExcelJS.Workbook, name: string, table: Pick<Table, 'columns' | 'rows'>): void {
  // Sheet names: 31 characters at most, some characters refused, and each once in a workbook.
  const base = name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
  let unique = base;
  for (let n = 2; book.getWorksheet(unique); n++) unique = `${base.slice(0, 27)} (${n})`;
  const sheet = book.addWorksheet(unique);
  sheet.addRow(table.columns);
  for (const r of table.rows) sheet.addRow(r.map((c: Cell) => (c === null ? '' : c)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  if (table.columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  sheet.columns.forEach((c, i) => {
    const longest = Math.max(...[table.columns[i] ?? '', ...table.rows.slice(0, 200).map((r) => String(r[i] ?? ''))].map((s) => [...s].length));
    c.width = Math.min(60, Math.max(8, longest + 2));
  });
}

export async function evaluationXlsx(e: Evaluation, report: Report): Promise<Uint8Array> {
  const t = (k: Parameters<typeof text>[1]) => text(e.lang, k);
  const book = new ExcelJS.Workbook();
  book.creator = 'child-friendly-city-planner';
  const zh = e.lang === 'zh';
  addSheet(book, zh ? '指标' : 'Indicators', {
    columns: ['id', t('col_indicator'), t('col_value'), t('col_target'), t('col_status'), t('col_gap'), t('col_source'), t('col_restsOn')],
    // The value as a number too, so a spreadsheet can compute with it.
    rows: e.scorecard.map((r) => {
      const i = report.indicators.find((x) => x.id === r.id)!;
      return [r.id, r.label, i.value, i.target, r.statusText, r.gap ?? '', r.source, r.restsOn.join('；')];
    }),
  });
  addSheet(book, zh ? '社区' : 'Communities', e.communities);
  const kinds = Object.keys(report.access[0]?.nearest ?? {});
  addSheet(book, zh ? '住宅可达性' : 'Access per home', {
    columns: ['id', zh ? '人口' : 'population', zh ? '不在路网上' : 'off network', ...kinds.flatMap((k) => [`${k} id`, `${k} m`])],
    rows: report.access.map((a) => [String(a.id), a.population, a.off_network ? t('yes') : t('no'), ...kinds.flatMap((k) => {
      const n = a.nearest[k as keyof typeof a.nearest];
      return n ? [String(n.id), n.distance_m] : ['', ''];
    })]),
  });
  addSheet(book, zh ? '水域隐患' : 'Water hazards', e.inspection);
  const siting = e.sections.find((s) => s.id === 'siting');
  if (siting) addSheet(book, zh ? '选址' : 'Siting', { columns: [t('sec_siting')], rows: siting.findings.map((f) => [f]) });
  for (const s of e.sections) for (const [i, tb] of s.tables.entries()) if (i > 0 && tb.rows.length > 0) addSheet(book, tb.title || s.title.replace(/^[^、.]*[、.]\s*/, ''), tb);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
