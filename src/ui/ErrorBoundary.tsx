import { Component, type ReactNode } from 'react';
import { appStore } from '../store/appStore';
import { translate } from './i18n';

/** A rendering bug shows a message and a way out, never a blank page; the saved data is untouched. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    const lang = appStore.getState().lang;
    return (
      <div className="fatal" role="alert">
        <h2>{translate(lang, 'error.title')}</h2>
        <pre>{this.state.error.message}</pre>
        <button onClick={() => location.reload()}>{translate(lang, 'error.reload')}</button>
      </div>
    );
  }
}
