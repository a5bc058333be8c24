import { useEffect, useState } from 'react';
import { toCsv } from '../core/csv';
import { exportFileName } from '../core/report/evaluation/text';
import type { RouteCrossing, SchoolRouteRow, SchoolRoutes } from '../core/routes/schoolRoutes';
import { currentTargets, useAppStore } from '../store/appStore';
import type { CrossingKind } from '../store/routesSlice';
import { download } from './download';
import { HowComputed } from './GuidePanel';
import { useLang, useT, type MessageKey } from './i18n';
import { ScenarioSteps } from './ScenarioSteps';

const num = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const FIX_KINDS: CrossingKind[] = ['signals', 'zebra', 'guard', 'overpass', 'underpass'];
const TOP = 10;

/** Safe routes to school: where children walk, where they cross main roads unprotected, and fixes to try. */
export function RoutesPanel() {
  const t = useT();
  const lang = useLang();
  const dataset = useAppStore((s) => s.dataset);
  // The last routes stay on screen while the next are found (a fix just added): no blank panel.
  const found = useAppStore((s) => s.routes ?? undefined);
  const busy = useAppStore((s) => s.routesBusy || s.routes?.for !== s.datasetVersion);
  const routes = found?.routes;
  const indicator = found?.indicator;
  const job = useAppStore((s) => s.analysisJob);
  const view = useAppStore((s) => s.routesView);
  const setView = useAppStore((s) => s.setRoutesView);
  const [showAll, setShowAll] = useState(false);

  if (!dataset) return null;
  if (routes === undefined) {
    return (
      <section className="panel" data-testid="routes-panel">
        <h2>{t('routes.title')}</h2>
        {job.status === 'error' ? <p className="warn" role="alert">{t('coverage.error', { message: job.message })}</p>
          : <p className="muted" data-testid="routes-computing">{t('routes.computing')}</p>}
      </section>
    );
  }
  if (routes === null) {
    return (
      <section className="panel" data-testid="routes-panel">
        <h2>{t('routes.title')}</h2>
        <p className="warn" data-testid="routes-none">{t('routes.none', { reason: indicator?.reason ?? '' })}</p>
      </section>
    );
  }

  const count = (c: { children: number; children_3_5: number }) => (view === 'school' ? c.children : c.children_3_5);
  const roadName = new Map((dataset.layers.roads?.features ?? []).map((f) => [String(f.id), String(f.properties.name ?? '')]));
  const unprotected = routes.crossings.filter((c) => !c.protected && count(c) > 0).sort((a, b) => count(b) - count(a));
  const shown = showAll ? unprotected : unprotected.slice(0, TOP);
  const rows = view === 'school' ? routes.schools : routes.kindergartens;
  const share = routes.children_routed > 0 ? routes.children_crossing_unprotected / routes.children_routed : null;
  const notRouted = view === 'school' ? routes.not_routed.primary.children + routes.not_routed.middle.children : routes.not_routed.kindergarten.children;

  return (
    <section className="panel" data-testid="routes-panel">
      <h2>{t('routes.title')}</h2>
      <p className="small">{t('routes.intro')}</p>
      {busy && <p className="muted small" data-testid="routes-computing">{t('routes.computing')}</p>}
      <p className="figure" data-testid="routes-figure">
        <strong>{num(indicator?.value ?? null)}</strong> {t('routes.figure', { routed: num(routes.children_routed), share: pct(share) })}
      </p>
      <ul className="small notes" data-testid="routes-basis">
        <li>{t('routes.basis', { classes: routes.main_road_classes.join(', '), radius: routes.protection_radius_m })}</li>
        <li>{routes.crossings_layer ? t('routes.crossingsLayer', { n: routes.crossings_layer.features, protected: routes.crossings_layer.protected }) : t('routes.noCrossingsLayer')}</li>
        {notRouted > 0 && <li>{t('routes.notRouted', { n: num(notRouted) })}</li>}
        {routes.notes.filter((n) => !n.en.startsWith('no crossings layer')).map((n, i) => <li key={i}>{n[lang]}</li>)}
      </ul>
      <div className="chips" role="radiogroup">
        {(['school', 'kindergarten'] as const).map((v) => (
          <button key={v} role="radio" aria-checked={view === v} data-testid={`routes-view-${v}`} className={view === v ? 'active' : ''} onClick={() => setView(v)}>{t(`routes.view.${v}` as MessageKey)}</button>
        ))}
      </div>
      <div className="chips small">
        <span><span className="swatch" style={{ background: '#d32f2f', borderRadius: '50%' }} /> {t('routes.legend.unprotected')}</span>
        <span><span className="swatch" style={{ background: '#2e7d32', borderRadius: '50%' }} /> {t('routes.legend.protected')}</span>
        <span><span className="swatch" style={{ background: '#ef6c00', height: 4 }} /> {t('routes.legend.street')}</span>
      </div>

      <h3>{t('routes.crossings', { n: unprotected.length })}</h3>
      <CrossingList crossings={shown} count={count} routes={routes} />
      {unprotected.length > TOP && <button className="link" data-testid="routes-show-all" onClick={() => setShowAll(!showAll)}>{showAll ? t('routes.showTop', { n: TOP }) : t('routes.showAll', { n: unprotected.length })}</button>}

      <FixTools />
      <ScenarioSteps ids={['routes.children_crossing_unprotected', 'coverage.primary', 'coverage.middle']} />

      <h3>{t(view === 'school' ? 'routes.schools' : 'routes.kindergartens')}</h3>
      <SchoolTable rows={rows} />

      <h3>{t('routes.streets')}</h3>
      <table className="coverage-table" data-testid="routes-streets">
        <thead><tr><th>{t('routes.col.street')}</th><th className="num">{t('routes.col.children')}</th></tr></thead>
        <tbody>
          {routes.segments.filter((s) => count(s) > 0).sort((a, b) => count(b) - count(a)).slice(0, TOP).map((s, i) => (
            <tr key={i}><td>{roadName.get(String(s.road)) || String(s.road)}</td><td className="num">{num(count(s))}</td></tr>
          ))}
        </tbody>
      </table>
      <div className="actions-col">
        <button data-testid="routes-csv" onClick={() => download(exportFileName(dataset.meta.name, lang === 'zh' ? '上学路线过街点' : 'school-route-crossings', 'csv'), crossingsCsv(routes, lang), 'text/csv;charset=utf-8')}>{t('routes.csv')}</button>
        <button data-testid="routes-schools-csv" onClick={() => download(exportFileName(dataset.meta.name, lang === 'zh' ? '上学路线分校统计' : 'school-routes-by-school', 'csv'), schoolsCsv(routes, lang), 'text/csv;charset=utf-8')}>{t('routes.schoolsCsv')}</button>
      </div>
      <RouteSettingsForm routes={routes} />
      <HowComputed />
    </section>
  );
}

function CrossingList({ crossings, count, routes }: { crossings: RouteCrossing[]; count: (c: RouteCrossing) => number; routes: SchoolRoutes }) {
  const t = useT();
  const selected = useAppStore((s) => s.selectedCrossing);
  const select = useAppStore((s) => s.selectCrossing);
  const zoomTo = useAppStore((s) => s.zoomTo);
  const addAt = useAppStore((s) => s.addCrossingAt);
  const names = new Map([...routes.schools, ...routes.kindergartens].map((r) => [String(r.id), r.name || String(r.id)]));
  if (crossings.length === 0) return <p className="small" data-testid="routes-no-crossings">{t('routes.noUnprotected')}</p>;
  const d = 0.0015;
  return (
    <ol className="crossing-list" data-testid="routes-crossings">
      {crossings.map((c) => (
        <li key={c.id} data-id={c.id} className={`clickable${selected === c.id ? ' selected' : ''}`} onClick={() => { select(c.id); zoomTo([c.lon - d, c.lat - d, c.lon + d, c.lat + d]); }}>
          <div><strong>{c.road_name || String(c.road)}</strong> <span className="small muted">{t(`routes.at.${c.at}` as MessageKey)}</span></div>
          <div className="small">
            {t('routes.crossingChildren', { n: num(count(c)) })} · {[...c.schools, ...c.kindergartens].map((id) => names.get(String(id)) ?? String(id)).join('、')}
          </div>
          <button className="small" data-testid="routes-add-signal" onClick={(e) => { e.stopPropagation(); void addAt([c.lon, c.lat], 'signals', c.road_name || String(c.road)); }}>{t('routes.addSignalHere')}</button>
        </li>
      ))}
    </ol>
  );
}

function SchoolTable({ rows }: { rows: SchoolRouteRow[] }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="coverage-table" data-testid="routes-schools">
        <thead><tr>
          <th>{t('routes.col.school')}</th><th className="num">{t('routes.col.children')}</th><th className="num">{t('routes.col.unprotected')}</th>
          <th className="num">{t('routes.col.longest')}</th><th className="num">{t('routes.col.water')}</th><th className="num">{t('routes.col.venues')}</th>
        </tr></thead>
        <tbody>
          {rows.filter((r) => r.children > 0).map((r) => (
            <tr key={String(r.id)} title={[...r.water_hazards_passed.map(String), ...r.venues_passed.map(String)].join(', ')}>
              <td>{r.name || String(r.id)}</td>
              <td className="num">{num(r.children)}</td>
              <td className="num">{num(r.children_crossing_unprotected)} <span className="small muted">({pct(r.share_crossing_unprotected)})</span></td>
              <td className="num">{num(r.longest_route_m)} m <span className="small muted">{t('routes.minutes', { n: num(r.longest_route_min, 1) })}</span></td>
              <td className="num">{num(r.children_near_unmitigated_water)}</td>
              <td className="num">{r.venues_passed.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The two fixes drawn on the map: a protected crossing where one clicks, a footpath or bridge by its points. */
function FixTools() {
  const t = useT();
  const lang = useLang();
  const tool = useAppStore((s) => s.routesTool);
  const problem = useAppStore((s) => s.routesProblem);
  const startCrossing = useAppStore((s) => s.startCrossingTool);
  const startPath = useAppStore((s) => s.startPathTool);
  const cancel = useAppStore((s) => s.cancelRoutesTool);
  const undoPoint = useAppStore((s) => s.undoPathPoint);
  const finish = useAppStore((s) => s.finishPath);
  const [kind, setKind] = useState<CrossingKind>('signals');
  const [name, setName] = useState('');
  // Leaving the view puts the tool down: a later click on the map elsewhere must not add a crossing.
  useEffect(() => cancel, [cancel]);
  return (
    <div className="development" data-testid="routes-fixes">
      <h3>{t('routes.fixes')}</h3>
      {tool === null ? (
        <div className="chips">
          <label>{t('routes.kind')} <select data-testid="routes-kind" value={kind} onChange={(e) => setKind(e.target.value as CrossingKind)}>
            {FIX_KINDS.map((k) => <option key={k} value={k}>{t(`routes.kind.${k}` as MessageKey)}</option>)}
          </select></label>
          <button data-testid="routes-add-crossing" onClick={() => startCrossing(kind)}>{t('routes.addCrossing')}</button>
          <button data-testid="routes-draw-path" onClick={startPath}>{t('routes.drawPath')}</button>
        </div>
      ) : tool.kind === 'crossing' ? (
        <div className="chips">
          <p className="small warn" data-testid="routes-hint">{t('routes.crossingHint', { kind: t(`routes.kind.${tool.crossing}` as MessageKey) })}</p>
          <button onClick={cancel}>{t('dev.cancel')}</button>
        </div>
      ) : (
        <>
          <p className="small warn" data-testid="routes-hint">{t('routes.pathHint', { n: tool.points.length })}</p>
          <div className="chips small">
            <label>{t('dev.name')} <input data-testid="routes-path-name" value={name} onChange={(e) => setName(e.target.value)} /></label>
            <button onClick={undoPoint} disabled={tool.points.length === 0}>{t('dev.undoCorner')}</button>
            <button data-testid="routes-path-finish" disabled={tool.points.length < 2} onClick={() => void finish(name.trim())}>{t('routes.finishPath')}</button>
            <button onClick={cancel}>{t('dev.cancel')}</button>
          </div>
        </>
      )}
      {problem && <p className="warn small" role="alert" data-testid="routes-problem">{problem[lang]}</p>}
      <p className="small muted">{t('routes.fixNote')}</p>
    </div>
  );
}

/** Main road classes, protection radius and walking speeds over the target file's defaults; saved with the settings. */
function RouteSettingsForm({ routes }: { routes: SchoolRoutes }) {
  const t = useT();
  const saved = useAppStore((s) => s.routeSettings);
  const setSettings = useAppStore((s) => s.setRouteSettings);
  const targets = useAppStore((s) => currentTargets(s).school_routes);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const value = (key: string, current: string) => draft[key] ?? current;
  const apply = () => {
    const next: Record<string, unknown> = structuredClone(saved);
    if (draft.classes !== undefined) {
      const classes = draft.classes.split(/[,，\s]+/).map((c) => c.trim()).filter(Boolean);
      if (classes.length > 0) next.main_road_classes = classes;
    }
    const n = (k: string) => (draft[k] === undefined || draft[k]!.trim() === '' ? null : Number(draft[k]));
    const radius = n('radius');
    if (radius !== null && Number.isFinite(radius) && radius >= 0) next.protection_radius_m = radius;
    const speeds: Record<string, number> = { ...((next.walking_speed_m_per_min as Record<string, number> | undefined) ?? {}) };
    for (const level of ['kindergarten', 'primary', 'middle'] as const) {
      const v = n(`speed.${level}`);
      if (v !== null && v >= 10 && v <= 200) speeds[level] = v;
    }
    if (Object.keys(speeds).length > 0) next.walking_speed_m_per_min = speeds;
    setSettings(next);
    setDraft({});
  };
  return (
    <details className="land-settings" data-testid="routes-settings">
      <summary>{t('routes.settings')}</summary>
      <div className="settings-grid small">
        <label>{t('routes.settings.classes')} <input data-testid="routes-setting-classes" value={value('classes', targets.main_road_classes.join(', '))} onChange={(e) => setDraft({ ...draft, classes: e.target.value })} /></label>
        <label>{t('routes.settings.radius')} <input className="num" data-testid="routes-setting-radius" type="number" min={0} value={value('radius', String(targets.protection_radius_m))} onChange={(e) => setDraft({ ...draft, radius: e.target.value })} /></label>
        {(['kindergarten', 'primary', 'middle'] as const).map((level) => (
          <label key={level}>{t(`routes.settings.speed.${level}` as MessageKey)} <input className="num" data-testid={`routes-setting-speed-${level}`} type="number" min={10} max={200} value={value(`speed.${level}`, String(targets.walking_speed_m_per_min[level]))} onChange={(e) => setDraft({ ...draft, [`speed.${level}`]: e.target.value })} /></label>
        ))}
      </div>
      <div className="chips">
        <button data-testid="routes-settings-apply" onClick={apply}>{t('land.settings.apply')}</button>
        <button onClick={() => setSettings({})} disabled={Object.keys(saved).length === 0}>{t('land.settings.reset')}</button>
      </div>
      <p className="small">{t('routes.minutesExplain', { kg: routes.walking_speed_m_per_min.kindergarten, primary: routes.walking_speed_m_per_min.primary, middle: routes.walking_speed_m_per_min.middle, p5: Math.round(routes.walking_speed_m_per_min.kindergarten * 5), p10: Math.round(routes.walking_speed_m_per_min.primary * 10), p15: Math.round(routes.walking_speed_m_per_min.middle * 15) })}</p>
      <ul className="small notes">{Object.entries(targets.sources).map(([k, v]) => <li key={k}>{v}</li>)}</ul>
    </details>
  );
}

/** Every crossing a route makes of a main road, most children first, in the reader's language. */
export function crossingsCsv(routes: SchoolRoutes, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const header = zh
    ? ['过街点编号', '经度', '纬度', '道路编号', '道路名称', '位置', '6–14岁儿童', '3–5岁儿童', '有保护', '保护设施', '保护设施类型', '距离(米)', '学校', '幼儿园']
    : ['id', 'lon', 'lat', 'road', 'road_name', 'at', 'children_6_14', 'children_3_5', 'protected', 'protected_by', 'protected_kind', 'distance_m', 'schools', 'kindergartens'];
  const yes = zh ? '是' : 'yes';
  const no = zh ? '否' : 'no';
  return toCsv([header, ...routes.crossings.map((c) => [c.id, c.lon, c.lat, c.road, c.road_name, c.at, c.children, c.children_3_5, c.protected ? yes : no, c.protected_by?.id ?? '', c.protected_by?.kind ?? '', c.protected_by?.distance_m ?? '', c.schools.join(';'), c.kindergartens.join(';')])]);
}

/** Per school and kindergarten: children, those crossing unprotected, longest route, water and venues passed. */
export function schoolsCsv(routes: SchoolRoutes, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const header = zh
    ? ['编号', '名称', '学段', '儿童数', '无保护过街儿童', '比例', '最长路线(米)', '最长路线(分钟)', '无保护过街点数', '途经未防护水域的儿童', '途经水域', '途经禁设场所']
    : ['id', 'name', 'levels', 'children', 'children_crossing_unprotected', 'share', 'longest_route_m', 'longest_route_min', 'unprotected_crossings', 'children_near_unmitigated_water', 'water_hazards_passed', 'venues_passed'];
  return toCsv([header, ...[...routes.schools, ...routes.kindergartens].map((r) => [r.id, r.name, r.levels.join(';'), r.children, r.children_crossing_unprotected, r.share_crossing_unprotected, r.longest_route_m, r.longest_route_min, r.unprotected_crossings, r.children_near_unmitigated_water, r.water_hazards_passed.join(';'), r.venues_passed.join(';')])]);
}
