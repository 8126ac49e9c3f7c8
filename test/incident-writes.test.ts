import { createHash } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnalyser, loadResolvers } from '../src/app/analyse-document.js';
import type { Analysis } from '../src/app/ingest-documents.js';
import type { ReadDocument } from '../src/core/document.js';
import { readDocument } from '../src/ingest/read-document.js';
import { figureValues } from '../src/store/document-rows.js';
import { type NewDocument, saveDocuments } from '../src/store/document-store.js';
import { writeDocumentOnce } from '../src/store/postgres-document.js';
import { writeHeldBackOnce } from '../src/store/postgres-held-back.js';
import { createTestStore, STORE_KINDS, type TestStore } from './support/stores.js';

// A checkpoint attack told twice: once with its attackers named, once by reporters who could not
// say who they were.
const NAMED =
  'KUNDUZ, 4 March 2021 - Taliban fighters attacked a police checkpoint in Imam Sahib district of Kunduz province on Thursday, killing five policemen, the provincial police spokesman said.';
const UNNAMED =
  'KUNDUZ, 4 March 2021 - Unknown gunmen stormed a police checkpoint in Imam Sahib district of Kunduz province on Thursday and killed six policemen, officials said.';

const analysed = new Map<string, { read: ReadDocument; analysis: Analysis }>();

beforeAll(async () => {
  const scratch = await createTestStore('sqlite');
  try {
    const analyse = createAnalyser(await loadResolvers(scratch.store));
    for (const text of [NAMED, UNNAMED]) {
      const read = await readDocument(Buffer.from(text), 'report.txt', { maxBytes: 100_000 });
      analysed.set(text, { read, analysis: analyse(read) });
    }
  } finally {
    await scratch.cleanup();
  }
}, 60_000);

function document(text: string, edit: (a: Analysis) => Analysis = (a) => a): NewDocument {
  const { read, analysis } = analysed.get(text) as { read: ReadDocument; analysis: Analysis };
  const edited = edit(structuredClone(analysis));
  return {
    read,
    source: 'test',
    contentHash: createHash('sha256').update(text).update(JSON.stringify(edited.incidents)).digest('hex'),
    bytes: text.length,
    extraction: edited.extraction,
    incidents: edited.incidents,
    now: '2026-12-06T00:00:00.000Z',
  };
}

describe.each(STORE_KINDS)('writing a report’s incidents (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await createTestStore(kind);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const parties = (id: number) =>
    t.store.db
      .selectFrom('incident_actors')
      .select(['side', 'actor_id'])
      .where('incident_id', '=', id)
      .orderBy('side')
      .orderBy('actor_id')
      .execute();
  const incidents = () => t.store.db.selectFrom('incidents').select('id').orderBy('id').execute();

  it('reads the attack with one reporting that the other never named as the named party’s, whichever came first', async () => {
    const orders = [
      [NAMED, UNNAMED],
      [UNNAMED, NAMED],
    ] as const;
    for (const [i, [first, second]] of orders.entries()) {
      const before = (await incidents()).length;
      // One batch for the pair, and again as two batches.
      await saveDocuments(t.store, [document(first, later(2 * i + 1)), document(second, later(2 * i + 1))]);
      await saveDocuments(t.store, [document(first, later(2 * i + 2))]);
      await saveDocuments(t.store, [document(second, later(2 * i + 2))]);
      const added = (await incidents()).slice(before);
      expect(added).toHaveLength(2);
      // The policemen killed are the Afghan state's forces, side B of both reports.
      for (const { id } of added)
        expect(await parties(id)).toEqual([
          { side: 'a', actor_id: 'taliban' },
          { side: 'b', actor_id: 'ansf' },
        ]);
    }
  });

  it('links each claim to the figure it was read from, in a report with more figures than one insert holds', async () => {
    // 450 figures: the extraction's figures go in two inserts (400 rows, then 50).
    const many = (a: Analysis): Analysis => {
      const figure = a.extraction.figures[0] as Analysis['extraction']['figures'][number];
      const figures = Array.from({ length: 450 }, (_, i) => ({ ...figure, low: i, high: i }));
      const [draft] = a.incidents;
      if (!draft) throw new Error('the report gives no incident');
      const claim = draft.claims[0] as (typeof draft.claims)[number];
      const picked = [449, 3, 401, 0, 250];
      return {
        extraction: { ...a.extraction, figures },
        incidents: [{ ...draft, claims: picked.map((figure) => ({ ...claim, figure, low: figure, high: figure })) }],
      };
    };
    await saveDocuments(t.store, [document(NAMED, many)]);
    const links = await t.store.db
      .selectFrom('incident_claims as c')
      .innerJoin('figures as f', 'f.id', 'c.figure_id')
      .select(['c.low as claimed', 'f.low as read', 'f.ordinal'])
      .orderBy('c.id')
      .execute();
    expect(links).toEqual([449, 3, 401, 0, 250].map((n) => ({ claimed: n, read: n, ordinal: n })));
  });

  it('keeps two drafts of one report apart even when they tell of the same place, day and kind of event', async () => {
    const twice = (a: Analysis): Analysis => ({ ...a, incidents: [...a.incidents, ...structuredClone(a.incidents)] });
    await saveDocuments(t.store, [document(NAMED, twice)]);
    const founded = await incidents();
    expect(founded).toHaveLength(2);
    // Another report of the same attack joins the first of them, and the merges say so.
    await saveDocuments(t.store, [document(UNNAMED)]);
    expect(await incidents()).toEqual(founded);
    const merges = await t.store.db
      .selectFrom('incident_merges')
      .select(['incident_id', 'how'])
      .orderBy('id')
      .execute();
    expect(merges).toEqual([
      { incident_id: founded[0]?.id, how: 'founded' },
      { incident_id: founded[1]?.id, how: 'founded' },
      { incident_id: founded[0]?.id, how: 'merged' },
    ]);
    const sources = await t.store.db.selectFrom('incident_sources').select(['incident_id']).orderBy('id').execute();
    expect(sources.map((s) => s.incident_id)).toEqual([founded[0]?.id, founded[1]?.id, founded[0]?.id]);
  });

  // What an array of text must carry through intact (PostgreSQL takes a document's rows as arrays).
  const AWKWARD = [
    'quoted "five", backslash \\ and braces {1,2}',
    'two lines\nand a\ttab',
    'NULL',
    '',
    'Lashkar Gāh, “Helmand” — 5 dead 🕊',
  ];

  it('keeps every passage and claim as written and in order, whatever characters they hold', async () => {
    const awkward = (a: Analysis): Analysis => {
      const [draft] = a.incidents;
      if (!draft) throw new Error('the report gives no incident');
      const claim = draft.claims[0] as (typeof draft.claims)[number];
      const figure = a.extraction.figures[0] as Analysis['extraction']['figures'][number];
      const figures = AWKWARD.map((_, i) => ({ ...figure, low: i, high: i }));
      return {
        extraction: { ...a.extraction, figures },
        incidents: [
          {
            ...draft,
            sources: AWKWARD.map((text, i) => ({ start: i * 10, end: i * 10 + text.length, text })),
            claims: AWKWARD.map((text, i) => ({
              ...claim,
              figure: i,
              low: i,
              high: i === 2 ? null : i,
              claimant: i === 3 ? null : text,
              vague: i === 1 ? 'dozens' : null,
              evidence: { start: i, end: i + text.length, text },
            })),
          },
        ],
      };
    };
    await saveDocuments(t.store, [document(NAMED, awkward)]);
    const sources = await t.store.db.selectFrom('incident_sources').select(['start', 'text']).orderBy('id').execute();
    expect(sources).toEqual(AWKWARD.map((text, i) => ({ start: i * 10, text })));
    const claims = await t.store.db
      .selectFrom('incident_claims')
      .select(['low', 'high', 'claimant', 'vague', 'evidence_text'])
      .orderBy('id')
      .execute();
    expect(claims).toEqual(
      AWKWARD.map((text, i) => ({
        low: i,
        high: i === 2 ? null : i,
        claimant: i === 3 ? null : text,
        vague: i === 1 ? 'dozens' : null,
        evidence_text: text,
      })),
    );
  });

  it('keeps a report’s figures as written and in order, and its claims point at them', async () => {
    const awkward = (a: Analysis): Analysis => {
      const [draft] = a.incidents;
      const figure = a.extraction.figures[0];
      if (!draft || !figure) throw new Error('the report gives no incident');
      const claim = draft.claims[0] as (typeof draft.claims)[number];
      const figures = AWKWARD.map((text, i) => ({
        ...figure,
        low: i === 2 ? null : i,
        high: i,
        claimant: i === 3 ? null : text,
        evidence: { start: i, end: i + text.length, text },
        sentence: { start: 0, end: 100 + i, text: `${text} (sentence)` },
        side: i === 4 ? null : (i % 2) + 1,
      }));
      const claims = AWKWARD.map((_, i) => ({ ...claim, figure: AWKWARD.length - 1 - i }));
      return { extraction: { ...a.extraction, figures }, incidents: [{ ...draft, claims }] };
    };
    const [saved] = await saveDocuments(t.store, [document(NAMED, awkward)]);
    const stored = await t.store.db
      .selectFrom('figures')
      .select(['id', 'document_id', 'ordinal', 'low', 'high', 'claimant', 'evidence_text', 'sentence_text', 'side'])
      .orderBy('id')
      .execute();
    expect(stored.map(({ id: _, ...f }) => f)).toEqual(
      AWKWARD.map((text, i) => ({
        document_id: saved?.id,
        ordinal: i,
        low: i === 2 ? null : i,
        high: i,
        claimant: i === 3 ? null : text,
        evidence_text: text,
        sentence_text: `${text} (sentence)`,
        side: i === 4 ? null : (i % 2) + 1,
      })),
    );
    const claims = await t.store.db.selectFrom('incident_claims').select('figure_id').orderBy('id').execute();
    expect(claims.map((c) => c.figure_id)).toEqual(stored.map((f) => f.id).reverse());
  });

  it('matches each of a report’s many incidents to the one it retells, read together or draft by draft', async () => {
    // Forty incidents a week apart, more than one query reads: told again by a second report, each
    // joins its own. The second time a draft of the retelling has no source, which makes it read
    // draft by draft.
    const WEEK = 7 * 86_400_000;
    const weekly =
      (shift: number, sourceless: boolean) =>
      (a: Analysis): Analysis => {
        const [draft] = a.incidents;
        if (!draft) throw new Error('the report gives no incident');
        const incidents = Array.from({ length: 40 }, (_, i) => {
          const day = new Date(Date.UTC(2021, 0, 4) + i * WEEK).toISOString().slice(0, 10);
          const sources = sourceless && i === 0 ? [] : draft.sources.map((s) => ({ ...s, start: 1000 * i + shift }));
          return { ...draft, date: { start: day, end: day, precision: 'day' as const }, sources, undated: false };
        });
        return { ...a, incidents };
      };
    for (const sourceless of [false, true]) {
      await saveDocuments(t.store, [document(NAMED, weekly(0, false))]);
      const told = await t.store.db.selectFrom('incidents').select(['id', 'date_start']).orderBy('id').execute();
      expect(told).toHaveLength(40);
      // Each incident the first report founded holds that draft's passage and claims.
      const firsts = await t.store.db
        .selectFrom('incident_sources')
        .select(['incident_id', 'start'])
        .orderBy('id')
        .execute();
      expect(firsts).toEqual(told.map((i, n) => ({ incident_id: i.id, start: 1000 * n })));
      const claimed = await t.store.db.selectFrom('incident_claims').select('incident_id').orderBy('id').execute();
      expect([...new Set(claimed.map((c) => c.incident_id))]).toEqual(told.map((i) => i.id));
      await saveDocuments(t.store, [document(NAMED, weekly(1, sourceless))]);
      const after = await t.store.db.selectFrom('incidents').select(['id', 'date_start']).orderBy('id').execute();
      expect(after).toEqual(told);
      const merged = await t.store.db
        .selectFrom('incident_merges')
        .select(['incident_id', 'how'])
        .where('how', '=', 'merged')
        .orderBy('id')
        .execute();
      expect(merged).toEqual(told.map((i) => ({ incident_id: i.id, how: 'merged' })));
      await t.cleanup();
      t = await createTestStore(kind);
    }
  });

  it('writes nothing for a report whose content is stored already', async () => {
    const doc = document(NAMED);
    const [first] = await saveDocuments(t.store, [doc]);
    const count = async (table: 'documents' | 'extractions' | 'figures') =>
      Number(
        (
          await t.store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const before = [await count('documents'), await count('extractions'), await count('figures')];
    expect(before[2]).toBeGreaterThan(0);
    const [again] = await saveDocuments(t.store, [{ ...doc, now: '2026-12-07T00:00:00.000Z' }]);
    expect(again).toEqual({ status: 'unchanged', id: first?.id });
    expect([await count('documents'), await count('extractions'), await count('figures')]).toEqual(before);
  });
});

describe('writing a report’s rows on PostgreSQL', () => {
  it('refuses a figure row with a column it would not write, before anything is sent', async () => {
    const named = analysed.get(NAMED)?.analysis.extraction.figures[0];
    if (!named) throw new Error('the report gives no figure');
    const figure = { ...figureValues(named), weight: 2 };
    const rows = {
      document: {
        content_hash: 'x',
        title: null,
        source: 's',
        publisher: null,
        kind: 'news',
        format: 'text',
        published: null,
        published_given: 0,
        language: 'en',
        text: 't',
        bytes: 1,
        ingested_at: 'now',
      },
      extraction: { extractor: 'tally', extractor_version: '1', created_at: 'now' },
      figures: [figure],
    };
    const unused = {} as Parameters<typeof writeDocumentOnce>[0];
    await expect(writeDocumentOnce(unused, rows)).rejects.toThrow(/^a figure row has columns .*, weight, not /);
  });

  it('refuses a row whose columns it would not write, before anything is sent', async () => {
    const rows = {
      incident_merges: [],
      incident_sources: [],
      incident_actors: [{ incident_id: 1, side: 'a', actor_id: null, name: 'Taliban', inter: 2 }],
      incident_claims: [],
    };
    const unused = {} as Parameters<typeof writeHeldBackOnce>[0];
    await expect(writeHeldBackOnce(unused, rows)).rejects.toThrow(
      'a held-back row of incident_actors has columns incident_id, side, actor_id, name, inter',
    );
  });
});

/**
 * A report's analysis dated `years` on: a copy of its own (its content hash differs) whose incidents
 * never meet another pass's.
 */
function later(years: number): (a: Analysis) => Analysis {
  return (a) => ({
    ...a,
    incidents: a.incidents.map((d) => ({
      ...d,
      date: { ...d.date, start: shiftYear(d.date.start, years), end: shiftYear(d.date.end, years) },
    })),
  });
}

function shiftYear(iso: string, years: number): string {
  return `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
}
