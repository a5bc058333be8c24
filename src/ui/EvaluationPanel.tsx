import { useEscape } from './useEscape';
import { useCallback, useEffect, useRef, useState } from 'react';
import { folderName } from '../core/import/datasetFolder';
import type { Evaluation, Table } from '../core/report/evaluation/model';
import { appStore, useAppStore, type SidebarTab } from '../store/appStore';
import type { CoverageKind } from '../core/targets';
import { download } from './download';
import { useT } from './i18n';

/** SVG → PNG on a canvas, for the PNG Word wants beside each SVG figure. */
async function rasterize(svg: string, width: number, height: number): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    return new Uint8Array(await blob!.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A figure made by the tool, shown as an image: its SVG never enters the page's markup. */
const svgSrc = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

function SmallTable({ table }: { table: Table }) {
  if (table.rows.length === 0) return null;
  return (
    <table className="small-table">
      <thead><tr>{table.columns.map((c, i) => <th key={i}>{c}</th>)}</tr></thead>
      <tbody>{table.rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c === null ? '—' : String(c)}</td>)}</tr>)}</tbody>
    </table>
  );
}

/**
 * 规划指标一览 and the monitoring and evaluation report: every indicator with its target, gap, source
 * and what it rests on (a row opens the view that explains it), and the report to print or save as
 * PDF, Word, Excel or HTML. Made in the analysis worker; remade when the language changes.
 */
export function EvaluationPanel() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const version = useAppStore((s) => s.datasetVersion);
  const makeEvaluation = useAppStore((s) => s.makeEvaluation);
  const openPanel = useAppStore((s) => s.openPanel);
  useEscape(useCallback(() => openPanel('none'), [openPanel]));
  const setTab = useAppStore((s) => s.setSidebarTab);
  const setLang = useAppStore((s) => s.setLang);
  const setCoverageKind = useAppStore((s) => s.setCoverageKind);
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const [html, setHtml] = useState('');

  useEffect(() => {
    let live = true;
    setEvaluation(null);
    makeEvaluation().then(async (e) => {
      if (!live || !e) return;
      setEvaluation(e);
      const { evaluationHtml } = await import('../core/report/evaluation/html');
      if (live) setHtml(evaluationHtml(e));
    }, (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [lang, version, makeEvaluation]);

  const baseName = evaluation ? `${folderName(evaluation.cover.rows[0]![1])}-${t('evaluation.fileName')}-${evaluation.cover.rows[2]![1]}` : 'report';
  const save = async (format: 'docx' | 'xlsx' | 'html') => {
    if (!evaluation) return;
    setBusy(format);
    try {
      if (format === 'html') download(`${baseName}.html`, html, 'text/html');
      else if (format === 'docx') {
        const { evaluationDocx } = await import('../core/report/evaluation/docx');
        download(`${baseName}.docx`, await evaluationDocx(evaluation, rasterize), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      } else {
        const [{ evaluationXlsx }, full] = await Promise.all([import('../core/report/evaluation/xlsx'), appStore.getState().exportReport()]);
        if (full) download(`${baseName}.xlsx`, await evaluationXlsx(evaluation, full), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const print = () => frame.current?.contentWindow?.print();
  const open = (view: SidebarTab, id: string) => {
    setTab(view);
    // A coverage indicator colours the map by its own kind.
    const kind = /^coverage\.(kindergarten|childcare|primary|middle|playground)$/.exec(id)?.[1];
    if (kind) setCoverageKind(kind as CoverageKind);
    openPanel('none');
  };
  const coverageSection = evaluation?.sections.find((s) => s.id === 'coverage');
  const chart = coverageSection?.figures[1];

  return (
    <div className="modal" role="dialog" aria-modal="true" data-testid="evaluation-panel">
      <div className="modal-body wide evaluation">
        <h2>{t('evaluation.title')}</h2>
        <div className="actions left">
          <button className="primary" data-testid="evaluation-print" disabled={!html} onClick={print}>{t('evaluation.print')}</button>
          <button data-testid="evaluation-docx" disabled={!evaluation || busy !== null} onClick={() => void save('docx')}>{busy === 'docx' ? t('evaluation.making') : t('evaluation.docx')}</button>
          <button data-testid="evaluation-xlsx" disabled={!evaluation || busy !== null} onClick={() => void save('xlsx')}>{busy === 'xlsx' ? t('evaluation.making') : t('evaluation.xlsx')}</button>
          <button data-testid="evaluation-html" disabled={!html} onClick={() => void save('html')}>{t('evaluation.html')}</button>
          <button data-testid="evaluation-lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('lang.switch')}</button>
          <button data-testid="evaluation-close" onClick={() => openPanel('none')}>{t('report.close')}</button>
        </div>
        {error && <p className="error" role="alert">{error}</p>}
        {!evaluation && !error && <p className="muted" data-testid="evaluation-making">{t('evaluation.making')}</p>}
        {evaluation && (
          <>
            {evaluation.summary.map((p, i) => <p key={i} data-testid="evaluation-summary">{p}</p>)}
            <table className="scorecard" data-testid="scorecard">
              <thead>
                <tr>{(['col.indicator', 'col.value', 'col.target', 'col.status', 'col.gap', 'col.source', 'col.restsOn'] as const).map((k) => <th key={k}>{t(`evaluation.${k}`)}</th>)}</tr>
              </thead>
              <tbody>
                {evaluation.scorecard.map((r) => (
                  <tr key={r.id} data-testid={`scorecard-${r.id}`} className={`status-${r.status} clickable`} title={t('evaluation.openView')} onClick={() => open(r.view, r.id)}>
                    <td>{r.label}</td>
                    <td className="num">{r.value}</td>
                    <td className="num">{r.target}</td>
                    <td className="status">{r.statusText}</td>
                    <td>{r.gap ?? ''}</td>
                    <td className="small">{r.source}</td>
                    <td className="small">{r.restsOn.map((x, i) => <div key={i}>{x}</div>)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {chart && (
              <figure className="chart" data-testid="evaluation-chart">
                <img src={svgSrc(chart.svg)} alt={chart.caption} width={chart.width} />
                <figcaption>{chart.caption}</figcaption>
              </figure>
            )}
            {evaluation.sections.filter((s) => s.id === 'surroundings' || s.id === 'health').map((s) => (
              <details key={s.id} data-testid={`evaluation-${s.id}`}>
                <summary>{s.title}</summary>
                {s.findings.map((f, i) => <p key={i}>{f}</p>)}
                {s.tables.slice(1).map((tb, i) => <SmallTable key={i} table={tb} />)}
              </details>
            ))}
            <h3>{t('evaluation.preview')}</h3>
            <iframe ref={frame} className="report-preview" data-testid="evaluation-preview" title={t('evaluation.preview')} sandbox="allow-same-origin allow-modals" srcDoc={html} />
          </>
        )}
      </div>
    </div>
  );
}
