/**
 * The settings of an OpenStreetMap import, apart from the importer so the app's main thread can show
 * and keep them without loading the OSM parsers (those run in the worker).
 */
import type { AgeBand } from '../layers';

export interface OsmImportOptions {
  /** People per 100 m² of residential floor area (footprint × levels). */
  peoplePer100m2: number;
  /** Levels assumed for a block (apartments, residential, or an untyped building of a block's size) without `building:levels`. */
  defaultLevels: number;
  /** Levels assumed for a house (house, detached, terrace, bungalow …, or an untyped building smaller than `houseMaxFootprint`). */
  houseLevels: number;
  /** An untyped building (`building=yes`) outside residential land with a smaller footprint (m²) is taken for a house. */
  houseMaxFootprint: number;
  /** Trunk roads are walked along in towns (pavements); false treats them like motorways. `motorroad=yes`, `foot=no` or `sidewalk=no` always exclude. */
  trunkWalkable: boolean;
  /** People per hectare of residential land that has no residential building mapped on it. */
  peoplePerHectare: number;
  /** Written to dataset.json so child counts can be estimated; a district should put its census shares here. */
  ageShares?: Partial<Record<AgeBand, number>>;
}

/**
 * Defaults: about 33 m² of residential floor per person (3 per 100 m², China's urban average is
 * 30–40 m²), six storeys for a block (the walk-up block typical of a district like Tiexi), two for a
 * house (a village house, a terrace), 200 m² as the largest footprint an untyped building can have
 * and still be taken for a house, and 150 people per hectare of residential land. All are settings
 * because they are guesses about a place.
 */
export const DEFAULT_OSM_OPTIONS: OsmImportOptions = {
  peoplePer100m2: 3,
  defaultLevels: 6,
  houseLevels: 2,
  houseMaxFootprint: 200,
  trunkWalkable: true,
  peoplePerHectare: 150,
  // Shares of the population by age band, as in the Tiexi sample (a low-fertility Jilin district).
  ageShares: { children_0_2: 0.018, children_3_5: 0.022, children_6_11: 0.048, children_12_14: 0.026, children_15_17: 0.025 },
};
