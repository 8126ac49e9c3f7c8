import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createAnalyser, type ResolveData, resolversFrom } from '../src/app/analyse-document.js';
import { readDocument } from '../src/ingest/read-document.js';
import { buildServer } from '../src/serve/build-server.js';
import { CACHED_INCIDENTS } from '../src/serve/incident-cache.js';
import { encodeCursor } from '../src/serve/incident-query.js';
import { createPageThreads, defaultPageThreads } from '../src/serve/page-threads.js';
import { DEFAULT_SERVER_CONFIG, type ServerDeps } from '../src/serve/server-types.js';
import { openStore, SERVER_MAP_MB, type Store } from '../src/store/open-store.js';
import { type IncidentPosition, pageIncidentIds } from '../src/store/reviewed-incidents.js';
import { QUESTIONS } from './questions.js';

export interface RouteThroughput {
  route: string;
  requests_per_s: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  errors: number;
  /** The server's CPU time (user and system, every thread) per request answered: steadier than req/s on a shared machine. */
  cpu_us_per_request: number;
}

/** measureApi's routes, in its order: page, aggregate, walk on threads, walk on the main thread, grids on threads, grids in SQL, the table's walk. */
export type ApiRoutes = [
  RouteThroughput,
  RouteThroughput,
  RouteThroughput,
  RouteThroughput,
  RouteThroughput,
  RouteThroughput,
  RouteThroughput,
];

/** What `autocannon --json` reports that the bench keeps. */
interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const WALK = join(dirname(fileURLToPath(import.meta.url)), 'api-walk.ts');
/** Where the walk goes: pages of these provinces and kinds of event, each page once. */
const WALK_PROVINCES = ['Helmand', 'Kandahar', 'Nangarhar', 'Ghazni', 'Kunduz', 'Faryab', 'Kunar', 'Paktika'];
const WALK_TYPES = ['Battles', 'Explosions/Remote violence', 'Violence against civilians'];
const WALK_PAGES = 40;

/**
 * autocannon in a process of its own, as a real client is: run inside the server's process it
 * shared one event loop with the server, and each slowed the other.
 */
async function load(url: string, seconds: number): Promise<LoadResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [AUTOCANNON, '--json', '--connections', '10', '--duration', String(seconds), url],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as LoadResult;
}

/**
 * Incident page URLs that no reader has asked for: the pages of several provinces and kinds of
 * event, by date from a cursor, their cursors read from the store as the server would write them.
 */
async function walkPaths(store: Store): Promise<string[]> {
  const q = QUESTIONS;
  const paths: string[] = [];
  for (const province of WALK_PROVINCES) {
    for (const type of WALK_TYPES) {
      const filter = { from: q.from, to: q.to, place: { admin1: province }, eventType: type };
      let after: IncidentPosition | undefined;
      for (let i = 0; i < WALK_PAGES; i++) {
        const page = await pageIncidentIds(store.db, filter, { sort: 'date', order: 'asc', after, limit: q.pageSize });
        if (!page.next) break;
        after = page.next;
        const query = new URLSearchParams({ place: `${province} province`, type, from: q.from, to: q.to });
        paths.push(`/api/incidents?${query}&limit=${q.pageSize}&cursor=${encodeCursor('date', 'asc', after)}`);
      }
    }
  }
  return paths;
}

/**
 * The table's pages as the web page asks for them (web/src/main.ts: /api/incidents/points, 50 rows,
 * newest first, each page after the last row of the one before), for the walk's filters, each page
 * once: its cursors come from the server's own answers.
 */
async function tablePaths(base: string): Promise<string[]> {
  const q = QUESTIONS;
  const paths: string[] = [];
  for (const province of WALK_PROVINCES) {
    for (const type of WALK_TYPES) {
      const filter = { place: `${province} province`, type, from: q.from, to: q.to, limit: String(q.pageSize) };
      let after: Record<string, string> = {};
      for (let i = 0; i < WALK_PAGES; i++) {
        const path = `/api/incidents/points?${new URLSearchParams({ ...filter, ...after })}`;
        const page = (await (await fetch(`${base}${path}`)).json()) as { rows: [number, ...unknown[]][] };
        paths.push(path);
        const last = page.rows.at(-1);
        if (!last || page.rows.length < q.pageSize) break;
        after = { before_date: String(last[7]), before_id: String(last[0]) };
      }
    }
  }
  return paths;
}

/** Where the grid walk looks: views around these points (lon, lat), as a reader pans the map. */
const GRID_VIEWS = [
  [64.4, 31.6],
  [69.2, 34.5],
  [68.9, 36.7],
  [70.5, 34.4],
  [62.2, 34.3],
] as const;
const GRID_FILTERS = ['', '&type=Battles', '&from=2008-01-01&to=2012-12-31', '&place=Helmand%20province'];

/**
 * Map grids as the page asks for them while a reader zooms and pans: zooms 5 to 10 over several
 * views, each view padded to twice its size as the page pads it, with and without filters.
 */
function gridPaths(): string[] {
  const paths: string[] = [];
  for (let zoom = 5; zoom <= 10; zoom++) {
    // A view about 1,000 px wide at this zoom, padded by half its size on every side.
    const half = (360 / 2 ** zoom) * 4;
    for (const [lon, lat] of GRID_VIEWS) {
      const box = [lon - half, lat - half / 2, lon + half, lat + half / 2].map((v, n) =>
        Math.max(n % 2 ? -85 : -180, Math.min(n % 2 ? 85 : 180, v)).toFixed(5),
      );
      for (const filter of GRID_FILTERS) paths.push(`/api/incidents/grid?zoom=${zoom}&bbox=${box.join(',')}${filter}`);
    }
  }
  return paths;
}

/** Distinct incident pages, one after another, from a client in another process (bench/api-walk.ts). */
async function walk(base: string, paths: string[], seconds: number, label: string): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tally-walk-'));
  try {
    const file = join(dir, 'paths.json');
    writeFileSync(file, JSON.stringify({ base, paths }));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', WALK, file, String(seconds), label],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return JSON.parse(stdout) as LoadResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Threads writing incident pages, as `tally serve` starts by default. */
export const PAGE_THREADS = defaultPageThreads();

/**
 * Requests per second on loopback for an incident page and an aggregate, each asked again and again
 * (the server answers them from the bodies it keeps), and for a walk over incident pages nobody has
 * asked for (read, graded and written afresh) on PAGE_THREADS page threads, then the same walk
 * (other URLs) with the pages written on the main thread; and the same for map grids, on page
 * threads with their map index and in SQL on the main thread. Each for `seconds`, from a client in
 * another process (10 connections); last, a walk over the pages of the web page's table (the
 * compact rows of /api/incidents/points), each new, on page threads. `db` is the store's path,
 * which the page threads open. In that order: page, aggregate, walk on threads, walk on the main
 * thread, grids on threads, grids in SQL, the table's walk.
 */
export async function measureApi(
  store: Store,
  db: string,
  resolve: ResolveData,
  seconds: number,
): Promise<RouteThroughput[]> {
  const resolvers = resolversFrom(resolve);
  // The store as `tally serve` opens it (read through a memory map); `store` lists the walk's pages.
  const served = await openStore(db, { migrate: false, mapMb: SERVER_MAP_MB });
  const deps: ServerDeps = {
    store: served,
    resolvers,
    pages: createPageThreads(PAGE_THREADS, { db, resolve }, CACHED_INCIDENTS),
    read: readDocument,
    analyse: createAnalyser(resolvers),
    now: () => new Date().toISOString(),
    config: {
      ...DEFAULT_SERVER_CONFIG,
      publicReads: true,
      // As `tally serve --rate-limit 0`: the limit protects a public server, here it would measure itself.
      rateLimit: { max: 0, windowMs: 60_000 },
    },
  };
  const app = await buildServer(deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const q = QUESTIONS;
  const page = `/api/incidents?place=${q.province}%20province&type=${q.eventType}&from=${q.from}&to=${q.to}&limit=${q.pageSize}`;
  const first = (await (await fetch(`http://127.0.0.1:${port}${page}`)).json()) as { next_cursor: string | null };
  const routes = [
    `${page}&cursor=${first.next_cursor ?? ''}`,
    `/api/aggregates/deaths?by=month&place=${q.province}%20province`,
  ];
  const paths = await walkPaths(store);
  const out: RouteThroughput[] = [];
  // The server runs in this process; the clients in their own.
  const measured = async (route: string, run: () => Promise<LoadResult>): Promise<RouteThroughput> => {
    const before = process.cpuUsage();
    const r = await run();
    const cpu = process.cpuUsage(before);
    return {
      route,
      requests_per_s: Math.round(r.requests.average),
      latency_p50_ms: r.latency.p50,
      latency_p99_ms: r.latency.p99,
      errors: r.errors + r.non2xx,
      cpu_us_per_request: Math.round((cpu.user + cpu.system) / Math.max(1, r.requests.total)),
    };
  };
  const record = async (route: string, run: () => Promise<LoadResult>) => {
    out.push(await measured(route, run));
  };
  const base = `http://127.0.0.1:${port}`;
  const table = await tablePaths(base);
  const walkName = `/api/incidents (a walk over ${paths.length} pages nobody asked for before`;
  const grids = gridPaths();
  const gridName = `/api/incidents/grid (a walk over ${grids.length} zooms, views and filters, each URL new`;
  let tableWalk: RouteThroughput | null = null;
  try {
    for (const route of routes) await record(route, () => load(`${base}${route}`, seconds));
    await record(`${walkName}, on ${PAGE_THREADS} page threads)`, () => walk(base, paths, seconds, 'threads-'));
    tableWalk = await measured(
      `/api/incidents/points (the web page's table: a walk over ${table.length} pages of ${q.pageSize} rows nobody asked for before, on ${PAGE_THREADS} page threads)`,
      () => walk(base, table, seconds, 'threads-'),
    );
    const threadedGrids = await measured(`${gridName}, on page threads with the map index)`, () =>
      walk(base, grids, seconds, 'threads-'),
    );
    await deps.pages?.close();
    deps.pages = null;
    await record(`${walkName}, written on the main thread)`, () => walk(base, paths, seconds, 'main-'));
    out.push(threadedGrids);
    await record(`${gridName}, in SQL on the main thread)`, () => walk(base, grids, seconds, 'main-'));
    out.push(tableWalk);
  } finally {
    await app.close();
    await deps.pages?.close();
    await served.close();
  }
  return out;
}
