import { bbox } from '@turf/turf';
import { useMemo } from 'react';
import type { LayerName } from '../core/layers';
import { BAND_COLOURS, countBands, PROVISION_BANDS, provisionColours } from '../map/coverageSources';
import { useAppStore } from '../store/appStore';
import type { FeatureId } from '../core/types';
import { download } from './download';
import { toCsv } from '../core/csv';
import { exportFileName, word } from '../core/report/evaluation/text';
import { useLang, useT } from './i18n';
import { HowComputed } from './GuidePanel';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** Playground provision, green spaces still lacking a play area, children's homes and parent schools. */
export function ProvisionPanel() {
  const t = useT();
  const lang = useLang();
  const dataset = useAppStore((s) => s.dataset);
  const result = useAppStore((s) => (s.coverageFor === s.datasetVersion ? s.coverage : null));
  const job = useAppStore((s) => s.analysisJob);
  const radius = useAppStore((s) => s.radii.playground);
  const minArea = 170;
  const zoomTo = useAppStore((s) => s.zoomTo);
  const select = useAppStore((s) => s.select);
  const openTable = useAppStore((s) => s.setCommunityTableOpen);

  const counts = useMemo(() => countBands(provisionColours(dataset, result)?.band ?? []), [dataset, result]);
  const indicator = (id: string) => result?.indicators.find((i) => i.id === id);
  const p = result?.provision;

  const focus = (layer: LayerName, id: FeatureId) => {
    const f = dataset?.layers[layer]?.features.find((x) => x.id === id);
    if (!f) return;
    const [w, s, e, n] = bbox(f);
    const pad = 0.002;
    zoomTo([w - pad, s - pad, e + pad, n + pad]);
    select({ layer, id });
  };

  /** A playground by its name, with the id beside it (the id alone when it has no name). */
  const playgroundName = (id: FeatureId) => {
    const f = dataset?.layers.playgrounds?.features.find((x) => x.id === id);
    return f?.properties.name ? `${String(f.properties.name)} (${String(id)})` : String(id);
  };
  const todoCsv = () => {
    // For people: headers and values in the reader's language, and a file name that says what it is.
    const zh = lang === 'zh';
    const header = zh ? ['编号', '名称', '类型', '面积(㎡)', `${radius} 米内 0–11 岁儿童`, '经度', '纬度'] : ['id', 'name', 'kind', 'area_m2', `children_0_11_within_${radius}_m`, 'lon', 'lat'];
    const rows = p!.todo.map((r) => [r.id, r.name, word(lang, 'green', r.kind), r.area_m2, r.children_0_11, r.point[0], r.point[1]]);
    download(exportFileName(dataset?.meta.name ?? 'dataset', zh ? '缺少儿童活动场地的绿地' : 'green-spaces-without-playground', 'csv'), toCsv([header, ...rows], { bom: true }), 'text/csv');
  };
  const todoGeoJson = () => {
    const byId = new Map((dataset?.layers.green_spaces?.features ?? []).map((f) => [f.id, f]));
    const features = p!.todo.map((r) => ({ type: 'Feature', id: r.id, properties: { id: r.id, name: r.name, kind: r.kind, area_m2: r.area_m2, children_0_11: r.children_0_11, radius_m: radius }, geometry: byId.get(r.id)?.geometry ?? null }));
    download(exportFileName(dataset?.meta.name ?? 'dataset', 'green-spaces-without-playground', 'geojson'), `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`, 'application/geo+json');
  };

  if (!result || !p) {
    return (
      <section className="coverage" data-testid="provision-panel">
        <h2>{t('provision.title')}</h2>
        {job.status === 'running' ? <p className="muted">{t('coverage.computing', { stage: '', pct: Math.round(job.progress * 100) })}</p> : <p className="muted">{t('coverage.none')}</p>}
      </section>
    );
  }
  const area = indicator('playground.area_per_child');
  return (
    <section className="coverage" data-testid="provision-panel">
      <h2>{t('provision.title')}</h2>
      <p className="small">{t('provision.areaPerChild', { m: radius })}</p>
      <p className="small muted term">{t('term.2sfca')} <HowComputed /></p>
      <p className="big" data-testid="area-per-child">
        {area?.value === null || area?.value === undefined ? '—' : area.value.toFixed(2)} <span className="small">{t('provision.unit')}</span>
        <span className="small muted"> · {t('provision.noTarget')}</span>
      </p>
      <h3>{t('provision.bands.title')}</h3>
      <ul className="bands" data-testid="provision-bands">
        {PROVISION_BANDS.map((b) => (
          <li key={b}>
            <span className={`swatch fill${b === 'off_network' ? ' heavy' : ''}`} style={{ background: BAND_COLOURS[b] }} />
            <span>{t(`provision.band.${b}`)}</span>
            <span className="count" data-testid={`provision-count-${b}`}>{t('coverage.homes', { n: (counts[b] ?? 0).toLocaleString() })}</span>
          </li>
        ))}
      </ul>
      <p className="small" data-testid="green-shares">
        {t('provision.shares', { rg: pct(indicator('playground.residential_green_share')?.value), park: pct(indicator('playground.park_share')?.value) })}
      </p>

      <h3>{t('provision.small.title', { m: minArea })}</h3>
      <p className="small chips" data-testid="small-playgrounds">
        {p.tooSmall.length === 0 ? t('provision.none') : p.tooSmall.map((s) => (
          <button key={String(s.id)} className="chip" onClick={() => focus('playgrounds', s.id)}>{playgroundName(s.id)} · {s.area_m2} m²</button>
        ))}
      </p>
      <h3>{t('provision.unknown.title')}</h3>
      <p className="small chips" data-testid="unknown-playgrounds">
        {p.unknownSize.length === 0 ? t('provision.none') : p.unknownSize.map((id) => (
          <button key={String(id)} className="chip" onClick={() => focus('playgrounds', id)}>{playgroundName(id)}</button>
        ))}
      </p>

      <h3>{t('provision.todo.title')}</h3>
      <p className="small muted">{t('provision.todo.help', { m: radius })}</p>
      <table className="coverage-table" data-testid="todo-table">
        <thead>
          <tr>
            <th>{t('provision.todo.name')}</th>
            <th>{t('provision.todo.kind')}</th>
            <th>{t('provision.todo.area')}</th>
            <th>{t('provision.todo.children')}</th>
          </tr>
        </thead>
        <tbody>
          {p.todo.map((r) => (
            <tr key={String(r.id)} className="clickable" data-testid="todo-row" onClick={() => focus('green_spaces', r.id)}>
              <td>{r.name || String(r.id)}</td>
              <td>{t(`provision.todo.kind.${r.kind}`)}</td>
              <td className="num">{r.area_m2.toLocaleString()}</td>
              <td className="num">{Math.round(r.children_0_11).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions-col">
        <button data-testid="todo-csv" disabled={p.todo.length === 0} onClick={todoCsv}>{t('provision.todo.csv')}</button>
        <button data-testid="todo-geojson" disabled={p.todo.length === 0} onClick={todoGeoJson}>{t('provision.todo.geojson')}</button>
      </div>

      <h3>{t('provision.communities.title')}</h3>
      <table className="coverage-table" data-testid="community-services">
        <tbody>
          {(['coverage.childrens_home', 'community.parent_school.urban', 'community.parent_school.rural'] as const).map((id) => {
            const ind = indicator(id);
            const label = id === 'coverage.childrens_home' ? t('provision.childrensHome') : id.endsWith('urban') ? t('provision.parentUrban') : t('provision.parentRural');
            return (
              <tr key={id} data-testid={`service-${id}`}>
                <td>{label}</td>
                <td className="num"><strong>{pct(ind?.value)}</strong></td>
                <td className="num">≥ {pct(ind?.target)}</td>
                <td>{ind && <span className={`status ${ind.status}`}>{t(`coverage.status.${ind.status}`)}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="actions-col">
        <button data-testid="open-community-table" disabled={result.communities.length === 0} onClick={() => openTable(true)}>{t('coverage.communityTable')}</button>
      </div>
    </section>
  );
}
