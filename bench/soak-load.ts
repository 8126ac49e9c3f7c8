import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { addUser, createApiToken } from '../src/app/manage-accounts.js';
import { openStore, type Store } from '../src/store/open-store.js';
import { cliArgs, ROOT } from '../test/support/cli.js';
import { syntheticReport } from '../test/support/reports.js';
import { createEmptyDatabase, type StoreKind } from '../test/support/stores.js';
import { runClients, type SoakError, type Writes } from './soak-clients.js';
import { latencyByGroup, type MemorySample, type MemoryTrend, memoryTrend } from './soak-stats.js';

export interface SoakOptions {
  store: StoreKind;
  seconds: number;
  /** Concurrent API clients. */
  clients: number;
  /** Reports per `tally ingest` run; runs follow one another for the whole soak. */
  batch: number;
  sampleEverySeconds: number;
  seed: number;
  log(line: string): void;
}

export interface IngestRun {
  code: number | null;
  ingested: number;
  unchanged: number;
  failed: number;
}

export interface SoakReport {
  store: StoreKind;
  seconds: number;
  clients: number;
  machine: { cpus: number; node: string };
  requests: number;
  errors: number;
  first_errors: SoakError[];
  latency: ReturnType<typeof latencyByGroup>;
  ingest_runs: IngestRun[];
  writes: { api_documents: number; figure_reviews: number; incident_reviews: number; cli_documents: number };
  /** What the store holds afterwards against what was written: every difference is a lost or doubled write. */
  check: {
    documents_expected: number;
    documents_stored: number;
    duplicate_hashes: number;
    api_documents_missing_or_changed: number;
    figure_reviews_stored: number;
    incident_reviews_stored: number;
    ingest_audit_entries: number;
    incidents_with_stale_status: number;
    ok: boolean;
  };
  memory: { samples: MemorySample[]; trend: MemoryTrend };
}

const SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * A server on loopback over a fresh store, concurrent API reads and writes against it, and
 * `tally ingest` runs of generated reports into the same store the whole time; then the store is
 * checked against everything that was written. Nothing here asserts: the caller decides.
 */
export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const dir = mkdtempSync(join(tmpdir(), 'tally-soak-'));
  const database = await createEmptyDatabase(o.store);
  let server: ChildProcess | null = null;
  try {
    const tokens = await prepareStore(database.url);
    o.log(`store ready (${o.store}); starting the server`);
    const started = await startServer(database.url);
    server = started.child;
    const base = `http://127.0.0.1:${started.port}`;

    // A first ingest before the clients start, so their first reads find something.
    const runs: IngestRun[] = [await ingestBatch(dir, database.url, 0, o.batch)];
    const t0 = performance.now();
    const until = t0 + o.seconds * 1000;
    const memory: MemorySample[] = [];
    const sampler = setInterval(() => {
      void sampleMemory(started.child).then((m) => memory.push({ t: (performance.now() - t0) / 1000, ...m }));
    }, o.sampleEverySeconds * 1000);
    const ingesting = (async () => {
      for (let k = 1; performance.now() < until; k++) {
        const run = await ingestBatch(dir, database.url, k, o.batch);
        runs.push(run);
        o.log(`ingest run ${k}: ${run.ingested} ingested, ${run.failed} failed (exit ${run.code})`);
      }
    })();
    const load = await runClients({ base, ...tokens, clients: o.clients, until, seed: o.seed });
    await ingesting;
    clearInterval(sampler);
    memory.push({ t: (performance.now() - t0) / 1000, ...(await sampleMemory(started.child)) });
    await stopServer(started.child);
    server = null;

    const check = await checkStore(database.url, load.writes, runs);
    const latency = latencyByGroup(load.samples);
    const ingestFailures = runs.filter((r) => r.code !== 0 || r.failed > 0).length;
    return {
      store: o.store,
      seconds: o.seconds,
      clients: o.clients,
      machine: { cpus: cpus().length, node: process.version },
      requests: load.samples.length,
      errors: load.errors.length + ingestFailures,
      first_errors: load.errors.slice(0, 20),
      latency,
      ingest_runs: runs,
      writes: {
        api_documents: load.writes.documents.length,
        figure_reviews: load.writes.figureReviews,
        incident_reviews: load.writes.incidentReviews,
        cli_documents: runs.reduce((n, r) => n + r.ingested, 0),
      },
      check,
      memory: { samples: memory, trend: memoryTrend(memory, o.seconds) },
    };
  } finally {
    if (server) await stopServer(server).catch(() => server?.kill());
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function prepareStore(url: string): Promise<{ viewer: string; analyst: string }> {
  const store = await openStore(url);
  try {
    const deps = { store, now: () => new Date().toISOString(), scrypt: SCRYPT };
    const agent = { userId: null, name: 'soak' };
    const token = async (role: 'viewer' | 'analyst') => {
      await addUser(deps, agent, { name: role, role, password: 'a long enough soak password' });
      return (await createApiToken(deps, agent, { user: role, name: 'soak' })).token;
    };
    return { viewer: await token('viewer'), analyst: await token('analyst') };
  } finally {
    await store.close();
  }
}

function startServer(url: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(HERE, 'soak-server.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, TALLY_SOAK_DB: url },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the soak server exited with ${code} before listening`)));
    child.on('message', (m: { type: string; port?: number }) => {
      if (m.type === 'listening') resolve({ child, port: m.port ?? 0 });
    });
  });
}

function sampleMemory(child: ChildProcess): Promise<Omit<MemorySample, 't'>> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string } & Omit<MemorySample, 't'>) => {
      if (m.type !== 'memory') return;
      child.off('message', onMessage);
      resolve({
        rss: m.rss,
        heapUsed: m.heapUsed,
        external: m.external,
        threadsHeapUsed: m.threadsHeapUsed,
        threadsHeapTotal: m.threadsHeapTotal,
      });
    };
    child.on('message', onMessage);
    child.send({ type: 'sample' });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.send({ type: 'stop' });
  });
}

/** One `tally ingest` of `size` new reports, as a user would run it, in its own process. */
function ingestBatch(dir: string, url: string, k: number, size: number): Promise<IngestRun> {
  const folder = join(dir, `batch-${k}`);
  mkdirSync(folder);
  for (let i = 0; i < size; i++) {
    writeFileSync(join(folder, `report-${i}.txt`), syntheticReport(2_000_000 + k * size + i, { spread: true }));
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, cliArgs(['ingest', folder, '--db', url, '--json']), {
      cwd: ROOT,
      env: { ...process.env, TALLY_DB: '', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => {
      let summary = { ingested: 0, unchanged: 0, failed: size };
      try {
        summary = (JSON.parse(out) as { summary: typeof summary }).summary;
      } catch {
        // No JSON: the run died; it counts as failed.
      }
      resolve({ code, ...summary });
    });
  });
}

async function checkStore(url: string, writes: Writes, runs: IngestRun[]): Promise<SoakReport['check']> {
  const store = await openStore(url);
  try {
    const count = async (query: ReturnType<typeof countOf>) => Number((await query.executeTakeFirstOrThrow()).n);
    const documents = await count(countOf(store, 'documents'));
    const hashes = Number(
      (
        await store.db
          .selectFrom('documents')
          .select(sql<number>`count(distinct content_hash)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    let changed = 0;
    for (let i = 0; i < writes.documents.length; i += 500) {
      const part = writes.documents.slice(i, i + 500);
      const rows = await store.db
        .selectFrom('documents')
        .select(['id', 'text'])
        .where(
          'id',
          'in',
          part.map((d) => d.id),
        )
        .execute();
      const stored = new Map(rows.map((r) => [r.id, r.text]));
      changed += part.filter((d) => stored.get(d.id) !== d.text).length;
    }
    const figureReviews = await count(countOf(store, 'figure_reviews'));
    const incidentReviews = await count(countOf(store, 'incident_reviews'));
    const ingestAudit = Number(
      (
        await store.db
          .selectFrom('audit_log')
          .select(sql<number>`count(*)`.as('n'))
          .where('action', '=', 'document.ingest')
          .executeTakeFirstOrThrow()
      ).n,
    );
    // The newest review of an incident decides its status: a row left with an older one lost an update.
    const stale = Number(
      (
        await sql<{ n: number }>`select count(*) as n from incidents i
          where exists (select 1 from incident_reviews r where r.incident_id = i.id)
          and i.status <> (select r.status from incident_reviews r where r.id =
            (select max(x.id) from incident_reviews x where x.incident_id = i.id))`.execute(store.db)
      ).rows[0]?.n ?? 0,
    );
    const expected = writes.documents.length + runs.reduce((n, r) => n + r.ingested, 0);
    return {
      documents_expected: expected,
      documents_stored: documents,
      duplicate_hashes: documents - hashes,
      api_documents_missing_or_changed: changed,
      figure_reviews_stored: figureReviews,
      incident_reviews_stored: incidentReviews,
      ingest_audit_entries: ingestAudit,
      incidents_with_stale_status: stale,
      ok:
        documents === expected &&
        hashes === documents &&
        changed === 0 &&
        figureReviews === writes.figureReviews &&
        incidentReviews === writes.incidentReviews &&
        ingestAudit === writes.documents.length &&
        stale === 0,
    };
  } finally {
    await store.close();
  }
}

function countOf(store: Store, table: 'documents' | 'figure_reviews' | 'incident_reviews') {
  return store.db.selectFrom(table).select(sql<number>`count(*)`.as('n'));
}
