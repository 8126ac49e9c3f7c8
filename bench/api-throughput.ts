import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { createAnalyser } from '../src/app/analyse-document.js';
import { readDocument } from '../src/ingest/read-document.js';
import type { Resolvers } from '../src/merge/build-incidents.js';
import { buildServer } from '../src/serve/build-server.js';
import { DEFAULT_SERVER_CONFIG } from '../src/serve/server-types.js';
import type { Store } from '../src/store/open-store.js';
import { QUESTIONS } from './questions.js';

export interface RouteThroughput {
  route: string;
  requests_per_s: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  errors: number;
}

/** What `autocannon --json` reports that the bench keeps. */
interface LoadResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

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
 * Requests per second on loopback for an incident page and an aggregate, each for `seconds`, from a
 * client in another process (10 connections).
 */
export async function measureApi(store: Store, resolvers: Resolvers, seconds: number): Promise<RouteThroughput[]> {
  const app = await buildServer({
    store,
    resolvers,
    read: readDocument,
    analyse: createAnalyser(resolvers),
    now: () => new Date().toISOString(),
    config: {
      ...DEFAULT_SERVER_CONFIG,
      publicReads: true,
      // As `tally serve --rate-limit 0`: the limit protects a public server, here it would measure itself.
      rateLimit: { max: 0, windowMs: 60_000 },
    },
  });
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
  const out: RouteThroughput[] = [];
  try {
    for (const route of routes) {
      const r = await load(`http://127.0.0.1:${port}${route}`, seconds);
      out.push({
        route,
        requests_per_s: Math.round(r.requests.average),
        latency_p50_ms: r.latency.p50,
        latency_p99_ms: r.latency.p99,
        errors: r.errors + r.non2xx,
      });
    }
  } finally {
    await app.close();
  }
  return out;
}
