import { useAppStore } from '../store/appStore';
import { useT } from './i18n';

/** Progress of a load, with cancel; and what went wrong, if anything did. */
export function JobBanner() {
  const t = useT();
  const job = useAppStore((s) => s.job);
  const cancel = useAppStore((s) => s.cancelLoad);
  const dismiss = useAppStore((s) => s.dismissJob);
  if (job.status === 'idle') return null;
  if (job.status === 'running') {
    const pct = Math.round(job.progress * 100);
    return (
      <div className="job" data-testid="job-progress" role="status">
        <span>{t(job.stage === 'reading' ? 'job.reading' : job.stage === 'converting' ? 'job.converting' : 'job.validating', { file: job.file })}</span>
        <progress max={100} value={pct} />
        <span>{pct}%</span>
        <button onClick={cancel}>{t('job.cancel')}</button>
      </div>
    );
  }
  return (
    <div className="job error" data-testid="job-error" role="alert">
      <span>{job.status === 'error' ? t('job.failed', { message: job.message }) : t('job.cancelled')}</span>
      <button onClick={dismiss}>{t('job.dismiss')}</button>
    </div>
  );
}
