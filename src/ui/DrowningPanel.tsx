import { useState } from 'react';
import { formatReason, MITIGATIONS, RISK_BANDS, type HazardRow } from '../core/drowningHazards';
import { applyWaterEdits } from '../core/scenario';
import { toCsv } from '../core/csv';
import { exportFileName, word, yesNo } from '../core/report/evaluation/text';
import { useAppStore } from '../store/appStore';
import { download } from './download';
import { useLang, useT } from './i18n';

const CSV_HEADERS = {
  en: ['rank', 'id', 'name', 'kind', 'risk', 'score', 'fenced', 'warning_signs', 'rescue_equipment', 'freezes', 'nearest_child_place_m', 'homes_high', 'homes_medium', 'homes_low', 'children_0_17', 'kindergartens', 'schools', 'playgrounds', 'childrens_homes', 'reasons', 'fix_date', 'fix_inspector', 'fix_note'],
  zh: ['排序', '编号', '名称', '类型', '风险', '分数', '围栏', '警示牌', '救生设备', '结冰', '最近儿童场所距离(米)', '高风险带住宅', '中风险带住宅', '低风险带住宅', '0-17岁儿童', '幼儿园', '学校', '活动场地', '儿童之家', '原因', '整改日期', '排查人', '备注'],
};

const sumBands = (h: HazardRow, layer: 'kindergartens' | 'schools' | 'playgrounds' | 'childrens_homes') => RISK_BANDS.reduce((n, b) => n + h.counts[b][layer], 0);

/** Which water to fence, sign and equip first, and the record of what has been done. */
export function DrowningPanel() {
  const t = useT();
  const lang = useLang();
  const dataset = useAppStore((s) => s.dataset);
  const view = useAppStore((s) => s.drowning);
  const bands = useAppStore((s) => s.drowningBands);
  const setBands = useAppStore((s) => s.setDrowningBands);
  const selected = useAppStore((s) => s.selectedHazard);
  const selectHazard = useAppStore((s) => s.selectHazard);
  const edits = useAppStore((s) => s.waterEdits);
  const history = useAppStore((s) => s.editHistory);
  const recordFix = useAppStore((s) => s.recordFix);
  const undo = useAppStore((s) => s.undoFix);
  const [draft, setDraft] = useState(bands.join(' / '));
  const [zhHeaders, setZhHeaders] = useState(lang === 'zh');
  // The inspection record a fix is entered with: today by default, the inspector kept between fixes.
  const [fixDate, setFixDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [inspector, setInspector] = useState('');
  const [note, setNote] = useState('');
  const record = () => ({ date: fixDate, inspector: inspector.trim(), note: note.trim() });

  const parsed = draft.split(/[\/,，\s]+/).filter(Boolean).map(Number);
  const valid = parsed.length === 3 && parsed.every((v) => Number.isFinite(v) && v > 0) && parsed[0]! < parsed[1]! && parsed[1]! < parsed[2]!;
  const result = view?.result;
  const row = result?.hazards.find((h) => h.id === selected);
  const placeName = (layer: string, id: unknown) => {
    const f = dataset?.layers[layer as 'kindergartens']?.features.find((x) => x.id === id);
    return f?.properties.name ? `${String(f.properties.name)} (${String(id)})` : String(id);
  };
  const flagText = (v: boolean | null) => t(v === true ? 'drowning.flag.yes' : v === false ? 'drowning.flag.no' : 'drowning.flag.unknown');

  const exportCsv = () => {
    // Header and values in one language: 水塘 / 高 / 有·无·未知 under Chinese headers, names with their ids.
    const l = zhHeaders ? 'zh' : 'en';
    const rows = result!.hazards.map((h, i) => [i + 1, h.id, h.name, word(l, 'water', h.kind), word(l, 'risk', h.risk), h.score, yesNo(l, h.fenced), yesNo(l, h.warning_signs), yesNo(l, h.rescue_equipment), yesNo(l, h.freezes), h.nearest_m,
      h.counts.high.residential, h.counts.medium.residential, h.counts.low.residential, Math.round(h.children), sumBands(h, 'kindergartens'), sumBands(h, 'schools'), sumBands(h, 'playgrounds'), sumBands(h, 'childrens_homes'),
      h.reasonParts.map((r) => formatReason(r, l, placeName)).join(l === 'zh' ? '；' : '; '),
      edits[String(h.id)]?.recorded?.date ?? '', edits[String(h.id)]?.recorded?.inspector ?? '', edits[String(h.id)]?.recorded?.note ?? '']);
    download(exportFileName(dataset?.meta.name ?? 'dataset', l === 'zh' ? '溺水隐患清单' : 'drowning-register', 'csv'), toCsv([CSV_HEADERS[l], ...rows], { bom: true }), 'text/csv');
  };
  const exportGeoJson = () => {
    const byId = new Map((dataset?.layers.water?.features ?? []).map((f) => [f.id, f]));
    const features = result!.hazards.map((h, i) => ({
      type: 'Feature', id: h.id,
      properties: { rank: i + 1, id: h.id, name: h.name, kind: h.kind, risk: h.risk, score: h.score, fenced: h.fenced, warning_signs: h.warning_signs, rescue_equipment: h.rescue_equipment, freezes: h.freezes, nearest_child_place_m: h.nearest_m, children_0_17: h.children, reasons: h.reasons, ...(edits[String(h.id)]?.recorded ? { fix_date: edits[String(h.id)]!.recorded!.date, fix_inspector: edits[String(h.id)]!.recorded!.inspector, fix_note: edits[String(h.id)]!.recorded!.note } : {}) },
      geometry: byId.get(h.id)?.geometry ?? null,
    }));
    download(exportFileName(dataset?.meta.name ?? 'dataset', 'drowning-inspection-list', 'geojson'), `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`, 'application/geo+json');
  };
  const exportWater = () => {
    const water = dataset && applyWaterEdits(dataset, edits).layers.water;
    if (water) download('water.geojson', `${JSON.stringify(water, null, 1)}\n`, 'application/geo+json');
  };

  return (
    <section className="coverage" data-testid="drowning-panel">
      <h2>{t('drowning.title')}</h2>
      <label className="block small">
        {t('drowning.settings')}
        <input data-testid="drowning-bands" value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={() => valid && setBands(parsed as [number, number, number])} onKeyDown={(e) => e.key === 'Enter' && valid && setBands(parsed as [number, number, number])} />
      </label>
      {!valid && <p className="warn small">{t('drowning.settings.invalid')}</p>}
      <p className="small muted">{t('drowning.settings.why')}</p>
      {result && (
        <table className="coverage-table">
          <tbody>
            <tr>
              <td>{t('drowning.unmitigated', { m: bands[2] })}</td>
              <td className="num"><strong data-testid="unmitigated-count">{result.unmitigatedHazards}</strong></td>
              <td className="small muted">{t('drowning.target0')}</td>
            </tr>
            <tr>
              <td>{t('drowning.childrenNear')}</td>
              <td className="num"><strong data-testid="children-near">{Math.round(result.childrenNearUnmitigated).toLocaleString()}</strong></td>
              <td className="small muted">{t('drowning.target0')}</td>
            </tr>
          </tbody>
        </table>
      )}
      <p className="small muted">{t('drowning.clickHint')}</p>
      <table className="coverage-table" data-testid="hazard-register">
        <thead>
          <tr>
            <th>{t('drowning.col.rank')}</th>
            <th>{t('drowning.col.name')}</th>
            <th>{t('drowning.col.risk')}</th>
            <th>{t('drowning.col.protection')}</th>
            <th>{t('drowning.col.nearest')}</th>
          </tr>
        </thead>
        <tbody>
          {(result?.hazards ?? []).map((h, i) => (
            <tr key={String(h.id)} className={`clickable${h.id === selected ? ' current' : ''}`} data-testid="hazard-row" data-hazard={String(h.id)} onClick={() => selectHazard(h.id)}>
              <td>{i + 1}</td>
              <td>
                {h.name || String(h.id)}
                <div className="small muted">{t(`water.kind.${h.kind as 'pond'}`)}{h.freezes ? ` · ${t('drowning.freezes')}` : ''}{edits[String(h.id)] ? ` · ${t('drowning.edited')}` : ''}</div>
              </td>
              <td><span className={`risk ${h.risk}`}>{t(`drowning.risk.${h.risk}`)}</span><div className="small muted">{h.score.toFixed(2)}</div></td>
              <td data-testid="hazard-protection">{MITIGATIONS.map((m) => flagText(h[m])).join(' / ')}</td>
              <td className="num">{h.nearest_m === null ? '—' : `${Math.round(h.nearest_m)} m`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {row && (
        <div className="hazard-detail" data-testid="hazard-detail">
          <h3>{t('drowning.detail.title', { name: row.name || String(row.id) })}</h3>
          <ul className="small">
            {RISK_BANDS.map((b, k) => (
              <li key={b}>
                <strong>{t('drowning.detail.band', { band: t(`drowning.risk.${b}`), m: bands[k]! })}</strong>: {t('drowning.detail.homes', { n: row.counts[b].residential, c: Math.round(row.counts[b].children) })};{' '}
                {t('drowning.detail.places', { k: row.counts[b].kindergartens, s: row.counts[b].schools, p: row.counts[b].playgrounds, h: row.counts[b].childrens_homes })}
              </li>
            ))}
          </ul>
          <ul className="small places" data-testid="hazard-places">
            {row.places.filter((p) => p.layer !== 'residential').map((p) => (
              <li key={`${p.layer}-${String(p.id)}`}>
                {t(`drowning.place.${p.layer as 'kindergartens'}`)} {placeName(p.layer, p.id)} — {Math.round(p.distance_m)} m · {t(`drowning.risk.${p.band}`)}
              </li>
            ))}
          </ul>
          <p className="small" data-testid="hazard-reasons">{row.reasonParts.map((r) => formatReason(r, lang, placeName)).join(lang === 'zh' ? '；' : '; ')}</p>
          <h3>{t('drowning.fix.title')}</h3>
          <div className="fix-record">
            <label className="small">{t('drowning.fix.date')} <input type="date" data-testid="fix-date" value={fixDate} onChange={(e) => setFixDate(e.target.value)} /></label>
            <label className="small">{t('drowning.fix.inspector')} <input data-testid="fix-inspector" value={inspector} onChange={(e) => setInspector(e.target.value)} /></label>
            <label className="small">{t('drowning.fix.note')} <input data-testid="fix-note" value={note} onChange={(e) => setNote(e.target.value)} /></label>
          </div>
          <div className="chips">
            {MITIGATIONS.map((m) => (
              <button key={m} data-testid={`fix-${m}`} disabled={row[m] === true} onClick={() => recordFix(row.id, [m], record())}>{t(`drowning.fix.${m}`)}</button>
            ))}
            <button data-testid="fix-all" disabled={row.mitigated} onClick={() => recordFix(row.id, MITIGATIONS, record())}>{t('drowning.fix.all')}</button>
          </div>
          {edits[String(row.id)]?.recorded && (
            <p className="small muted" data-testid="fix-recorded">{t('drowning.fix.recorded', { ...edits[String(row.id)]!.recorded! })}</p>
          )}
        </div>
      )}
      <div className="actions-col">
        <button data-testid="undo-fix" disabled={history.length === 0} onClick={undo}>{t('drowning.undo', { n: history.length })}</button>
        <label className="small"><input type="checkbox" checked={zhHeaders} onChange={(e) => setZhHeaders(e.target.checked)} /> {t('drowning.export.zhHeaders')}</label>
        <button data-testid="export-register-csv" disabled={!result} onClick={exportCsv}>{t('drowning.export.csv')}</button>
        <button data-testid="export-register-geojson" disabled={!result} onClick={exportGeoJson}>{t('drowning.export.geojson')}</button>
        <button data-testid="export-water" disabled={!dataset?.layers.water} onClick={exportWater}>{t('drowning.export.water')}</button>
      </div>
      <p className="small muted">{t('drowning.score.help')}</p>
    </section>
  );
}
