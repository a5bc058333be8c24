import { useState } from 'react';
import { LAYER_SPECS, type LayerName } from '../core/layers';
import { formatIssue } from '../core/messages';
import { POINT_CRS, type PointCrs } from '../core/import/csvPoints';
import { mappableFields } from '../core/import/fieldMapping';
import { useAppStore } from '../store/appStore';
import type { MappingItem } from '../store/importSlice';
import { useT } from './i18n';
import { LayerOptions } from './LayerOptions';

/**
 * The field-mapping step, docked beside the map so the preview stays in sight: for each Shapefile
 * layer, CSV or service layer, which contract layer it is and which attribute gives which field.
 */
/** Items shown at once: a zip can hold thousands of Shapefiles, and a form each would freeze the page. */
export const MAPPING_PAGE = 20;

export function MappingPanel() {
  const t = useT();
  const step = useAppStore((s) => s.mappingStep);
  const accept = useAppStore((s) => s.acceptMapping);
  const cancel = useAppStore((s) => s.cancelMapping);
  const setMode = useAppStore((s) => s.setMappingMode);
  const [page, setPage] = useState(0);
  if (!step) return null;
  const ready = step.items.filter((i) => i.layer !== '');
  const pages = Math.max(1, Math.ceil(step.items.length / MAPPING_PAGE));
  const current = Math.min(page, pages - 1);
  const shown = step.items.slice(current * MAPPING_PAGE, (current + 1) * MAPPING_PAGE);
  const pager = pages > 1 && (
    <div className="pager" data-testid="mapping-pager">
      <button disabled={current === 0} onClick={() => setPage(current - 1)}>‹</button>
      <span>{t('mapping.page', { from: current * MAPPING_PAGE + 1, to: current * MAPPING_PAGE + shown.length, total: step.items.length, ready: ready.length })}</span>
      <button disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>›</button>
    </div>
  );
  return (
    <section className="mapping-panel" data-testid="mapping-panel" aria-label={t('mapping.title')}>
      <h2>{t('mapping.title')}</h2>
      <p className="muted">{t('mapping.explain')}</p>
      {pager}
      {shown.map((item) => (
        <MappingItemForm key={item.key} item={item} />
      ))}
      {pager}
      {step.sources.length > 0 && <p className="muted">{t('mapping.alsoLoading', { files: step.sources.map((s) => s.name).join('、') })}</p>}
      <fieldset>
        <legend>{t('import.mode')}</legend>
        <label>
          <input type="radio" name="mapping-mode" checked={step.mode === 'merge'} onChange={() => setMode('merge')} /> {t('import.mode.merge')}
        </label>
        <label>
          <input type="radio" name="mapping-mode" checked={step.mode === 'replace'} onChange={() => setMode('replace')} /> {t('import.mode.replace')}
        </label>
      </fieldset>
      {ready.length < step.items.length && <p className="warn">{t('mapping.unassigned')}</p>}
      <div className="actions">
        <button data-testid="mapping-cancel" onClick={cancel}>{t('import.cancel')}</button>
        <button className="primary" data-testid="mapping-accept" disabled={ready.length === 0 && step.sources.length === 0} onClick={() => void accept()}>
          {t('mapping.accept')}
        </button>
      </div>
    </section>
  );
}

/** Systems a Shapefile without .prj may be in: CGCS2000 Gauss–Krüger 3° and 6° zones, UTM, Web Mercator. */
const SHAPEFILE_CRS: { code: string; label: string }[] = [
  { code: 'EPSG:4326', label: 'WGS84 / CGCS2000 经纬度 lon/lat' },
  ...Array.from({ length: 21 }, (_, i) => ({ code: `EPSG:${4513 + i}`, label: `CGCS2000 3° GK zone ${25 + i} (${75 + 3 * i}°E, 带号前缀 zone prefix)` })),
  ...Array.from({ length: 21 }, (_, i) => ({ code: `EPSG:${4534 + i}`, label: `CGCS2000 3° GK CM ${75 + 3 * i}°E (无带号 no prefix)` })),
  ...Array.from({ length: 11 }, (_, i) => ({ code: `EPSG:${4491 + i}`, label: `CGCS2000 6° GK zone ${13 + i} (${75 + 6 * i}°E, 带号前缀 zone prefix)` })),
  ...Array.from({ length: 11 }, (_, i) => ({ code: `EPSG:${4502 + i}`, label: `CGCS2000 6° GK CM ${75 + 6 * i}°E (无带号 no prefix)` })),
  ...Array.from({ length: 10 }, (_, i) => ({ code: `EPSG:${32643 + i}`, label: `WGS84 UTM ${43 + i}N` })),
  { code: 'EPSG:3857', label: 'Web Mercator' },
];

/** A Shapefile's encoding and coordinate system, when its own files do not say or say wrong. */
function ShapefileOptions({ item }: { item: MappingItem }) {
  const t = useT();
  const setOptions = useAppStore((s) => s.setShapefileOptions);
  const options = item.shapefile!;
  const needsCrs = item.raw.notes.find((n) => n.code === 'import_prj_missing_projected');
  return (
    <div className="csv-options">
      <label>
        {t('mapping.csv.encoding')}
        <select data-testid="shp-encoding" value={options.encoding} onChange={(e) => void setOptions(item.key, { ...options, encoding: e.target.value as 'auto' })}>
          <option value="auto">{t('mapping.shp.auto')}</option>
          <option value="utf-8">UTF-8</option>
          <option value="gbk">GBK</option>
        </select>
      </label>
      <label>
        {t('mapping.csv.crs')}
        <select data-testid="shp-crs" value={options.crs} onChange={(e) => void setOptions(item.key, { ...options, crs: e.target.value })}>
          <option value="">{t('mapping.shp.fromPrj')}</option>
          {SHAPEFILE_CRS.map((c) => <option key={c.code} value={c.code}>{`${c.code} · ${c.label}`}</option>)}
        </select>
      </label>
      {needsCrs && (
        <p className="error" data-testid="shp-needs-crs">
          {t('mapping.shp.needsCrs', { x: needsCrs.params.x!, y: needsCrs.params.y! })}
          {needsCrs.params.suggestion && (
            <>
              {' '}
              <button className="link" data-testid="shp-use-suggestion" onClick={() => void setOptions(item.key, { ...options, crs: String(needsCrs.params.suggestion) })}>
                {t('mapping.shp.useSuggestion', { crs: String(needsCrs.params.suggestion) })}
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}

function MappingItemForm({ item }: { item: MappingItem }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const update = useAppStore((s) => s.updateMappingItem);
  const setEncoding = useAppStore((s) => s.setCsvEncoding);
  const remove = useAppStore((s) => s.removeMappingItem);
  const located = item.raw.features.filter((f) => f.geometry !== null).length;
  const skipped = item.raw.notes.filter((n) => n.code === 'import_row_no_coordinates').length;
  const failed = item.raw.notes.find((n) => n.severity === 'error' && n.code === 'import_failed');
  const first = item.raw.features[0]?.properties ?? {};
  const spec = item.layer ? LAYER_SPECS[item.layer] : null;
  return (
    <div className="mapping-item" data-testid={`mapping-item-${item.kind}`}>
      <h3>
        {item.raw.source}
        <button className="link" onClick={() => remove(item.key)} title={t('mapping.remove')}>✕</button>
      </h3>
      <p className="muted" data-testid="mapping-count">
        {t('mapping.count', { n: located })}
        {skipped > 0 && ` · ${t('mapping.skipped', { n: skipped })}`}
        {item.raw.notes.filter((n) => n.code === 'import_crs_converted').map((n) => ` · ${t('mapping.converted', { crs: String(n.params.crs) })}`)}
        {item.raw.notes.filter((n) => n.code === 'import_encoding').map((n) => ` · ${t('mapping.encoding', { encoding: String(n.params.encoding) })}`)}
      </p>
      {failed && <p className="error">{String(failed.params.detail)}</p>}
      {item.raw.notes.filter((n) => n.code === 'zip_entry_skipped').map((n, i) => <p key={i} className="warn" data-testid="mapping-entry-skipped">{formatIssue(n, lang)}</p>)}
      {item.table && item.csv && (
        <div className="csv-options">
          <label>
            {t('mapping.csv.encoding')}
            <select data-testid="csv-encoding" value={item.table.encoding} onChange={(e) => void setEncoding(item.key, e.target.value as 'utf-8' | 'gbk')}>
              <option value="utf-8">UTF-8</option>
              <option value="gbk">GBK</option>
            </select>
          </label>
          {(['lng', 'lat'] as const).map((axis) => (
            <label key={axis}>
              {t(`mapping.csv.${axis}`)}
              <select data-testid={`csv-${axis}`} value={item.csv![axis]} onChange={(e) => update(item.key, { csv: { ...item.csv!, [axis]: e.target.value } })}>
                {item.table!.columns.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </label>
          ))}
          <label>
            {t('mapping.csv.crs')}
            <select data-testid="csv-crs" value={item.csv.crs} onChange={(e) => update(item.key, { csv: { ...item.csv!, crs: e.target.value as PointCrs, crsBasis: 'user' } })}>
              {POINT_CRS.map((c) => <option key={c} value={c}>{t(`mapping.crs.${c}`)}</option>)}
            </select>
          </label>
          {item.csv.crsBasis && item.csv.crsBasis !== 'user' && (
            <p className="warn" data-testid="csv-crs-assumed">{t(`mapping.crs.basis.${item.csv.crsBasis === 'file name' ? 'fileName' : item.csv.crsBasis}`, { crs: t(`mapping.crs.${item.csv.crs}`) })}</p>
          )}
        </div>
      )}
      {item.kind === 'shapefile' && item.shapefile && <ShapefileOptions item={item} />}
      <label>
        {t('import.layer')}
        <select data-testid="mapping-layer" value={item.layer} onChange={(e) => update(item.key, { layer: e.target.value as LayerName | '' })}>
          <option value="">{t('import.chooseLayer')}</option>
          <LayerOptions />
        </select>
      </label>
      {item.layer && spec && (
        <table className="mapping-fields">
          <thead>
            <tr>
              <th>{t('mapping.field')}</th>
              <th>{t('mapping.attribute')}</th>
              <th>{t('mapping.sample')}</th>
            </tr>
          </thead>
          <tbody>
            {mappableFields(item.layer).map((field) => {
              const attribute = item.mapping[field] ?? '';
              const required = spec.fields[field]?.required ?? false;
              return (
                <tr key={field}>
                  <td>
                    {field}
                    {required && <span className="required" title={t('mapping.required')}> *</span>}
                  </td>
                  <td>
                    <select
                      data-testid={`mapping-field-${field}`}
                      value={attribute}
                      onChange={(e) => update(item.key, { mapping: { ...item.mapping, [field]: e.target.value || undefined } })}
                    >
                      <option value="">{t('mapping.none')}</option>
                      {item.raw.attributes.map((a) => <option key={a} value={a}>{a}</option>)}
                    </select>
                  </td>
                  <td className="muted">{attribute && first[attribute] !== undefined ? String(first[attribute]) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
