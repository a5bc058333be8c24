import { useAppStore } from '../store/appStore';
import { useLang, useT } from './i18n';

/**
 * What the figures rest on, above every analysis tab: separate networks, estimates, assumed
 * coordinates. Open by default when any finding is a warning, so no figure is read without it.
 */
export function DataQualityBox() {
  const t = useT();
  const lang = useLang();
  const findings = useAppStore((s) => (s.coverageFor === s.datasetVersion ? s.coverage?.dataQuality : null));
  if (!findings) return null;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return (
    <details className="data-quality" open={warnings > 0} data-testid="data-quality">
      <summary>
        <strong>{t('quality.title')}</strong> · {findings.length === 0 ? t('quality.none') : t('quality.count', { n: findings.length, w: warnings })}
      </summary>
      {findings.length > 0 && (
        <>
          <p className="muted">{t('quality.hint')}</p>
          <ul>
            {findings.map((f, i) => (
              <li key={`${f.id}-${i}`} className={f.severity} data-testid={`quality-${f.id}`}>
                {f.message[lang]}
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
