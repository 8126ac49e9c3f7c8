import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyser, loadResolvers } from '../src/app/analyse-document.js';
import { ingestAll } from '../src/app/ingest-documents.js';
import { DEFAULT_CHROMIUM } from '../src/cli/commands/report-commands.js';
import { collectInputs } from '../src/ingest/collect-files.js';
import { readDocument } from '../src/ingest/read-document.js';
import { listGradedIncidents } from '../src/store/grade-listing.js';
import { openStore } from '../src/store/open-store.js';
import { ROOT, runCli } from './support/cli.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tally-report-cli-'));
  db = join(dir, 'tally.db');
  const store = await openStore(db);
  try {
    const deps = {
      store,
      read: readDocument,
      analyse: createAnalyser(await loadResolvers(store)),
      now: () => new Date().toISOString(),
    };
    for await (const o of ingestAll(collectInputs([join(ROOT, 'examples')]), deps)) expect(o.status).toBe('ingested');
  } finally {
    await store.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function firstIncident(): Promise<number> {
  const store = await openStore(db);
  try {
    return (await store.db.selectFrom('incidents').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  } finally {
    await store.close();
  }
}

describe('tally report, grade and sources', () => {
  it('writes the report of a filter to a file, and nothing half-written on failure', async () => {
    const out = join(dir, 'helmand.html');
    const r = await runCli([
      'report',
      '--db',
      db,
      '--place',
      'Helmand',
      '--title',
      'Helmand, August 2021',
      '--out',
      out,
    ]);
    expect([r.code, r.stderr]).toEqual([0, expect.stringMatching(/report of \d+ incidents written/)]);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<title>Helmand, August 2021</title>');
    expect(html).toContain('place Helmand');
    const store = await openStore(db);
    const helmand = await store.db.selectFrom('incidents').select('id').where('admin1', '=', 'Helmand').execute();
    await store.close();
    expect(html.match(/<article class="incident"/g)).toHaveLength(helmand.length);

    const missing = await runCli(['report', '--db', db, '--out', join(dir, 'no-such-folder', 'r.html')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--out: .*no-such-folder/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 300_000);

  it.skipIf(!existsSync(DEFAULT_CHROMIUM))(
    'prints the report to PDF through chromium',
    async () => {
      const pdf = join(dir, 'kunduz.pdf');
      const r = await runCli(['report', '--db', db, '--place', 'Kunduz', '--pdf', pdf]);
      expect([r.code, r.stderr]).toEqual([0, expect.stringMatching(/written to .*kunduz\.pdf/)]);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
    300_000,
  );

  it('refuses --pdf without chromium, before anything is read', async () => {
    const r = await runCli(['report', '--db', db, '--pdf', join(dir, 'r.pdf'), '--chromium', join(dir, 'no-chromium')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no chromium at .*no-chromium.*apt-get install chromium/);
    expect(existsSync(join(dir, 'r.pdf'))).toBe(false);
    const none = await runCli(['report', '--db', db]);
    expect([none.code, none.stderr]).toEqual([2, expect.stringMatching(/--out report\.html/)]);
  }, 300_000);

  it('sets a grade with a note, filters by it, and clears it back to the rule', async () => {
    const first = await firstIncident();
    const id = String(first);
    const set = await runCli(['grade', id, 'discounted', '--note', 'seen twice', '--db', db]);
    expect([set.code, set.stdout]).toEqual([0, expect.stringMatching(new RegExp(`incident ${id}: discounted`))]);
    const csv = (await runCli(['incidents', '--db', db, '--grade', 'discounted', '--csv'])).stdout.trim().split('\r\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(new RegExp(`^${id},.*,discounted,\\d+,`));
    await runCli(['grade', id, 'rule', '--db', db]);
    const store = await openStore(db);
    try {
      expect(await listGradedIncidents(store, { grade: 'discounted' })).toEqual([]);
    } finally {
      await store.close();
    }
    const bad = await runCli(['grade', id, 'probable', '--db', db]);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      expect.stringMatching(/expected confirmed, fair, weak, contested, discounted/),
    ]);
  }, 300_000);

  it('lists source types and corrects one', async () => {
    const sources = JSON.parse((await runCli(['sources', '--db', db, '--json'])).stdout) as { source_type: string }[];
    expect(new Set(sources.map((s) => s.source_type))).toEqual(new Set(['un_ngo', 'news', 'encyclopedia']));
    const r = await runCli(['source', '1', 'party', '--note', 'a ministry', '--db', db]);
    expect([r.code, r.stdout]).toEqual([0, expect.stringMatching(/document 1: party/)]);
    const bad = await runCli(['source', '1', 'blog', '--db', db]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/expected un_ngo, news, party/)]);
  }, 300_000);
});
