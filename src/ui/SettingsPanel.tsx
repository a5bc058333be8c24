import { useEscape } from './useEscape';
import { useCallback, useState } from 'react';
import { isTileUrlTemplate } from '../map/mapSources';
import { useAppStore } from '../store/appStore';
import { useT } from './i18n';

export function SettingsPanel() {
  const t = useT();
  const basemapUrl = useAppStore((s) => s.basemapUrl);
  const setBasemapUrl = useAppStore((s) => s.setBasemapUrl);
  const resetToSample = useAppStore((s) => s.resetToSample);
  const openPanel = useAppStore((s) => s.openPanel);
  useEscape(useCallback(() => openPanel('none'), [openPanel]));
  const [draft, setDraft] = useState(basemapUrl);
  const invalid = draft.trim() !== '' && !isTileUrlTemplate(draft.trim());
  return (
    <div className="modal" role="dialog" aria-modal="true" data-testid="settings">
      <div className="modal-body">
        <h2>{t('settings.title')}</h2>
        <label className="block">
          {t('settings.basemap')}
          <input type="url" data-testid="basemap-url" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="https://…/{z}/{x}/{y}.png" />
        </label>
        <p className="help">{t('settings.basemap.help')}</p>
        {invalid && <p className="warn">{t('settings.basemap.invalid')}</p>}
        <div className="actions left">
          <button disabled={invalid} onClick={() => setBasemapUrl(draft.trim())}>{t('settings.basemap.apply')}</button>
          <button onClick={() => { setDraft(''); setBasemapUrl(''); }}>{t('settings.basemap.clear')}</button>
        </div>
        <hr />
        <button
          data-testid="reset-sample"
          onClick={() => {
            if (window.confirm(t('settings.reset.confirm'))) {
              openPanel('none');
              void resetToSample();
            }
          }}
        >
          {t('settings.reset')}
        </button>
        <div className="actions">
          <button className="primary" onClick={() => openPanel('none')}>{t('settings.close')}</button>
        </div>
      </div>
    </div>
  );
}
