import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, json, type TestServer, wireReport } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

const BOUNDARY = '----tallysecurity';

/** A multipart body with one file part whose Content-Disposition is written out as given. */
function upload(disposition: string, content: string) {
  return {
    payload: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${BOUNDARY}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

for (const kind of STORE_KINDS) {
  describe(`upload file names on ${kind}`, () => {
    let s: TestServer;
    // A name no file anywhere has: if it shows up on disk, an upload wrote it.
    const marker = `tally-traversal-${randomBytes(6).toString('hex')}`;
    const names = [
      `../../../../../../tmp/${marker}.txt`,
      `..\\..\\..\\..\\${marker}.txt`,
      `/tmp/${marker}-absolute.txt`,
      `C:\\Windows\\Temp\\${marker}.txt`,
      `....//....//${marker}.txt`,
      `%2e%2e%2f%2e%2e%2f${marker}.txt`,
      `${marker}\u0000.txt`,
      `${marker}\u0000/../../etc/passwd`,
      `${marker}\r\nX-Injected: yes.txt`,
      `\u202e${marker}txt.exe`,
      `${marker}${'x'.repeat(5000)}.txt`,
      '..',
      '.',
      '',
    ];
    const storeDir = () => (kind === 'sqlite' ? dirname(s.t.url) : null);

    beforeAll(async () => {
      s = await createTestServer(kind);
    });
    afterAll(async () => s.close());

    it('keeps a file name only as a label: no directories, no control characters, bounded', async () => {
      const before = storeDir() ? readdirSync(storeDir() as string).sort() : [];
      for (const name of names) {
        const body = upload(`filename="${name}"`, wireReport().text);
        const r = await s.app.inject({
          method: 'POST',
          url: '/api/documents/upload',
          headers: { ...body.headers, ...s.as('analyst') },
          payload: body.payload,
        });
        const where = JSON.stringify(name.slice(0, 60));
        expect([where, r.statusCode, r.statusCode < 300 ? '' : r.body]).toEqual([where, 201, '']);
        const { id, name: label } = json<{ id: number; name: string }>(r);
        expect([where, label]).toEqual([
          where,
          expect.stringMatching(/^[^/\\\p{Cc}\u202a-\u202e\u2066-\u2069]{1,255}$/u),
        ]);
        expect([where, label]).not.toEqual([where, expect.toBeOneOf(['.', '..'])]);
        const doc = await s.app.inject({ method: 'GET', url: `/api/documents/${id}`, headers: s.as('viewer') });
        expect([where, json<{ source: string }>(doc).source]).toEqual([where, label]);
      }
      for (const name of names) {
        for (const base of [process.cwd(), tmpdir(), storeDir() ?? tmpdir()]) {
          const target = resolve(base, name.replaceAll('\\', '/').replaceAll('\u0000', ''));
          if (target.includes(marker)) expect([target, existsSync(target)]).toEqual([target, false]);
        }
      }
      for (const dir of [tmpdir(), process.cwd(), '/tmp']) {
        const found = readdirSync(dir).filter((f) => f.includes(marker));
        expect([dir, found]).toEqual([dir, []]);
      }
      // The store's directory holds the database and nothing an upload named.
      if (storeDir()) expect(readdirSync(storeDir() as string).filter((f) => !before.includes(f))).toEqual([]);
    });

    it('reads RFC 5987 encoded names the same way', async () => {
      const body = upload(`filename*=UTF-8''..%2F..%2F${marker}%00.txt`, wireReport().text);
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/documents/upload',
        headers: { ...body.headers, ...s.as('analyst') },
        payload: body.payload,
      });
      expect(r.statusCode).toBe(201);
      expect(json<{ name: string }>(r).name).toMatch(/^[^/\\\p{Cc}]+$/u);
    });

    it('takes the file from the "file" field only', async () => {
      const body = upload('filename="wire.txt"', wireReport().text);
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/documents/upload',
        headers: { ...body.headers, ...s.as('analyst') },
        payload: body.payload.replace('name="file"', 'name="../file"'),
      });
      expect(r.statusCode).toBe(400);
      expect(json<{ message: string }>(r).message).toMatch(/^body\.file: /);
    });

    it('treats a pasted document source as a label too: stored verbatim, never opened', async () => {
      const source = `../../../../tmp/${marker}-pasted.txt`;
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: s.as('analyst'),
        payload: { text: wireReport().text, source },
      });
      expect(r.statusCode).toBe(201);
      const doc = await s.app.inject({
        method: 'GET',
        url: `/api/documents/${json<{ id: number }>(r).id}`,
        headers: s.as('viewer'),
      });
      expect(json<{ source: string }>(doc).source).toBe(source);
      expect(existsSync(resolve(process.cwd(), source))).toBe(false);
      expect(existsSync(`/tmp/${marker}-pasted.txt`)).toBe(false);
    });
  });
}
