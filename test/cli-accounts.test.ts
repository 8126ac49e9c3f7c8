import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliArgs, ROOT, runCli } from './support/cli.js';
import { createEmptyDatabase, STORE_KINDS } from './support/stores.js';

const WIRE =
  'KUNDUZ, 4 May 2023 - At least 12 civilians were killed and 30 others injured in Khanabad district, police said.\n';

for (const kind of STORE_KINDS) {
  describe(`tally users and tokens on ${kind}`, () => {
    let db: { url: string; drop(): Promise<void> };
    beforeAll(async () => {
      db = await createEmptyDatabase(kind);
    });
    afterAll(async () => db.drop());

    it('adds accounts only with a password given, lists them, and keeps the last admin', async () => {
      const noTerminal = await runCli(['users', 'add', 'ana', '--role', 'admin', '--db', db.url]);
      expect(noTerminal.code).toBe(2);
      expect(noTerminal.stderr).toContain('--password-stdin');
      const short = await runCli(['users', 'add', 'ana', '--role', 'admin', '--password-stdin', '--db', db.url], {
        input: 'short\n',
      });
      expect(short.code).toBe(2);
      expect(short.stderr).toMatch(/password.*at least 10/);
      const added = await runCli(['users', 'add', 'ana', '--role', 'admin', '--password-stdin', '--db', db.url], {
        input: 'a long admin password\n',
      });
      expect([added.code, added.stdout]).toEqual([0, 'added ana (admin)\n']);
      const users = JSON.parse((await runCli(['users', 'list', '--json', '--db', db.url])).stdout);
      expect(users).toEqual([expect.objectContaining({ name: 'ana', role: 'admin' })]);
      expect(JSON.stringify(users)).not.toContain('scrypt');
      const last = await runCli(['users', 'remove', 'ana', '--db', db.url]);
      expect(last.code).toBe(5);
      expect(last.stderr).toContain('only admin');
    });

    it('prints a new token once, on standard output alone, and revokes it', async () => {
      const created = await runCli(['tokens', 'create', '--user', 'ana', '--name', 'nightly', '--db', db.url]);
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^tly_[\w-]{43}\n$/);
      const listed = JSON.parse((await runCli(['tokens', 'list', '--json', '--db', db.url])).stdout);
      expect(listed).toEqual([expect.objectContaining({ id: 1, user: 'ana', name: 'nightly', revoked_at: null })]);
      expect(JSON.stringify(listed)).not.toContain(created.stdout.trim());
      expect((await runCli(['tokens', 'revoke', '1', '--db', db.url])).stdout).toContain('revoked token 1 of ana');
    });
  });
}

describe('tally serve and tally reextract', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createEmptyDatabase('sqlite');
  });
  afterAll(async () => db.drop());

  /** `tally serve` on the test store with these flags: its URL, what it wrote, and how to stop it. */
  async function serve(flags: string[]) {
    const child = spawn(process.execPath, cliArgs(['serve', '--port', '0', '--db', db.url, ...flags]), {
      cwd: ROOT,
      env: { ...process.env, TALLY_DB: '', DATABASE_URL: '', TALLY_PUBLIC_READS: '' },
    });
    let stderr = '';
    const serving = new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        const url = /serving .* at (http:\/\/\S+)/.exec(stderr)?.[1];
        if (url) resolve(url);
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    const url = await serving;
    const stop = async () => {
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGINT');
      return exited;
    };
    return { url, stderr: () => stderr, stop };
  }

  it('says how to create the first admin, serves, and stops cleanly on SIGINT', async () => {
    const server = await serve([]);
    expect(server.stderr()).toContain('tally users add NAME --role admin');
    const r = await fetch(`${server.url}/api/incidents`);
    expect(r.status).toBe(401);
    expect(await server.stop()).toBe(0);
  });

  it('writes the same incident page on page threads as on the main thread, and stops them on SIGINT', async () => {
    expect((await runCli(['ingest', '-', '--db', db.url], { input: WIRE })).code).toBe(0);
    const bodies: string[] = [];
    for (const threads of ['2', '0']) {
      const server = await serve(['--public-reads', '--page-threads', threads]);
      const r = await fetch(`${server.url}/api/incidents?sort=deaths&order=desc`);
      expect([threads, r.status, r.headers.get('content-type')]).toEqual([
        threads,
        200,
        'application/json; charset=utf-8',
      ]);
      bodies.push(await r.text());
      expect(await server.stop()).toBe(0);
    }
    const [threaded, main] = bodies as [string, string];
    expect((JSON.parse(threaded) as { items: unknown[] }).items).toHaveLength(1);
    expect(threaded).toBe(main);
  });

  it('re-extracts stored documents once per extractor version', async () => {
    expect((await runCli(['ingest', '-', '--db', db.url], { input: WIRE })).code).toBe(0);
    const current = await runCli(['reextract', '--db', db.url]);
    expect([current.code, current.stdout]).toEqual([
      0,
      '0 re-extracted, 1 already current, 0 failed; 0 reviews carried over\n',
    ]);
    const forced = JSON.parse(
      (await runCli(['reextract', '--document', '1', '--force', '--json', '--db', db.url])).stdout,
    );
    expect(forced).toEqual([expect.objectContaining({ document: 1, status: 'extracted', reviewsUnanchored: [] })]);
    const missing = await runCli(['reextract', '--document', '9', '--db', db.url]);
    expect([missing.code, missing.stderr]).toEqual([3, expect.stringContaining('no document with id 9')]);
  });
});
