import { LAYER_LABELS, LAYER_SPECS } from '../core/layers';
import { COVERAGE_KINDS } from '../core/targets';
import { COVERAGE_LAYER, useAppStore } from '../store/appStore';
import { fieldLabel, valueText } from './fieldWords';
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
  const dataset = useAppStore((s) => s.dataset);
  const coverage = useAppStore((s) => (s.coverageFor === s.datasetVersion ? s.coverage : null));
  const radii = useAppStore((s) => s.radii);
  if (!selected || !feature) return null;
  const spec = LAYER_SPECS[selected.layer];
  const props = feature.properties;
  /** A feature of a layer by id, said by its name with the id beside it. */
  const named = (layer: keyof NonNullable<typeof dataset>['layers'], id: unknown) => {
    const f = dataset?.layers[layer]?.features.find((x) => String(x.id) === String(id));
    return f?.properties.name ? `${String(f.properties.name)} (${String(id)})` : String(id);
  };
  const contractFields = ['name', ...Object.keys(spec.fields).filter((f) => f !== 'name')];
  const others = Object.keys(props).filter((k) => k !== 'id' && !(k in spec.fields) && k !== 'name');
  // A home shows how far it is from each kind of place, as the coverage view computed it.
  const h = selected.layer === 'residential' && coverage && dataset?.layers.residential ? dataset.layers.residential.features.indexOf(feature) : -1;
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
          <tr data-testid="prop-id">
            <th>{fieldLabel('id', lang)}</th>
            <td>{asText(feature.id)}</td>
          </tr>
          {contractFields.filter((f) => f in spec.fields || props[f] !== undefined).map((key) => (
            <tr key={key} data-testid={`prop-${key}`}>
              <th>{fieldLabel(key, lang)}</th>
              <td className={props[key] === undefined ? 'muted' : undefined}>
                {key === 'community' && props[key] !== undefined ? named('communities', props[key]) : valueText(props[key], lang)}
              </td>
            </tr>
          ))}
          {others.map((key) => (
            <tr key={key} data-testid={`prop-${key}`}>
              <th>{key}</th>
              <td>{asText(props[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {h >= 0 && coverage && (
        <section data-testid="home-distances">
          <h3>{t('inspector.distances', { mode: t(coverage.distance === 'network' ? 'inspector.walking' : 'inspector.straight') })}</h3>
          <table>
            <tbody>
              {COVERAGE_KINDS.map((k) => {
                const d = coverage.homeDistance[k][h]!;
                const f = coverage.homeFacility[k][h];
                return (
                  <tr key={k} data-testid={`home-distance-${k}`}>
                    <th>{t(`coverage.kind.${k}`)}</th>
                    <td className={Number.isFinite(d) && d <= radii[k] ? 'ok' : 'warn'}>
                      {f === null || !Number.isFinite(d) ? t('inspector.unreachable') : `${Math.round(d).toLocaleString()} m · ${named(COVERAGE_LAYER[k], f)}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
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
