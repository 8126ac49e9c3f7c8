import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliArgs, ROOT, runCli, SHARED } from './support/cli.js';
import { createEmptyDatabase, STORE_KINDS } from './support/stores.js';

const WIRE = `KUNDUZ, 4 May 2023 - At least 12 civilians were killed and 30 others injured when a roadside bomb struck a minibus in Khanabad district, the provincial police spokesman said.\n`;
const STATEMENT = `# Statement on Nangarhar\n\nThe mission recorded 7 civilians killed in an airstrike on 2 June 2023.\n`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tally-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string | Buffer>): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(path, file), content);
  return path;
}

for (const kind of STORE_KINDS) {
  describe(`tally ingest on ${kind}`, () => {
    let db: { url: string; drop(): Promise<void> };
    beforeAll(async () => {
      db = await createEmptyDatabase(kind);
    });
    afterAll(async () => db.drop());

    it('stores the good file, names each bad one with its reason, exits non-zero, and leaves the rest alone', async () => {
      const first = folder(`first-${kind}`, { 'statement.md': STATEMENT });
      expect((await runCli(['ingest', first, '--db', db.url])).code).toBe(0);

      const mixed = folder(`mixed-${kind}`, {
        'binary.dat': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0x00, 0xff, 0x00]),
        'empty.txt': '',
        'wire.txt': WIRE,
      });
      const result = await runCli(['ingest', mixed, '--db', db.url]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('1 ingested, 0 unchanged, 2 failed');
      expect(result.stderr).toMatch(/binary\.dat: .*binary/i);
      expect(result.stderr).toMatch(/empty\.txt: .*empty/i);

      const docs = JSON.parse((await runCli(['documents', '--json', '--db', db.url])).stdout);
      expect(docs.map((d: { source: string }) => d.source.split('/').pop())).toEqual(['statement.md', 'wire.txt']);
      const shown = JSON.parse(
        (await runCli(['show', 'document', String(docs[1].id), '--json', '--db', db.url])).stdout,
      );
      expect(shown.text).toBe(WIRE);
      expect(shown.figures.length).toBeGreaterThan(0);
    });

    it('recognises the same content by its hash and adds nothing', async () => {
      const again = folder(`again-${kind}`, { 'copy-of-wire.txt': WIRE });
      const result = await runCli(['ingest', again, '--db', db.url, '--json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).summary).toEqual({ ingested: 0, unchanged: 1, failed: 0 });
      const status = JSON.parse((await runCli(['db', 'status', '--json', '--db', db.url])).stdout);
      expect(status).toMatchObject({ documents: 2, dialect: kind, migrationsPending: 0 });
    });

    it('dates a wire without a year by --published, in one run, through the queue and through re-extraction', async () => {
      const fresh = await createEmptyDatabase(kind);
      try {
        // A copied wire whose dateline has no year: no date at all without a day given for it.
        const wire = `BAMAKO, March 3 (Reuters) - Gunmen killed 14 herders near the village of Dioura on Thursday, a local official said.\n`;
        const dated = `NIAMEY, 9 January 2021 (AFP) - Gunmen killed 6 farmers in the Tillaberi region on Saturday, the mayor said.\n`;
        const one = folder(`published-${kind}`, { 'wire.txt': wire, 'dated.txt': dated });
        const bad = await runCli(['ingest', one, '--published', '2022-02-30', '--db', fresh.url]);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain('--published: no such day, got "2022-02-30"');
        expect(JSON.parse((await runCli(['documents', '--json', '--db', fresh.url])).stdout)).toEqual([]);

        // Two threads: the day given goes to the thread that reads the input.
        const run = await runCli(['ingest', one, '--published', '2022-03-04', '--jobs', '2', '--db', fresh.url]);
        expect(run.code).toBe(0);
        const docs = JSON.parse((await runCli(['documents', '--json', '--db', fresh.url])).stdout);
        const bySource = (name: string) => docs.find((d: { source: string }) => d.source.endsWith(name));
        expect(bySource('wire.txt')).toMatchObject({ published: '2022-03-04', published_given: true });
        // A date the text states wins over the one given for the batch.
        expect(bySource('dated.txt')).toMatchObject({ published: '2021-01-09', published_given: false });
        const shown = await runCli(['show', 'document', String(bySource('wire.txt').id), '--db', fresh.url]);
        expect(shown.stdout).toMatch(/^published\s+2022-03-04 \(given at ingest\)$/m);
        const days = async () =>
          JSON.parse((await runCli(['incidents', '--json', '--db', fresh.url])).stdout)
            .map((i: { date: { start: string } }) => i.date.start)
            .sort();
        expect(await days()).toEqual(['2021-01-09', '2022-03-03']);

        // Re-extraction reads the stored day: the figures keep their dates.
        expect((await runCli(['reextract', '--force', '--db', fresh.url])).code).toBe(0);
        const figures = JSON.parse(
          (await runCli(['figures', '--document', String(bySource('wire.txt').id), '--json', '--db', fresh.url]))
            .stdout,
        );
        expect(figures.map((f: { date: { start: string } | null }) => f.date?.start)).toEqual(['2022-03-03']);

        // Queued, the day goes with the job to whichever worker ingests it.
        const queued = folder(`published-queue-${kind}`, {
          'later.txt': wire.replace('March 3', 'March 10').replace('14 herders', '5 traders'),
        });
        expect((await runCli(['ingest', queued, '--queue', '--published', '2022-03-11', '--db', fresh.url])).code).toBe(
          0,
        );
        expect((await runCli(['worker', '--exit-when-empty', '--db', fresh.url])).code).toBe(0);
        expect(await days()).toEqual(['2021-01-09', '2022-03-03', '2022-03-10']);
      } finally {
        await fresh.drop();
      }
    });

    it('reads a report from standard input', async () => {
      const result = await runCli(['ingest', '-', '--db', db.url], {
        input: 'Fighting in Darzab district left 5 fighters dead, local officials said.\n',
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('1 ingested');
    });

    it.skipIf(!existsSync(join(SHARED, 'seeds')))(
      'ingests the five seeds once and reports them unchanged the second time',
      async () => {
        const fresh = await createEmptyDatabase(kind);
        try {
          const seeds = join(SHARED, 'seeds');
          const once = await runCli(['ingest', seeds, '--db', fresh.url]);
          expect(once.stdout).toMatch(/^5 ingested, 0 unchanged, 0 failed$/m);
          const twice = await runCli(['ingest', seeds, '--db', fresh.url]);
          expect(twice.stdout).toMatch(/^0 ingested, 5 unchanged, 0 failed$/m);
        } finally {
          await fresh.drop();
        }
      },
    );
  });
}

describe('tally CLI errors', () => {
  it('names a missing path and still ingests the rest', async () => {
    const db = join(dir, 'errors.db');
    const ok = folder('ok', { 'wire.txt': WIRE });
    const result = await runCli(['ingest', join(dir, 'nope.txt'), ok, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nope.txt: no such file or folder');
    expect(result.stdout).toContain('1 ingested, 0 unchanged, 1 failed');
  });

  it('writes one JSON document with every outcome in input order, and the summary, as it goes', async () => {
    const db = join(dir, 'json-order.db');
    const mixed = folder('json-order', { 'a.txt': WIRE, 'b.txt': WIRE, 'c.txt': `${WIRE}Later, 2 more died.\n` });
    const result = await runCli(['ingest', mixed, join(dir, 'gone.txt'), '--db', db, '--json']);
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out.outcomes.map((o: { name: string; status: string }) => [basename(o.name), o.status])).toEqual([
      ['a.txt', 'ingested'],
      ['b.txt', 'unchanged'],
      ['c.txt', 'ingested'],
      ['gone.txt', 'failed'],
    ]);
    expect(out.outcomes[1].id).toBe(out.outcomes[0].id);
    expect(out.summary).toEqual({ ingested: 2, unchanged: 1, failed: 1 });
    const none = await runCli(['ingest', folder('json-empty', {}), '--db', db, '--json']);
    expect(JSON.parse(none.stdout)).toEqual({ outcomes: [], summary: { ingested: 0, unchanged: 0, failed: 0 } });
  });

  it('ends quietly when the reader of its output stops reading (`| head`), and still does the work', async () => {
    const db = join(dir, 'pipe.db');
    const reports = folder('pipe', { 'a.txt': WIRE, 'b.txt': STATEMENT });
    // The reading end closed before anything was written, as `head -0` leaves it.
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, cliArgs(args), { cwd: ROOT, env: { ...process.env, TALLY_DB: '' } });
        child.stdout.destroy();
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const ingest = await run(['ingest', reports, '--db', db]);
    expect(ingest).toEqual({ code: 0, stderr: '' });
    const listed = await run(['incidents', '--db', db, '--json']);
    expect(listed).toEqual({ code: 0, stderr: '' });
    // The ingest stored both reports all the same.
    const documents = await runCli(['documents', '--db', db, '--json']);
    expect(JSON.parse(documents.stdout)).toHaveLength(2);
  });

  it('refuses a file over --max-bytes', async () => {
    const big = folder('big', { 'big.txt': `${'Word '.repeat(300)}\n` });
    const result = await runCli(['ingest', big, '--max-bytes', '100', '--db', join(dir, 'big.db')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/big\.txt: larger than the 100 bytes limit/);
  });

  it('explains a bad option value and an unknown document', async () => {
    const bad = await runCli(['documents', '--limit', 'ten', '--db', join(dir, 'x.db')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit must be a whole number');
    const missing = await runCli(['show', 'document', '42', '--db', join(dir, 'x.db')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('no document with id 42');
  });

  it('ingests every example report shipped in examples/ without a failure', async () => {
    const result = await runCli(['ingest', join(ROOT, 'examples'), '--db', join(dir, 'examples.db'), '--json']);
    expect(result.code).toBe(0);
    const { summary } = JSON.parse(result.stdout);
    expect(summary.failed).toBe(0);
    expect(summary.ingested).toBeGreaterThanOrEqual(6);
  });
});
