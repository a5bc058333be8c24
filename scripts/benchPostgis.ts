/**
 * The reference beside our own figures in `npm run bench`: the same synthetic city through
 * PostgreSQL + PostGIS + pgRouting (Debian's postgresql-15-postgis-3 and postgresql-15-pgrouting),
 * when they are installed. It answers one question, the nearest kindergarten of every home by
 * walking distance, the way a GIS analyst would write it in SQL:
 *
 * - roads split into segments and noded with pgr_createTopology, in UTM metres;
 * - each kindergarten joined to its nearest segment (KNN), entering the graph through a virtual node
 *   tied to both ends of that segment (connector + distance along it);
 * - one pgr_drivingDistance from a virtual source tied to every kindergarten: each node's cost is
 *   its walking distance to the nearest kindergarten;
 * - each home joined to its nearest segment (KNN, ≤ 500 m) and reading the cheaper end, or walking
 *   straight along the segment to a kindergarten joined to the same one.
 *
 * Loading is done first and not timed; the timed part is the query run as one psql process.
 * A throw-away cluster is made in a temporary folder (as the `postgres` user when run as root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { representativePoint } from '../src/core/representativePoint';
import type { Geometry, Position } from 'geojson';

export interface Postgis {
  version: string;
  /** Runs SQL (a string) in one psql process; returns stdout and the wall time in seconds. */
  sql(text: string): { out: string; seconds: number };
  stop(): void;
}

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  for (const version of readdirSync(root).sort().reverse()) {
    const bin = join(root, version, 'bin');
    const ext = `/usr/share/postgresql/${version}/extension`;
    if (existsSync(join(bin, 'initdb')) && existsSync(join(ext, 'postgis.control')) && existsSync(join(ext, 'pgrouting.control'))) return bin;
  }
  return null;
}

/** A running throw-away cluster with PostGIS and pgRouting, or null (with the reason on stderr). */
export function startPostgis(): Postgis | null {
  const bin = binDir();
  if (!bin) {
    process.stderr.write('PostGIS reference skipped: PostgreSQL with postgis and pgrouting is not installed (apt-get install postgresql-15-postgis-3 postgresql-15-pgrouting)\n');
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cfc-postgis-'));
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root: the cluster belongs to the postgres user then.
  const run = (cmd: string, args: string[]) => (asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' }));
  try {
    chmodSync(dir, 0o755);
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    run(join(bin, 'initdb'), ['-D', join(dir, 'db'), '-A', 'trust', '-U', 'postgres']);
    // Settings for a benchmark on a throw-away cluster: durability off, memory as a workstation would give.
    run(join(bin, 'pg_ctl'), ['-D', join(dir, 'db'), '-l', join(dir, 'log'), '-w', 'start', '-o', `-k ${dir} -c listen_addresses='' -c shared_buffers=1GB -c work_mem=256MB -c maintenance_work_mem=512MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_parallel_workers_per_gather=2`]);
  } catch (e) {
    process.stderr.write(`PostGIS reference skipped: the cluster did not start (${(e as Error).message.split('\n')[0]})\n`);
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  const sql = (text: string) => {
    const file = join(dir, `q${Date.now()}.sql`);
    writeFileSync(file, `\\set ON_ERROR_STOP on\n${text}`);
    chmodSync(file, 0o644);
    const t = performance.now();
    const r = spawnSync('psql', ['-h', dir, '-U', 'postgres', '-X', '-q', '-A', '-t', '-f', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = (performance.now() - t) / 1000;
    rmSync(file, { force: true });
    if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
    return { out: r.stdout, seconds };
  };
  sql('CREATE EXTENSION postgis; CREATE EXTENSION pgrouting;');
  const version = sql("SELECT 'PostgreSQL ' || current_setting('server_version') || ', PostGIS ' || postgis_lib_version() || ', pgRouting ' || pgr_version();").out.trim();
  return {
    version,
    sql,
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', join(dir, 'db'), '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const wkt = (coords: Position[]) => `LINESTRING(${coords.map((p) => `${p[0]} ${p[1]}`).join(',')})`;

function linesOf(g: Geometry | null): Position[][] {
  if (!g) return [];
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates;
  return [];
}

type Collection = { features: { id?: string | number; properties: Record<string, unknown> | null; geometry: Geometry | null }[] };
const readLayer = (folder: string, layer: string): Collection => JSON.parse(readFileSync(join(folder, `${layer}.geojson`), 'utf8')) as Collection;

/** Loads a city folder (untimed): walkable road segments noded into a graph, home and kindergarten points. */
export function loadCity(pg: Postgis, folder: string, utm: number): { seconds: number } {
  const dir = mkdtempSync(join(tmpdir(), 'cfc-postgis-load-'));
  chmodSync(dir, 0o755);
  try {
    const roads = readLayer(folder, 'roads').features.filter((f) => f.properties?.walkable !== false);
    writeFileSync(join(dir, 'roads.tsv'), roads.flatMap((f) => linesOf(f.geometry).map((l) => wkt(l))).join('\n') + '\n');
    const points = (layer: string) =>
      readLayer(folder, layer).features.map((f) => {
        const [lon, lat] = representativePoint(f.geometry!);
        return `${String(f.properties?.id ?? f.id)}\tPOINT(${lon} ${lat})`;
      }).join('\n') + '\n';
    writeFileSync(join(dir, 'homes.tsv'), points('residential'));
    writeFileSync(join(dir, 'kg.tsv'), points('kindergartens'));
    for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o644);
    const { seconds } = pg.sql(`
      DROP TABLE IF EXISTS road_in, edges, edges_vertices_pgr, homes, kg;
      CREATE TABLE road_in (wkt text);
      \\copy road_in FROM '${join(dir, 'roads.tsv')}'
      CREATE TABLE edges AS
        SELECT row_number() OVER () AS id, s.geom::geometry(LineString, ${utm}) AS geom
        FROM road_in, LATERAL ST_DumpSegments(ST_Transform(ST_GeomFromText(wkt, 4326), ${utm})) AS s;
      ALTER TABLE edges ADD COLUMN source bigint, ADD COLUMN target bigint, ADD COLUMN len float8;
      UPDATE edges SET len = ST_Length(geom);
      SELECT pgr_createTopology('edges', 0.01, 'geom', 'id', clean := true);
      CREATE INDEX ON edges USING gist (geom);
      CREATE TABLE homes (id text, wkt text);
      \\copy homes FROM '${join(dir, 'homes.tsv')}'
      ALTER TABLE homes ADD COLUMN geom geometry(Point, ${utm});
      UPDATE homes SET geom = ST_Transform(ST_GeomFromText(wkt, 4326), ${utm});
      CREATE TABLE kg (id text, wkt text);
      \\copy kg FROM '${join(dir, 'kg.tsv')}'
      ALTER TABLE kg ADD COLUMN geom geometry(Point, ${utm});
      UPDATE kg SET geom = ST_Transform(ST_GeomFromText(wkt, 4326), ${utm});
      VACUUM ANALYZE edges; VACUUM ANALYZE homes; VACUUM ANALYZE kg;
    `);
    return { seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The timed query: every home's walking distance to its nearest kindergarten (null beyond 500 m of a road or unreached). */
export function nearestKindergarten(pg: Postgis): { seconds: number; distances: Map<string, number | null> } {
  const { out, seconds } = pg.sql(`
    CREATE TEMP TABLE kg_snap AS
      SELECT k.id, e.id AS edge, e.source, e.target, e.len, ST_LineLocatePoint(e.geom, k.geom) * e.len AS along, e.d AS conn
      FROM kg k CROSS JOIN LATERAL (SELECT id, source, target, len, geom, ST_Distance(geom, k.geom) AS d FROM edges ORDER BY geom <-> k.geom LIMIT 1) e
      WHERE e.d <= 500;
    CREATE INDEX ON kg_snap (edge);
    CREATE TEMP TABLE base AS SELECT (SELECT coalesce(max(id), 0) + 1 FROM edges_vertices_pgr) AS v, (SELECT max(id) + 1 FROM edges) AS e;
    CREATE TEMP TABLE kg_n AS SELECT row_number() OVER () AS n, * FROM kg_snap;
    -- A virtual source (v), one virtual node per kindergarten (v + n) tied to its segment's two ends.
    CREATE TEMP TABLE graph AS
      SELECT id, source, target, len AS cost, len AS reverse_cost FROM edges
      UNION ALL SELECT b.e + 3 * n, b.v, b.v + n, 0, -1 FROM kg_n, base b
      UNION ALL SELECT b.e + 3 * n + 1, b.v + n, source, conn + along, -1 FROM kg_n, base b
      UNION ALL SELECT b.e + 3 * n + 2, b.v + n, target, conn + len - along, -1 FROM kg_n, base b;
    CREATE TEMP TABLE node_cost AS
      SELECT node, agg_cost FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM graph', (SELECT v FROM base), 1e9, true);
    CREATE INDEX ON node_cost (node);
    -- Through either end of the home's segment, or straight along it to a kindergarten on the same segment.
    SELECT h.id, LEAST(a.agg_cost + s.along, b.agg_cost + s.len - s.along, same.direct) + s.d
    FROM homes h
    CROSS JOIN LATERAL (SELECT id, source, target, len, ST_LineLocatePoint(geom, h.geom) * len AS along, ST_Distance(geom, h.geom) AS d FROM edges ORDER BY geom <-> h.geom LIMIT 1) s
    LEFT JOIN node_cost a ON a.node = s.source
    LEFT JOIN node_cost b ON b.node = s.target
    LEFT JOIN LATERAL (SELECT min(abs(s.along - k.along) + k.conn) AS direct FROM kg_snap k WHERE k.edge = s.id) same ON true
    WHERE s.d <= 500;
  `);
  const distances = new Map<string, number | null>();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const bar = line.lastIndexOf('|');
    const d = line.slice(bar + 1);
    distances.set(line.slice(0, bar), d === '' ? null : Number(d));
  }
  return { seconds, distances };
}
