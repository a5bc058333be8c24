/**
 * Issue 16: places, classes and land per unit, projected forward, against reserved land. Hand-made
 * units with answers worked out on paper; the district gap against an independent sum over homes.
 */
import { area } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { computeAccess } from '../../src/core/access';
import { prepareHomes } from '../../src/core/homes';
import { addDevelopment, developmentFromGeoJson, developmentImpact, landAllocationOf } from '../../src/core/landAllocation/development';
import { landAllocation } from '../../src/core/landAllocation/landAllocation';
import { projectChildren } from '../../src/core/landAllocation/projection';
import { buildReport } from '../../src/core/report/report';
import { DEFAULT_TARGETS, parseTargets, type LandAllocationSettings } from '../../src/core/targets';
import type { ContractFeature, Dataset } from '../../src/core/types';
import { at, dataset, point, seeded } from './fixtures';

const square = (id: string, x0: number, y0: number, size: number, properties: Record<string, unknown> = {}): ContractFeature => ({
  type: 'Feature', id, properties: { id, ...properties },
  geometry: { type: 'Polygon', coordinates: [[at(x0, y0), at(x0 + size, y0), at(x0 + size, y0 + size), at(x0, y0 + size), at(x0, y0)]] },
});
const home = (id: string, xy: [number, number], population: number, bands: Record<string, number>) => point(id, xy, { population, ...bands });
const settings = (over: Partial<LandAllocationSettings> = {}): LandAllocationSettings => ({ ...DEFAULT_TARGETS.land_allocation, ...over });
const run = (d: Dataset, s = settings()) => landAllocationOf(d, s);
const withYear = (d: Dataset, year: number | null, birthRatePer1000?: number): Dataset => ({ ...d, meta: { ...d.meta, year, ...(birthRatePer1000 !== undefined ? { birthRatePer1000 } : {}) } });

describe('projecting children forward', () => {
  const now = { children_0_2: 300, children_3_5: 600, children_6_11: 1200, children_12_14: 300 };
  it('keeps today for year 0', () => expect(projectChildren(now, 50, 0)).toEqual(now));
  it('moves single years of age forward, births entering at age 0 (worked by hand)', () => {
    // By age today: 0–2 → 100 each, 3–5 → 200, 6–11 → 200, 12–14 → 100.
    // One year on: 0–2 = 50 born + ages 0,1 (200); 3–5 = ages 2,3,4 (100+200+200); 6–11 = ages 5–10 (6×200); 12–14 = ages 11,12,13 (200+100+100).
    expect(projectChildren(now, 50, 1)).toEqual({ children_0_2: 250, children_3_5: 500, children_6_11: 1200, children_12_14: 400 });
    // Three years on: 0–2 all born since (3×50); 3–5 = today's 0–2; 6–11 = ages 3–8 (6×200); 12–14 = ages 9–11 (3×200).
    expect(projectChildren(now, 50, 3)).toEqual({ children_0_2: 150, children_3_5: 300, children_6_11: 1200, children_12_14: 600 });
  });
  it('after 15 years every child is born since', () => {
    expect(projectChildren(now, 10, 15)).toEqual({ children_0_2: 30, children_3_5: 30, children_6_11: 60, children_12_14: 30 });
  });
});

describe('land allocation on hand-made units', () => {
  // Two communities 1 km square side by side; homes, kindergartens and reserved parcels in each.
  const communities = [square('A', 0, 0, 1000, { name: '甲社区', kind: 'urban' }), square('B', 1000, 0, 1000, { name: '乙社区', kind: 'urban' })];
  const base = dataset({
    communities,
    residential: [
      home('h1', [200, 200], 1000, { children_0_2: 20, children_3_5: 60, children_6_11: 90, children_12_14: 45 }),
      home('h2', [600, 600], 1000, { children_0_2: 10, children_3_5: 40, children_6_11: 90, children_12_14: 45 }),
      home('h3', [1500, 500], 2000, { children_0_2: 30, children_3_5: 30, children_6_11: 10, children_12_14: 5 }),
    ],
    kindergartens: [point('k1', [300, 300], { name: 'k1', capacity: 30 }), point('k2', [1500, 300], { name: 'k2', capacity: 90 })],
    childcare: [point('cc1', [300, 700], { name: 'cc1', capacity: 5 })],
    schools: [point('s1', [500, 500], { name: 's1', level: 'nine_year', capacity: 180 }), point('s2', [1600, 600], { name: 's2', level: 'primary', capacity: 45 })],
    // 30 m × 40 m in A (holds 2 classes of 450 m²), 60 m × 60 m in B.
    candidates: [
      { type: 'Feature', id: 'p1', properties: { id: 'p1', name: '预留1' }, geometry: { type: 'Polygon', coordinates: [[at(100, 800), at(130, 800), at(130, 840), at(100, 840), at(100, 800)]] } },
      { type: 'Feature', id: 'p2', properties: { id: 'p2', name: '预留2' }, geometry: { type: 'Polygon', coordinates: [[at(1100, 800), at(1160, 800), at(1160, 860), at(1100, 860), at(1100, 800)]] } },
      point('p3', [1200, 200], { name: '只有位置' }),
    ],
  });
  const d = withYear(base, 2025);
  const land = run(d);
  const A = land.units.find((u) => u.id === 'A')!;
  const B = land.units.find((u) => u.id === 'B')!;
  const areaP1 = area(d.layers.candidates!.features[0]! as never);
  const areaP2 = area(d.layers.candidates!.features[1]! as never);

  it('sizes each level: gap, classes rounded up, land against reserved land', () => {
    const kgA = A.years['2025']!.kindergarten;
    // Children 3–5 in A: 100 → 95 places needed; 30 there → gap 65 → 3 classes of 30 → 3 × 450 m².
    expect(kgA).toMatchObject({ children: 100, required_places: 95, places: 30, gap_places: 65, classes_needed: 3, land_needed_m2: 1350 });
    expect(kgA.reserved_land_m2).toBeCloseTo(areaP1, 1);
    expect(kgA.land_short_m2).toBeCloseTo(1350 - areaP1, 1);
    // B: 30 children → 28.5 needed, 90 places: no gap, no classes, no land.
    expect(B.years['2025']!.kindergarten).toMatchObject({ required_places: 28.5, places: 90, gap_places: 0, classes_needed: 0, land_needed_m2: 0, land_short_m2: 0 });
    // Childcare: residents ÷ 1,000 × 4.5: A 2,000 residents → 9 places, 5 there → 4 short → 1 class of 15; no land figure.
    expect(A.years['2025']!.childcare).toMatchObject({ children: 30, required_places: 9, places: 5, gap_places: 4, classes_needed: 1, land_needed_m2: null, land_short_m2: null });
    expect(A.years['2025']!.childcare.reason).toContain('no land figure for childcare');
    // Primary: a nine-year school's 180 places count 120 primary, 60 middle. A: 180 children → gap 60 → 2 classes of 45.
    expect(A.years['2025']!.primary).toMatchObject({ children: 180, places: 120, gap_places: 60, classes_needed: 2 });
    expect(A.years['2025']!.middle).toMatchObject({ children: 90, places: 60, gap_places: 30, classes_needed: 1 });
    expect(B.years['2025']!.primary).toMatchObject({ children: 10, places: 45, gap_places: 0, classes_needed: 0 });
  });

  it('pools the district: its gap is not the sum of the units', () => {
    const kg = land.district['2025']!.kindergarten;
    expect(kg).toMatchObject({ children: 130, required_places: 123.5, places: 120, gap_places: 3.5, classes_needed: 1, land_needed_m2: 450 });
    expect(kg.reserved_land_m2).toBeCloseTo(areaP1 + areaP2, 1);
  });

  it('names the parcels that fit and the ones whose size is unknown', () => {
    const p1 = land.parcels.find((p) => p.id === 'p1')!;
    expect(p1.unit).toBe('A');
    expect(p1.fits.kindergarten).toBe(Math.floor(areaP1 / 450));
    expect(p1.fits.primary).toBeNull();
    expect(land.parcels.find((p) => p.id === 'p2')!.fits.kindergarten).toBe(Math.floor(areaP2 / 450));
    expect(land.parcels.find((p) => p.id === 'p3')).toMatchObject({ unit: 'B', area_m2: null });
    expect(land.notes.map((n) => n.en).join(' ')).toContain('1 reserved sites are points');
  });

  it('sizes school land once a provincial figure is given, per pupil or per class', () => {
    const s = parseTargets({ land_allocation: { land: { primary: { m2_per_pupil: 20 }, middle: { m2_per_class: 1100 } } } });
    if (!s.ok) throw new Error(s.errors.join('; '));
    const l = run(d, s.targets.land_allocation);
    const a = l.units.find((u) => u.id === 'A')!.years['2025']!;
    // 2 classes × 45 pupils × 20 m²; 1 middle class × 1,100 m².
    expect(a.primary.land_needed_m2).toBe(1800);
    expect(a.middle.land_needed_m2).toBe(1100);
    // All levels together against A's one reserved parcel.
    expect(l.units.find((u) => u.id === 'A')!.total['2025']!.land_needed_m2).toBe(1350 + 1800 + 1100);
    expect(l.parcels.find((p) => p.id === 'p2')!.fits.primary).toBe(Math.floor(areaP2 / 900));
  });

  it('refuses a target file that gives both land figures or a negative one', () => {
    const both = parseTargets({ land_allocation: { land: { primary: { m2_per_pupil: 20, m2_per_class: 900 } } } });
    expect(both.ok).toBe(false);
    const negative = parseTargets({ land_allocation: { class_size: { kindergarten: -3 } } });
    expect(!negative.ok && negative.errors[0]).toContain('land_allocation.class_size.kindergarten');
  });

  it('projects to 2030 with births from the dataset rate over the targets default', () => {
    const l = run(withYear(base, 2025, 10));
    expect(l.settings).toMatchObject({ birth_rate_per_1000: 10, birth_rate_from: 'dataset' });
    expect(l.years).toEqual([2025, 2030]);
    // A in 2030, 5 years on: the 3- and 4-year-olds are born since (20 a year), the 5-year-olds are today's age 0 (30 aged 0–2 / 3).
    const births = (2000 * 10) / 1000;
    expect(l.units.find((u) => u.id === 'A')!.years['2030']!.kindergarten.children).toBeCloseTo(births * 2 + 30 / 3, 6);
  });

  it('uses places per 1,000 residents when that method is chosen', () => {
    const l = run(d, settings({ method: 'per_1000_residents' }));
    // A: 2,000 residents × 28 / 1,000 = 56 places; 30 there → 26 short → 1 class.
    expect(l.units.find((u) => u.id === 'A')!.years['2025']!.kindergarten).toMatchObject({ required_places: 56, gap_places: 26, classes_needed: 1 });
  });

  it('takes the planning units layer over the communities when there is one', () => {
    const units = withYear({ ...d, layers: { ...d.layers, planning_units: { type: 'FeatureCollection', features: [square('u1', 0, 0, 2000, { name: '十五分钟生活圈', level: '15min' })] } } }, 2025);
    const l = run(units);
    expect(l.unit_layer).toBe('planning_units');
    expect(l.units).toHaveLength(1);
    expect(l.units[0]!.level).toBe('15min');
    expect(l.units[0]!.years['2025']!.kindergarten).toMatchObject({ children: 130, places: 120 });
  });

  it('says when the dataset has no year and which year stood in', () => {
    const l = run(withYear(base, null));
    expect(l).toMatchObject({ base_year: 2025, base_year_assumed: true });
    expect(l.notes.map((n) => n.en).join(' ')).toContain('no year');
  });

  it('checks a development before approval, and removes nothing when it is undone', () => {
    const shares = { children_0_2: 0.02, children_3_5: 0.03, children_6_11: 0.06, children_12_14: 0.03 };
    const withShares = { ...d, meta: { ...d.meta, ageShares: shares } };
    const dev = { name: '新楼盘', polygon: square('x', 300, 300, 100).geometry as never, population: null, dwellings: 1000 };
    const impact = developmentImpact(withShares, dev, settings());
    // 1,000 dwellings × 2.62 = 2,620 residents → 78.6 children 3–5 → 74.67 places; A's gap 65 → 139.67: 5 classes (was 3).
    expect(impact.population).toBe(2620);
    expect(impact.unit).toEqual({ id: 'A', name: '甲社区' });
    expect(impact.children.kindergarten).toBeCloseTo(78.6, 6);
    const kg = impact.years['2025']!.kindergarten;
    expect(kg.added_places).toBeCloseTo(74.7, 1);
    expect(kg.added_classes).toBe(2);
    expect(kg.added_land_m2).toBe(900);
    const after = addDevelopment(withShares, dev);
    expect(after.layers.residential!.features).toHaveLength(4);
    expect(withShares.layers.residential!.features).toHaveLength(3);
  });
});

describe('the district kindergarten gap equals an independent sum over homes', () => {
  it('on a seeded city with hundreds of homes', () => {
    const rand = seeded(16);
    const homes = Array.from({ length: 400 }, (_, i) => home(`h${i}`, [rand() * 3000, rand() * 3000], Math.round(50 + rand() * 300), rand() < 0.5 ? { children_3_5: Math.round(rand() * 20) } : {}));
    const kgs = Array.from({ length: 12 }, (_, i) => point(`k${i}`, [rand() * 3000, rand() * 3000], { name: `k${i}`, ...(i % 4 ? { capacity: Math.round(rand() * 200) } : {}) }));
    const d = withYear(dataset({ residential: homes, kindergartens: kgs }, { children_3_5: 0.025 }), 2024);
    const land = run(d);
    let children = 0;
    for (const h of homes) children += typeof h.properties.children_3_5 === 'number' ? h.properties.children_3_5 : (h.properties.population as number) * 0.025;
    const places = kgs.reduce((s, k) => s + (typeof k.properties.capacity === 'number' ? k.properties.capacity : 0), 0);
    const gap = Math.max(0, children * 0.95 - places);
    const row = land.district['2024']!.kindergarten;
    expect(row.gap_places).toBeCloseTo(gap, 1);
    expect(row.classes_needed).toBe(Math.ceil(gap / 30));
    expect(row.reason).toContain('3 facilities without capacity');
    // A level with no facility at all says so, rather than a silent 0.
    const schools = run(withYear(dataset({ residential: homes, schools: [point('s1', [0, 0], { name: 's1', level: 'middle', capacity: 50 })] }, { children_6_11: 0.05 }), 2024));
    expect(schools.district['2024']!.primary.reason).toContain('no primary school in the schools layer');
    expect(schools.district['2024']!.middle.reason).not.toContain('no middle school');
    expect(land.unit_layer).toBeNull();
    expect(land.years).toEqual([2024, 2025, 2030]);
  });
});

describe('in the report', () => {
  it('is always there, with the indicator of units short of land', () => {
    const d = withYear(dataset({ residential: [home('h1', [0, 0], 100, {})], communities: [square('A', -500, -500, 1000, { name: 'A', kind: 'urban' })] }), 2025);
    const access = computeAccess(d, {});
    const report = buildReport({ dataset: d, validation: { crsIn: 'EPSG:4326', usable: true, dataset: [], layers: {} }, targets: DEFAULT_TARGETS, access });
    expect(report.land_allocation.units).toHaveLength(1);
    // No child today, but 0.7 births a year (100 residents × 7 ‰) make 1.4 children 3–5 by 2030: one class, no land reserved.
    expect(report.land_allocation.units[0]!.years['2030']!.kindergarten).toMatchObject({ children: 1.4, classes_needed: 1, land_needed_m2: 450, land_short_m2: 450 });
    expect(report.indicators.find((i) => i.id === 'land.units_short_of_land')).toMatchObject({ value: 1, status: 'not_met' });
    // The same section as the land allocation computed on its own.
    expect(report.land_allocation.district).toEqual(landAllocation({ dataset: d, homes: prepareHomes(d), settings: DEFAULT_TARGETS.land_allocation, homeCommunity: Int32Array.of(0) }).district);
  });
});

describe('a development read from a file', () => {
  const ring = [[124.35, 43.17], [124.351, 43.17], [124.351, 43.171], [124.35, 43.171], [124.35, 43.17]];
  it('takes the first polygon, its name and homes (Chinese field names too), and drops the closing corner', () => {
    const file = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } }, { type: 'Feature', properties: { 项目名称: '<b>新城</b>', 户数: '1200' }, geometry: { type: 'Polygon', coordinates: [ring] } }] });
    expect(developmentFromGeoJson(file)).toEqual({ ok: true, corners: ring.slice(0, 4), name: '<b>新城</b>', population: null, dwellings: 1200 });
  });
  it('takes the largest part of a multipolygon', () => {
    const small = [[0, 0], [0.001, 0], [0, 0.001], [0, 0]];
    const r = developmentFromGeoJson(JSON.stringify({ type: 'Feature', properties: { population: 3000 }, geometry: { type: 'MultiPolygon', coordinates: [[small], [ring]] } }));
    expect(r.ok && r.corners).toHaveLength(4);
    expect(r.ok && r.population).toBe(3000);
  });
  it('says why it cannot use a file', () => {
    expect(developmentFromGeoJson('{"type":')).toMatchObject({ ok: false, reason: expect.stringContaining('not JSON') });
    expect(developmentFromGeoJson(JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } }))).toMatchObject({ ok: false, reason: 'no Polygon or MultiPolygon feature in the file' });
    expect(developmentFromGeoJson(JSON.stringify({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[500000, 4780000], [500100, 4780000], [500100, 4780100], [500000, 4780000]]] } }))).toMatchObject({ ok: false, reason: expect.stringContaining('WGS84') });
  });
});
