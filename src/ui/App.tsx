import { useEffect } from 'react';
import { useAppStore } from '../store/appStore';
import { ErrorBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { ImportDialog } from './ImportDialog';
import { Inspector } from './Inspector';
import { JobBanner } from './JobBanner';
import { Legend } from './Legend';
import { MapPane } from './MapPane';
import { ReportPanel } from './ReportPanel';
import { SettingsPanel } from './SettingsPanel';

export function App() {
  const panel = useAppStore((s) => s.panel);
  const lang = useAppStore((s) => s.lang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <ErrorBoundary>
      <div className="app">
        <Header />
        <div className="body">
          <aside className="sidebar">
            <Legend />
          </aside>
          <main className="map-area">
            <MapPane />
            <JobBanner />
          </main>
          <Inspector />
        </div>
        {panel === 'import' && <ImportDialog />}
        {panel === 'report' && <ReportPanel />}
        {panel === 'settings' && <SettingsPanel />}
      </div>
    </ErrorBoundary>
  );
}
