import { LAYER_LABELS } from '../core/layers';
import { useAppStore } from '../store/appStore';
import { useLang, useT } from './i18n';

/** After an import that kept a layer or lost features from one: what changed, and undo. */
export function ImportNotice() {
  const t = useT();
  const lang = useLang();
  const outcome = useAppStore((s) => s.lastImport);
  const undo = useAppStore((s) => s.undoImport);
  const dismiss = useAppStore((s) => s.dismissImportOutcome);
  if (!outcome || outcome.changes.length === 0) return null;
  return (
    <div className="job warn-banner" role="status" data-testid="import-outcome">
      <span>
        {t('import.outcome.title')}{' '}
        {outcome.changes.map((c) => {
          const layer = LAYER_LABELS[c.layer][lang];
          return t(c.appended ? 'import.outcome.appended' : c.kept ? 'import.outcome.kept' : 'import.outcome.shrunk', { layer, before: c.before, after: c.after });
        }).join('；')}
      </span>
      {outcome.previous && <button data-testid="import-undo" onClick={() => void undo()}>{t('import.undo')}</button>}
      <button onClick={dismiss}>{t('job.dismiss')}</button>
    </div>
  );
}
