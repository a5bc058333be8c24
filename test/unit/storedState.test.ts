/** Issue 12, cases 1 and 4 in the pure parts: what is read back is checked; imports never empty a layer. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineImport } from '../../src/core/import/mergeImport';
import { loadDataset } from '../../src/core/loadDataset';
import { checkEdits, checkSavedDataset, checkScenarios, checkSettings, checkYears } from '../../src/store/storedState';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';

const sample = loadDataset(readDatasetFolder(join(import.meta.dirname, '..', '..', 'data', 'tiexi')).files, { fallbackName: 'tiexi' });

describe('stored settings', () => {
  it('keeps what is valid and names what is not', () => {
    const dropped: string[] = [];
    const s = checkSettings({ lang: 'xx', basemapUrl: 'javascript:alert(1)', hiddenLayers: ['schools'], radii: { kindergarten: -5 }, coverageDistance: 'euclidean', drowningBands: [50, 20, 10] }, dropped);
    expect(s).toEqual({ hiddenLayers: ['schools'], coverageDistance: 'euclidean' });
    expect(dropped).toEqual(['settings.lang', 'settings.basemapUrl', 'settings.radii', 'settings.drowningBands']);
  });
  it('route settings are checked as a target file would be', () => {
    const dropped: string[] = [];
    expect(checkSettings({ routeSettings: { protection_radius_m: 40, walking_speed_m_per_min: { primary: 55 } } }, dropped).routeSettings).toEqual({ protection_radius_m: 40, walking_speed_m_per_min: { primary: 55 } });
    expect(dropped).toEqual([]);
    expect(checkSettings({ routeSettings: { protection_radius_m: -3 } }, dropped).routeSettings).toBeUndefined();
    expect(dropped).toEqual(['settings.routeSettings']);
  });

  it('a settings value that is not an object is dropped whole; nothing saved is nothing dropped', () => {
    const dropped: string[] = [];
    expect(checkSettings('garbage', dropped)).toEqual({});
    expect(checkSettings(undefined, dropped)).toEqual({});
    expect(dropped).toEqual(['settings']);
  });
});

describe('stored dataset, edits and scenarios', () => {
  const saved = { dataset: sample.dataset, report: sample.report, source: 'sample' };
  it('a valid saved dataset comes back as it was', () => {
    const dropped: string[] = [];
    expect(checkSavedDataset(structuredClone(saved), dropped)?.dataset.layers.schools?.features.length).toBe(sample.dataset.layers.schools!.features.length);
    expect(dropped).toEqual([]);
  });
  it.each([
    ['not a dataset', 'hello'],
    ['layers not an object', { dataset: { meta: sample.dataset.meta, layers: [] }, report: sample.report }],
    ['an unknown layer', { dataset: { meta: sample.dataset.meta, layers: { evil: { type: 'FeatureCollection', features: [] } } }, report: sample.report }],
    ['no meta', { dataset: { layers: sample.dataset.layers }, report: sample.report }],
  ])('%s is dropped', (_, raw) => {
    const dropped: string[] = [];
    expect(checkSavedDataset(raw, dropped)).toBeUndefined();
    expect(dropped).toEqual(['dataset']);
  });
  it('broken features are dropped and counted; a broken report is replaced, the data kept', () => {
    const copy = structuredClone(saved) as { dataset: typeof sample.dataset; report: unknown };
    (copy.dataset.layers.schools!.features as unknown[]).push({ type: 'Feature', id: 'x', properties: null, geometry: null }, 42);
    copy.report = 'nope';
    const dropped: string[] = [];
    const back = checkSavedDataset(copy, dropped)!;
    expect(back.dataset.layers.schools!.features.length).toBe(sample.dataset.layers.schools!.features.length);
    expect(dropped).toEqual(['dataset: 2 features', 'dataset.report']);
  });
  it('edits and scenarios that are not what they should be are dropped alone', () => {
    const dropped: string[] = [];
    expect(checkEdits({ edits: { w1: { fenced: true, nonsense: true } }, history: [] }, dropped)).toBeUndefined();
    expect(checkEdits({ edits: { w1: { fenced: true } }, history: 'x' }, dropped)).toEqual({ edits: { w1: { fenced: true } }, history: [] });
    expect(checkScenarios({ length: 3 }, dropped)).toBeUndefined();
    const good = { name: 'a', sites: ['c1'], before: [], previous: { dataset: sample.dataset, report: sample.report } };
    expect(checkScenarios([good, { name: 'b' }], dropped)).toEqual([good]);
    expect(dropped).toEqual(['edits', 'edits.history', 'scenarios', 'scenarios[2]']);
  });
});

describe('stored monitoring years', () => {
  it('keeps the readable years with their steps and fixes, and names the ones left out', () => {
    const good = { id: 'y2021', label: '2021', year: 2021, dataset: sample.dataset, report: sample.report, waterEdits: { w1: { fenced: true } }, accepted: [] };
    const dropped: string[] = [];
    const years = checkYears(structuredClone([good, { id: 'bad', label: 'x', year: 'soon', dataset: sample.dataset }, 'junk', { ...good, id: 'y2', waterEdits: { w1: { fenced: 'maybe' } } }]), dropped);
    expect(years.map((y) => y.id)).toEqual(['y2021', 'y2']);
    expect(years[0]!.waterEdits).toEqual({ w1: { fenced: true } });
    expect(years[1]!.waterEdits).toBeUndefined();
    expect(dropped).toEqual(['years[2]', 'years[3]', 'years[4].waterEdits']);
    expect(checkYears(undefined, dropped)).toEqual([]);
    expect(checkYears({ not: 'a list' }, dropped)).toEqual([]);
    expect(dropped.at(-1)).toBe('years');
  });
});

describe('combineImport (case 1)', () => {
  const incoming = (schools: number) => {
    const features = sample.dataset.layers.schools!.features.slice(0, schools);
    return {
      dataset: { meta: { ...sample.dataset.meta, name: 'new' }, layers: { schools: { type: 'FeatureCollection' as const, features } } },
      report: { crsIn: 'EPSG:4326', usable: true, dataset: [], layers: { schools: { file: 'schools.csv', features: schools, rejected: 24 - schools, failed: false, issues: [{ severity: 'error' as const, code: 'not_a_number' as const, layer: 'schools' as const, params: {} }] } } },
    };
  };
  const before = sample.dataset.layers.schools!.features.length;
  it('merge: a layer whose features were all rejected keeps the loaded one, and says so', () => {
    const { dataset, report, changes } = combineImport(sample.dataset, sample.report, incoming(0), 'merge', false);
    expect(dataset.layers.schools!.features.length).toBe(before);
    expect(report.layers.schools).toEqual(sample.report.layers.schools);
    expect(report.dataset.some((i) => i.code === 'not_a_number')).toBe(true);
    expect(changes).toEqual([{ layer: 'schools', before, after: before, kept: true }]);
    expect(dataset.layers.residential).toBe(sample.dataset.layers.residential);
  });
  it('merge: a shrinking layer replaces the old one and is listed', () => {
    const { dataset, changes } = combineImport(sample.dataset, sample.report, incoming(3), 'merge', false);
    expect(dataset.layers.schools!.features.length).toBe(3);
    expect(changes).toEqual([{ layer: 'schools', before, after: 3, kept: false }]);
    expect(dataset.meta.name).toBe(sample.dataset.meta.name);
  });
  it('replace: an empty layer is not loaded; the change is listed', () => {
    const { dataset, changes } = combineImport(sample.dataset, sample.report, { ...incoming(0), dataset: { ...incoming(0).dataset, layers: { ...incoming(0).dataset.layers, residential: sample.dataset.layers.residential } } }, 'replace', true);
    expect(dataset.layers.schools).toBeUndefined();
    expect(Object.keys(dataset.layers)).toEqual(['residential']);
    expect(changes).toContainEqual({ layer: 'schools', before, after: 0, kept: false });
  });
});
