/**
 * The evaluation report as Word (.docx), editable, with the same sections as the HTML: headings,
 * findings, figures (SVG with a PNG fallback for older Word), tables whose header rows repeat on
 * each page, Chinese fonts set (宋体 for text, 黑体 for headings). The PNG is made by the caller
 * (`rasterize`): the browser draws it on a canvas, the command line with resvg.
 */
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, PageBreak, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Cell, Evaluation, Figure, Table as ModelTable } from './model';
import { text } from './text';

export type Rasterize = (svg: string, width: number, height: number) => Promise<Uint8Array>;

const BODY_FONT = { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: '宋体', cs: 'Calibri' };
const HEADING_FONT = { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: '黑体', cs: 'Calibri' };
/** Printable width of an A4 page with 2 cm margins, in pixels at 96 dpi (what ImageRun sizes are in). */
const PAGE_PX = 600;

const para = (s: string, options: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({ alignment: options.align, children: [new TextRun({ text: s, bold: options.bold, size: options.size })] });
const heading = (s: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ heading: level, children: [new TextRun({ text: s, font: HEADING_FONT })] });
const cellText = (c: Cell) => (c === null ? '—' : String(c));

function table(t: ModelTable): Table {
  const row = (cells: Cell[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c) => new TableCell({
        shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF2F8' } : undefined,
        children: [new Paragraph({ alignment: typeof c === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text: cellText(c), bold: header, size: 17 })] })],
      })),
    });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(t.columns, true), ...t.rows.map((r) => row(r, false))] });
}

async function figure(f: Figure, rasterize: Rasterize): Promise<Paragraph[]> {
  const scale = Math.min(1, PAGE_PX / f.width);
  const size = { width: Math.round(f.width * scale), height: Math.round(f.height * scale) };
  const png = await rasterize(f.svg, f.width * 2, f.height * 2);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [new ImageRun({ type: 'svg', data: new TextEncoder().encode(f.svg), transformation: size, fallback: { type: 'png', data: png } })],
    }),
    para(f.caption, { size: 18, align: AlignmentType.CENTER }),
  ];
}

export async function evaluationDocx(e: Evaluation, rasterize: Rasterize): Promise<Uint8Array> {
  const t = (k: Parameters<typeof text>[1]) => text(e.lang, k);
  const body: (Paragraph | Table)[] = [];
  body.push(new Paragraph({ spacing: { before: 2400 }, alignment: AlignmentType.CENTER, children: [new TextRun({ text: e.title, bold: true, size: 40, font: HEADING_FONT })] }));
  if (e.cover.synthetic) body.push(para(t('synthetic'), { bold: true, align: AlignmentType.CENTER }));
  body.push(table({ title: '', columns: ['', ''], rows: e.cover.rows }));
  body.push(new Paragraph({ children: [new PageBreak()] }));

  body.push(heading(t('summary'), HeadingLevel.HEADING_1));
  for (const p of e.summary) body.push(para(p));
  body.push(heading(t('scorecard'), HeadingLevel.HEADING_2));
  body.push(table({
    title: '',
    columns: [t('col_indicator'), t('col_value'), t('col_target'), t('col_status'), t('col_gap'), t('col_source'), t('col_restsOn')],
    rows: e.scorecard.map((r) => [r.label, r.value, r.target, r.statusText, r.gap ?? '', r.source, r.restsOn.join('\n')]),
  }));
  for (const s of e.sections) {
    body.push(new Paragraph({ children: [new PageBreak()] }));
    body.push(heading(s.title, HeadingLevel.HEADING_1));
    for (const f of s.findings) body.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(f)] }));
    for (const f of s.figures) body.push(...(await figure(f, rasterize)));
    for (const tb of s.tables) {
      if (tb.rows.length === 0) continue;
      if (tb.title) body.push(heading(tb.title, HeadingLevel.HEADING_2));
      body.push(table(tb));
    }
  }
  for (const tb of [e.communities, e.inspection]) {
    body.push(new Paragraph({ children: [new PageBreak()] }));
    body.push(heading(tb.title, HeadingLevel.HEADING_1));
    body.push(tb.rows.length > 0 ? table({ ...tb, title: '' }) : para(t('find_none')));
  }
  body.push(new Paragraph({ children: [new PageBreak()] }));
  body.push(heading(t('sec_quality'), HeadingLevel.HEADING_1));
  for (const p of e.sources) body.push(para(p));
  for (const q of e.quality) body.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(q)] }));
  body.push(heading(t('sec_methods'), HeadingLevel.HEADING_1));
  for (const p of e.methods) body.push(para(p));

  const doc = new Document({
    creator: 'child-friendly-city-planner',
    title: e.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: 21 } }, heading1: { run: { font: HEADING_FONT, size: 30, bold: true } }, heading2: { run: { font: HEADING_FONT, size: 24, bold: true } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children: body }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
