import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliArgs, ROOT, runCli } from './support/cli.js';
import { syntheticReport } from './support/reports.js';

const KILLS = 10;
// `tally ingest` commits up to 256 reports at a time, so each kill after a commit moves the store on by
// a batch or more: enough reports that ten kills still leave some to go. The queue's worker takes
// one report at a time, and fewer do there.
const INGEST_DOCS = 4000;
const DOCS = 1500;

// A fixed seed: the kill points vary across the run but the test is repeatable.
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, cliArgs(args), {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, TALLY_DB: '', DATABASE_URL: '' },
  });
}

function countDocuments(path: string): number {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('select count(*) as n from documents').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

/**
 * Kill the process once `extra` more documents are stored than `from`: a point picked by the work
 * done, not by the clock, so the kill lands mid-ingest however fast the machine is.
 */
async function killAfterDocuments(child: ChildProcess, path: string, from: number, extra: number): Promise<void> {
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  while (child.exitCode === null && countDocuments(path) < from + extra) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGKILL');
  await exited;
}

/** Every stored document whole: its extraction, its figures' evidence inside its text, no duplicates. */
function checkStore(path: string): number {
  const db = new Database(path);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const docs = db.prepare('select id, text, content_hash from documents').all() as {
      id: number;
      text: string;
      content_hash: string;
    }[];
    expect(new Set(docs.map((d) => d.content_hash)).size).toBe(docs.length);
    const extractions = db.prepare('select count(*) as n from extractions where document_id = ?');
    const figures = db.prepare(
      'select evidence_start as s, evidence_end as e, evidence_text as t from figures where document_id = ?',
    );
    for (const doc of docs) {
      expect((extractions.get(doc.id) as { n: number }).n).toBe(1);
      const rows = figures.all(doc.id) as { s: number; e: number; t: string }[];
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        // Inside the document, not merely equal to a slice that clamps out-of-range offsets.
        expect(0 <= r.s && r.s < r.e && r.e <= doc.text.length).toBe(true);
        expect(doc.text.slice(r.s, r.e)).toBe(r.t);
      }
    }
    return docs.length;
  } finally {
    db.close();
  }
}

describe(`${KILLS * 2} kills of tally ingest and tally worker at random points`, () => {
  let dir: string;
  let folder: string;
  let many: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-kills-'));
    folder = join(dir, 'reports');
    many = join(dir, 'many');
    mkdirSync(folder);
    mkdirSync(many);
    for (let i = 0; i < INGEST_DOCS; i++) {
      const name = `r-${String(i).padStart(4, '0')}.txt`;
      const text = syntheticReport(i + 5000);
      writeFileSync(join(many, name), text);
      if (i < DOCS) writeFileSync(join(folder, name), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never leaves a half-written, lost or duplicated document', async () => {
    const next = random(20_261_122);
    const ingestDb = join(dir, 'ingest.db');
    let stored = 0;
    let midway = 0;
    for (let k = 0; k < KILLS; k++) {
      await killAfterDocuments(
        start(['ingest', many, '--db', ingestDb]),
        ingestDb,
        stored,
        5 + Math.floor(next() * 80),
      );
      const now = checkStore(ingestDb);
      expect(now).toBeGreaterThanOrEqual(stored);
      if (now > stored && now < INGEST_DOCS) midway += 1;
      stored = now;
    }
    // The kills must land while documents are going in, or the test proves nothing.
    expect(midway).toBe(KILLS);
    expect(stored).toBeLessThan(INGEST_DOCS);
    const rest = await runCli(['ingest', many, '--db', ingestDb, '--json']);
    expect(JSON.parse(rest.stdout).summary.failed).toBe(0);
    expect(checkStore(ingestDb)).toBe(INGEST_DOCS);

    const queueDb = join(dir, 'queue.db');
    expect((await runCli(['ingest', '--queue', folder, '--db', queueDb])).code).toBe(0);
    let processed = 0;
    let workerMidway = 0;
    for (let k = 0; k < KILLS; k++) {
      const worker = start(['worker', '--db', queueDb, '--lease', '1', '--poll', '20', '--exit-when-empty']);
      await killAfterDocuments(worker, queueDb, processed, 5 + Math.floor(next() * 80));
      const now = checkStore(queueDb);
      expect(now).toBeGreaterThanOrEqual(processed);
      if (now > processed && now < DOCS) workerMidway += 1;
      processed = now;
    }
    expect(workerMidway).toBe(KILLS);
    expect(processed).toBeLessThan(DOCS);
    const finish = await runCli(['worker', '--db', queueDb, '--lease', '1', '--poll', '20', '--exit-when-empty']);
    expect(finish.code).toBe(0);
    expect(checkStore(queueDb)).toBe(DOCS);
    const status = JSON.parse((await runCli(['queue', 'status', '--json', '--db', queueDb])).stdout);
    expect(status).toMatchObject({ done: DOCS, failed: 0, queued: 0, running: 0 });
  }, 300_000);
});
