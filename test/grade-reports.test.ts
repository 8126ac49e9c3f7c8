import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyser, loadResolvers } from '../src/app/analyse-document.js';
import { reextractDocuments } from '../src/app/reextract-documents.js';
import type { IncidentGrade } from '../src/core/grade.js';
import type { AuditEntry, ReviewedIncident } from '../src/core/review.js';
import { createTestServer, json, type TestServer } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

// Reports written for these tests; the events are invented, the places real (the shipped gazetteer).
const WIRE =
  'KANDAHAR, March 3 (Reuters) - A roadside bomb tore through a minibus in Arghandab district of Kandahar province on 2 March 2020, killing 11 civilians, a provincial official said on Tuesday. Nobody claimed the attack.\n';
const MONITOR =
  'Civilian harm update\n\nPress release — Southern Afghanistan Civilian Monitor\n\nOur field staff confirmed that 12 civilians died when a bomb exploded under a minibus in Arghandab district, Kandahar province, on 2 March 2020.\n';
const LOW_TOLL =
  'PUL-E KHUMRI, June 9 (Example Post) - Eight civilians were killed by mortar fire in Pul-e Khumri district of Baghlan province on 8 June 2019, a hospital director said.\n';
const HIGH_TOLL =
  'Statement on Baghlan\n\nPress release — Baghlan Human Rights Commission\n\nThe commission documented the deaths of 30 civilians in mortar fire on Pul-e Khumri district, Baghlan province, on 8 June 2019, far more than officials have acknowledged.\n';
const SINGLE =
  'GHAZNI, Jan 12 (Example Post) - Gunmen attacked a police checkpoint in Andar district of Ghazni province on 11 January 2017 and killed four policemen.\n';

const NUMBER =
  'MAIMANA, Oct 5 (Example Herald) - Shelling struck the main market of Maimana in Faryab province on 4 October 2018, killing nine civilians, a doctor at the city hospital said.\n';
const NO_NUMBER =
  'Faryab: civilians under fire\n\nPress release — Northern Civilian Protection Network\n\nDozens of civilians were killed when shells hit the market in Maimana, Faryab province, on 4 October 2018, according to witnesses interviewed by our team.\n';

type Graded = ReviewedIncident & { grade: IncidentGrade };

for (const kind of STORE_KINDS) {
  describe(`grades of reports on ${kind}`, () => {
    let s: TestServer;
    const get = async <T>(url: string, role: 'viewer' | 'analyst' | null = 'analyst') =>
      json<T>(await s.app.inject({ method: 'GET', url, headers: s.as(role) }));
    const post = (url: string, payload: unknown) =>
      s.app.inject({ method: 'POST', url, headers: s.as('analyst'), payload: payload as string });
    const ingest = async (title: string, text: string, source?: string) => {
      const r = await post('/api/documents', { title, text, ...(source ? { source } : {}) });
      expect(r.statusCode, r.body).toBe(201);
      return json<{ id: number }>(r).id;
    };
    const incidentAt = async (place: string, status = 'active') => {
      const page = await get<{ items: Graded[] }>(`/api/incidents?place=${encodeURIComponent(place)}&status=${status}`);
      expect(page.items).toHaveLength(1);
      return page.items[0] as Graded;
    };

    beforeAll(async () => {
      s = await createTestServer(kind);
      await ingest('Minibus bombed in Arghandab', WIRE);
      // The same wire under another headline, from another site: a copy, not a second source.
      await ingest(
        'Eleven die as bomb hits minibus',
        `Eleven die as bomb hits minibus\n\n${WIRE}`,
        'https://example-daily.test/a/1',
      );
      await ingest('Civilian harm update', MONITOR);
      await ingest('Clashes near Pul-e Khumri', LOW_TOLL);
      await ingest('Statement on Baghlan', HIGH_TOLL);
      await ingest('Checkpoint attack in Ghazni', SINGLE);
      await ingest('Market shelled in Maimana', NUMBER);
      await ingest('Faryab: civilians under fire', NO_NUMBER);
    });
    afterAll(async () => s.close());

    it('one wire in two copies is one source; with an independent monitor that agrees, confirmed', async () => {
      const i = await incidentAt('Arghandab');
      expect(new Set(i.sources.map((x) => x.document_id)).size).toBe(3);
      expect(i.grade).toMatchObject({ grade: 'confirmed', sources: 2, computed: 'confirmed', override: null });
      expect(i.grade.reason).toMatch(/independent non-party sources/);
    });

    it('fair when two independent sources report it without a count to compare', async () => {
      const i = await incidentAt('Faryab province');
      expect(i.grade).toMatchObject({ grade: 'fair', sources: 2 });
    });

    it('contested when independent sources disagree by more than a factor of two', async () => {
      const i = await incidentAt('Pul-e Khumri');
      expect(i.grade.grade).toBe('contested');
      expect(i.grade.reason).toMatch(/30.*8|8.*30/);
    });

    it('weak on one source; contested once the source is corrected to a party speaking alone', async () => {
      const i = await incidentAt('Ghazni province');
      expect(i.grade).toMatchObject({ grade: 'weak', sources: 1 });
      const docId = i.sources[0]?.document_id as number;
      const guessed = await get<{ source_type: string; agency: string | null }>(`/api/documents/${docId}/source`);
      expect(guessed).toMatchObject({ source_type: 'news', agency: 'Example Post' });

      const viewer = await s.app.inject({
        method: 'POST',
        url: `/api/documents/${docId}/source`,
        headers: s.as('viewer'),
        payload: { source_type: 'party' },
      });
      expect(viewer.statusCode).toBe(403);
      // The report states the toll in its own voice: once it is known to be a party's, only a party speaks.
      const set = await post(`/api/documents/${docId}/source`, {
        source_type: 'party',
        note: 'a police press office',
        reason: 'byline',
      });
      expect(set.statusCode, set.body).toBe(200);
      const audit = await get<AuditEntry[]>(`/api/audit?entity_type=document&entity_id=${docId}`);
      expect(audit[0]).toMatchObject({ action: 'source.set', reason: 'byline' });
      expect((await get<{ source_type: string }>(`/api/documents/${docId}/source`)).source_type).toBe('party');
      const asParty = await incidentAt('Ghazni province');
      expect(asParty.grade.grade).toBe('contested');
      expect(asParty.grade.reason).toMatch(/only parties/);
      await post(`/api/documents/${docId}/source`, { source_type: null });
      expect((await get<{ source_type: string }>(`/api/documents/${docId}/source`)).source_type).toBe('news');
      expect((await incidentAt('Ghazni province')).grade.grade).toBe('weak');
    });

    it('filters the list by grade and pages through it', async () => {
      const contested = await get<{ items: Graded[] }>('/api/incidents?grade=contested');
      expect(contested.items.length).toBeGreaterThan(0);
      expect(contested.items.every((i) => i.grade.grade === 'contested')).toBe(true);
      const all = await get<{ items: Graded[] }>('/api/incidents?limit=500');
      const paged: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Graded[]; next_cursor: string | null } = await get(
          `/api/incidents?grade=weak&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        paged.push(...page.items.map((i) => i.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(paged).toEqual(all.items.filter((i) => i.grade.grade === 'weak').map((i) => i.id));
      const bad = await s.app.inject({ method: 'GET', url: '/api/incidents?grade=certain', headers: s.as('analyst') });
      expect(bad.statusCode).toBe(400);
    });

    it('a reviewer’s grade is audited, survives re-extraction, and clears back to the rule', async () => {
      const i = await incidentAt('Pul-e Khumri');
      const set = await post(`/api/incidents/${i.id}/grade`, {
        grade: 'discounted',
        note: 'the commission counted another day',
        note_sensitive: true,
        reason: 'checked with the commission',
      });
      expect(set.statusCode, set.body).toBe(200);
      const after = await incidentAt('Pul-e Khumri');
      expect(after.grade).toMatchObject({ grade: 'discounted', computed: 'contested' });
      expect(after.grade.override?.note).toBe('the commission counted another day');
      // Viewers get the note redacted, like every sensitive note.
      const seen = await get<Graded>(`/api/incidents/${i.id}`, 'viewer');
      expect(seen.grade.override?.note).toBe('[redacted]');
      const report = (role: 'viewer' | 'analyst') =>
        s.app
          .inject({ method: 'GET', url: '/api/report?place=Pul-e%20Khumri', headers: s.as(role) })
          .then((r) => r.body);
      expect(await report('analyst')).toContain('the commission counted another day');
      const viewed = await report('viewer');
      expect(viewed).not.toContain('the commission counted another day');
      expect(viewed).toContain('Note: [redacted]');
      const audit = await get<AuditEntry[]>(`/api/audit?entity_type=incident&entity_id=${i.id}`);
      expect(audit[0]).toMatchObject({ action: 'grade.set', reason: 'checked with the commission' });
      // Reverted like every review, and the revert reverted in turn.
      const undo = await post(`/api/audit/${audit[0]?.id}/revert`, { reason: 'set on the wrong incident' });
      expect(undo.statusCode, undo.body).toBe(200);
      expect((await incidentAt('Pul-e Khumri')).grade).toMatchObject({ grade: 'contested', override: null });
      const redo = await post(`/api/audit/${json<AuditEntry>(undo).id}/revert`, {
        reason: 'it was right',
      });
      expect(redo.statusCode, redo.body).toBe(200);
      expect((await incidentAt('Pul-e Khumri')).grade.override?.note).toBe('the commission counted another day');

      // A newer extractor over every stored document: the override is keyed to the incident, not to a figure.
      const analyse = createAnalyser(await loadResolvers(s.t.store));
      const nextRelease = (doc: Parameters<typeof analyse>[0]) => {
        const a = analyse(doc);
        return { ...a, extraction: { ...a.extraction, extractor: { ...a.extraction.extractor, version: '99.0.0' } } };
      };
      const agent = { userId: null, name: 'test' };
      const outcomes = [];
      for await (const o of reextractDocuments(
        { store: s.t.store, analyse: nextRelease, now: () => new Date().toISOString() },
        agent,
      )) {
        outcomes.push(o);
      }
      expect(outcomes.every((o) => o.status === 'extracted')).toBe(true);
      expect((await incidentAt('Pul-e Khumri')).grade).toMatchObject({ grade: 'discounted', computed: 'contested' });

      await post(`/api/incidents/${i.id}/grade`, { grade: null });
      expect((await incidentAt('Pul-e Khumri')).grade).toMatchObject({ grade: 'contested', override: null });
    });

    it('an incident an analyst rejected is discounted', async () => {
      const i = await incidentAt('Ghazni province');
      expect(
        (await post(`/api/incidents/${i.id}/reject`, { reason: 'a duplicate of another report' })).statusCode,
      ).toBe(200);
      expect((await incidentAt('Ghazni province', 'all')).grade.grade).toBe('discounted');
      expect((await get<{ items: Graded[] }>('/api/incidents?place=Ghazni%20province')).items).toHaveLength(0);
    });

    it('exports carry the grade; GED counts independent sources', async () => {
      const csv = (
        await s.app.inject({
          method: 'GET',
          url: '/api/export/incidents?format=csv&place=Arghandab',
          headers: s.as('analyst'),
        })
      ).body;
      const [header, row] = csv.trim().split('\r\n');
      expect(header?.split(',').slice(-3)).toEqual(['grade', 'independent_sources', 'grade_reason']);
      expect(row).toContain('confirmed,2,');
      const ged = (
        await s.app.inject({
          method: 'GET',
          url: '/api/export/incidents?format=ged&place=Arghandab',
          headers: s.as('analyst'),
        })
      ).body;
      const cols = ged.split('\r\n')[0]?.split(',') ?? [];
      const values = ged.split('\r\n')[1]?.split(',') ?? [];
      expect(values[cols.indexOf('number_of_sources')]).toBe('2');
      const geojson = JSON.parse(
        (
          await s.app.inject({
            method: 'GET',
            url: '/api/export/incidents?format=geojson&place=Arghandab',
            headers: s.as('analyst'),
          })
        ).body,
      );
      expect(geojson.features[0].properties).toMatchObject({ grade: 'confirmed', independent_sources: 2 });
    });
  });
}
