import { useEffect, useMemo, useState } from 'react';
import { accessCsv } from '../core/report/report';
import { exportFileName } from '../core/report/evaluation/text';
import { HowComputed } from './GuidePanel';
import { COVERAGE_KINDS, type CoverageKind } from '../core/targets';
import { BAND_COLOURS, countBands, coverageBands, DISTANCE_BANDS } from '../map/coverageSources';
import { COVERAGE_LAYER, currentTargets, useAppStore } from '../store/appStore';
import { download } from './download';
import { useT } from './i18n';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const whole = (v: number) => Math.round(v).toLocaleString();

/** Living-circle coverage: figures per facility kind, the map's colour key, exports. */
export const RADIUS_BOUNDS = { min: 50, max: 5000 } as const;

/**
 * A radius box that only ever sets a radius within bounds: what is typed is a draft until it is a
 * valid number (typing 300 passes through 3 and 30, which must not become radii), and leaving the box
 * with a draft that is not puts the radius in force back.
 */
function RadiusInput({ kind, value, onCommit }: { kind: string; value: number; onCommit: (v: number) => void }) {
  const t = useT();
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const v = Number(draft);
  const valid = draft.trim() !== '' && Number.isFinite(v) && v >= RADIUS_BOUNDS.min && v <= RADIUS_BOUNDS.max;
  return (
    <input
      type="number" min={RADIUS_BOUNDS.min} max={RADIUS_BOUNDS.max} step={50} className={`num${valid ? '' : ' invalid'}`} data-testid={`radius-${kind}`} value={draft}
      aria-invalid={!valid}
      title={valid ? undefined : t('coverage.radiusBounds', RADIUS_BOUNDS)}
      onChange={(e) => {
        setDraft(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(n) && n >= RADIUS_BOUNDS.min && n <= RADIUS_BOUNDS.max) onCommit(n);
      }}
      onBlur={() => {
        if (!valid) setDraft(String(value));
      }}
    />
  );
}

export function CoveragePanel() {
  const t = useT();
  const dataset = useAppStore((s) => s.dataset);
  const datasetVersion = useAppStore((s) => s.datasetVersion);
  const coverage = useAppStore((s) => (s.coverageFor === s.datasetVersion ? s.coverage : null));
  const compare = useAppStore((s) => (s.coverageFor === s.datasetVersion ? s.coverageCompare : null));
  const job = useAppStore((s) => s.analysisJob);
  const distance = useAppStore((s) => s.coverageDistance);
  const kind = useAppStore((s) => s.coverageKind);
  const radii = useAppStore((s) => s.radii);
  const targets = useAppStore((s) => s.coverageTargets);
  const serviceArea = useAppStore((s) => s.serviceArea);
  const setDistance = useAppStore((s) => s.setCoverageDistance);
  const setKind = useAppStore((s) => s.setCoverageKind);
  const setRadius = useAppStore((s) => s.setRadius);
  const setTarget = useAppStore((s) => s.setCoverageTarget);
  const reset = useAppStore((s) => s.resetCoverageSettings);
  const cancel = useAppStore((s) => s.cancelCoverage);
  const exportReport = useAppStore((s) => s.exportReport);
  const openTable = useAppStore((s) => s.setCommunityTableOpen);

  const counts = useMemo(() => countBands(coverageBands(dataset, coverage, kind, radii[kind]) ?? []), [dataset, coverage, kind, radii]);
  const indicator = (k: CoverageKind) => coverage?.indicators.find((i) => i.id === `coverage.${k}`);
  const kindLabel = (k: CoverageKind) => t(`coverage.kind.${k}`);
  const offNetworkFacilities = coverage ? COVERAGE_KINDS.reduce((n, k) => n + (coverage.facilitiesOffNetwork[k]?.length ?? 0), 0) : 0;
  const datasetName = dataset?.meta.name ?? 'dataset';
  const lang = useAppStore((s) => s.lang);
  /** A facility by its name, with the id beside it. */
  const facilityName = (k: CoverageKind, id: unknown) => {
    const f = dataset?.layers[COVERAGE_LAYER[k]]?.features.find((x) => x.id === id);
    return f?.properties.name ? `${String(f.properties.name)} (${String(id)})` : String(id);
  };

  return (
    <section className="coverage" data-testid="coverage-panel">
      <h2>{t('coverage.title')}</h2>
      <fieldset className="inline">
        <legend>{t('coverage.distance')}</legend>
        <label>
          <input type="radio" name="distance" data-testid="distance-network" checked={distance === 'network'} onChange={() => setDistance('network')} /> {t('coverage.distance.network')}
        </label>
        <label>
          <input type="radio" name="distance" data-testid="distance-euclidean" checked={distance === 'euclidean'} onChange={() => setDistance('euclidean')} /> {t('coverage.distance.euclidean')}
        </label>
      </fieldset>
      <p className="small muted term">{t('term.buffer')} <HowComputed /></p>
      {coverage && distance === 'network' && coverage.distance === 'euclidean' && <p className="warn">{t('coverage.fallback')}</p>}

      {job.status === 'running' && (
        <div className="job-inline" data-testid="coverage-progress" role="status">
          <span>{t('coverage.computing', { stage: ['graph', 'snapping', 'paths', 'report'].includes(job.stage) ? t(`stage.${job.stage as 'graph'}`) : '', pct: Math.round(job.progress * 100) })}</span>
          <progress max={100} value={Math.round(job.progress * 100)} />
          <button onClick={cancel}>{t('coverage.cancel')}</button>
        </div>
      )}
      {job.status === 'error' && <p className="warn" role="alert">{t('coverage.error', { message: job.message })}</p>}
      {!coverage && job.status !== 'running' && <p className="muted">{t('coverage.none')}</p>}

      <table className="coverage-table" data-testid="coverage-table">
        <thead>
          <tr>
            <th>{t('coverage.col.kind')}</th>
            <th>{t('coverage.col.radius')}</th>
            <th>{t('coverage.col.share')}</th>
            <th>{t('coverage.col.target')}</th>
          </tr>
        </thead>
        <tbody>
          {COVERAGE_KINDS.map((k) => {
            const ind = indicator(k);
            const fig = coverage?.figures[k];
            const other = compare?.[k];
            const overstate = fig?.share != null && other?.share != null ? (coverage!.distance === 'network' ? other.share - fig.share : fig.share - other.share) : null;
            return (
              <tr key={k} className={k === kind ? 'current' : ''} data-testid={`coverage-row-${k}`}>
                <td>
                  <label title={t('coverage.mapKind')}>
                    <input type="radio" name="map-kind" data-testid={`map-kind-${k}`} checked={k === kind} onChange={() => setKind(k)} /> {kindLabel(k)}
                  </label>
                </td>
                <td>
                  <RadiusInput kind={k} value={radii[k]} onCommit={(v) => setRadius(k, v)} />
                </td>
                <td>
                  <strong data-testid={`share-${k}`}>{pct(fig?.share)}</strong>
                  {ind && <span className={`status ${ind.status}`}> {t(`coverage.status.${ind.status}`)}</span>}
                  {fig && <div className="small">{t('coverage.col.outside')}: <span data-testid={`outside-${k}`}>{whole(fig.uncovered)}</span></div>}
                  {other && (
                    <div className="small muted" data-testid={`other-${k}`}>
                      {t(coverage!.distance === 'network' ? 'coverage.col.compare' : 'coverage.col.compare.network')} {pct(other.share)}
                      {overstate !== null && overstate > 0.0005 && <> · {t('coverage.overstates', { pts: (overstate * 100).toFixed(1) })}</>}
                    </div>
                  )}
                </td>
                <td>
                  <input
                    type="number" min={0} max={100} step={1} className="num" data-testid={`target-${k}`} value={Math.round(targets[k] * 100)}
                    onChange={(e) => {
                      const v = Number(e.target.value);
                      if (Number.isFinite(v) && v >= 0 && v <= 100) setTarget(k, v / 100);
                    }}
                  />
                  %
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h3>{t('coverage.bands.title', { kind: kindLabel(kind) })}</h3>
      <ul className="bands" data-testid="band-legend">
        {DISTANCE_BANDS.map((b) => (
          <li key={b}>
            <span className={`swatch fill${b === 'off_network' ? ' heavy' : ''}`} style={{ background: BAND_COLOURS[b] }} />
            <span>{t(`coverage.band.${b}`, { m: currentTargets({ radii, coverageTargets: targets }).off_network_m })}</span>
            <span className="count" data-testid={`band-count-${b}`}>{t('coverage.homes', { n: (counts[b] ?? 0).toLocaleString() })}</span>
          </li>
        ))}
      </ul>
      {coverage && coverage.offNetworkHomes.length > 0 && (
        <p className="warn small" data-testid="off-network-note">{t('coverage.offNetwork', { n: coverage.offNetworkHomes.length, m: currentTargets({ radii, coverageTargets: targets }).off_network_m })}</p>
      )}
      {offNetworkFacilities > 0 && <p className="warn small">{t('coverage.offNetworkFacilities', { n: offNetworkFacilities })}</p>}
      {coverage && COVERAGE_KINDS.some((k) => coverage.figures[k].estimatedHomes > 0) && <p className="small muted">{t('coverage.estimated')}</p>}
      <p className="small muted">{serviceArea ? t('coverage.serviceArea', { id: facilityName(serviceArea.kind, serviceArea.facilityId), m: serviceArea.radius }) : t('coverage.serviceHint', { kind: kindLabel(kind) })}</p>
      {coverage && <p className="small muted" data-testid="coverage-elapsed">{t('coverage.elapsed', { ms: Math.round(coverage.elapsedMs) })}</p>}

      <div className="actions-col">
        <button data-testid="open-community-table" disabled={!coverage || coverage.communities.length === 0} onClick={() => openTable(true)}>{t('coverage.communityTable')}</button>
        <button
          data-testid="export-report" disabled={!coverage}
          onClick={async () => {
            const report = await exportReport();
            if (report) download(exportFileName(datasetName, lang === 'zh' ? `分析报告-v${datasetVersion}` : `report-v${datasetVersion}`, 'json'), `${JSON.stringify(report, null, 2)}\n`, 'application/json');
          }}
        >
          {t('coverage.exportJson')}
        </button>
        <button
          data-testid="export-csv" disabled={!coverage}
          onClick={async () => {
            const report = await exportReport();
            // A BOM so Excel reads the Chinese ids and names as UTF-8.
            if (report) download(exportFileName(datasetName, lang === 'zh' ? `住宅可达性-v${datasetVersion}` : `access-v${datasetVersion}`, 'csv'), `\ufeff${accessCsv(report)}`, 'text/csv');
          }}
        >
          {t('coverage.exportCsv')}
        </button>
        <button onClick={reset}>{t('coverage.reset')}</button>
      </div>
    </section>
  );
}
