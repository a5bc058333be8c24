import { useEffect, useState } from 'react';
import { BAND_COLOURS, SEAT_GROUPS } from '../map/coverageSources';
import { useAppStore } from '../store/appStore';
import { useLang, useT } from './i18n';
import { HowComputed } from './GuidePanel';
import { ScenarioSteps } from './ScenarioSteps';
import { download } from './download';
import { toCsv } from '../core/csv';
import { exportFileName } from '../core/report/evaluation/text';
import { representativePoint } from '../core/representativePoint';
import type { EditableLayer } from '../core/facilityEdits';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** Kindergarten places against children, and where to build new kindergartens. */
export function SitesPanel() {
  const t = useT();
  const lang = useLang();
  const seats = useAppStore((s) => s.seats);
  const radius = useAppStore((s) => s.radii.kindergarten);
  const job = useAppStore((s) => s.sitingJob);
  const runSiting = useAppStore((s) => s.runSiting);
  const cancel = useAppStore((s) => s.cancelCoverage);
  const accept = useAppStore((s) => s.acceptProposal);
  const accepted = useAppStore((s) => s.accepted);
  const indicators = useAppStore((s) => (s.coverageFor === s.datasetVersion ? s.coverage?.indicators : undefined));
  const candidates = useAppStore((s) => s.dataset?.layers.candidates?.features);
  const [model, setModel] = useState<'mclp' | 'lscp'>('mclp');
  const [k, setK] = useState(3);
  const [target, setTarget] = useState(30);
  const [capacitated, setCapacitated] = useState(false);
  const [name, setName] = useState('');
  const value = (list: typeof indicators, id: string) => list?.find((i) => i.id === id)?.value ?? null;
  const hasLayer = (candidates?.length ?? 0) > 0;
  const [source, setSource] = useState<'layer' | 'generated'>('layer');
  const [spacing, setSpacing] = useState(200);
  const generating = !hasLayer || source === 'generated';
  // Set covering can only ask for what the candidate sites can reach: say it, and keep the target within it.
  const sitingReach = useAppStore((s) => s.sitingReach);
  const version = useAppStore((s) => s.datasetVersion);
  const [reach, setReach] = useState<{ before: number; max: number } | null>(null);
  useEffect(() => {
    if (model !== 'lscp') return;
    let live = true;
    void sitingReach({ candidates: generating ? 'generated' : 'layer', spacing }).then((r) => {
      if (!live || !r) return;
      setReach(r);
      const most = Math.floor(r.max * 1000) / 10;
      setTarget((t0) => (t0 > most ? Math.max(1, Math.floor(most)) : t0));
    });
    return () => {
      live = false;
    };
  }, [model, generating, spacing, version, sitingReach]);
  const siteFeature = (id: unknown) => candidates?.find((c) => c.id === id) ?? (job.status === 'done' ? job.result.generated.find((c) => c.id === id) : undefined);
  const capacityOf = (id: unknown) => {
    const v = siteFeature(id)?.properties.capacity;
    return typeof v === 'number' ? v : null;
  };
  const placesAdded = job.status === 'done' ? job.result.chosen.reduce((s, c) => s + (capacityOf(c.id) ?? 0), 0) : 0;
  const datasetName = useAppStore((s) => s.dataset?.meta.name ?? 'dataset');
  /** The proposal as a file: each site with where it is, its places, what it adds and whom it serves. */
  const exportProposal = (format: 'csv' | 'geojson') => {
    if (job.status !== 'done') return;
    const rows = job.result.chosen.map((c) => {
      const f = siteFeature(c.id);
      const [lon, lat] = f ? representativePoint(f.geometry) : [null, null];
      const catchment = job.result.catchments.find((x) => String(x.id) === String(c.id));
      return { id: c.id, name: String(f?.properties.name ?? ''), lon, lat, capacity: capacityOf(c.id), adds: Math.round(c.adds), load: job.result.load ? Math.round(job.result.load[String(c.id)] ?? 0) : null, communities: catchment?.communities.join('、') ?? '' };
    });
    const zh = lang === 'zh';
    if (format === 'csv') {
      const header = zh ? ['编号', '名称', '经度', '纬度', '学位', '新增覆盖儿童', '分配儿童（按容量）', '服务社区'] : ['id', 'name', 'lon', 'lat', 'places', 'children_added', 'children_assigned', 'communities'];
      download(exportFileName(datasetName, zh ? '幼儿园选址方案' : 'kindergarten-sites', 'csv'), toCsv([header, ...rows.map((r) => [r.id, r.name, r.lon, r.lat, r.capacity, r.adds, r.load, r.communities])], { bom: true }), 'text/csv');
    } else {
      const features = rows.map((r) => ({ type: 'Feature', id: r.id, properties: r, geometry: r.lon === null ? null : { type: 'Point', coordinates: [r.lon, r.lat] } }));
      download(exportFileName(datasetName, 'kindergarten-sites', 'geojson'), `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`, 'application/geo+json');
    }
  };
  const nameOf = (id: unknown) => {
    const f = candidates?.find((c) => c.id === id) ?? (job.status === 'done' ? job.result.generated.find((c) => c.id === id) : undefined);
    return f?.properties.name ? `${String(f.properties.name)} (${String(id)})` : String(id);
  };

  return (
    <section className="coverage" data-testid="sites-panel">
      <h2>{t('sites.seats.title')}</h2>
      {seats && (
        <>
          <p className="small">{t('sites.seats.perChild')}</p>
          <p className="big" data-testid="places-per-child">{pct(seats.placesPerChild)}</p>
          <h3>{t('sites.seats.groups', { m: seats.radius })}</h3>
          <p className="small muted term">{t('term.2sfca')} <HowComputed /></p>
          <ul className="bands" data-testid="seat-groups">
            {SEAT_GROUPS.map((g) => (
              <li key={g}>
                <span className="swatch fill" style={{ background: BAND_COLOURS[g] }} />
                <span>{t(`sites.group.${g}`)}</span>
                <span className="count" data-testid={`seat-group-${g}`}>{t('sites.children', { n: Math.round(seats.children[g]).toLocaleString() })}</span>
              </li>
            ))}
          </ul>
          {seats.unknownCapacity > 0 && <p className="small warn">{t('sites.unknownCapacity', { n: seats.unknownCapacity })}</p>}
        </>
      )}

      <h2>{t('sites.title')}</h2>
      <fieldset className="inline">
        <label><input type="radio" name="model" checked={model === 'mclp'} onChange={() => setModel('mclp')} /> {t('sites.model.mclp')}</label>
        <label><input type="radio" name="model" data-testid="model-lscp" checked={model === 'lscp'} onChange={() => setModel('lscp')} /> {t('sites.model.lscp')}</label>
      </fieldset>
      <p className="small muted term">{t(model === 'mclp' ? 'term.mclp' : 'term.lscp')} {t('term.highs')}</p>
      {model === 'mclp' ? (
        <label className="small">{t('sites.k')} <input className="num" type="number" min={1} max={50} data-testid="siting-k" value={k} onChange={(e) => setK(Math.max(1, Number(e.target.value) || 1))} /></label>
      ) : (
        <>
          <label className="small">{t('sites.target')} <input className="num" type="number" min={1} max={100} data-testid="siting-target" value={target} onChange={(e) => setTarget(Math.min(100, Math.max(1, Number(e.target.value) || 1)))} /></label>
          {reach && <p className="small muted" data-testid="siting-reach">{t('sites.reach', { before: pct(reach.before), max: pct(reach.max) })}</p>}
        </>
      )}
      <label className="small checkbox-line"><input type="checkbox" data-testid="siting-capacitated" checked={capacitated} onChange={(e) => setCapacitated(e.target.checked)} /> {t('sites.capacitated')}</label>
      {hasLayer ? (
        <fieldset className="inline small">
          <legend>{t('sites.candidates')}</legend>
          <label><input type="radio" name="candidate-source" checked={source === 'layer'} onChange={() => setSource('layer')} /> {t('sites.candidates.layer')}</label>
          <label><input type="radio" name="candidate-source" data-testid="candidates-generated" checked={source === 'generated'} onChange={() => setSource('generated')} /> {t('sites.candidates.generated')}</label>
        </fieldset>
      ) : (
        <p className="small warn" data-testid="no-candidates-layer">{t('sites.candidates.none')}</p>
      )}
      {generating && (
        <label className="small">{t('sites.spacing')} <input className="num" type="number" min={20} max={2000} step={10} data-testid="siting-spacing" value={spacing} onChange={(e) => setSpacing(Math.max(20, Number(e.target.value) || 200))} /></label>
      )}
      <div className="actions-col">
        <button className="primary" data-testid="siting-run" disabled={job.status === 'running'} onClick={() => void runSiting({ model, k, targetShare: target / 100, capacitated, timeLimitSeconds: 60, candidates: generating ? 'generated' : 'layer', spacing })}>{t('sites.run')}</button>
      </div>
      {job.status === 'running' && (
        <div className="job-inline" role="status" data-testid="siting-progress"><span>{t('sites.running')}</span><progress /><button onClick={cancel}>{t('sites.cancel')}</button></div>
      )}
      {job.status === 'error' && <p className="warn" role="alert">{t('sites.error', { message: job.message })}</p>}
      {job.status === 'done' && job.result.reachable_share !== undefined && (
        <p className="warn" role="alert" data-testid="siting-unreachable">{t('sites.unreachable', { target: pct(job.options.targetShare ?? 1), max: pct(job.result.reachable_share) })}</p>
      )}
      {job.status === 'done' && job.result.reachable_share === undefined && (
        <div data-testid="siting-result">
          {job.result.candidateSource === 'generated' && (
            <p className="small warn" data-testid="siting-generated-note">{t('sites.generatedNote', { n: job.result.candidateCount, m: job.options.spacing ?? 200 })}</p>
          )}
          <p className="small">{job.result.solver.optimal ? t('sites.optimal', { ms: job.result.solver.time_ms }) : t('sites.notOptimal', { note: job.result.note ?? job.result.solver.status })}</p>
          {job.result.adding_nobody.length > 0 && <p className="small muted" data-testid="siting-idle">{t('sites.idle', { n: job.result.adding_nobody.length })}</p>}
          {job.result.chosen.length === 0 ? <p className="muted">{t('sites.none')}</p> : (
            <>
              <p className="big-line" data-testid="siting-gain">{job.options.capacitated
                ? t('sites.gain.capacitated', { n: Math.round(job.result.after.covered - job.result.before.covered).toLocaleString(), m: radius })
                : t('sites.gain', { n: Math.round(job.result.after.covered - job.result.before.covered).toLocaleString(), m: radius, places: placesAdded.toLocaleString() })}</p>
              <table className="coverage-table">
                <thead><tr><th>{t('sites.chosen')}</th><th>{t('sites.adds')}</th>{job.result.load && <th>{t('sites.load')}</th>}<th>{t('sites.serves')}</th></tr></thead>
                <tbody>
                  {job.result.chosen.map((c) => {
                    const catchment = job.result.catchments.find((x) => String(x.id) === String(c.id));
                    return (
                      <tr key={String(c.id)} data-testid="siting-site">
                        <td>{nameOf(c.id)}</td>
                        <td className="num">+{Math.round(c.adds)}</td>
                        {job.result.load && <td className="num" data-testid="siting-load">{Math.round(job.result.load[String(c.id)] ?? 0)}{capacityOf(c.id) !== null ? ` / ${capacityOf(c.id)}` : ''}</td>}
                        <td className="small" data-testid="siting-serves">{catchment && catchment.communities.length > 0 ? catchment.communities.join('、') : '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <div className="chips">
                <button data-testid="siting-export-csv" onClick={() => exportProposal('csv')}>{t('sites.export.csv')}</button>
                <button data-testid="siting-export-geojson" onClick={() => exportProposal('geojson')}>{t('sites.export.geojson')}</button>
              </div>
            </>
          )}
          <table className="coverage-table">
            <tbody>
              <tr><td>{t('sites.share', { m: radius })}</td><td>{t('sites.before')} <strong>{pct(job.result.before.share)}</strong></td><td>{t('sites.after')} <strong data-testid="siting-after">{pct(job.result.after.share)}</strong></td></tr>
            </tbody>
          </table>
          {job.result.chosen.length > 0 && (
            <div className="actions-col">
              <input data-testid="scenario-name" placeholder={t('sites.name')} value={name} onChange={(e) => setName(e.target.value)} />
              <button data-testid="siting-accept" onClick={() => void accept(name.trim() || `${job.result.model.toUpperCase()} ${job.result.chosen.length}`)}>{t('sites.accept')}</button>
            </div>
          )}
        </div>
      )}
      <h2>{t('edit.title')}</h2>
      <EditTool />
      <ScenarioSteps ids={['coverage.kindergarten', 'seats.kindergarten_per_child', 'coverage.childcare', 'coverage.primary']} />
      {accepted.length > 0 && (
        <>
          <h3>{t('sites.accepted.title')}</h3>
          <ul className="small" data-testid="accepted-list">
            {accepted.map((a, i) => (
              <li key={i}>
                {t('sites.compare', {
                  name: a.name,
                  before: pct(value(a.before, 'coverage.kindergarten')),
                  after: pct(i === accepted.length - 1 ? value(indicators, 'coverage.kindergarten') : value(accepted[i + 1]!.before, 'coverage.kindergarten')),
                  sb: pct(value(a.before, 'seats.kindergarten_per_child')),
                  sa: pct(i === accepted.length - 1 ? value(indicators, 'seats.kindergarten_per_child') : value(accepted[i + 1]!.before, 'seats.kindergarten_per_child')),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Add, move or delete a kindergarten or candidate by clicking on the map. */
function EditTool() {
  const t = useT();
  const tool = useAppStore((s) => s.editTool);
  const setTool = useAppStore((s) => s.setEditTool);
  const [layer, setLayer] = useState<EditableLayer>('kindergartens');
  const [action, setAction] = useState<'add' | 'move' | 'delete' | 'capacity'>('add');
  const [name, setName] = useState('');
  const [capacity, setCapacity] = useState('180');
  const places = capacity.trim() === '' ? null : Number(capacity);
  const start = () => setTool({ layer, action, name: name.trim(), capacity: places !== null && Number.isFinite(places) && places >= 0 ? places : null });
  return (
    <div className="edit-tool" data-testid="edit-tool">
      <div className="chips">
        {(['kindergartens', 'candidates'] as const).map((l) => (
          <label key={l}><input type="radio" name="edit-layer" checked={layer === l} onChange={() => setLayer(l)} disabled={tool !== null} /> {t(`edit.layer.${l}`)}</label>
        ))}
      </div>
      <div className="chips">
        {(['add', 'move', 'delete', 'capacity'] as const).map((a) => (
          <label key={a}><input type="radio" name="edit-action" data-testid={a === 'capacity' ? 'edit-places' : `edit-${a}`} checked={action === a} onChange={() => setAction(a)} disabled={tool !== null} /> {t(`edit.action.${a}`)}</label>
        ))}
      </div>
      {(action === 'add' || action === 'capacity') && (
        <div className="chips small">
          {action === 'add' && <label>{t('edit.name')} <input data-testid="edit-name" value={name} onChange={(e) => setName(e.target.value)} disabled={tool !== null} /></label>}
          <label>{t('edit.capacity')} <input className="num" data-testid="edit-capacity" type="number" min={0} value={capacity} onChange={(e) => setCapacity(e.target.value)} disabled={tool !== null} /></label>
        </div>
      )}
      {tool ? (
        <>
          <p className="small warn" data-testid="edit-hint">{tool.picked !== undefined ? t('edit.hint.moving', { id: String(tool.picked) }) : t(`edit.hint.${tool.action}`)}</p>
          <button data-testid="edit-stop" onClick={() => setTool(null)}>{t('edit.stop')}</button>
        </>
      ) : (
        <button data-testid="edit-start" onClick={start}>{t('edit.start')}</button>
      )}
    </div>
  );
}
