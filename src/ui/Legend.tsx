import { LAYER_LABELS, type LayerName } from '../core/layers';
import { DRAW_ORDER, SWATCHES, type Swatch } from '../map/layerStyles';
import { useAppStore } from '../store/appStore';
import { useLang, useT } from './i18n';

function SwatchIcon({ swatch }: { swatch: Swatch }) {
  const border = `2px ${swatch.dashed ? 'dashed' : 'solid'} ${swatch.stroke ?? swatch.color}`;
  if (swatch.shape === 'line') return <span className="swatch line" style={{ background: swatch.color }} />;
  if (swatch.shape === 'circle') return <span className="swatch circle" style={{ background: swatch.color, border }} />;
  return <span className="swatch fill" style={{ background: swatch.color, border }} />;
}

/** Top of the list is top of the map. */
const LEGEND_ORDER: LayerName[] = [...DRAW_ORDER].reverse();

export function Legend() {
  const t = useT();
  const lang = useLang();
  const layers = useAppStore((s) => s.dataset?.layers);
  const hidden = useAppStore((s) => s.hiddenLayers);
  const toggle = useAppStore((s) => s.toggleLayer);
  const present = LEGEND_ORDER.filter((l) => layers?.[l]);
  return (
    <section className="legend" data-testid="legend">
      <h2>{t('legend.title')}</h2>
      {present.length === 0 && <p className="muted">{t('legend.empty')}</p>}
      <ul>
        {present.map((layer) => {
          const label = LAYER_LABELS[layer][lang];
          return (
            <li key={layer} className={hidden.includes(layer) ? 'off' : ''}>
              <label title={t('legend.show', { layer: label })}>
                <input type="checkbox" data-testid={`legend-toggle-${layer}`} checked={!hidden.includes(layer)} onChange={() => toggle(layer)} />
                <SwatchIcon swatch={SWATCHES[layer]} />
                <span className="layer-label">{label}</span>
                <span className="count" data-testid={`legend-count-${layer}`}>
                  {t('legend.features', { n: layers![layer]!.features.length.toLocaleString() })}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
