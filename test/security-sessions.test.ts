import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestServer, ingestText, json, PASSWORD, type TestServer, wireReport } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

function cookiesOf(r: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of [r.headers['set-cookie'] ?? []].flat()) {
    const [pair] = c.split(';');
    const at = (pair ?? '').indexOf('=');
    if (at > 0) out[(pair as string).slice(0, at)] = (pair as string).slice(at + 1);
  }
  return out;
}

interface Session {
  sid: string;
  csrf: string;
  device: string;
}

const HOUR = 60 * 60 * 1000;
const START = Date.parse('2031-03-01T08:00:00Z');

afterEach(() => {
  vi.useRealTimers();
});

for (const kind of STORE_KINDS) {
  describe(`sessions, CSRF and password guessing on ${kind}`, () => {
    let s: TestServer;
    let figure: number;
    beforeAll(async () => {
      s = await createTestServer(kind, { loginRateLimit: { max: 100_000, windowMs: 60_000 } });
      figure = (await ingestText(s, wireReport().text)).figures[0] as number;
    });
    afterAll(async () => s.close());

    const login = (name: string, password = PASSWORD, headers: Record<string, string> = {}, server = s) =>
      server.app.inject({ method: 'POST', url: '/api/login', payload: { name, password }, headers });
    const signIn = async (name: string, headers: Record<string, string> = {}): Promise<Session> => {
      const r = await login(name, PASSWORD, headers);
      expect(r.statusCode).toBe(200);
      const c = cookiesOf(r);
      return {
        sid: c.tally_session as string,
        csrf: json<{ csrf_token: string }>(r).csrf_token,
        device: c.tally_device as string,
      };
    };
    const me = async (sid: string) =>
      json<{ user: { name: string } | null; via: string }>(
        await s.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `tally_session=${sid}` } }),
      );
    const accept = (headers: Record<string, string>) =>
      s.app.inject({ method: 'POST', url: `/api/figures/${figure}/accept`, headers, payload: {} });

    describe('session fixation', () => {
      it('never keeps a session the browser arrived with, even a real one planted by someone else', async () => {
        const attacker = await signIn('viewer');
        const victim = await signIn('analyst', { cookie: `tally_session=${attacker.sid}` });
        expect(victim.sid).not.toBe(attacker.sid);
        expect(await me(victim.sid)).toMatchObject({ user: { name: 'analyst' }, via: 'session' });
        // The planted id did not become the analyst's; it is gone altogether.
        expect(await me(attacker.sid)).toMatchObject({ user: null, via: 'anonymous' });
      });

      it('mints its own id whatever the client offers, and takes a session id only as a cookie', async () => {
        const madeUp = 'A'.repeat(43);
        const session = await signIn('analyst', { cookie: `tally_session=${madeUp}` });
        expect(session.sid).not.toBe(madeUp);
        expect(session.sid).toMatch(/^[\w-]{43}$/);
        expect(await me(madeUp)).toMatchObject({ via: 'anonymous' });
        const asBearer = await s.app.inject({
          method: 'GET',
          url: '/api/me',
          headers: { authorization: `Bearer ${session.sid}` },
        });
        expect(asBearer.statusCode).toBe(401);
        const inQuery = await s.app.inject({ method: 'GET', url: `/api/documents?tally_session=${session.sid}` });
        expect(inQuery.statusCode).toBe(401);
      });
    });

    describe('ending sessions', () => {
      it('logout kills the session id and its CSRF token, clears the cookies, and leaves other sessions be', async () => {
        const other = await signIn('analyst');
        const session = await signIn('analyst');
        const out = await s.app.inject({
          method: 'POST',
          url: '/api/logout',
          headers: { cookie: `tally_session=${session.sid}`, 'x-csrf-token': session.csrf },
        });
        expect(out.statusCode).toBe(200);
        const cleared = [out.headers['set-cookie'] ?? []].flat();
        for (const name of ['tally_session', 'tally_csrf']) {
          expect(cleared.find((c) => c.startsWith(`${name}=;`))).toMatch(/Expires=Thu, 01 Jan 1970/);
        }
        const replay = await accept({ cookie: `tally_session=${session.sid}`, 'x-csrf-token': session.csrf });
        expect(replay.statusCode).toBe(401);
        expect(await me(session.sid)).toMatchObject({ via: 'anonymous' });
        expect(await me(other.sid)).toMatchObject({ user: { name: 'analyst' } });
      });

      it('a new password, a new role or removing the account ends its sessions at once', async () => {
        const add = await s.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: s.as('admin'),
          payload: { name: 'leaver', role: 'viewer', password: PASSWORD },
        });
        expect(add.statusCode).toBe(201);
        const changes = [
          { method: 'PATCH', payload: { password: 'another long password' } },
          { method: 'PATCH', payload: { role: 'analyst' } },
          { method: 'DELETE' },
        ] as const;
        let password = PASSWORD;
        for (const change of changes) {
          const r = await login('leaver', password);
          expect(r.statusCode).toBe(200);
          const sid = cookiesOf(r).tally_session as string;
          const done = await s.app.inject({
            method: change.method,
            url: '/api/users/leaver',
            headers: s.as('admin'),
            ...('payload' in change ? { payload: change.payload } : {}),
          });
          expect([change, done.statusCode]).toEqual([change, 200]);
          if ('payload' in change && 'password' in change.payload) password = change.payload.password;
          expect([change, await me(sid)]).toEqual([change, expect.objectContaining({ via: 'anonymous' })]);
        }
      });

      it('a session expires when its time is up, however recently it was used', async () => {
        vi.useFakeTimers({ toFake: ['Date'], now: START });
        const session = await signIn('viewer');
        vi.setSystemTime(START + 12 * HOUR - 60_000);
        expect(await me(session.sid)).toMatchObject({ user: { name: 'viewer' } });
        vi.setSystemTime(START + 12 * HOUR + 1000);
        expect(await me(session.sid)).toMatchObject({ via: 'anonymous' });
      });
    });

    describe('cross-site request forgery', () => {
      let session: Session;
      beforeAll(async () => {
        session = await signIn('analyst', { host: 'tally.example.org' });
      });
      const write = (headers: Record<string, string>) =>
        accept({ cookie: `tally_session=${session.sid}`, host: 'tally.example.org', ...headers });

      it('refuses the CSRF token of another session, and the CSRF cookie without the header', async () => {
        const mine = await signIn('analyst');
        const theirs = await signIn('admin');
        expect((await write({ 'x-csrf-token': mine.csrf })).statusCode).toBe(403);
        expect((await write({ 'x-csrf-token': theirs.csrf })).statusCode).toBe(403);
        expect((await write({ cookie: `tally_session=${session.sid}; tally_csrf=${session.csrf}` })).statusCode).toBe(
          403,
        );
        expect((await write({ 'x-csrf-token': session.csrf })).statusCode).toBe(200);
      });

      it('refuses writes another site starts, even with the right token', async () => {
        const token = { 'x-csrf-token': session.csrf };
        const refused: Record<string, string>[] = [
          { origin: 'https://evil.example' },
          { origin: 'https://tally.example.org.evil.example' },
          { origin: 'null' },
          { referer: 'https://evil.example/page.html' },
          { 'sec-fetch-site': 'cross-site' },
          { 'sec-fetch-site': 'same-site', origin: 'https://sub.example.org' },
        ];
        for (const headers of refused) {
          const r = await write({ ...token, ...headers });
          expect([headers, r.statusCode]).toEqual([headers, 403]);
          expect(json<{ message: string }>(r).message).toMatch(/cross-site/);
        }
        const allowed: Record<string, string>[] = [
          { origin: 'https://tally.example.org' },
          { referer: 'http://tally.example.org/#/incidents' },
          // The browser's own word wins: a proxy that rewrote Host does not turn the page's writes away.
          { 'sec-fetch-site': 'same-origin', origin: 'https://tally.example.org' },
          { 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:5173' },
          {},
        ];
        for (const headers of allowed) {
          expect([headers, (await write({ ...token, ...headers })).statusCode]).toEqual([headers, 200]);
        }
      });

      it('refuses sign-in and sign-out started by another site (login CSRF)', async () => {
        const r = await login('analyst', PASSWORD, { origin: 'https://evil.example', host: 'tally.example.org' });
        expect(r.statusCode).toBe(403);
        expect(r.headers['set-cookie']).toBeUndefined();
        const out = await s.app.inject({
          method: 'POST',
          url: '/api/logout',
          headers: {
            cookie: `tally_session=${session.sid}`,
            'x-csrf-token': session.csrf,
            host: 'tally.example.org',
            'sec-fetch-site': 'cross-site',
          },
        });
        expect(out.statusCode).toBe(403);
        expect(await me(session.sid)).toMatchObject({ user: { name: 'analyst' } });
      });

      it('grants no cross-origin access: bearer tokens stay for scripts', async () => {
        const preflight = await s.app.inject({
          method: 'OPTIONS',
          url: `/api/figures/${figure}/accept`,
          headers: {
            origin: 'https://evil.example',
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type',
          },
        });
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
        expect(preflight.statusCode).toBeGreaterThanOrEqual(400);
        const scripted = await accept({ ...s.as('analyst'), origin: 'https://ci.example' });
        expect(scripted.statusCode).toBe(200);
        expect(scripted.headers['access-control-allow-origin']).toBeUndefined();
      });
    });
  });

  describe(`password guessing on ${kind}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await createTestServer(kind, {
        trustProxy: true,
        loginRateLimit: { max: 3, windowMs: 60_000 },
        accountLockout: { max: 4, windowMs: 15 * 60_000 },
      });
    });
    afterAll(async () => s.close());

    const login = (name: string, password: string, from: string, headers: Record<string, string> = {}) =>
      s.app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { name, password },
        remoteAddress: from,
        headers,
      });

    it('limits sign-ins per client address, taking the address from the one proxy it trusts', async () => {
      for (let i = 0; i < 3; i++) expect((await login('viewer', `guess ${i}`, '192.0.2.1')).statusCode).toBe(401);
      expect((await login('viewer', PASSWORD, '192.0.2.1')).statusCode).toBe(429);
      expect((await login('viewer', PASSWORD, '192.0.2.2')).statusCode).toBe(200);

      // Behind the proxy (127.0.0.1), the client is the address the proxy appended, not what it wrote itself.
      const via = (client: string, claimed: string) => ({ 'x-forwarded-for': `${claimed}, ${client}` });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await login('analyst', PASSWORD, '127.0.0.1', via('198.51.100.7', `10.0.0.${i}`))).statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect((await login('analyst', PASSWORD, '127.0.0.1', via('198.51.100.8', '10.0.0.1'))).statusCode).toBe(200);
      // From anywhere but the proxy, X-Forwarded-For is the client's own claim and counts for nothing.
      const direct = [];
      for (let i = 0; i < 4; i++) {
        direct.push((await login('analyst', PASSWORD, '203.0.113.9', { 'x-forwarded-for': `10.1.0.${i}` })).statusCode);
      }
      expect(direct).toEqual([200, 200, 200, 429]);
    });

    it('locks an account name after repeated failures from anywhere, but never for a browser it signed in from', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: START });
      let address = 0;
      const fresh = () => {
        address += 1;
        return `203.0.114.${address}`;
      };
      const known = await login('admin', PASSWORD, fresh());
      expect(known.statusCode).toBe(200);
      const device = cookiesOf(known).tally_device as string;
      expect([known.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('tally_device='))).toMatch(
        /Path=\/api\/login; .*HttpOnly/,
      );
      const other = cookiesOf(await login('viewer', PASSWORD, fresh())).tally_device as string;

      // Each guess from a new address: the per-address limit never sees more than one.
      for (let i = 0; i < 4; i++) expect((await login('admin', `guess ${i}`, fresh())).statusCode).toBe(401);
      for (let i = 0; i < 4; i++) expect((await login('nobody', `guess ${i}`, fresh())).statusCode).toBe(401);
      const locked = await login('admin', PASSWORD, fresh());
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
      // An unknown name locks the same way, with the same words: the lock says nothing about who exists.
      const ghost = await login('nobody', PASSWORD, fresh());
      expect([ghost.statusCode, json<{ message: string }>(ghost).message]).toEqual([
        429,
        json<{ message: string }>(locked).message,
      ]);
      // Other accounts, and the browser that signed in before, are not affected.
      expect((await login('analyst', PASSWORD, fresh())).statusCode).toBe(200);
      expect((await login('admin', PASSWORD, fresh(), { cookie: `tally_device=${device}` })).statusCode).toBe(200);
      for (const cookie of [other, 'forged.cookie', `${device.split('.')[0]}.${'A'.repeat(43)}`]) {
        const r = await login('admin', PASSWORD, fresh(), { cookie: `tally_device=${cookie}` });
        expect([cookie, r.statusCode]).toEqual([cookie, 429]);
      }

      // Guessing on while locked is refused before any password check, and does not stretch the lock.
      vi.setSystemTime(START + 10 * 60_000);
      for (let i = 0; i < 20; i++) expect((await login('admin', `more ${i}`, fresh())).statusCode).toBe(429);
      vi.setSystemTime(START + 15 * 60_000);
      expect((await login('admin', PASSWORD, fresh())).statusCode).toBe(200);
    });
  });
}
