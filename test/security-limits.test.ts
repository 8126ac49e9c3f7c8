import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, ingestText, json, type TestServer, wireReport } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

const BOUNDARY = '----tallylimits';
const filePart = (name: string, content: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n`;
const fieldPart = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

/** Send raw bytes to a listening server and return the status line it answers with. */
function rawStatus(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
    socket.end(request);
  });
}

for (const kind of STORE_KINDS) {
  describe(`request size limits on ${kind}`, () => {
    let s: TestServer;
    let figure: number;
    let incident: number;
    beforeAll(async () => {
      s = await createTestServer(kind, { bodyLimit: 64 * 1024, uploadLimit: 16 * 1024 });
      const seeded = await ingestText(s, wireReport().text);
      figure = seeded.figures[0] as number;
      incident = seeded.incidents[0] as number;
    });
    afterAll(async () => s.close());

    const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
      s.app.inject({
        method: 'POST',
        url,
        headers: { ...s.as('analyst'), 'content-type': 'application/json', ...headers },
        payload,
      });
    const documents = async () => (await s.t.store.db.selectFrom('documents').select('id').execute()).length;

    it('refuses a huge JSON array: 413 over the body limit, 400 over the schema limit', async () => {
      const huge = JSON.stringify({ claims: Array.from({ length: 50_000 }, (_, i) => i + 1), reason: 'x' });
      expect(huge.length).toBeGreaterThan(64 * 1024);
      expect((await post(`/api/incidents/${incident}/split`, huge)).statusCode).toBe(413);
      const long = JSON.stringify({ claims: Array.from({ length: 5000 }, (_, i) => i + 1), reason: 'x' });
      expect(long.length).toBeLessThan(64 * 1024);
      const r = await post(`/api/incidents/${incident}/split`, long);
      expect(r.statusCode).toBe(400);
      expect(json<{ message: string }>(r).message).toMatch(/^body\.claims: /);
    });

    it('refuses deeply nested JSON with 400, and keeps serving', async () => {
      for (const depth of [1000, 10_000]) {
        const nested = `{"note":${'['.repeat(depth)}${']'.repeat(depth)},"note_sensitive":false}`;
        const r = await post(`/api/figures/${figure}/note`, nested);
        expect([depth, r.statusCode]).toEqual([depth, 400]);
        const object = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        expect([depth, (await post(`/api/figures/${figure}/correct`, object)).statusCode]).toEqual([depth, 400]);
      }
      expect((await s.app.inject({ method: 'GET', url: '/api/figures', headers: s.as('viewer') })).statusCode).toBe(
        200,
      );
    });

    it('refuses prototype poisoning in JSON bodies', async () => {
      for (const body of [
        '{"note":"x","note_sensitive":false,"__proto__":{"role":"admin"}}',
        '{"note":"x","note_sensitive":false,"constructor":{"prototype":{"role":"admin"}}}',
      ]) {
        expect((await post(`/api/figures/${figure}/note`, body)).statusCode).toBe(400);
      }
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    });

    it('refuses bodies it cannot read as JSON: wrong type, compressed, or broken', async () => {
      const note = JSON.stringify({ note: 'x', note_sensitive: false });
      const form = await post(`/api/figures/${figure}/note`, 'note=x&note_sensitive=false', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(form.statusCode).toBe(415);
      // What a cross-site <form enctype="text/plain"> can send: JSON-looking text is never read as JSON.
      const plain = await post(`/api/figures/${figure}/note`, note, { 'content-type': 'text/plain' });
      expect(plain.statusCode).toBe(400);
      expect(json<{ message: string }>(plain).message).toMatch(/^body: .*object/);
      const gzip = await s.app.inject({
        method: 'POST',
        url: `/api/figures/${figure}/note`,
        headers: { ...s.as('analyst'), 'content-type': 'application/json', 'content-encoding': 'gzip' },
        payload: gzipSync(Buffer.from(note)),
      });
      // Never inflated (no zip bombs): the compressed bytes are simply not JSON.
      expect(gzip.statusCode).toBeOneOf([400, 415]);
      expect((await post(`/api/figures/${figure}/note`, '{"note": "x",')).statusCode).toBe(400);
    });

    it('refuses many multipart fields, and stores at most the one file of a many-part upload', async () => {
      const upload = (parts: string) =>
        s.app.inject({
          method: 'POST',
          url: '/api/documents/upload',
          headers: { ...s.as('analyst'), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
          payload: `${parts}--${BOUNDARY}--\r\n`,
        });
      const fields = Array.from({ length: 500 }, (_, i) => fieldPart(`f${i}`, 'v')).join('');
      let before = await documents();
      const manyFields = await upload(fields + filePart('a.txt', wireReport().text));
      expect(manyFields.statusCode).toBe(413);
      expect(await documents()).toBe(before);

      // A field over the field size is cut short while streaming, never held whole; only the file is used.
      const bigField = await upload(fieldPart('note', 'n'.repeat(100_000)) + filePart('b.txt', wireReport().text));
      expect(bigField.statusCode).toBe(201);
      expect(await documents()).toBe(before + 1);

      const files = Array.from({ length: 200 }, (_, i) => filePart(`f${i}.txt`, wireReport().text)).join('');
      before = await documents();
      const manyFiles = await upload(files);
      expect(manyFiles.statusCode).toBeGreaterThanOrEqual(200);
      expect(manyFiles.statusCode).toBeLessThan(500);
      expect(await documents()).toBeLessThanOrEqual(before + 1);

      const trailing = await upload(filePart('c.txt', wireReport().text) + fields);
      expect(trailing.statusCode).toBeLessThan(500);
      expect(await documents()).toBeLessThanOrEqual(before + 2);
    });

    it('refuses over-long path parameters', async () => {
      const r = await s.app.inject({
        method: 'GET',
        url: `/api/incidents/${'1'.repeat(500)}`,
        headers: s.as('viewer'),
      });
      expect(r.statusCode).toBe(414);
    });

    it('refuses a header bomb and an over-long URL on a real socket', async () => {
      // inject() skips Node's HTTP parser, where the header limit lives: listen for real.
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (s.app.server.address() as { port: number }).port;
      const request = (head: string) => rawStatus(port, `${head}Host: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(await request('GET /api/me HTTP/1.1\r\n')).toBe('HTTP/1.1 200 OK');
      const cookie = `Cookie: tally_session=${'a'.repeat(64 * 1024)}\r\n`;
      expect(await request(`GET /api/me HTTP/1.1\r\n${cookie}`)).toMatch(/^HTTP\/1\.1 431 /);
      const many = Array.from({ length: 3000 }, (_, i) => `X-H${i}: ${'v'.repeat(20)}\r\n`).join('');
      expect(await request(`GET /api/me HTTP/1.1\r\n${many}`)).toMatch(/^HTTP\/1\.1 431 /);
      const url = `GET /api/incidents?actor=${'a'.repeat(64 * 1024)} HTTP/1.1\r\n`;
      expect(await request(url)).toMatch(/^HTTP\/1\.1 431 /);
    });
  });
}
