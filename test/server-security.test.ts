import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestServer,
  ingestText,
  json,
  multipartFile,
  PASSWORD,
  type TestServer,
  wireReport,
} from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

function cookiesOf(setCookie: string | string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of [setCookie ?? []].flat()) {
    const [pair] = c.split(';');
    const [name, value] = (pair ?? '').split('=');
    if (name) out[name] = value ?? '';
  }
  return out;
}

for (const kind of STORE_KINDS) {
  describe(`server safeguards on ${kind}`, () => {
    let s: TestServer;
    let figureId: number;
    beforeAll(async () => {
      s = await createTestServer(kind, {
        loginRateLimit: { max: 8, windowMs: 60_000 },
        bodyLimit: 4 * 1024,
        uploadLimit: 8 * 1024,
      });
      figureId = (await ingestText(s, wireReport().text)).figures[0] as number;
    });
    afterAll(async () => s.close());

    const login = (name: string, password: string, headers: Record<string, string> = {}) =>
      s.app.inject({ method: 'POST', url: '/api/login', payload: { name, password }, headers });

    it('signs in with a cookie session (HttpOnly, SameSite=Lax), rotates it on login, and deletes it on logout', async () => {
      const first = await login('analyst', PASSWORD, { cookie: 'tally_session=planted-by-someone-else' });
      expect(first.statusCode).toBe(200);
      const setCookie = [first.headers['set-cookie'] ?? []].flat();
      const session = setCookie.find((c) => c.startsWith('tally_session=')) ?? '';
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Lax/);
      expect(session).not.toMatch(/Secure/);
      const sid = cookiesOf(setCookie).tally_session as string;
      expect(sid).not.toBe('planted-by-someone-else');
      expect(sid.length).toBeGreaterThanOrEqual(43);
      const me = await s.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `tally_session=${sid}` } });
      expect(json<{ user: { name: string }; via: string }>(me)).toMatchObject({
        user: { name: 'analyst' },
        via: 'session',
      });

      // Signing in again from the same browser replaces the session; the old id stops working.
      const second = await login('analyst', PASSWORD, { cookie: `tally_session=${sid}` });
      const sid2 = cookiesOf(second.headers['set-cookie']).tally_session as string;
      expect(sid2).not.toBe(sid);
      const old = await s.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `tally_session=${sid}` } });
      expect(json<{ via: string }>(old).via).toBe('anonymous');

      const csrf = json<{ csrf_token: string }>(second).csrf_token;
      const out = await s.app.inject({
        method: 'POST',
        url: '/api/logout',
        headers: { cookie: `tally_session=${sid2}`, 'x-csrf-token': csrf },
      });
      expect(out.statusCode).toBe(200);
      const after = await s.app.inject({
        method: 'GET',
        url: '/api/documents',
        headers: { cookie: `tally_session=${sid2}` },
      });
      expect(after.statusCode).toBe(401);
    });

    it('marks the session cookie Secure behind an https proxy it trusts', async () => {
      const proxied = await createTestServer(kind, { trustProxy: true });
      try {
        const r = await proxied.app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { name: 'viewer', password: PASSWORD },
          headers: { 'x-forwarded-proto': 'https' },
        });
        expect([r.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('tally_session='))).toMatch(/; Secure/);
      } finally {
        await proxied.close();
      }
    });

    it('refuses cookie-authenticated writes without the CSRF token, and exempts bearer tokens', async () => {
      const r = await login('analyst', PASSWORD);
      const sid = cookiesOf(r.headers['set-cookie']).tally_session as string;
      const csrf = json<{ csrf_token: string }>(r).csrf_token;
      const write = (headers: Record<string, string>) =>
        s.app.inject({ method: 'POST', url: `/api/figures/${figureId}/accept`, headers, payload: {} });
      const without = await write({ cookie: `tally_session=${sid}` });
      expect(without.statusCode).toBe(403);
      expect(json<{ message: string }>(without).message).toMatch(/X-CSRF-Token/);
      expect((await write({ cookie: `tally_session=${sid}`, 'x-csrf-token': 'guessed' })).statusCode).toBe(403);
      expect((await write({ cookie: `tally_session=${sid}`, 'x-csrf-token': csrf })).statusCode).toBe(200);
      expect((await write(s.as('analyst'))).statusCode).toBe(200);
      // Reads need no CSRF token.
      expect(
        (await s.app.inject({ method: 'GET', url: '/api/figures', headers: { cookie: `tally_session=${sid}` } }))
          .statusCode,
      ).toBe(200);
    });

    it('refuses a wrong password without saying whether the account exists, and rate-limits login', async () => {
      const wrong = await login('analyst', 'not the password');
      const nobody = await login('nobody', 'not the password');
      expect([wrong.statusCode, nobody.statusCode]).toEqual([401, 401]);
      expect(json<{ message: string }>(wrong).message).toBe(json<{ message: string }>(nobody).message);
      const statuses: number[] = [];
      for (let i = 0; i < 10 && !statuses.includes(429); i++)
        statuses.push((await login('analyst', `guess ${i}`)).statusCode);
      expect(statuses.at(-1)).toBe(429);
      // Once limited, even the right password waits.
      expect((await login('analyst', PASSWORD)).statusCode).toBe(429);
      // The limit is per route: other requests carry on.
      expect((await s.app.inject({ method: 'GET', url: '/api/figures', headers: s.as('viewer') })).statusCode).toBe(
        200,
      );
    });

    it('answers invalid input with 400 naming the field and why', async () => {
      const low = await s.app.inject({
        method: 'POST',
        url: `/api/figures/${figureId}/correct`,
        headers: s.as('analyst'),
        payload: { reason: 'x', low: 'twelve' },
      });
      expect(low.statusCode).toBe(400);
      expect(json<{ message: string }>(low).message).toMatch(/^body\.low: .*number/);
      const unknown = await s.app.inject({
        method: 'POST',
        url: `/api/figures/${figureId}/correct`,
        headers: s.as('analyst'),
        payload: { reason: 'x', lowest: 3 },
      });
      expect(json<{ message: string }>(unknown).message).toMatch(/lowest/);
      const range = await s.app.inject({
        method: 'POST',
        url: `/api/figures/${figureId}/correct`,
        headers: s.as('analyst'),
        payload: { reason: 'x', low: 20, high: 10 },
      });
      expect(json<{ message: string }>(range).message).toBe('body.low: low (20) is greater than high (10)');
      const query = await s.app.inject({
        method: 'GET',
        url: '/api/incidents?from=yesterday',
        headers: s.as('viewer'),
      });
      expect(json<{ message: string }>(query).message).toBe('querystring.from: expected a date as YYYY-MM-DD');
      const missing = await s.app.inject({ method: 'GET', url: '/api/incidents/99999', headers: s.as('viewer') });
      expect([missing.statusCode, json<{ message: string }>(missing).message]).toEqual([
        404,
        'no incident with id 99999',
      ]);
    });

    it('refuses bodies over the JSON limit and uploads over the upload limit with 413', async () => {
      const big = await s.app.inject({
        method: 'POST',
        url: `/api/figures/${figureId}/note`,
        headers: { ...s.as('analyst'), 'content-type': 'application/json' },
        payload: JSON.stringify({ note: 'x'.repeat(5000), note_sensitive: false }),
      });
      expect(big.statusCode).toBe(413);
      const upload = multipartFile('huge.txt', `${wireReport().text}${'filler words. '.repeat(1000)}`);
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/documents/upload',
        headers: { ...upload.headers, ...s.as('analyst') },
        payload: upload.payload,
      });
      expect(r.statusCode).toBe(413);
      const pasted = await s.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: s.as('analyst'),
        payload: { text: 'y'.repeat(20 * 1024) },
      });
      expect(pasted.statusCode).toBe(413);
    });

    it('treats SQL-looking filter and sort values as plain values', async () => {
      const tries = [
        "/api/incidents?actor=' OR 1=1 --",
        '/api/incidents?actor=taliban"; DROP TABLE incidents; --',
        "/api/figures?claimant=%' OR '1'='1",
        '/api/figures?claimant=%25',
        "/api/incidents?dataset=tally' OR 'x'='x",
        "/api/conflicts?q='; DELETE FROM documents; --",
        '/api/aggregates/deaths?by=type&actor=1) OR (1=1',
      ];
      for (const url of tries) {
        const r = await s.app.inject({ method: 'GET', url: encodeURI(url), headers: s.as('viewer') });
        expect([url, r.statusCode]).toEqual([url, 200]);
        const body = json<unknown[] | { items?: unknown[]; rows?: unknown[] }>(r);
        const found = Array.isArray(body) ? body : (body.items ?? body.rows);
        expect([url, found]).toEqual([url, []]);
      }
      const sort = await s.app.inject({
        method: 'GET',
        url: encodeURI('/api/incidents?sort=date; DROP TABLE incidents'),
        headers: s.as('viewer'),
      });
      expect(sort.statusCode).toBe(400);
      expect(json<{ message: string }>(sort).message).toMatch(/^querystring\.sort: /);
      const cursor = await s.app.inject({
        method: 'GET',
        url: "/api/incidents?cursor=eyJ4IjoxfQ'--",
        headers: s.as('viewer'),
      });
      expect(cursor.statusCode).toBe(400);
      expect((await s.app.inject({ method: 'GET', url: '/api/incidents', headers: s.as('viewer') })).statusCode).toBe(
        200,
      );
      expect(
        json<unknown[]>(await s.app.inject({ method: 'GET', url: '/api/documents', headers: s.as('viewer') })).length,
      ).toBeGreaterThan(0);
    });

    it('sends security headers, the OpenAPI document and offline API docs', async () => {
      const r = await s.app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(r.statusCode).toBe(200);
      const spec = json<{ openapi: string; paths: Record<string, unknown> }>(r);
      expect(spec.openapi).toMatch(/^3\./);
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining(['/api/incidents', '/api/figures/{id}/correct', '/api/aggregates/deaths']),
      );
      const docs = await s.app.inject({ method: 'GET', url: '/api/docs/' });
      expect(docs.statusCode).toBe(200);
      expect(docs.body).not.toMatch(/https?:\/\/(?!localhost)/);
      expect(docs.headers['content-security-policy']).toContain("default-src 'self'");
      expect(docs.headers['x-content-type-options']).toBe('nosniff');
      expect(docs.headers['x-frame-options']).toBe('SAMEORIGIN');
    });
  });
}
