import { useState } from 'react';
import { folderName } from '../core/import/datasetFolder';
import { useAppStore } from '../store/appStore';
import { download } from './download';
import { useT } from './i18n';

/** A save the browser refused, or saved content that could not be read back: said at once, with a way to keep the work. */
export function StorageBanner() {
  const t = useT();
  const problem = useAppStore((s) => s.saveProblem);
  const dropped = useAppStore((s) => s.restoreDropped);
  const dismissProblem = useAppStore((s) => s.dismissSaveProblem);
  const dismissDropped = useAppStore((s) => s.dismissRestoreDropped);
  const exportDataset = useAppStore((s) => s.exportDataset);
  const name = useAppStore((s) => s.dataset?.meta.name);
  const [busy, setBusy] = useState(false);
  const exportZip = async () => {
    setBusy(true);
    try {
      const zip = await exportDataset();
      if (zip) download(`${folderName(name ?? 'dataset')}.zip`, zip, 'application/zip');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {problem && (
        <div className="job error" role="alert" data-testid="save-failed">
          <span>{t('storage.saveFailed', { detail: problem.detail })}</span>
          <button data-testid="save-failed-export" disabled={busy} onClick={() => void exportZip()}>{t('storage.export')}</button>
          <button onClick={dismissProblem}>{t('job.dismiss')}</button>
        </div>
      )}
      {dropped.length > 0 && (
        <div className="job warn-banner" role="status" data-testid="restore-dropped">
          <span>{t('storage.dropped', { what: dropped.join('、') })}</span>
          <button onClick={dismissDropped}>{t('job.dismiss')}</button>
        </div>
      )}
    </>
  );
}
