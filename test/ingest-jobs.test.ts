import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { syntheticReport } from './support/reports.js';

// Extraction on worker threads must not change what is stored, in what order, or idempotence.
describe('tally ingest --jobs', () => {
  let dir: string;
  let folder: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-jobs-'));
    folder = join(dir, 'reports');
    mkdirSync(folder);
    for (let i = 0; i < 12; i++) writeFileSync(join(folder, `r-${String(i).padStart(2, '0')}.txt`), syntheticReport(i));
    // The same report twice under two names, one file that is no report, and an empty one.
    writeFileSync(join(folder, 'r-12-copy.txt'), syntheticReport(3));
    writeFileSync(join(folder, 'r-13.bin'), Buffer.from([0, 159, 146, 150, 0, 1, 2, 3, 0, 0]));
    writeFileSync(join(folder, 'r-14.txt'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function ingest(db: string, jobs: number) {
    const run = await runCli(['ingest', folder, '--jobs', String(jobs), '--json', '--db', db]);
    return { code: run.code, ...(JSON.parse(run.stdout) as { outcomes: unknown[] }) };
  }
  const incidents = async (db: string) => (await runCli(['incidents', '--json', '--db', db])).stdout;

  it('stores the same documents, ids and incidents with two threads as with one, and again nothing', async () => {
    const one = join(dir, 'one.db');
    const two = join(dir, 'two.db');
    const serial = await ingest(one, 1);
    const threaded = await ingest(two, 2);
    expect(threaded).toEqual(serial);
    expect(serial.code).toBe(1);
    const statuses = serial.outcomes.map((o) => (o as { status: string }).status);
    expect(statuses.filter((s) => s === 'ingested')).toHaveLength(12);
    expect(statuses.filter((s) => s === 'unchanged')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'failed')).toHaveLength(2);
    expect(await incidents(two)).toEqual(await incidents(one));

    const again = await ingest(two, 2);
    expect(again.outcomes.map((o) => (o as { status: string }).status).filter((s) => s === 'ingested')).toEqual([]);
  }, 120_000);
});
