import { Component, type ReactNode } from 'react';
import { appStore } from '../store/appStore';
import { persistence } from '../store/persistence';
import { download } from './download';
import { translate } from './i18n';

/**
 * A rendering bug shows a message and a way out, never a blank page. Reloading keeps the saved
 * data; when the saved data itself is what breaks the page, the reset first downloads a backup of
 * everything that can still be read, then clears the saved state and starts from the sample.
 * Nothing here reads the store beyond the language, which may itself be what is broken.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null; resetting: boolean }> {
  override state = { error: null as Error | null, resetting: false };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  private reset = async () => {
    this.setState({ resetting: true });
    try {
      const saved = await persistence.readAll();
      download(`child-friendly-planner-backup-${new Date().toISOString().slice(0, 10)}.json`, safeJson(saved), 'application/json');
    } catch {
      // A backup that cannot be made must not stop the way out.
    }
    // Give the browser a moment to take the backup before the page (and its blob) goes away.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await persistence.clearAll().catch(() => undefined);
    location.reload();
  };
  override render() {
    if (!this.state.error) return this.props.children;
    const stored = appStore.getState().lang;
    const lang = stored === 'en' ? 'en' : 'zh';
    return (
      <div className="fatal" role="alert" data-testid="fatal-error">
        <h2>{translate(lang, 'error.title')}</h2>
        <pre>{String(this.state.error.message)}</pre>
        <p>{translate(lang, 'error.explain')}</p>
        <button onClick={() => location.reload()}>{translate(lang, 'error.reload')}</button>{' '}
        <button data-testid="fatal-reset" disabled={this.state.resetting} onClick={() => void this.reset()}>
          {translate(lang, this.state.resetting ? 'error.resetting' : 'error.reset')}
        </button>
      </div>
    );
  }
}

/** JSON of whatever was read, each part on its own: one part that cannot be written does not lose the others. */
function safeJson(saved: Record<string, unknown>): string {
  const parts = Object.entries(saved).map(([key, value]) => {
    try {
      return `${JSON.stringify(key)}: ${JSON.stringify(value) ?? 'null'}`;
    } catch (e) {
      return `${JSON.stringify(key)}: ${JSON.stringify({ unreadable: String(e) })}`;
    }
  });
  return `{\n${parts.join(',\n')}\n}\n`;
}
