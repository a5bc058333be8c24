import { useEscape } from './useEscape';
import { useCallback, useRef, useState } from 'react';
import { layerFromFileName, type LayerName } from '../core/layers';
import { formatIssue } from '../core/messages';
import { useAppStore, type ImportMode } from '../store/appStore';
import type { FileSource } from '../worker/client';
import { useLang, useT } from './i18n';
import { LayerOptions } from './LayerOptions';

/** What a file is: a contract layer, dataset.json, an OSM extract, a zip, a CSV point list — or not chosen yet. */
type Choice = LayerName | 'dataset' | 'osm' | 'zip' | 'csv' | 'ignore' | '';

interface Row {
  file: File;
  choice: Choice;
}

const initialChoice = (file: File): Choice => {
  const name = file.name.toLowerCase();
  if (/(^|\/)dataset\.json$/.test(name)) return 'dataset';
  if (/\.osm$|\.osm\.json$|overpass.*\.json$|\.osm\.xml$/.test(name)) return 'osm';
  if (name.endsWith('.zip')) return 'zip';
  if (/\.(csv|txt|tsv)$/.test(name)) return 'csv';
  return layerFromFileName(file.name) ?? '';
};

/** Names the file in front of a message that does not already name it. */
const withFile = (file: string | undefined, text: string) => (file && !text.includes(file) ? `${file}: ${text}` : text);

const sizeText = (bytes: number) => (bytes > 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * Files dropped on the map or picked here, and map services. A GeoJSON file whose name is not a
 * layer name gets a layer chosen; Shapefiles, CSVs and services go on to the field-mapping step.
 */
export function ImportDialog() {
  const t = useT();
  const lang = useLang();
  const pending = useAppStore((s) => s.pendingFiles);
  const openPanel = useAppStore((s) => s.openPanel);
  const startImport = useAppStore((s) => s.startImport);
  const fetchService = useAppStore((s) => s.fetchService);
  const cancelInspect = useAppStore((s) => s.cancelInspect);
  const [otherHosts, setOtherHosts] = useState(false);
  // Closing the dialog stops what it started: a map service must not go on being read unseen.
  const close = useCallback(() => {
    cancelInspect();
    openPanel('none');
  }, [cancelInspect, openPanel]);
  useEscape(close);
  const inspectJob = useAppStore((s) => s.inspectJob);
  const osmOptions = useAppStore((s) => s.osmOptions);
  const setOsmOptions = useAppStore((s) => s.setOsmOptions);
  const [rows, setRows] = useState<Row[]>(() => pending.map((file) => ({ file, choice: initialChoice(file) })));
  const [mode, setMode] = useState<ImportMode>('replace');
  const [serviceUrl, setServiceUrl] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const addFiles = (files: FileList | null) => {
    if (!files) return;
    setRows((r) => [...r, ...Array.from(files).map((file) => ({ file, choice: initialChoice(file) }))]);
  };
  const usable = rows.filter((r) => r.choice !== '' && r.choice !== 'ignore');
  const hasOsm = usable.some((r) => r.choice === 'osm');
  const needsMapping = usable.some((r) => r.choice === 'csv' || r.choice === 'zip');
  const busy = inspectJob.status === 'running';
  const load = () => {
    const sources: FileSource[] = usable.map((r) => ({
      name: r.file.name,
      blob: r.file,
      // A CSV is recognised by its name in the mapping step; give it one that says so.
      layer: r.choice === 'csv' ? undefined : (r.choice as FileSource['layer']),
      ...(r.choice === 'csv' && !/\.(csv|txt|tsv)$/i.test(r.file.name) ? { name: `${r.file.name}.csv` } : {}),
    }));
    void startImport(sources, mode);
  };
  const osmField = (key: 'peoplePer100m2' | 'defaultLevels' | 'houseLevels' | 'houseMaxFootprint' | 'peoplePerHectare', label: string) => (
    <label className="osm-option">
      {label}
      <input
        type="number" min={0} step="any" value={osmOptions[key]} data-testid={`osm-${key}`}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v) && v >= 0) setOsmOptions({ ...osmOptions, [key]: v });
        }}
      />
    </label>
  );

  return (
    <div className="modal" role="dialog" aria-modal="true" data-testid="import-dialog">
      <div className="modal-body">
        <h2>{t('import.title')}</h2>
        <p>{t('import.drop')}</p>
        <p className="muted">{t('import.formats')}</p>
        <input ref={input} type="file" multiple accept=".geojson,.json,.osm,.zip,.csv,.txt,application/geo+json,application/json" data-testid="import-input" hidden onChange={(e) => addFiles(e.target.files)} />
        <button onClick={() => input.current?.click()}>{t('import.pick')}</button>
        {rows.length === 0 ? (
          <p className="muted">{t('import.noFiles')}</p>
        ) : (
          <table className="import-files">
            <thead>
              <tr>
                <th>{t('import.file')}</th>
                <th>{t('import.size')}</th>
                <th>{t('import.layer')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={`${row.file.name}-${i}`}>
                  <td>{row.file.name}</td>
                  <td>{sizeText(row.file.size)}</td>
                  <td>
                    <select
                      data-testid={`import-layer-${i}`}
                      value={row.choice}
                      onChange={(e) => setRows((r) => r.map((x, k) => (k === i ? { ...x, choice: e.target.value as Choice } : x)))}
                    >
                      <option value="">{t('import.chooseLayer')}</option>
                      <option value="dataset">{t('import.datasetJson')}</option>
                      <option value="osm">{t('import.kind.osm')}</option>
                      <option value="zip">{t('import.kind.zip')}</option>
                      <option value="csv">{t('import.kind.csv')}</option>
                      <LayerOptions />
                      <option value="ignore">{t('import.ignore')}</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {rows.some((r) => r.choice === '') && <p className="warn">{t('import.unassigned')}</p>}
        {hasOsm && (
          <fieldset data-testid="osm-options">
            <legend>{t('import.osm.title')}</legend>
            <p className="muted">{t('import.osm.explain')}</p>
            {osmField('peoplePer100m2', t('import.osm.density'))}
            {osmField('defaultLevels', t('import.osm.levels'))}
            {osmField('houseLevels', t('import.osm.houseLevels'))}
            {osmField('houseMaxFootprint', t('import.osm.houseFootprint'))}
            {osmField('peoplePerHectare', t('import.osm.hectare'))}
            <label className="osm-option checkbox-line">
              <input type="checkbox" data-testid="osm-trunkWalkable" checked={osmOptions.trunkWalkable} onChange={(e) => setOsmOptions({ ...osmOptions, trunkWalkable: e.target.checked })} />
              {t('import.osm.trunk')}
            </label>
          </fieldset>
        )}
        <fieldset>
          <legend>{t('import.mode')}</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> {t('import.mode.replace')}
          </label>
          <label>
            <input type="radio" name="mode" data-testid="import-mode-merge" checked={mode === 'merge'} onChange={() => setMode('merge')} /> {t('import.mode.merge')}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('import.service.title')}</legend>
          <p className="muted">{t('import.service.explain')}</p>
          <div className="service-row">
            <input
              type="url" value={serviceUrl} placeholder="https://…/collections/schools/items" data-testid="service-url" className="wide"
              onChange={(e) => setServiceUrl(e.target.value)}
            />
            <button data-testid="service-fetch" disabled={busy || serviceUrl.trim() === ''} onClick={() => void fetchService(serviceUrl.trim(), mode, otherHosts)}>
              {t('import.service.fetch')}
            </button>
          </div>
          <label className="muted">
            <input type="checkbox" data-testid="service-other-hosts" checked={otherHosts} onChange={(e) => setOtherHosts(e.target.checked)} /> {t('import.service.otherHosts')}
          </label>
        </fieldset>
        {inspectJob.status === 'running' && (
          <p className="muted" data-testid="inspect-progress">
            {inspectJob.pages !== undefined ? t('import.service.progress', { pages: inspectJob.pages, features: inspectJob.features ?? 0 }) : t('import.reading', { file: inspectJob.what })}
          </p>
        )}
        {inspectJob.status === 'error' && (
          <p className="error" role="alert" data-testid="inspect-error">
            {inspectJob.issue ? withFile(inspectJob.issue.file, formatIssue(inspectJob.issue, lang)) : inspectJob.message}
          </p>
        )}
        <div className="actions">
          <button data-testid="import-cancel" onClick={close}>{t('import.cancel')}</button>
          <button className="primary" data-testid="import-load" disabled={usable.length === 0 || busy} onClick={load}>
            {needsMapping ? t('import.next') : t('import.load')}
          </button>
        </div>
      </div>
    </div>
  );
}
