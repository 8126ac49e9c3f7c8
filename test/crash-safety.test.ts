import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../src/extract/extract-document.js';
import { cliArgs, ROOT, runCli } from './support/cli.js';
import { syntheticReport } from './support/reports.js';

const DOCS = 1200;
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

describe('tally ingest killed with SIGKILL', () => {
  let dir: string;
  let folder: string;
  let dbPath: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-kill-'));
    folder = join(dir, 'reports');
    mkdirSync(folder);
    for (let i = 0; i < DOCS; i++)
      writeFileSync(join(folder, `report-${String(i).padStart(5, '0')}.txt`), syntheticReport(i));
    dbPath = join(dir, 'tally.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves every document whole or absent, and a second run completes the rest', async () => {
    const child = spawn(process.execPath, cliArgs(['ingest', folder, '--db', dbPath]), { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let atKill = 0;
    while (child.exitCode === null) {
      atKill = countDocuments(dbPath);
      if (atKill >= 25) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(atKill).toBeLessThan(DOCS);

    const db = new Database(dbPath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const docs = db.prepare('select id, text from documents').all() as { id: number; text: string }[];
      expect(docs.length).toBeGreaterThanOrEqual(atKill);
      expect(docs.length).toBeLessThan(DOCS);
      const extractions = db.prepare('select count(*) as n from extractions where document_id = ?');
      const figures = db.prepare(
        'select evidence_start, evidence_end, evidence_text from figures where document_id = ?',
      );
      for (const doc of docs) {
        expect((extractions.get(doc.id) as { n: number }).n).toBe(1);
        const rows = figures.all(doc.id) as { evidence_start: number; evidence_end: number; evidence_text: string }[];
        expect(rows.length).toBe(extractDocument(doc.text).figures.length);
        for (const r of rows) expect(doc.text.slice(r.evidence_start, r.evidence_end)).toBe(r.evidence_text);
      }
    } finally {
      db.close();
    }

    const rerun = await runCli(['ingest', folder, '--db', dbPath, '--json']);
    expect(rerun.code).toBe(0);
    const { summary } = JSON.parse(rerun.stdout);
    expect(summary.ingested + summary.unchanged).toBe(DOCS);
    expect(summary.unchanged).toBeGreaterThanOrEqual(atKill);
    expect(countDocuments(dbPath)).toBe(DOCS);
  });
});
