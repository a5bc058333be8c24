import { bbox } from '@turf/turf';
import { useMemo, useState } from 'react';
import { toCsv } from '../core/csv';
import { developmentFromGeoJson, PERSONS_PER_DWELLING, PERSONS_PER_DWELLING_SOURCE } from '../core/landAllocation/development';
import type { LandAllocation, LandRow } from '../core/landAllocation/landAllocation';
import { exportFileName } from '../core/report/evaluation/text';
import { LAND_LEVELS, DEFAULT_TARGETS, type LandLevel } from '../core/targets';
import { UNIT_STATUS_COLOURS, unitLandStatus, type UnitLandStatus } from '../map/landSources';
import { currentTargets, useAppStore } from '../store/appStore';
import type { LandLevelChoice } from '../store/landSlice';
import { download } from './download';
import { HowComputed } from './GuidePanel';
import { useLang, useT, type MessageKey } from './i18n';
import { ScenarioSteps } from './ScenarioSteps';

const num = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const COLUMNS = ['children', 'required_places', 'places', 'gap_places', 'classes_needed', 'land_needed_m2', 'reserved_land_m2', 'land_short_m2'] as const;

/** Places, classes and land each unit needs for kindergartens, childcare and schools, now and projected, against reserved land. */
export function LandPanel() {
  const t = useT();
  const lang = useLang();
  const dataset = useAppStore((s) => s.dataset);
  const land = useAppStore((s) => (s.coverageFor === s.datasetVersion ? s.coverage?.land ?? null : null));
  const job = useAppStore((s) => s.analysisJob);
  const yearChoice = useAppStore((s) => s.landYear);
  const level = useAppStore((s) => s.landLevel);
  const setYear = useAppStore((s) => s.setLandYear);
  const setLevel = useAppStore((s) => s.setLandLevel);
  const zoomTo = useAppStore((s) => s.zoomTo);
  const year = yearChoice !== null && land?.years.map(String).includes(yearChoice) ? yearChoice : String(land?.base_year ?? '');

  // Worst first: the units whose reserved land falls shortest, then those short of places with no land figure.
  const ranked = useMemo(() => {
    if (!land) return [];
    const order: Record<UnitLandStatus, number> = { short: 0, unsized: 1, covered: 2, no_need: 3 };
    return land.units
      .map((u, i) => ({ u, i, ...unitLandStatus(u, year, level) }))
      .sort((a, b) => order[a.status] - order[b.status] || (b.short_m2 ?? 0) - (a.short_m2 ?? 0) || gapOf(b.u.years[year], level) - gapOf(a.u.years[year], level));
  }, [land, year, level]);

  if (!dataset) return null;
  if (!land) {
    return (
      <section className="panel" data-testid="land-panel">
        <h2>{t('land.title')}</h2>
        {job.status === 'running' ? <p className="muted">{t('coverage.computing', { stage: '', pct: Math.round(job.progress * 100) })}</p>
          : job.status === 'error' ? <p className="warn" role="alert">{t('coverage.error', { message: job.message })}</p>
          : <p className="muted">{t('land.waiting')}</p>}
      </section>
    );
  }

  const unitWord = land.unit_layer === 'planning_units' ? t('land.unit.planning') : t('land.unit.community');
  const focus = (i: number) => {
    const f = land.unit_layer ? dataset.layers[land.unit_layer]?.features[i] : undefined;
    if (f) zoomTo(bbox(f) as [number, number, number, number]);
  };
  const short = ranked.filter((r) => r.status === 'short').length;

  return (
    <section className="panel" data-testid="land-panel">
      <h2>{t('land.title')}</h2>
      <p className="small">{t('land.intro', { units: unitWord, year: land.base_year })}</p>
      <ul className="small notes" data-testid="land-notes">
        <li>{t('land.birthRate', { rate: land.settings.birth_rate_per_1000, from: t(land.settings.birth_rate_from === 'dataset' ? 'land.birthRate.dataset' : 'land.birthRate.targets') })}</li>
        {land.notes.map((n, i) => <li key={i}>{n[lang]}</li>)}
      </ul>
      <div className="chips">
        <label>{t('land.year')} <select data-testid="land-year" value={year} onChange={(e) => setYear(e.target.value)}>
          {land.years.map((y) => <option key={y} value={String(y)}>{y === land.base_year ? t('land.year.now', { year: y }) : y}</option>)}
        </select></label>
        <label>{t('land.level')} <select data-testid="land-level" value={level} onChange={(e) => setLevel(e.target.value as LandLevelChoice)}>
          {[...LAND_LEVELS, 'all' as const].map((l) => <option key={l} value={l}>{t(`land.level.${l}` as MessageKey)}</option>)}
        </select></label>
      </div>

      <h3>{t('land.district')}</h3>
      <table className="coverage-table" data-testid="land-district">
        <thead><tr><th />{LAND_LEVELS.map((l) => <th key={l} className="num" title={land.district[year]?.[l].reason ?? ''}>{t(`land.levelShort.${l}` as MessageKey)}</th>)}</tr></thead>
        <tbody>
          {COLUMNS.map((c) => (
            <tr key={c} data-measure={c}>
              <td className="small">{t(`land.col.${c}` as MessageKey)}</td>
              {LAND_LEVELS.map((l) => <td key={l} className="num">{num(land.district[year]?.[l][c])}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small">{t('land.playDistrict', { have: num(land.play_space.playground_m2), renewal: num(land.play_space.required_renewal_m2), fresh: num(land.play_space.required_new_area_m2) })}</p>

      <h3>{t('land.units', { units: unitWord })}</h3>
      <p className="small" data-testid="land-short-count">{t('land.shortCount', { n: short, units: unitWord, year })}</p>
      <div className="chips small">
        {(['short', 'unsized', 'covered'] as const).map((s) => (
          <span key={s}><span className="swatch" style={{ background: UNIT_STATUS_COLOURS[s] }} /> {t(`land.status.${s}`)}</span>
        ))}
      </div>
      <div className="table-scroll">
        <table className="coverage-table" data-testid="land-units">
          <thead><tr><th>{unitWord}</th><th className="num">{t('land.col.gap_places')}</th><th className="num">{t('land.col.classes_needed')}</th><th className="num">{t('land.col.land_needed_m2')}</th><th className="num">{t('land.col.reserved_land_m2')}</th><th className="num">{t('land.col.land_short_m2')}</th><th className="num">{t('land.col.play_short')}</th></tr></thead>
          <tbody>
            {ranked.map(({ u, i, status }) => {
              const rows = u.years[year];
              // All levels together: classes add up; a gap in places does not (different children).
              const cell = (key: 'gap_places' | 'classes_needed') => (level !== 'all' ? rows?.[level][key] ?? null : key === 'classes_needed' ? LAND_LEVELS.reduce((s, l) => s + (rows?.[l].classes_needed ?? 0), 0) : null);
              const landNeeded = level === 'all' ? u.total[year]?.land_needed_m2 ?? null : rows?.[level].land_needed_m2 ?? null;
              const landShort = level === 'all' ? u.total[year]?.land_short_m2 ?? null : rows?.[level].land_short_m2 ?? null;
              return (
                <tr key={String(u.id)} className={`clickable land-${status}`} data-status={status} onClick={() => focus(i)} title={level === 'all' ? '' : rows?.[level].reason ?? ''}>
                  <td><span className="swatch" style={{ background: UNIT_STATUS_COLOURS[status] }} /> {u.name || String(u.id)}</td>
                  <td className="num">{num(cell('gap_places'))}</td>
                  <td className="num">{num(cell('classes_needed'))}</td>
                  <td className="num">{num(landNeeded)}</td>
                  <td className="num">{num(u.total[year]?.reserved_land_m2)}</td>
                  <td className="num">{num(landShort)}</td>
                  <td className="num">{num(u.play_space.short_renewal_m2)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="actions-col">
        <button data-testid="land-csv" onClick={() => download(exportFileName(dataset.meta.name, lang === 'zh' ? '用地配置' : 'land-allocation', 'csv'), landCsv(land, lang), 'text/csv;charset=utf-8')}>{t('land.csv')}</button>
      </div>

      <h3>{t('land.parcels')}</h3>
      {land.parcels.length === 0 ? <p className="small">{t('land.parcels.none')}</p> : (
        <table className="coverage-table" data-testid="land-parcels">
          <thead><tr><th>{t('land.parcel')}</th><th>{unitWord}</th><th className="num">{t('land.parcel.area')}</th>{LAND_LEVELS.map((l) => <th key={l} className="num">{t('land.parcel.fits', { level: t(`land.levelShort.${l}` as MessageKey) })}</th>)}</tr></thead>
          <tbody>
            {land.parcels.map((p) => (
              <tr key={String(p.id)}>
                <td>{p.name || String(p.id)}</td>
                <td className="small">{land.units.find((u) => u.id === p.unit)?.name ?? '—'}</td>
                <td className="num">{num(p.area_m2)}</td>
                {LAND_LEVELS.map((l) => <td key={l} className="num">{num(p.fits[l])}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <DevelopmentCheck />
      <ScenarioSteps ids={['land.units_short_of_land', 'seats.kindergarten_per_child', 'coverage.kindergarten', 'coverage.primary']} />
      <LandSettingsForm land={land} />
      <HowComputed />
    </section>
  );
}

const gapOf = (rows: Record<LandLevel, LandRow> | undefined, level: LandLevelChoice) => (!rows ? 0 : level === 'all' ? LAND_LEVELS.reduce((s, l) => s + (rows[l].gap_places ?? 0), 0) : rows[level].gap_places ?? 0);

/** Every unit, year and level in one long table, in the reader's language. */
export function landCsv(land: LandAllocation, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const header = zh
    ? ['单元编号', '单元名称', '年份', '学段', '儿童数', '需要学位', '现有学位', '学位缺口', '需增班数', '需要用地(㎡)', '预留用地(㎡)', '用地缺口(㎡)', '说明']
    : ['unit_id', 'unit_name', 'year', 'level', 'children', 'required_places', 'places', 'gap_places', 'classes_needed', 'land_needed_m2', 'reserved_land_m2', 'land_short_m2', 'reason'];
  const words: Record<LandLevel, string> = zh ? { kindergarten: '幼儿园', childcare: '托育', primary: '小学', middle: '初中' } : { kindergarten: 'kindergarten', childcare: 'childcare', primary: 'primary', middle: 'middle' };
  const lines: unknown[][] = [header];
  const add = (id: string, name: string, years: Record<string, Record<LandLevel, LandRow>>) => {
    for (const [year, rows] of Object.entries(years)) {
      for (const l of LAND_LEVELS) {
        const r = rows[l];
        lines.push([id, name, year, words[l], r.children, r.required_places, r.places, r.gap_places, r.classes_needed, r.land_needed_m2, r.reserved_land_m2, r.land_short_m2, r.reason ?? '']);
      }
    }
  };
  add(zh ? '全区' : 'district', zh ? '全区' : 'district', land.district);
  for (const u of land.units) add(String(u.id), u.name, u.years);
  return toCsv(lines);
}

/** Draw a development on the map, give its homes, see what it adds to its unit's need, and accept it as a scenario step. */
function DevelopmentCheck() {
  const t = useT();
  const draft = useAppStore((s) => s.developmentDraft);
  const checked = useAppStore((s) => s.developmentCheck);
  const start = useAppStore((s) => s.startDevelopment);
  const setOutline = useAppStore((s) => s.setDevelopmentOutline);
  const zoomTo = useAppStore((s) => s.zoomTo);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    const read = developmentFromGeoJson(await file.text());
    if (!read.ok) {
      setFileProblem(t('dev.fileProblem', { file: file.name, reason: read.reason }));
      return;
    }
    setFileProblem(null);
    setOutline(read.corners);
    if (read.name) setName(read.name);
    if (read.population !== null) setPopulation(String(read.population));
    if (read.dwellings !== null) setDwellings(String(read.dwellings));
    const xs = read.corners.map((c) => c[0]);
    const ys = read.corners.map((c) => c[1]);
    zoomTo([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
  };
  const undoCorner = useAppStore((s) => s.undoDevelopmentCorner);
  const cancel = useAppStore((s) => s.cancelDevelopment);
  const check = useAppStore((s) => s.checkDevelopment);
  const accept = useAppStore((s) => s.acceptDevelopment);
  const hasShares = useAppStore((s) => Object.keys(s.dataset?.meta.ageShares ?? {}).length > 0);
  const [name, setName] = useState('');
  const [dwellings, setDwellings] = useState('500');
  const [population, setPopulation] = useState('');
  const parse = (v: string) => (v.trim() === '' ? null : Number(v));
  const pop = parse(population);
  const dw = parse(dwellings);
  const valid = (pop !== null && Number.isFinite(pop) && pop > 0) || (pop === null && dw !== null && Number.isFinite(dw) && dw > 0);
  const impact = checked?.impact;
  return (
    <div className="development" data-testid="development">
      <h3>{t('dev.title')}</h3>
      {draft === null ? (
        <div className="chips">
          <button data-testid="dev-start" onClick={start}>{t('dev.start')}</button>
          <label className="button-like">{t('dev.import')} <input data-testid="dev-file" type="file" accept=".geojson,.json,application/geo+json,application/json" hidden onChange={(e) => void readFile(e.target.files?.[0])} /></label>
        </div>
      ) : (
        <>
          <p className="small warn" data-testid="dev-hint">{t('dev.hint', { n: draft.length })}</p>
          <div className="chips">
            <button data-testid="dev-undo-corner" onClick={undoCorner} disabled={draft.length === 0}>{t('dev.undoCorner')}</button>
            <button data-testid="dev-cancel" onClick={cancel}>{t('dev.cancel')}</button>
          </div>
          {!hasShares && <p className="small warn">{t('dev.noShares')}</p>}
          <div className="chips small">
            <label>{t('dev.name')} <input data-testid="dev-name" value={name} onChange={(e) => setName(e.target.value)} /></label>
            <label>{t('dev.dwellings')} <input className="num" data-testid="dev-dwellings" type="number" min={0} value={dwellings} onChange={(e) => setDwellings(e.target.value)} /></label>
            <label>{t('dev.population')} <input className="num" data-testid="dev-population" type="number" min={0} value={population} placeholder={t('dev.population.placeholder', { ppd: PERSONS_PER_DWELLING })} onChange={(e) => setPopulation(e.target.value)} /></label>
          </div>
          <p className="small">{t('dev.ppd', { source: PERSONS_PER_DWELLING_SOURCE })}</p>
          <button data-testid="dev-check" disabled={draft.length < 3 || !valid} onClick={() => void check({ name: name.trim(), population: pop, dwellings: pop === null ? dw : null })}>{t('dev.check')}</button>
        </>
      )}
      {fileProblem && <p className="warn small" role="alert" data-testid="dev-file-problem">{fileProblem}</p>}
      {impact && (
        <div data-testid="dev-impact">
          <p className="small">{t('dev.summary', { population: num(impact.population), unit: impact.unit?.name ?? t('dev.noUnit'), kg: num(impact.children.kindergarten, 1), primary: num(impact.children.primary, 1) })}</p>
          <table className="coverage-table">
            <thead><tr><th>{t('land.year')}</th><th>{t('land.level')}</th><th className="num">{t('dev.addedPlaces')}</th><th className="num">{t('dev.addedClasses')}</th><th className="num">{t('dev.addedLand')}</th><th className="num">{t('dev.gapAfter')}</th></tr></thead>
            <tbody>
              {Object.entries(impact.years).flatMap(([year, levels]) => LAND_LEVELS.map((l) => (
                <tr key={`${year}-${l}`}>
                  <td>{year}</td>
                  <td>{t(`land.level.${l}` as MessageKey)}</td>
                  <td className="num">{num(levels[l].added_places, 1)}</td>
                  <td className="num">{num(levels[l].added_classes)}</td>
                  <td className="num">{num(levels[l].added_land_m2)}</td>
                  <td className="num">{num(levels[l].after.gap_places, 1)}</td>
                </tr>
              )))}
            </tbody>
          </table>
          <p className="small">{t('dev.explain')}</p>
          <button data-testid="dev-accept" onClick={() => void accept()}>{t('dev.accept')}</button>
        </div>
      )}
    </div>
  );
}

/** The settings a planner most often changes, over the target file's defaults; saved with the other settings. */
function LandSettingsForm({ land }: { land: LandAllocation }) {
  const t = useT();
  const saved = useAppStore((s) => s.landSettings);
  const setSettings = useAppStore((s) => s.setLandSettings);
  const targets = useAppStore((s) => currentTargets(s).land_allocation);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const fields: { key: string; path: [string, string?]; value: number | null }[] = [
    { key: 'kgEnrolment', path: ['enrolment', 'kindergarten'], value: targets.enrolment.kindergarten },
    { key: 'childcarePer1000', path: ['enrolment', 'childcare_per_1000_residents'], value: targets.enrolment.childcare_per_1000_residents },
    { key: 'birthRate', path: ['birth_rate_per_1000'], value: targets.birth_rate_per_1000 },
    { key: 'kgClass', path: ['class_size', 'kindergarten'], value: targets.class_size.kindergarten },
    { key: 'primaryClass', path: ['class_size', 'primary'], value: targets.class_size.primary },
    { key: 'middleClass', path: ['class_size', 'middle'], value: targets.class_size.middle },
    { key: 'kgLand', path: ['land', 'kindergarten'], value: targets.land.kindergarten.m2_per_class },
    { key: 'primaryLand', path: ['land', 'primary'], value: targets.land.primary.m2_per_pupil },
    { key: 'middleLand', path: ['land', 'middle'], value: targets.land.middle.m2_per_pupil },
  ];
  const apply = () => {
    const next: Record<string, unknown> = structuredClone(saved);
    for (const f of fields) {
      const raw = draft[f.key];
      if (raw === undefined) continue;
      const v = raw.trim() === '' ? null : Number(raw);
      if (v !== null && !(Number.isFinite(v) && v > 0)) continue;
      const [a, b] = f.path;
      if (a === 'land') {
        const per = b === 'kindergarten' ? 'm2_per_class' : 'm2_per_pupil';
        next.land = { ...(next.land as object), [b!]: { ...((next.land as Record<string, object> | undefined)?.[b!] ?? {}), [per]: v, ...(v !== null ? { source: t('land.settings.ownSource') } : {}) } };
      } else if (b) {
        if (v !== null) next[a] = { ...(next[a] as object), [b]: v };
      } else if (v !== null) next[a] = v;
    }
    setSettings(next);
    setDraft({});
  };
  return (
    <details className="land-settings" data-testid="land-settings">
      <summary>{t('land.settings')}</summary>
      <div className="settings-grid small">
        <label>{t('land.settings.method')} <select data-testid="land-method" value={targets.method} onChange={(e) => setSettings({ ...saved, method: e.target.value })}>
          <option value="enrolment">{t('land.settings.method.enrolment')}</option>
          <option value="per_1000_residents">{t('land.settings.method.per1000', { n: targets.places_per_1000_residents.kindergarten ?? '—' })}</option>
        </select></label>
        {fields.map((f) => (
          <label key={f.key}>{t(`land.settings.${f.key}` as MessageKey)} <input className="num" data-testid={`land-setting-${f.key}`} type="number" min={0} step="any" value={draft[f.key] ?? (f.value === null ? '' : String(f.value))} placeholder="—" onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} /></label>
        ))}
      </div>
      <div className="chips">
        <button data-testid="land-settings-apply" onClick={apply}>{t('land.settings.apply')}</button>
        <button onClick={() => setSettings({})} disabled={Object.keys(saved).length === 0}>{t('land.settings.reset')}</button>
      </div>
      <ul className="small notes">
        {Object.entries(land.settings.land).map(([l, f]) => <li key={l}>{t(`land.level.${l}` as MessageKey)}：{f.source}</li>)}
        {Object.entries(DEFAULT_TARGETS.land_allocation.sources).map(([k, v]) => <li key={k}>{v}</li>)}
      </ul>
    </details>
  );
}
