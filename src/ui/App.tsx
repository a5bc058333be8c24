import { useEffect } from 'react';
import { useAppStore } from '../store/appStore';
import { CommunityTable } from './CommunityTable';
import { CoveragePanel } from './CoveragePanel';
import { DataQualityBox } from './DataQualityBox';
import { DrowningPanel } from './DrowningPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { useT } from './i18n';
import { Header } from './Header';
import { ImportDialog } from './ImportDialog';
import { MappingPanel } from './MappingPanel';
import { Inspector } from './Inspector';
import { JobBanner } from './JobBanner';
import { ImportNotice } from './ImportNotice';
import { ImportConfirm } from './ImportConfirm';
import { StorageBanner } from './StorageBanner';
import { Legend } from './Legend';
import { MapPane } from './MapPane';
import { ProvisionPanel } from './ProvisionPanel';
import { SitesPanel } from './SitesPanel';
import { LandPanel } from './LandPanel';
import { RoutesPanel } from './RoutesPanel';
import { MonitorPanel } from './MonitorPanel';
import { ReportPanel } from './ReportPanel';
import { EvaluationPanel } from './EvaluationPanel';
import { GuidePanel } from './GuidePanel';
import { SettingsPanel } from './SettingsPanel';

export function App() {
  const panel = useAppStore((s) => s.panel);
  const lang = useAppStore((s) => s.lang);
  const tab = useAppStore((s) => s.sidebarTab);
  const setTab = useAppStore((s) => s.setSidebarTab);
  const communityTable = useAppStore((s) => s.communityTableOpen);
  const t = useT();
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <ErrorBoundary>
      <div className="app">
        <Header />
        <div className="body">
          <aside className="sidebar">
            <nav className="tabs" role="tablist">
              <button role="tab" data-testid="tab-layers" aria-selected={tab === 'layers'} onClick={() => setTab('layers')}>{t('tab.layers')}</button>
              <button role="tab" data-testid="tab-coverage" aria-selected={tab === 'coverage'} onClick={() => setTab('coverage')}>{t('tab.coverage')}</button>
              <button role="tab" data-testid="tab-provision" aria-selected={tab === 'provision'} onClick={() => setTab('provision')}>{t('tab.provision')}</button>
              <button role="tab" data-testid="tab-drowning" aria-selected={tab === 'drowning'} onClick={() => setTab('drowning')}>{t('tab.drowning')}</button>
              <button role="tab" data-testid="tab-sites" aria-selected={tab === 'sites'} onClick={() => setTab('sites')}>{t('tab.sites')}</button>
              <button role="tab" data-testid="tab-land" aria-selected={tab === 'land'} onClick={() => setTab('land')}>{t('tab.land')}</button>
              <button role="tab" data-testid="tab-routes" aria-selected={tab === 'routes'} onClick={() => setTab('routes')}>{t('tab.routes')}</button>
              <button role="tab" data-testid="tab-monitor" aria-selected={tab === 'monitor'} onClick={() => setTab('monitor')}>{t('tab.monitor')}</button>
            </nav>
            {tab !== 'layers' && <DataQualityBox />}
            {tab === 'layers' ? <Legend /> : tab === 'coverage' ? <CoveragePanel /> : tab === 'provision' ? <ProvisionPanel /> : tab === 'drowning' ? <DrowningPanel /> : tab === 'sites' ? <SitesPanel /> : tab === 'land' ? <LandPanel /> : tab === 'routes' ? <RoutesPanel /> : <MonitorPanel />}
          </aside>
          <main className="map-area">
            <MapPane />
            <div className="banners">
              <StorageBanner />
              <JobBanner />
              <ImportNotice />
            </div>
            <MappingPanel />
            {(tab === 'coverage' || tab === 'provision') && communityTable && <CommunityTable />}
          </main>
          <Inspector />
        </div>
        <ImportConfirm />
        {panel === 'import' && <ImportDialog />}
        {panel === 'report' && <ReportPanel />}
        {panel === 'evaluation' && <EvaluationPanel />}
        {panel === 'guide' && <GuidePanel />}
        {panel === 'settings' && <SettingsPanel />}
      </div>
      <p className="print-notice">{t('print.notice')}</p>
    </ErrorBoundary>
  );
}
