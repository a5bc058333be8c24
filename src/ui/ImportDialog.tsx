import { useRef, useState } from 'react';
import { LAYER_LABELS, LAYER_NAMES, layerFromFileName, type LayerName } from '../core/layers';
import { useAppStore, type ImportMode } from '../store/appStore';
import type { FileSource } from '../worker/client';
import { useLang, useT } from './i18n';

type Choice = LayerName | 'dataset' | 'ignore' | '';

interface Row {
  file: File;
  choice: Choice;
}

const initialChoice = (file: File): Choice =>
  /(^|\/)dataset\.json$/i.test(file.name) ? 'dataset' : layerFromFileName(file.name) ?? '';

const sizeText = (bytes: number) => (bytes > 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Files dropped on the map or picked here; a file whose name is not a layer name gets a layer chosen. */
export function ImportDialog() {
  const t = useT();
  const lang = useLang();
  const pending = useAppStore((s) => s.pendingFiles);
  const openPanel = useAppStore((s) => s.openPanel);
  const importFiles = useAppStore((s) => s.importFiles);
  const [rows, setRows] = useState<Row[]>(() => pending.map((file) => ({ file, choice: initialChoice(file) })));
  const [mode, setMode] = useState<ImportMode>('replace');
  const input = useRef<HTMLInputElement>(null);

  const addFiles = (files: FileList | null) => {
    if (!files) return;
    setRows((r) => [...r, ...Array.from(files).map((file) => ({ file, choice: initialChoice(file) }))]);
  };
  const usable = rows.filter((r) => r.choice !== '' && r.choice !== 'ignore');
  const load = () => {
    const sources: FileSource[] = usable.map((r) => ({ name: r.file.name, blob: r.file, layer: r.choice as LayerName | 'dataset' }));
    openPanel('none');
    void importFiles(sources, mode);
  };

  return (
    <div className="modal" role="dialog" aria-modal="true" data-testid="import-dialog">
      <div className="modal-body">
        <h2>{t('import.title')}</h2>
        <p>{t('import.drop')}</p>
        <input ref={input} type="file" multiple accept=".geojson,.json,application/geo+json,application/json" data-testid="import-input" hidden onChange={(e) => addFiles(e.target.files)} />
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
                      {LAYER_NAMES.map((l) => (
                        <option key={l} value={l}>
                          {LAYER_LABELS[l][lang]} ({l})
                        </option>
                      ))}
                      <option value="ignore">{t('import.ignore')}</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {rows.some((r) => r.choice === '') && <p className="warn">{t('import.unassigned')}</p>}
        <fieldset>
          <legend>{t('import.mode')}</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> {t('import.mode.replace')}
          </label>
          <label>
            <input type="radio" name="mode" data-testid="import-mode-merge" checked={mode === 'merge'} onChange={() => setMode('merge')} /> {t('import.mode.merge')}
          </label>
        </fieldset>
        <div className="actions">
          <button onClick={() => openPanel('none')}>{t('import.cancel')}</button>
          <button className="primary" data-testid="import-load" disabled={usable.length === 0} onClick={load}>
            {t('import.load')}
          </button>
        </div>
      </div>
    </div>
  );
}
