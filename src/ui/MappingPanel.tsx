import { LAYER_SPECS, type LayerName } from '../core/layers';
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
export function MappingPanel() {
  const t = useT();
  const step = useAppStore((s) => s.mappingStep);
  const accept = useAppStore((s) => s.acceptMapping);
  const cancel = useAppStore((s) => s.cancelMapping);
  const setMode = useAppStore((s) => s.setMappingMode);
  if (!step) return null;
  const ready = step.items.filter((i) => i.layer !== '');
  return (
    <section className="mapping-panel" data-testid="mapping-panel" aria-label={t('mapping.title')}>
      <h2>{t('mapping.title')}</h2>
      <p className="muted">{t('mapping.explain')}</p>
      {step.items.map((item) => (
        <MappingItemForm key={item.key} item={item} />
      ))}
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

function MappingItemForm({ item }: { item: MappingItem }) {
  const t = useT();
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
            <select data-testid="csv-crs" value={item.csv.crs} onChange={(e) => update(item.key, { csv: { ...item.csv!, crs: e.target.value as PointCrs } })}>
              {POINT_CRS.map((c) => <option key={c} value={c}>{t(`mapping.crs.${c}`)}</option>)}
            </select>
          </label>
        </div>
      )}
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
