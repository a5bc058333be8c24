/** What the routes view draws, from the Tiexi sample's routes. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { computeAccess } from '../../src/core/access';
import { loadDataset } from '../../src/core/loadDataset';
import { schoolRoutesInput } from '../../src/core/report/report';
import { schoolRoutes } from '../../src/core/routes/schoolRoutes';
import { DEFAULT_TARGETS } from '../../src/core/targets';
import { routeFeatures, pathDraftFeatures } from '../../src/map/routeSources';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';
import { drowningHazards } from '../../src/core/drowningHazards';

const REPO = join(import.meta.dirname, '..', '..');
const { dataset } = loadDataset(readDatasetFolder(join(REPO, 'data', 'tiexi')).files, { fallbackName: 'tiexi' });
const access = computeAccess(dataset, { offNetworkMetres: DEFAULT_TARGETS.off_network_m });
const drowning = drowningHazards(dataset, { bands_m: DEFAULT_TARGETS.drowning.bands_m as [number, number, number] });
const { input } = schoolRoutesInput(dataset, access, access.context, DEFAULT_TARGETS, drowning);

describe('what the routes view draws', () => {
  const routes = schoolRoutes(input!);
  it('streets and crossings for schoolchildren, or for kindergarten children', () => {
    const school = routeFeatures(routes, 'school', routes.crossings[0]!.id);
    const segments = school.features.filter((f) => f.properties!.role === 'segment');
    expect(segments.length).toBe(routes.segments.filter((s) => s.children > 0).length);
    const first = school.features.find((f) => f.properties!.id === routes.crossings[0]!.id)!;
    expect(first.properties).toMatchObject({ role: 'crossing', selected: true, protected: routes.crossings[0]!.protected });
    const kg = routeFeatures(routes, 'kindergarten', null);
    expect(kg.features.filter((f) => f.properties!.role === 'segment').length).toBe(routes.segments.filter((s) => s.children_3_5 > 0).length);
    expect(routeFeatures(null, 'school', null).features).toHaveLength(0);
  });
  it('a path being drawn: its points, and a line from two', () => {
    expect(pathDraftFeatures(null).features).toHaveLength(0);
    expect(pathDraftFeatures([[1, 2]]).features).toHaveLength(1);
    expect(pathDraftFeatures([[1, 2], [3, 4]]).features.map((f) => f.geometry.type)).toEqual(['Point', 'Point', 'LineString']);
  });
});
