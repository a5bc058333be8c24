import { useState } from 'react';
import { folderName } from '../core/import/datasetFolder';
import { useAppStore } from '../store/appStore';
import { download } from './download';
import { useT } from './i18n';

export function Header() {
  const t = useT();
  const meta = useAppStore((s) => s.dataset?.meta);
  const source = useAppStore((s) => s.source);
  const lang = useAppStore((s) => s.lang);
  const setLang = useAppStore((s) => s.setLang);
  const openPanel = useAppStore((s) => s.openPanel);
  const openGuide = useAppStore((s) => s.openGuide);
  const exportDataset = useAppStore((s) => s.exportDataset);
  // What is shown is not the loaded data as it came: accepted proposals, map edits, recorded fixes.
  const accepted = useAppStore((s) => s.accepted);
  const fixes = useAppStore((s) => Object.keys(s.waterEdits).length);
  const [exporting, setExporting] = useState(false);
  const exportZip = async () => {
    setExporting(true);
    try {
      const zip = await exportDataset();
      if (zip && meta) download(`${folderName(meta.name)}.zip`, zip, 'application/zip');
    } finally {
      setExporting(false);
    }
  };
  return (
    <header className="header">
      <div className="title">
        <h1>{t('app.title')}</h1>
        <span className="subtitle">{t('app.subtitle')}</span>
      </div>
      <div className="dataset-name" data-testid="dataset-name">
        {meta && (
          <>
            <span className="muted">{t(source === 'sample' ? 'dataset.sample' : 'dataset.imported')}</span>
            {meta.name}
            {meta.year !== null && ` · ${meta.year}`}
          </>
        )}
        {(accepted.length > 0 || fixes > 0) && (
          <span className="badge scenario" data-testid="scenario-badge" title={t('badge.scenario.title')}>
            {t('badge.scenario', { steps: accepted.length, fixes, last: accepted.at(-1)?.name ?? '' })}
          </span>
        )}
        {meta?.synthetic && (
          <span className="badge" data-testid="synthetic-badge" title={t('badge.synthetic.title')}>
            {t('badge.synthetic')}
          </span>
        )}
      </div>
      <nav className="toolbar">
        <button data-testid="open-import" onClick={() => openPanel('import')}>{t('toolbar.import')}</button>
        <button data-testid="export-dataset" disabled={!meta || exporting} onClick={() => void exportZip()}>{t('toolbar.exportDataset')}</button>
        <button data-testid="open-evaluation" className="primary" disabled={!meta} onClick={() => openPanel('evaluation')}>{t('toolbar.evaluation')}</button>
        <button data-testid="open-report" onClick={() => openPanel('report')}>{t('toolbar.report')}</button>
        <button data-testid="open-settings" onClick={() => openPanel('settings')}>{t('toolbar.settings')}</button>
        <button data-testid="open-guide" onClick={() => openGuide()}>{t('toolbar.guide')}</button>
        <button data-testid="lang-switch" className="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('lang.switch')}
        </button>
      </nav>
    </header>
  );
}
