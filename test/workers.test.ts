import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open-store.js';
import { cliArgs, ROOT, runCli } from './support/cli.js';
import { syntheticReport } from './support/reports.js';
import { createEmptyDatabase, type StoreKind } from './support/stores.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tally-workers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reportsFolder(name: string, count: number): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  for (let i = 0; i < count; i++)
    writeFileSync(join(folder, `r-${String(i).padStart(5, '0')}.txt`), syntheticReport(i));
  return folder;
}

function startWorker(db: string): ChildProcess {
  return spawn(process.execPath, cliArgs(['worker', '--db', db, '--exit-when-empty', '--lease', '2', '--poll', '50']), {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, TALLY_DB: '', DATABASE_URL: '' },
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.on('exit', () => resolve()),
  );

async function counts(url: string) {
  const store = await openStore(url);
  try {
    const jobs = await store.db
      .selectFrom('jobs')
      .select(['id', 'status', 'document_id', 'attempts', 'worker'])
      .execute();
    const docs = await store.db.selectFrom('documents').select(['id', 'content_hash']).execute();
    return { jobs, docs };
  } finally {
    await store.close();
  }
}

/**
 * Kill a worker while it holds a job, once real work is under way. The worker is frozen first
 * (SIGSTOP) so the store can be checked without a race: it really holds a running job. If it
 * finished that job just before freezing, it is let go and caught again.
 */
async function killHoldingAJob(url: string, worker: ChildProcess, count: number): Promise<number> {
  const name = `${hostname()}:${worker.pid}`;
  for (;;) {
    const { jobs } = await counts(url);
    const held = jobs.find((j) => j.status === 'running' && j.worker === name);
    if (held && jobs.filter((j) => j.status === 'done').length >= count / 5) {
      worker.kill('SIGSTOP');
      const after = await counts(url);
      const still = after.jobs.find((j) => j.status === 'running' && j.worker === name);
      if (still) {
        worker.kill('SIGKILL');
        return still.id;
      }
      worker.kill('SIGCONT');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function runTwoWorkers(kind: StoreKind, count: number, killOne: boolean) {
  const db = await createEmptyDatabase(kind);
  try {
    const folder = reportsFolder(`${kind}-${count}-${killOne}`, count);
    const queued = await runCli(['ingest', '--queue', folder, '--db', db.url]);
    expect(queued.stdout).toContain(`${count} queued, 0 failed`);
    const a = startWorker(db.url);
    const b = startWorker(db.url);
    let taken: number | undefined;
    if (killOne) taken = await killHoldingAJob(db.url, a, count);
    await Promise.all([exited(a), exited(b)]);
    const { jobs, docs } = await counts(db.url);
    expect(jobs.filter((j) => j.status === 'done')).toHaveLength(count);
    expect(new Set(docs.map((d) => d.content_hash)).size).toBe(count);
    expect(docs).toHaveLength(count);
    // Every job points at its own document: none processed twice into two documents.
    expect(new Set(jobs.map((j) => j.document_id)).size).toBe(count);
    const status = JSON.parse((await runCli(['queue', 'status', '--json', '--db', db.url])).stdout);
    expect(status).toMatchObject({ done: count, queued: 0, running: 0, failed: 0 });
    return { jobs, taken };
  } finally {
    await db.drop();
  }
}

describe('tally worker', () => {
  it('two workers on PostgreSQL process 1,000 documents exactly once, even when one is killed midway', async () => {
    const { jobs, taken } = await runTwoWorkers('postgres', 1000, true);
    // The job the killed worker held was taken again after its lease ran out, and finished.
    const retaken = jobs.find((j) => j.id === taken);
    expect(retaken).toMatchObject({ status: 'done' });
    expect(retaken?.attempts).toBeGreaterThan(1);
  }, 180_000);

  it('two workers share a SQLite store without taking the same job', async () => {
    await runTwoWorkers('sqlite', 60, false);
  }, 120_000);

  it('reports a bad queued input as a failed job and goes on', async () => {
    const db = join(dir, 'bad.db');
    const folder = join(dir, 'mixed');
    mkdirSync(folder);
    writeFileSync(join(folder, 'empty.txt'), '');
    writeFileSync(join(folder, 'ok.txt'), syntheticReport(7));
    await runCli(['ingest', '--queue', folder, '--db', db]);
    const worker = await runCli(['worker', '--exit-when-empty', '--poll', '20', '--db', db]);
    expect(worker.stdout).toContain('1 done, 1 failed');
    const status = JSON.parse((await runCli(['queue', 'status', '--json', '--db', db])).stdout);
    expect(status.recentFailures[0].error).toMatch(/empty\.txt: .*empty/);
  }, 60_000);
});
