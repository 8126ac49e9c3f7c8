import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, STORE_KINDS, type TestStore } from '../../test/support/stores.js';
import { type IncidentPosition, pageIncidentIds, type ReviewedIncidentFilter } from './reviewed-incidents.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const BASE = Date.UTC(2019, 0, 1);

interface Row {
  id: number;
  start: string;
  end: string;
  admin1: string;
  type: string;
}

/** Incidents of every length: one day, a few weeks, a month exactly, a month and a day, years. */
function makeRows(count: number): Omit<Row, 'id'>[] {
  const spans = [0, 0, 0, 3, 20, 30, 31, 32, 45, 200, 900];
  const rows: Omit<Row, 'id'>[] = [];
  for (let i = 0; i < count; i++) {
    const start = BASE + ((i * 7919) % 1500) * DAY;
    const span = spans[(i * 31) % spans.length] ?? 0;
    rows.push({
      start: iso(start),
      end: iso(start + span * DAY),
      admin1: i % 3 === 0 ? 'Helmand' : 'Kunduz',
      type: i % 2 === 0 ? 'Battles' : 'Explosions/Remote violence',
    });
  }
  return rows;
}

/** What a page must hold, worked out the slow way over every row. */
function expected(rows: Row[], filter: ReviewedIncidentFilter, order: 'asc' | 'desc'): number[] {
  const sign = order === 'asc' ? 1 : -1;
  return rows
    .filter((r) => (!filter.from || r.end >= filter.from) && (!filter.to || r.start <= filter.to))
    .filter((r) => !filter.place?.admin1 || r.admin1 === filter.place.admin1)
    .filter((r) => !filter.eventType || r.type === filter.eventType)
    .sort((a, b) => sign * (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id - b.id))
    .map((r) => r.id);
}

for (const kind of STORE_KINDS) {
  describe(`pages by date on ${kind}`, () => {
    let t: TestStore;
    let rows: Row[];
    beforeAll(async () => {
      t = await createTestStore(kind);
      const made = makeRows(600);
      const inserted = await t.store.db
        .insertInto('incidents')
        .values(
          made.map((r) => ({
            date_start: r.start,
            date_end: r.end,
            date_precision: r.start === r.end ? 'day' : 'range',
            admin1: r.admin1,
            event_type: r.type,
            sub_event_type: 'Armed clash',
            place_approximate: 0,
            summary: 'test',
            dataset: 'tally',
            created_at: '2026-01-01T00:00:00Z',
          })),
        )
        .returning('id')
        .execute();
      rows = made.map((r, i) => ({ ...r, id: inserted[i]?.id ?? 0 }));
    });
    afterAll(async () => t.cleanup());

    it('flags as long exactly the incidents that last more than 31 days', async () => {
      const flags = await t.store.db.selectFrom('incidents').select(['id', 'long_span']).execute();
      const byId = new Map(flags.map((f) => [f.id, Number(f.long_span)]));
      for (const r of rows) {
        const days = (Date.parse(r.end) - Date.parse(r.start)) / DAY;
        // Pseudo-days overcount across month ends, so a few short ones may be flagged long; never the reverse.
        if (days > 31) expect(byId.get(r.id), `${r.start}..${r.end}`).toBe(1);
        if (days <= 20) expect(byId.get(r.id), `${r.start}..${r.end}`).toBe(0);
      }
    });

    it('pages through incidents overlapping a date range exactly as a full scan orders them', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: -60, max: 1560 }),
          fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
          fc.constantFrom(undefined, 'Helmand'),
          fc.constantFrom(undefined, 'Battles'),
          fc.constantFrom('asc' as const, 'desc' as const),
          fc.integer({ min: 1, max: 40 }),
          async (fromDay, length, admin1, eventType, order, limit) => {
            const filter: ReviewedIncidentFilter = {
              from: iso(BASE + fromDay * DAY),
              to: length === undefined ? undefined : iso(BASE + (fromDay + length) * DAY),
              place: admin1 ? { admin1 } : undefined,
              eventType,
            };
            const seen: number[] = [];
            let after: IncidentPosition | undefined;
            for (;;) {
              const page = await pageIncidentIds(t.store.db, filter, { sort: 'date', order, after, limit });
              expect(page.ids.length).toBeLessThanOrEqual(limit);
              seen.push(...page.ids);
              if (!page.next) break;
              after = page.next;
            }
            expect(seen).toEqual(expected(rows, filter, order));
          },
        ),
        { numRuns: 40 },
      );
    });
  });
}
