import { LAYER_LABELS } from '../core/layers';
import { useAppStore } from '../store/appStore';
import { useLang, useT } from './i18n';

/** Before a merge shrinks a loaded layer: replace it, add to it, or keep things as they are. */
export function ImportConfirm() {
  const t = useT();
  const lang = useLang();
  const pending = useAppStore((s) => s.pendingImport);
  const resolve = useAppStore((s) => s.resolvePendingImport);
  const openPanel = useAppStore((s) => s.openPanel);
  if (!pending) return null;
  return (
    <div className="modal" role="dialog" aria-modal="true" data-testid="import-confirm">
      <div className="modal-body">
        <h2>{t('import.confirm.title')}</h2>
        <ul>
          {pending.shrinking.map((c) => (
            <li key={c.layer} data-testid={`import-confirm-${c.layer}`}>{t('import.confirm.layer', { layer: LAYER_LABELS[c.layer][lang], before: c.before, after: c.after })}</li>
          ))}
        </ul>
        <p className="muted">{t('import.confirm.explain')}</p>
        <div className="actions">
          <button onClick={() => openPanel('report')}>{t('import.confirm.why')}</button>
          <button data-testid="import-confirm-cancel" onClick={() => void resolve('cancel')}>{t('import.confirm.cancel')}</button>
          <button data-testid="import-confirm-append" onClick={() => void resolve('append')}>{t('import.confirm.append')}</button>
          <button className="primary" data-testid="import-confirm-replace" onClick={() => void resolve('replace')}>{t('import.confirm.replace')}</button>
        </div>
      </div>
    </div>
  );
}
