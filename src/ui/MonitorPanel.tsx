import { useEffect, useMemo, useState } from 'react';
import { LAYER_LABELS } from '../core/layers';
import type { IndicatorTrendRow } from '../core/monitoring/monitor';
import { monitoringCsv } from '../core/monitoring/monitor';
import { exportFileName } from '../core/report/evaluation/text';
import { useAppStore } from '../store/appStore';
import { SAMPLE_NAME } from '../store/sampleDataset';
import { yearsForMonitoring } from '../store/monitorSlice';
import { download } from './download';
import { useLang, useT, type MessageKey } from './i18n';
import { TrendChart } from './TrendChart';

/** A value in the indicator's unit, as a reader writes it. */
function valueText(unit: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (unit === 'share') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'count') return Math.round(v).toLocaleString('en-US');
  return v.toFixed(2);
}

/** Whether the sample's earlier years were added by themselves already in this session (deleting them sticks). */
let sampleYearsOffered = false;

/** Years of the same district side by side: trends to 2030, early warning, what changed where. */
export function MonitorPanel() {
  const t = useT();
  const lang = useLang();
  const dataset = useAppStore((s) => s.dataset);
  const source = useAppStore((s) => s.source);
  const kept = useAppStore((s) => s.monitorYears);
  const report = useAppStore((s) => s.report);
  const years = useMemo(() => yearsForMonitoring({ monitorYears: kept, dataset, report }), [kept, dataset, report]);
  const monitoring = useAppStore((s) => s.monitoring);
  const message = useAppStore((s) => s.monitorMessage);
  const keep = useAppStore((s) => s.keepCurrentAsYear);
  const addSample = useAppStore((s) => s.addSampleYears);
  const rename = useAppStore((s) => s.renameYear);
  const remove = useAppStore((s) => s.deleteYear);
  const open = useAppStore((s) => s.openYear);
  const changeIndex = useAppStore((s) => s.changeIndex);
  const setChangeIndex = useAppStore((s) => s.setChangeIndex);
  const [chosen, setChosen] = useState('coverage.kindergarten');
  const [yearInput, setYearInput] = useState('');
  const [busy, setBusy] = useState(false);
  const isSample = source === 'sample' && (dataset?.meta.name.includes('铁西') ?? false);
  // The sample shows its earlier years from the first look: added once, the first time the view opens.
  useEffect(() => {
    if (!isSample || kept.length > 0 || sampleYearsOffered) return;
    sampleYearsOffered = true;
    setBusy(true);
    void addSample().finally(() => setBusy(false));
  }, [isSample, kept.length, addSample]);
  if (!dataset) return null;
  const row: IndicatorTrendRow | undefined = monitoring?.indicators.find((i) => i.id === chosen) ?? monitoring?.indicators[0];
  const change = monitoring?.changes[changeIndex];
  const statusWord = (s: string) => t(`monitor.status.${s}` as MessageKey);
  const sampleLoaded = isSample && !kept.some((y) => y.id.startsWith('sample-'));

  return (
    <section className="panel" data-testid="monitor-panel">
      <h2>{t('monitor.title')}</h2>
      <p className="small">{t('monitor.intro')}</p>

      <h3>{t('monitor.years')}</h3>
      <table className="coverage-table" data-testid="monitor-years">
        <tbody>
          {kept.map((y) => (
            <tr key={y.id} data-testid="monitor-year">
              <td className="num">{y.year}</td>
              <td><input aria-label={t('monitor.rename')} className="year-label" value={y.label} onChange={(e) => void rename(y.id, e.target.value)} /></td>
              <td className="chips"><button className="link" data-testid="monitor-open" onClick={() => void open(y.id)}>{t('monitor.open')}</button><button className="link" data-testid="monitor-delete" onClick={() => void remove(y.id)}>{t('monitor.delete')}</button></td>
            </tr>
          ))}
          <tr data-testid="monitor-current">
            <td className="num">{dataset.meta.year ?? '—'}</td>
            <td colSpan={2}>{t('monitor.current', { name: dataset.meta.name })}</td>
          </tr>
        </tbody>
      </table>
      {message === 'noYear' && <p className="warn small" role="alert">{t('monitor.noYear')}</p>}
      <div className="chips">
        {dataset.meta.year === null && <input className="num" type="number" placeholder={t('monitor.yearPlaceholder')} value={yearInput} onChange={(e) => setYearInput(e.target.value)} />}
        <button data-testid="monitor-keep" onClick={() => void keep(yearInput ? Number(yearInput) : undefined)}>{t('monitor.keep')}</button>
        {sampleLoaded && (
          <button data-testid="monitor-sample" disabled={busy} onClick={() => { setBusy(true); void addSample().finally(() => setBusy(false)); }}>{t('monitor.sample', { name: SAMPLE_NAME })}</button>
        )}
      </div>
      <p className="small muted">{t('monitor.howToAdd')}</p>

      {years.length < 2 ? <p className="muted" data-testid="monitor-need-two">{t('monitor.needTwo')}</p> : !monitoring ? <p className="muted">{t('monitor.computing')}</p> : (
        <>
          <h3>{t('monitor.trends')}</h3>
          <div className="table-scroll">
            <table className="coverage-table" data-testid="monitor-trends">
              <thead><tr><th />{monitoring.years.map((y) => <th key={y.year} className="num">{y.year}</th>)}<th className="num">{t('monitor.col.2030')}</th><th>{t('monitor.col.status')}</th></tr></thead>
              <tbody>
                {monitoring.indicators.map((i) => (
                  <tr key={i.id} className={`clickable status-${i.status}`} data-testid={`trend-${i.id}`} aria-selected={row?.id === i.id} onClick={() => setChosen(i.id)} title={i.rule[lang]}>
                    <td className="small">{i.label[lang]}</td>
                    {i.values.map((v) => <td key={v.year} className="num">{valueText(i.unit, v.value)}</td>)}
                    <td className="num">{valueText(i.unit, i.projected_2030)}</td>
                    <td className={`trend-status trend-${i.status}`}>{statusWord(i.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {row && (
            <div data-testid="trend-detail">
              <h3>{row.label[lang]}</h3>
              <TrendChart row={row} targetLabel={t('monitor.target', { value: valueText(row.unit, row.target) })} />
              <p className="small">{t('monitor.rule', { status: statusWord(row.status), rule: row.rule[lang] })}{row.needed_per_year !== null && row.status !== 'met' ? ` ${t('monitor.needed', { n: valueText(row.unit === 'share' ? 'share' : 'ratio', row.needed_per_year) })}` : ''}</p>
              <p className="small muted">{t(row.method === 'least_squares' ? 'monitor.method.ls' : 'monitor.method.linear')}</p>
            </div>
          )}
          {row && <CommunityTrends id={row.id} unit={row.unit} />}
          <button data-testid="monitor-csv" onClick={() => download(exportFileName(dataset.meta.name, lang === 'zh' ? '监测趋势' : 'trends', 'csv'), monitoringCsv(monitoring), 'text/csv;charset=utf-8')}>{t('monitor.csv')}</button>

          <h3>{t('monitor.warnings', { n: monitoring.warnings.length })}</h3>
          <ol className="small warnings" data-testid="monitor-warnings">
            {monitoring.warnings.slice(0, 25).map((w, k) => <li key={k} className={`trend-${w.status}`}>{w.message[lang]}</li>)}
          </ol>

          {change && (
            <>
              <h3>{t('monitor.changes')}</h3>
              <label className="small">{t('monitor.between')} <select data-testid="monitor-change-pair" value={changeIndex} onChange={(e) => setChangeIndex(Number(e.target.value))}>
                {monitoring.changes.map((c, k) => <option key={k} value={k}>{c.from} → {c.to}</option>)}
              </select></label>
              <table className="coverage-table" data-testid="monitor-change-table">
                <thead><tr><th /><th className="num">{t('monitor.gained')}</th><th className="num">{t('monitor.lost')}</th></tr></thead>
                <tbody>
                  {Object.entries(change.coverage).map(([kind, c]) => (
                    <tr key={kind}><td>{t(`coverage.kind.${kind}` as MessageKey)}</td><td className="num gained">{c.gainedHomes} ({Math.round(c.gainedChildren)})</td><td className="num lost">{c.lostHomes} ({Math.round(c.lostChildren)})</td></tr>
                  ))}
                </tbody>
              </table>
              <p className="small muted">{t('monitor.changeHomes', { id: change.homes.matchedById, place: change.homes.matchedByLocation, added: change.homes.newHomes, gone: change.homes.goneHomes })}</p>
              <ul className="small" data-testid="monitor-facility-changes">
                {change.facilities.filter((f) => f.opened.length + f.closed.length + f.capacity.length > 0).map((f) => (
                  <li key={f.layer}>{t('monitor.facilities', { layer: LAYER_LABELS[f.layer][lang], opened: f.opened.map((o) => o.name || String(o.id)).join('、') || '—', closed: f.closed.map((o) => o.name || String(o.id)).join('、') || '—', resized: f.capacity.length })}</li>
                ))}
                <li>{t('monitor.hazards', { fixed: change.hazards.fixed.length, added: change.hazards.new.length })}</li>
              </ul>
              {change.communities.length > 0 && (
                <>
                  <h4>{t('monitor.communities')}</h4>
                  <ol className="small warnings" data-testid="monitor-communities">
                    {change.communities.slice(0, 15).map((c) => <li key={String(c.id)}>{t('monitor.community', { name: c.name || String(c.id), gained: Math.round(c.gainedChildren), lost: Math.round(c.lostChildren) })}</li>)}
                  </ol>
                </>
              )}
              <p className="small"><span className="swatch" style={{ background: '#1a9850' }} /> {t('monitor.legend.gained')} <span className="swatch" style={{ background: '#d73027' }} /> {t('monitor.legend.lost')}</p>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** The chosen indicator per community, the ones off track first: where the district is slipping. */
function CommunityTrends({ id, unit }: { id: string; unit: string }) {
  const t = useT();
  const monitoring = useAppStore((s) => s.monitoring);
  const order: Record<string, number> = { off_track: 0, at_risk: 1, on_track: 2, not_computable: 3, met: 4 };
  const rows = (monitoring?.communities ?? [])
    .map((c) => ({ c, i: c.indicators.find((x) => x.id === id) }))
    .filter((r): r is { c: (typeof r)['c']; i: NonNullable<(typeof r)['i']> } => r.i !== undefined)
    .sort((a, b) => (order[a.i.status] ?? 5) - (order[b.i.status] ?? 5));
  if (!monitoring || rows.length === 0) return null;
  return (
    <>
      <h4>{t('monitor.byCommunity')}</h4>
      <div className="table-scroll">
        <table className="coverage-table" data-testid="monitor-community-trends">
          <thead><tr><th />{monitoring.years.map((y) => <th key={y.year} className="num">{y.year}</th>)}<th className="num">{t('monitor.col.2030')}</th><th>{t('monitor.col.status')}</th></tr></thead>
          <tbody>
            {rows.map(({ c, i }) => (
              <tr key={String(c.id)} className={`status-${i.status}`}>
                <td className="small">{c.name || String(c.id)}</td>
                {i.values.map((v) => <td key={v.year} className="num">{valueText(unit, v.value)}</td>)}
                <td className="num">{valueText(unit, i.projected_2030)}</td>
                <td className={`trend-status trend-${i.status}`}>{t(`monitor.status.${i.status}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
