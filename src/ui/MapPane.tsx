import { useEffect, useRef, useState, type DragEvent } from 'react';
import { MapView } from '../map/MapView';
import { appStore, useAppStore } from '../store/appStore';
import { useT } from './i18n';

/** The map, and the drop zone for files. */
export function MapPane() {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const viewRef = useRef<MapView | null>(null);
  const [dragging, setDragging] = useState(false);
  const openImport = useAppStore((s) => s.openImport);
  const empty = useAppStore((s) => s.dataset !== null && Object.values(s.dataset.layers).every((c) => !c || c.features.length === 0));

  useEffect(() => {
    const view = new MapView(ref.current!, appStore);
    viewRef.current = view;
    return () => view.destroy();
  }, []);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) openImport(files);
  };

  return (
    <div
      className={`map-wrap${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="drop-zone"
    >
      <div ref={ref} className="map" data-testid="map" />
      <button className="fit-button" data-testid="fit" onClick={() => viewRef.current?.fitToData()}>
        {t('toolbar.fit')}
      </button>
      {empty && <div className="map-empty">{t('map.noData')}</div>}
    </div>
  );
}
