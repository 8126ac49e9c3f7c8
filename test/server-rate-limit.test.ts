import { afterEach, describe, expect, it } from 'vitest';
import { createTestServer, PASSWORD, type TestServer } from './support/server.js';

// The limit counts per account when signed in and per address otherwise; 0 switches it off while
// sign-in keeps its own, much lower, limit per address.
describe('request rate limit', () => {
  let s: TestServer | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  const get = (server: TestServer, from: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'GET', url: '/api/figures', remoteAddress: from, headers }).then((r) => r.statusCode);
  const times = async (n: number, call: () => Promise<number>) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(await call());
    return out;
  };

  it('refuses an address past the limit while other addresses carry on', async () => {
    s = await createTestServer('sqlite', { publicReads: true, rateLimit: { max: 3, windowMs: 60_000 } });
    const server = s;
    expect(await times(4, () => get(server, '10.0.0.1'))).toEqual([200, 200, 200, 429]);
    expect(await get(server, '10.0.0.2')).toBe(200);
  });

  it('counts a signed-in caller against its account, not the address it shares', async () => {
    s = await createTestServer('sqlite', { publicReads: true, rateLimit: { max: 3, windowMs: 60_000 } });
    const server = s;
    // One office address: anonymous readers use up its budget; each account still has its own.
    expect(await times(3, () => get(server, '10.0.0.9'))).toEqual([200, 200, 200]);
    expect(await get(server, '10.0.0.9')).toBe(429);
    expect(await times(3, () => get(server, '10.0.0.9', server.as('viewer')))).toEqual([200, 200, 200]);
    expect(await get(server, '10.0.0.9', server.as('analyst'))).toBe(200);
    // The account's budget follows it to another address.
    expect(await get(server, '10.0.0.10', server.as('viewer'))).toBe(429);
    const limited = await server.app.inject({
      method: 'GET',
      url: '/api/figures',
      remoteAddress: '10.0.0.10',
      headers: server.as('viewer'),
    });
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('with a limit of 0 serves every read, while sign-in stays throttled per address', async () => {
    s = await createTestServer('sqlite', { publicReads: true, rateLimit: { max: 0, windowMs: 60_000 } });
    const server = s;
    const statuses = await times(40, () => get(server, '10.0.0.3'));
    expect(statuses.every((code) => code === 200)).toBe(true);
    const login = (password: string) =>
      server.app
        .inject({ method: 'POST', url: '/api/login', remoteAddress: '10.0.0.3', payload: { name: 'viewer', password } })
        .then((r) => r.statusCode);
    const logins = await times(8, () => login('not the password'));
    expect(logins.slice(0, 5).every((code) => code === 401)).toBe(true);
    expect(logins.at(-1)).toBe(429);
    expect(await login(PASSWORD)).toBe(429);
  });
});
