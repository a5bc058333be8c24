import { useEscape } from './useEscape';
import { useCallback, useMemo } from 'react';
import { LAYER_LABELS, LAYER_NAMES } from '../core/layers';
import { formatIssue } from '../core/messages';
import type { Issue } from '../core/types';
import { useAppStore } from '../store/appStore';
import { useLang, useT } from './i18n';

const SHOWN_PER_LAYER = 200;

function IssueList({ issues }: { issues: Issue[] }) {
  const t = useT();
  const lang = useLang();
  if (issues.length === 0) return null;
  const shown = issues.slice(0, SHOWN_PER_LAYER);
  return (
    <ul className="issues">
      {shown.map((issue, i) => (
        <li key={i} className={issue.severity} data-testid="issue">
          <span className="tag">{t(issue.severity === 'error' ? 'report.severity.error' : 'report.severity.warning')}</span> {formatIssue(issue, lang)}
        </li>
      ))}
      {issues.length > shown.length && <li className="muted">{t('report.more', { n: issues.length - shown.length })}</li>}
    </ul>
  );
}

/** The validation report of the last load: per layer, loaded and rejected, and why. */
export function ReportPanel() {
  const t = useT();
  const lang = useLang();
  const report = useAppStore((s) => s.report);
  const openPanel = useAppStore((s) => s.openPanel);
  useEscape(useCallback(() => openPanel('none'), [openPanel]));
  const downloadUrl = useMemo(
    () => (report ? URL.createObjectURL(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' })) : null),
    [report],
  );
  return (
    <div className="modal" role="dialog" aria-modal="true" data-testid="validation-report">
      <div className="modal-body wide">
        <h2>{t('report.title')}</h2>
        {report && (
          <>
            <p className={report.usable ? 'ok' : 'warn'} data-testid="report-usable">
              {t(report.usable ? 'report.usable' : 'report.unusable')} {t('report.crs', { crs: report.crsIn })}
            </p>
            {report.dataset.length > 0 && (
              <section>
                <h3>{t('report.datasetLevel')}</h3>
                <IssueList issues={report.dataset} />
              </section>
            )}
            {LAYER_NAMES.filter((l) => report.layers[l]).map((layer) => {
              const lr = report.layers[layer]!;
              return (
                <section key={layer} data-testid={`report-layer-${layer}`}>
                  <h3>
                    {LAYER_LABELS[layer][lang]} <span className="muted">({lr.file})</span>{' '}
                    <span className="counts">
                      {lr.failed ? t('report.failed') : `${t('report.loaded', { n: lr.features })} · ${t('report.rejected', { n: lr.rejected })}`}
                    </span>
                  </h3>
                  {lr.issues.length === 0 ? <p className="muted">{t('report.noIssues')}</p> : <IssueList issues={lr.issues} />}
                </section>
              );
            })}
          </>
        )}
        <div className="actions">
          {downloadUrl && (
            <a href={downloadUrl} download="validation-report.json">
              {t('report.download')}
            </a>
          )}
          <button className="primary" data-testid="report-close" onClick={() => openPanel('none')}>
            {t('report.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
