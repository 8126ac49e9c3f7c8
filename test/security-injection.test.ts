import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/core/account.js';
import {
  countRows,
  exampleOf,
  listOperations,
  type Operation,
  snapshotStore,
  stringFields,
  UNSAFE_METHODS,
  withValue,
} from './support/security.js';
import { createTestServer, ingestText, json, PASSWORD, type TestServer, wireReport } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

/** Classic injection strings: quote breaking, stacked queries, UNION, comments, dialect tricks, look-alike quotes. */
const SQL_PAYLOADS = [
  "'",
  "' OR '1'='1",
  "' OR 1=1 --",
  '1 OR 1=1',
  "admin'--",
  "') OR ('x'='x",
  "'; DROP TABLE incidents; --",
  '"; DROP TABLE users; --',
  "' UNION SELECT name, password_hash FROM users --",
  '%',
  '_',
  "\\'; --",
  "'; SELECT pg_sleep(5); --",
  "'||(SELECT version())||'",
  '$1',
  "' AND sqlite_version() > '0",
  "'; ATTACH DATABASE '/tmp/tally-injected.db' AS x; --",
  '\uff07 OR \uff071\uff07=\uff071',
  '\u2019; DROP TABLE incidents; --',
  "x\u0000' OR 1=1 --",
  '99999999999',
  ' ',
  '',
];

/**
 * For parameters the schema pins down (numbers, enums, dates), which validation settles before any
 * query: a few of each kind are enough, and keep the run short.
 */
const CONSTRAINED_PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE incidents; --",
  '1 UNION ALL SELECT NULL,NULL,NULL--',
  '\uff07 OR \uff071\uff07=\uff071',
  "x\u0000' OR 1=1 --",
  '-1',
  '99999999999',
  '1e309',
  '0x7fffffff',
  '',
];

/** Query values sent exactly as written: broken percent-encoding and overlong UTF-8 quotes. */
const RAW_QUERY_VALUES = ['%C0%27', '%ED%A0%80', '%ZZ', '%00%27', '%27%20OR%201%3D1--', '%'];

/** A few for JSON bodies, where each one is a write: the most telling of the list above. */
const BODY_PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE incidents; --",
  "' UNION SELECT name, password_hash FROM users --",
  "'; SELECT pg_sleep(5); --",
  "' AND sqlite_version() > '0",
  '\uff07; DROP TABLE users; --',
  "x\u0000'); DELETE FROM documents; --",
];

const NO_MATCH = 'zz-matches-nothing-zz';

/** Searches over the in-memory gazetteer and actor registry: fuzzy by design, and never SQL. */
const IN_MEMORY = new Set(['/api/places', '/api/actors']);
// The report names its title and selection on the cover, so its head differs by the value asked for:
// compare what it lists, from <main> on.
const ECHOES_SELECTION = new Set(['/api/report']);
const withoutSelection = (body: string) => body.slice(body.indexOf('<main>'));

for (const kind of STORE_KINDS) {
  describe(`SQL injection on ${kind}`, () => {
    let s: TestServer;
    let operations: Operation[];
    const ids: Record<string, number> = {};
    const access = new Map<string, Role>();

    /** A real id for each path parameter, so a request gets past "not found" to the query under test. */
    const fill = (path: string, value?: string) =>
      path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        if (value !== undefined) return encodeURIComponent(value);
        if (name === 'name') return 'target';
        const collection = /^\/api\/(\w+)\//.exec(path)?.[1] ?? '';
        return String(ids[collection] ?? 1);
      });

    beforeAll(async () => {
      s = await createTestServer(kind, {
        loginRateLimit: { max: 100_000, windowMs: 60_000 },
        accountLockout: { max: 100_000, windowMs: 60_000 },
      });
      const a = await ingestText(s, wireReport(12, 30).text);
      await ingestText(s, wireReport(7, 9).text);
      const accepted = await s.app.inject({
        method: 'POST',
        url: `/api/figures/${a.figures[0]}/accept`,
        headers: s.as('analyst'),
        payload: { note: 'seen' },
      });
      const target = await s.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: s.as('admin'),
        payload: { name: 'target', role: 'viewer', password: PASSWORD },
      });
      expect([accepted.statusCode, target.statusCode]).toEqual([200, 201]);
      Object.assign(ids, {
        documents: a.document,
        figures: a.figures[0],
        incidents: a.incidents[0],
        audit: json<{ audit_id: number }>(accepted).audit_id,
        // Not one of the per-role tokens: these tests must not revoke the admin's own.
        tokens: json<{ id: number }>(
          await s.app.inject({
            method: 'POST',
            url: '/api/tokens',
            headers: s.as('admin'),
            payload: { user: 'target', name: 'spare' },
          }),
        ).id,
      });
      operations = await listOperations(s);
      for (const r of s.app.routeTable) access.set(`${r.method} ${r.url}`, r.access === 'admin' ? 'admin' : 'analyst');
    });
    afterAll(async () => s.close());

    it('the OpenAPI document lists the filters the tests walk', () => {
      const queries = operations.filter((o) => o.method === 'GET').flatMap((o) => o.parameters);
      expect(queries.filter((p) => p.in === 'query').length).toBeGreaterThan(30);
      expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
        expect.arrayContaining(['GET /api/incidents', 'GET /api/figures', 'POST /api/figures/{id}/correct']),
      );
    });

    it('every query parameter of every GET route treats injection strings as plain values', async () => {
      const before = await snapshotStore(s.t.store);
      let tried = 0;
      const seen = new Set<string>();
      for (const op of operations.filter((o) => o.method === 'GET')) {
        const required = new URLSearchParams();
        for (const p of op.parameters)
          if (p.in === 'query' && p.required) required.set(p.name, String(exampleOf(p.schema)));
        const url = fill(op.path);
        const plain = await s.app.inject({ method: 'GET', url: `${url}?${required}`, headers: s.as('admin') });
        // The route works without the parameter: a 400 below is about the payload, not a missing argument.
        expect([op.path, plain.statusCode]).toEqual([op.path, 200]);
        for (const p of op.parameters.filter((q) => q.in === 'query')) {
          // What a value that matches nothing gets: an injection that widened the filter would differ.
          const neutralUrl = `${url}?${new URLSearchParams({ ...Object.fromEntries(required), [p.name]: NO_MATCH })}`;
          const neutral = await s.app.inject({ method: 'GET', url: neutralUrl, headers: s.as('admin') });
          const again = await s.app.inject({ method: 'GET', url: neutralUrl, headers: s.as('admin') });
          const isText = p.schema.type === 'string' && !p.schema.enum && !IN_MEMORY.has(op.path);
          const comparable = isText && neutral.statusCode === 200 && neutral.body === again.body;
          // The whole list the first time a free-text filter appears; where the same filter comes
          // back on another route (the incident filters sit on six), the short list.
          const signature = `${p.name} ${JSON.stringify(p.schema)}`;
          const free = p.schema.type === 'string' && !p.schema.enum && !p.schema.pattern && !seen.has(signature);
          seen.add(signature);
          const encoded = (free ? SQL_PAYLOADS : CONSTRAINED_PAYLOADS).map((v) => {
            const q = new URLSearchParams(required);
            q.set(p.name, v);
            return q.toString();
          });
          const raw = (free ? RAW_QUERY_VALUES : RAW_QUERY_VALUES.slice(0, 2)).map((v) => `${required}&${p.name}=${v}`);
          const twice = [`${required}&${p.name}=a&${p.name}=b' OR 1=1 --`];
          const blank = `${p.name}=${new URLSearchParams({ v: ' ' }).toString().slice(2)}`;
          for (const query of [...encoded, ...raw, ...twice]) {
            const r = await s.app.inject({ method: 'GET', url: `${url}?${query}`, headers: s.as('admin') });
            tried += 1;
            const where = `GET ${url}?${query}`;
            expect([where, r.statusCode]).toEqual([where, expect.toBeOneOf([200, 400])]);
            if (r.statusCode === 400) {
              expect([where, json<{ message: string }>(r).message]).toEqual([where, expect.stringMatching(/\S/)]);
            }
            // Nothing seeded matches any payload, so the answer is the one for a value that matches
            // nothing; a wider one was read as SQL. An empty or blank value is no filter at all.
            const filters = !query.endsWith(`${p.name}=`) && !query.endsWith(blank);
            if (r.statusCode === 200 && comparable && filters) {
              const body = ECHOES_SELECTION.has(op.path) ? withoutSelection(r.body) : r.body;
              const want = ECHOES_SELECTION.has(op.path) ? withoutSelection(neutral.body) : neutral.body;
              expect([where, body]).toEqual([where, want]);
            }
          }
        }
      }
      expect(tried).toBeGreaterThan(500);
      expect(await snapshotStore(s.t.store)).toEqual(before);
    });

    it('a forged incident cursor is refused, whatever it holds', async () => {
      const cursor = (...parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
      const forged = [
        ['id', 'asc', 1.5, 1],
        ['id', 'asc', 1e20, 1],
        ['id', 'asc', 1, 99_999_999_999],
        ['deaths', 'asc', -1e300, 1],
        ['date', 'asc', "9999-12-31' OR '1'='1", 1],
        ['date', 'asc', "2020\u0000'; DROP TABLE incidents; --", 1],
        ['id', 'asc', '1) OR (1=1', 1],
      ] as const;
      for (const parts of forged) {
        const sort = parts[0];
        const r = await s.app.inject({
          method: 'GET',
          url: `/api/incidents?sort=${sort}&cursor=${cursor(...parts)}`,
          headers: s.as('viewer'),
        });
        const where = JSON.stringify(parts);
        // A quoted string in a date cursor is a value to page from, after every seeded date: nothing follows it.
        expect([where, r.statusCode]).toEqual([where, expect.toBeOneOf([200, 400])]);
        if (r.statusCode === 200) expect([where, json<{ items: unknown[] }>(r).items]).toEqual([where, []]);
      }
      expect(Object.keys(await countRows(s.t.store))).toContain('incidents');
    });

    it('path parameters take only what they are declared as', async () => {
      const before = await countRows(s.t.store);
      const values = [
        "1' OR '1'='1",
        '1 OR 1=1',
        '1; DROP TABLE incidents',
        '../../etc/passwd',
        '..%2f..%2fetc',
        '-1',
        '0',
        '1.5',
        '99999999999',
        '1e400',
        '\u0000',
        "target'--",
        'target\u0000',
      ];
      for (const op of operations.filter((o) => o.parameters.some((p) => p.in === 'path'))) {
        const role = op.method === 'GET' ? 'admin' : (access.get(`${op.method} ${op.route}`) ?? 'admin');
        for (const value of values) {
          const url = fill(op.path, value);
          const r = await s.app.inject({
            method: op.method as 'GET',
            url,
            headers: s.as(role),
            ...(op.body ? { payload: exampleOf(op.body) as object } : {}),
          });
          const where = `${op.method} ${url}`;
          expect([where, r.statusCode]).toEqual([where, expect.toBeOneOf([400, 404])]);
        }
      }
      expect(await countRows(s.t.store)).toEqual(before);
    });

    it('every string field of every JSON write body is taken as data: no 5xx, no table lost or emptied', async () => {
      const before = await countRows(s.t.store);
      let tried = 0;
      for (const op of operations.filter((o) => UNSAFE_METHODS.has(o.method) && o.body)) {
        const schema = op.body as NonNullable<Operation['body']>;
        const role = access.get(`${op.method} ${op.route}`) ?? 'admin';
        for (const field of stringFields(schema)) {
          for (const value of BODY_PAYLOADS) {
            const payload = withValue(schema, exampleOf(schema), field, value) as object;
            const r = await s.app.inject({
              method: op.method as 'POST',
              url: fill(op.path),
              headers: { ...s.as(role), 'content-type': 'application/json' },
              payload: JSON.stringify(payload),
            });
            tried += 1;
            const where = `${op.method} ${op.path} ${field.join('.')}=${JSON.stringify(value)}`;
            // 401: a payload name or password at /api/login; 404/409: an example id that is gone or a state that says no.
            expect([where, r.statusCode, r.statusCode >= 500 ? r.body : '']).toEqual([
              where,
              expect.toBeOneOf([200, 201, 400, 401, 404, 409]),
              '',
            ]);
          }
        }
      }
      expect(tried).toBeGreaterThan(200);
      const after = await countRows(s.t.store);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      // Writes may add rows (a note, an audit entry); nothing may vanish.
      for (const [table, n] of Object.entries(before)) expect([table, (after[table] ?? 0) >= n]).toEqual([table, true]);
      const incident = await s.app.inject({
        method: 'GET',
        url: `/api/incidents/${ids.incidents}`,
        headers: s.as('viewer'),
      });
      expect(incident.statusCode).toBe(200);
    });
  });
}
