import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalyser, loadResolvers } from '../src/app/analyse-document.js';
import type { Analysis } from '../src/app/ingest-documents.js';
import { reextractDocuments } from '../src/app/reextract-documents.js';
import type { ReadDocument } from '../src/core/document.js';
import type { AuditEntry, FigureState, ReviewedFigure, ReviewedIncident } from '../src/core/review.js';
import { listFigures } from '../src/store/extraction-store.js';
import { createTestServer, json, type TestServer } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

const TEXT =
  'KUNDUZ, 4 May 2023 - At least 12 civilians were killed and 30 others injured when a roadside bomb struck a minibus in Khanabad district, the provincial police spokesman said.\n';

/**
 * The analyser of a later release: same statements, a new version, and evidence spans drawn a few
 * characters wider, as a grammar change would. The anchoring rule must still find the statement.
 */
async function nextRelease(s: TestServer): Promise<(doc: ReadDocument) => Analysis> {
  const analyse = createAnalyser(await loadResolvers(s.t.store));
  return (doc) => {
    const a = analyse(doc);
    const figures = a.extraction.figures.map((f) => {
      const end = Math.min(doc.text.length, f.evidence.end + 6);
      return { ...f, evidence: { start: f.evidence.start, end, text: doc.text.slice(f.evidence.start, end) } };
    });
    return {
      ...a,
      extraction: { ...a.extraction, extractor: { ...a.extraction.extractor, version: '99.0.0' }, figures },
    };
  };
}

for (const kind of STORE_KINDS) {
  describe(`review trail on ${kind}`, () => {
    let s: TestServer;
    beforeEach(async () => {
      s = await createTestServer(kind);
    });
    afterEach(async () => s.close());

    const get = async <T>(url: string, role: 'viewer' | 'analyst' | null = 'analyst') =>
      json<T>(await s.app.inject({ method: 'GET', url, headers: s.as(role) }));
    const post = (url: string, payload: unknown) =>
      s.app.inject({ method: 'POST', url, headers: s.as('analyst'), payload: payload as string });
    const killed = async () =>
      (await get<ReviewedFigure[]>('/api/figures?kind=killed&status=all'))[0] as ReviewedFigure;

    it('keeps a correction through a re-ingest and a re-extraction, shows both values, and reverts to the extractor', async () => {
      const doc = json<{ id: number }>(await post('/api/documents', { title: 'Kunduz wire', text: TEXT }));
      const extracted = await killed();
      expect([extracted.low, extracted.high, extracted.qualifier]).toEqual([12, null, 'at_least']);

      const corrected = await post(`/api/figures/${extracted.id}/correct`, {
        low: 14,
        high: 16,
        qualifier: 'range',
        claimant: 'district hospital',
        reason: 'hospital list of 4 May names 14 to 16 dead',
      });
      expect(corrected.statusCode).toBe(200);
      const auditId = json<{ audit_id: number }>(corrected).audit_id;

      // The same bytes again: recognised by hash, and nothing about the review changes.
      const again = json<{ status: string; id: number }>(
        await post('/api/documents', { title: 'Kunduz wire', text: TEXT }),
      );
      expect(again).toMatchObject({ status: 'unchanged', id: doc.id });
      expect((await killed()).low).toBe(14);

      // A new extractor version over the stored document: a new extraction beside the old one.
      const outcomes = [];
      for await (const o of reextractDocuments(
        { store: s.t.store, analyse: await nextRelease(s), now: () => new Date().toISOString() },
        { userId: null, name: 'cli:test' },
      )) {
        outcomes.push(o);
      }
      expect(outcomes).toEqual([
        expect.objectContaining({ status: 'extracted', reviewsCarried: 1, reviewsUnanchored: [] }),
      ]);
      const raw = await listFigures(s.t.store, { document: doc.id, kind: 'killed' });
      expect(raw.map((f) => [f.extractor.version, f.low])).toEqual([['99.0.0', 12]]);
      const extractions = await s.t.store.db
        .selectFrom('extractions')
        .select('id')
        .where('document_id', '=', doc.id)
        .execute();
      expect(extractions).toHaveLength(2);

      const now = await killed();
      expect(now.id).not.toBe(extracted.id);
      expect(now.extractor.version).toBe('99.0.0');
      expect([now.low, now.high, now.qualifier, now.claimant]).toEqual([14, 16, 'range', 'district hospital']);
      expect([now.extracted.low, now.extracted.high, now.extracted.claimant]).toEqual([
        12,
        null,
        'provincial police spokesman',
      ]);
      expect(now.review).toMatchObject({ status: 'corrected', corrected: true, by: 'analyst', audit_id: auditId });
      // A review aimed at the old extraction's row is sent to the figure readers see now.
      const stale = await post(`/api/figures/${extracted.id}/accept`, {});
      expect(stale.statusCode).toBe(409);
      expect(json<{ message: string }>(stale).message).toContain(`figure ${now.id}`);

      // The trail holds both values and the reason.
      const entry = await get<AuditEntry>(`/api/audit/${auditId}`);
      const key = `figure:${extracted.id}`;
      expect((entry.before[key] as FigureState).values.low).toBe(12);
      expect((entry.after[key] as FigureState).values.low).toBe(14);
      expect(entry).toMatchObject({
        user: 'analyst',
        action: 'figure.correct',
        reason: 'hospital list of 4 May names 14 to 16 dead',
      });

      // Reverting puts the extractor's reading back: the one of the current extraction.
      const revert = await post(`/api/audit/${auditId}/revert`, { reason: 'the hospital list was for another day' });
      expect(revert.statusCode).toBe(200);
      const reverted = json<AuditEntry>(revert);
      expect(reverted).toMatchObject({ action: 'revert', reverts: auditId });
      expect((reverted.before[key] as FigureState).values.low).toBe(14);
      expect((reverted.after[key] as FigureState).status).toBe('unreviewed');
      const back = await killed();
      expect([back.low, back.high, back.qualifier, back.claimant]).toEqual([
        12,
        null,
        'at_least',
        'provincial police spokesman',
      ]);
      expect((await get<AuditEntry>(`/api/audit/${auditId}`)).reverted_by).toEqual([reverted.id]);

      // A revert is an entry like any other: reverting it restores the correction.
      expect((await post(`/api/audit/${reverted.id}/revert`, { reason: 'it was this day after all' })).statusCode).toBe(
        200,
      );
      expect((await killed()).low).toBe(14);
    });

    it('shows sensitive notes to analysts and redacts them for viewers, anonymous readers and CSV exports', async () => {
      await post('/api/documents', { text: TEXT });
      const [incident] = (await get<{ items: ReviewedIncident[] }>('/api/incidents')).items;
      const id = incident?.id as number;
      const noted = await post(`/api/incidents/${id}/note`, {
        note: 'witness: Gul Ahmad, shopkeeper',
        note_sensitive: true,
      });
      expect(noted.statusCode).toBe(200);
      expect((await get<ReviewedIncident>(`/api/incidents/${id}`)).review?.note).toBe('witness: Gul Ahmad, shopkeeper');
      expect((await get<ReviewedIncident>(`/api/incidents/${id}`, 'viewer')).review?.note).toBe('[redacted]');
      const list = await s.app.inject({ method: 'GET', url: '/api/incidents', headers: s.as('viewer') });
      expect(list.body).not.toContain('Gul Ahmad');
      const csv = await s.app.inject({ method: 'GET', url: '/api/export/incidents.csv', headers: s.as('viewer') });
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('[redacted]');
      expect(csv.body).not.toContain('Gul Ahmad');
      const analystCsv = await s.app.inject({
        method: 'GET',
        url: '/api/export/incidents.csv',
        headers: s.as('analyst'),
      });
      expect(analystCsv.body).toContain('Gul Ahmad');

      const open = await createTestServer(kind, { publicReads: true });
      try {
        await open.app.inject({
          method: 'POST',
          url: '/api/documents',
          headers: open.as('analyst'),
          payload: { text: TEXT },
        });
        const figure = json<ReviewedFigure[]>(
          await open.app.inject({ method: 'GET', url: '/api/figures' }),
        )[0] as ReviewedFigure;
        await open.app.inject({
          method: 'POST',
          url: `/api/figures/${figure.id}/reject`,
          headers: open.as('analyst'),
          payload: { reason: 'double count', note: 'source: Gul Ahmad', note_sensitive: true },
        });
        const anonymous = await open.app.inject({ method: 'GET', url: `/api/figures/${figure.id}` });
        expect(anonymous.statusCode).toBe(200);
        expect(json<ReviewedFigure>(anonymous).review).toMatchObject({ status: 'rejected', note: '[redacted]' });
      } finally {
        await open.close();
      }
    });

    it('corrects, merges and splits incidents, and reverts a merge and a split', async () => {
      await post('/api/documents', { text: TEXT });
      const other = TEXT.replace('4 May 2023', '20 May 2023').replace('12 civilians', '5 civilians');
      await post('/api/documents', { text: other });
      const [a, b] = (await get<{ items: ReviewedIncident[] }>('/api/incidents')).items as [
        ReviewedIncident,
        ReviewedIncident,
      ];
      expect([a.deaths.best, b.deaths.best]).toEqual([12, 5]);

      const correct = await post(`/api/incidents/${a.id}/correct`, {
        reason: 'morgue count',
        deaths: { low: 12, best: 13, high: 15 },
        place_id: a.place?.gazetteer_id,
        event_type: 'Explosions/Remote violence',
        sub_event_type: 'Suicide bomb',
      });
      expect(correct.statusCode).toBe(200);
      expect(json<{ incident: ReviewedIncident }>(correct).incident).toMatchObject({
        deaths: { best: 13 },
        sub_event_type: 'Suicide bomb',
        extracted: { deaths: { best: 12 }, sub_event_type: 'Remote explosive/landmine/IED' },
      });

      const merge = await post('/api/incidents/merge', { target: a.id, source: b.id, reason: 'one campaign' });
      expect(merge.statusCode).toBe(200);
      const merged = json<{ audit_id: number; incident: ReviewedIncident }>(merge);
      expect(merged.incident.merged_from).toEqual([b.id]);
      expect(merged.incident.sources).toHaveLength(2);
      // Merged reports describe the same dead: their counts are alternatives, not addends.
      expect(merged.incident.deaths).toEqual({ low: 5, best: 5, high: 12 });
      expect(merged.incident.date).toEqual({ start: '2023-05-04', end: '2023-05-20', precision: 'range' });
      expect((await get<{ items: ReviewedIncident[] }>('/api/incidents')).items.map((i) => i.id)).toEqual([a.id]);
      expect((await post(`/api/incidents/${b.id}/accept`, {})).statusCode).toBe(409);

      const split = await post(`/api/incidents/${a.id}/split`, {
        sources: [merged.incident.sources[1]?.id],
        claims: merged.incident.claims.filter((c) => c.document_id !== a.sources[0]?.document_id).map((c) => c.id),
        reason: 'two events after all',
      });
      expect(split.statusCode).toBe(200);
      const parts = json<{ audit_id: number; incident: ReviewedIncident; created: ReviewedIncident }>(split);
      expect([parts.incident.deaths.best, parts.created.deaths.best]).toEqual([12, 5]);
      expect(parts.created.sources.map((x) => x.text)).toEqual([other.trim()]);

      await post(`/api/audit/${parts.audit_id}/revert`, { reason: 'undo split' });
      const rejoined = await get<ReviewedIncident>(`/api/incidents/${a.id}`);
      expect(rejoined.sources).toHaveLength(2);
      expect(rejoined.deaths).toEqual({ low: 5, best: 5, high: 12 });
      expect((await get<ReviewedIncident>(`/api/incidents/${parts.created.id}`)).review?.status).toBe('void');

      await post(`/api/audit/${merged.audit_id}/revert`, { reason: 'undo merge' });
      const items = (await get<{ items: ReviewedIncident[] }>('/api/incidents')).items;
      expect(items.map((i) => [i.id, i.deaths.best, i.sources.length])).toEqual([
        [a.id, 13, 1],
        [b.id, 5, 1],
      ]);
    });
  });
}
