import { LAYER_LABELS } from '../core/layers';
import { useAppStore } from '../store/appStore';
import { useLang, useT } from './i18n';

/** Property values are data: rendered as text nodes only, whatever they hold. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function Inspector() {
  const t = useT();
  const lang = useLang();
  const selected = useAppStore((s) => s.selected);
  const feature = useAppStore((s) => (s.selected ? s.dataset?.layers[s.selected.layer]?.features.find((f) => f.id === s.selected!.id) : undefined));
  const select = useAppStore((s) => s.select);
  const drowning = useAppStore((s) => (s.sidebarTab === 'drowning' ? s.drowning?.result : undefined));
  if (!selected || !feature) return null;
  // In the drowning view, a child place shows the water near it.
  const nearWater = drowning && selected.layer !== 'water'
    ? drowning.hazards.flatMap((h) => h.places.filter((p) => p.layer === selected.layer && p.id === selected.id).map((p) => ({ h, p })))
    : null;
  return (
    <aside className="inspector" data-testid="inspector">
      <header>
        <h2>{t('inspector.title')}</h2>
        <button className="close" onClick={() => select(null)} aria-label={t('inspector.close')}>
          ×
        </button>
      </header>
      <table>
        <tbody>
          <tr>
            <th>{t('inspector.layer')}</th>
            <td>{LAYER_LABELS[selected.layer][lang]}</td>
          </tr>
          <tr>
            <th>{t('inspector.geometry')}</th>
            <td>{feature.geometry.type}</td>
          </tr>
          {Object.entries(feature.properties).map(([key, value]) => (
            <tr key={key} data-testid={`prop-${key}`}>
              <th>{key}</th>
              <td>{asText(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {nearWater && (
        <section data-testid="water-near">
          <h3>{t('inspector.water', { m: drowning!.settings.bands_m[2] })}</h3>
          {nearWater.length === 0 ? (
            <p className="muted">{t('inspector.noWater', { m: drowning!.settings.bands_m[2] })}</p>
          ) : (
            <ul className="small">
              {nearWater.map(({ h, p }) => (
                <li key={String(h.id)}>{h.name || String(h.id)} ({t(`water.kind.${h.kind as 'pond'}`)}) — {Math.round(p.distance_m)} m · {t(`drowning.risk.${p.band}`)}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </aside>
  );
}
