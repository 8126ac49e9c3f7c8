import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, STORE_KINDS, type TestStore } from '../../test/support/stores.js';
import type { ReadDocument } from '../core/document.js';
import { NotFoundError } from '../core/errors.js';
import type { ExtractionResult, Figure } from '../core/figure.js';
import { getDocument, listDocuments, saveDocument } from './document-store.js';
import { getConflictOfDocument, insertExtraction, listFigures } from './extraction-store.js';
import { readStoreStatus } from './open-store.js';

const TEXT = 'KUNDUZ, 4 May 2023 - At least 12 civilians were killed and 30 injured, the provincial police said.';

function figure(kind: Figure['kind'], low: number | null, high: number | null, fragment: string): Figure {
  const start = TEXT.indexOf(fragment);
  return {
    kind,
    low,
    high,
    qualifier: low !== null && high === null ? 'at_least' : 'exact',
    vague: null,
    unit: null,
    evidence: { start, end: start + fragment.length, text: fragment },
    sentence: { start: 0, end: TEXT.length, text: TEXT },
    claimant: 'provincial police',
    subject: 'civilians',
    actor: null,
    perpetrator: null,
    manner: null,
    place: 'Kunduz',
    date: { start: '2023-05-04', end: '2023-05-04', precision: 'day' },
    source: 'prose',
    side: null,
  };
}

const read: ReadDocument = {
  text: TEXT,
  format: 'text',
  title: 'Kunduz wire',
  publisher: 'Test Wire',
  kind: 'news',
  published: '2023-05-04',
  published_given: false,
  language: 'en',
};

const extraction: ExtractionResult = {
  extractor: { name: 'test', version: '1.0.0' },
  figures: [figure('killed', 12, null, 'At least 12 civilians were killed'), figure('injured', 30, 30, '30 injured')],
  conflict: {
    name: 'Kunduz clashes',
    part_of: null,
    start: '2023-05-01',
    end: '2023-05-09',
    date_precision: 'day',
    place: 'Kunduz',
    result: null,
    territory: null,
    sides: [
      {
        combatants: ['Taliban'],
        supporters: [],
        commanders: [{ name: 'Qari Example', status: 'KIA' }],
        units: ['Red Unit'],
        strength: '500',
        casualties: null,
      },
      { combatants: ['NRF'], supporters: ['Someone'], commanders: [], units: [], strength: null, casualties: 'Heavy' },
    ],
    other_casualties: ['12 civilians killed'],
    evidence: { start: 0, end: 10, text: TEXT.slice(0, 10) },
  },
};

const input = (hash = 'h1') => ({
  read,
  source: 'kunduz.txt',
  contentHash: hash,
  bytes: TEXT.length,
  extraction,
  now: '2026-01-01T00:00:00.000Z',
});

for (const kind of STORE_KINDS) {
  describe(`document store on ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await createTestStore(kind);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('stores a document with its figures and conflict, and reads them back', async () => {
      const saved = await saveDocument(t.store, input());
      expect(saved).toMatchObject({ status: 'ingested', figures: 2 });
      const doc = await getDocument(t.store, saved.id);
      expect(doc.text).toBe(TEXT);
      expect(doc).toMatchObject({ title: 'Kunduz wire', kind: 'news', published: '2023-05-04', content_hash: 'h1' });
      const figures = await listFigures(t.store, { document: saved.id });
      expect(figures.map((f) => [f.kind, f.low, f.high])).toEqual([
        ['killed', 12, null],
        ['injured', 30, 30],
      ]);
      for (const f of figures) expect(TEXT.slice(f.evidence.start, f.evidence.end)).toBe(f.evidence.text);
      expect(figures[0]?.extractor).toEqual({ name: 'test', version: '1.0.0' });
      const conflict = await getConflictOfDocument(t.store, saved.id);
      expect(conflict?.sides[0]?.commanders).toEqual([{ name: 'Qari Example', status: 'KIA' }]);
      expect(conflict?.sides[1]).toMatchObject({ combatants: ['NRF'], supporters: ['Someone'], casualties: 'Heavy' });
      expect(conflict?.other_casualties).toEqual(['12 civilians killed']);
    });

    it('reports the same content twice as unchanged and adds nothing', async () => {
      const first = await saveDocument(t.store, input());
      const second = await saveDocument(t.store, input());
      expect(second).toEqual({ status: 'unchanged', id: first.id });
      const status = await readStoreStatus(t.store);
      expect(status).toMatchObject({ documents: 1, figures: 2, migrationsPending: 0, dialect: kind });
    });

    it('filters figures by kind, minimum value and claimant, treating LIKE wildcards literally', async () => {
      await saveDocument(t.store, input());
      expect((await listFigures(t.store, { kind: 'injured' })).map((f) => f.low)).toEqual([30]);
      expect((await listFigures(t.store, { minValue: 20 })).map((f) => f.kind)).toEqual(['injured']);
      expect(await listFigures(t.store, { claimant: 'police' })).toHaveLength(2);
      expect(await listFigures(t.store, { claimant: '%' })).toHaveLength(0);
    });

    it('lists only the newest extraction of a document, keeping the older run stored', async () => {
      const saved = await saveDocument(t.store, input());
      await insertExtraction(
        t.store.db,
        saved.id,
        { ...extraction, extractor: { name: 'test', version: '2.0.0' }, figures: extraction.figures.slice(0, 1) },
        '2026-01-02T00:00:00.000Z',
      );
      const figures = await listFigures(t.store, { document: saved.id });
      expect(figures.map((f) => f.extractor.version)).toEqual(['2.0.0']);
      expect((await listDocuments(t.store))[0]?.figures).toBe(1);
      expect((await readStoreStatus(t.store)).figures).toBe(3);
    });

    it('rolls back the whole document when saving its figures fails', async () => {
      const broken = {
        ...input('h2'),
        extraction: { ...extraction, figures: [{ ...extraction.figures[0], kind: null } as unknown as Figure] },
      };
      await expect(saveDocument(t.store, broken)).rejects.toThrow();
      expect(await listDocuments(t.store)).toEqual([]);
      expect((await readStoreStatus(t.store)).figures).toBe(0);
    });

    it('says which document is missing', async () => {
      await expect(getDocument(t.store, 999)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}
