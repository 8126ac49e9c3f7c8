import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentExplanation } from '../src/core/incident-explain.js';
import type { ReviewedIncident } from '../src/core/review.js';
import { ROOT } from './support/cli.js';
import { createTestServer, ingestText, json, type TestServer } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

/**
 * Four events, each told by two or three reports written for this test in different words, datelines
 * and styles (a wire, an NGO note, a statement that names no place, a monitor's update, a UN
 * statement, a weekly digest), in Afghanistan, Ukraine and Sudan. Every event must come out as one incident with its date, place and parties.
 */
const CORPUS = join(ROOT, 'test', 'merge-corpus');

interface Expected {
  files: string[];
  /** The days the reports give; the incident keeps one of them. */
  days: string[];
  place: string;
  admin1: RegExp;
  type: string;
  side_a: string;
  side_b: string | null;
}

const EVENTS: Expected[] = [
  {
    // The statement names no place ("in the centre of the country"): it joins by date, kind and party.
    files: ['kunduz-wire.txt', 'kunduz-ngo.txt', 'kunduz-statement.txt'],
    days: ['2021-10-08'],
    place: 'Kunduz',
    admin1: /Kunduz/,
    type: 'Explosions/Remote violence',
    side_a: 'Islamic State Khorasan Province',
    side_b: 'Civilians',
  },
  {
    files: ['kharkiv-wire.txt', 'kharkiv-monitor.txt'],
    days: ['2022-08-17', '2022-08-18'],
    place: 'Kharkiv',
    admin1: /Kharkiv/,
    type: 'Explosions/Remote violence',
    side_a: 'Military Forces of Russia',
    side_b: 'Civilians',
  },
  {
    files: ['el-fasher-local.txt', 'el-fasher-un.txt'],
    days: ['2024-05-03'],
    place: 'El Fasher',
    admin1: /Darfur/,
    type: 'Violence against civilians',
    side_a: 'Rapid Support Forces',
    side_b: 'Civilians',
  },
  {
    files: ['sheberghan-police.txt', 'sheberghan-report.txt'],
    days: ['2019-03-12'],
    // The gazetteer's spelling of Sheberghan.
    place: 'Shibirghan',
    admin1: /Jowzjan/,
    type: 'Explosions/Remote violence',
    side_a: 'Taliban',
    // The three policemen killed: the forces of the state that held Afghanistan in 2019.
    side_b: 'Afghan National Defense and Security Forces',
  },
];

const fold = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

for (const kind of STORE_KINDS) {
  for (const order of ['as listed', 'reversed', 'with the placeless report first'] as const) {
    describe(`a corpus of reports of the same events on ${kind}, ingested ${order}`, () => {
      let s: TestServer;
      const documents = new Map<string, number>();
      let incidents: ReviewedIncident[];
      beforeAll(async () => {
        s = await createTestServer(kind);
        const files = readdirSync(CORPUS).sort();
        if (order === 'reversed') files.reverse();
        // The incident is made without a place, and the reports that place it fill it in.
        if (order === 'with the placeless report first')
          files.sort((a, b) => +b.includes('statement') - +a.includes('statement'));
        for (const file of files) {
          documents.set(file, (await ingestText(s, readFileSync(join(CORPUS, file), 'utf8'))).document);
        }
        const r = await s.app.inject({ method: 'GET', url: '/api/incidents?limit=500', headers: s.as('viewer') });
        incidents = json<{ items: ReviewedIncident[] }>(r).items;
      });
      afterAll(async () => s.close());

      it('makes one incident of each event, from every report of it, and no other', () => {
        expect(incidents).toHaveLength(EVENTS.length);
        for (const event of EVENTS) {
          const ids = event.files.map((f) => documents.get(f));
          const holding = incidents.filter((i) => i.sources.some((src) => ids.includes(src.document_id ?? -1)));
          expect([event.place, holding.length]).toEqual([event.place, 1]);
          const sources = new Set(holding[0]?.sources.map((src) => src.document_id));
          expect([event.place, [...sources].sort()]).toEqual([event.place, [...ids].sort()]);
        }
      });

      it('gives each incident its date, town, province, kind of event and parties', () => {
        for (const event of EVENTS) {
          const ids = event.files.map((f) => documents.get(f));
          const i = incidents.find((x) => x.sources.some((src) => ids.includes(src.document_id ?? -1)));
          expect(event.days).toContain(i?.date.start);
          expect(i?.date.end).toBe(i?.date.start);
          expect(fold(i?.place?.name)).toBe(fold(event.place));
          expect(i?.place?.admin1).toMatch(event.admin1);
          expect(i?.event_type).toBe(event.type);
          expect([event.place, i?.side_a ?? null, i?.side_b ?? null]).toEqual([
            event.place,
            event.side_a,
            event.side_b,
          ]);
        }
      });

      it('keeps every report’s figures as claims side by side', () => {
        const kharkiv = incidents.find((i) => fold(i.place?.name) === 'kharkiv');
        const killed = kharkiv?.claims.filter((c) => c.kind === 'killed').map((c) => c.low);
        expect(killed?.sort()).toEqual([7, 8]);
        expect(kharkiv?.deaths).toMatchObject({ low: 7, high: 8 });
      });

      it('explains why each report was merged in, by the API and in the OpenAPI document', async () => {
        const fasher = incidents.find((i) => fold(i.place?.name) === 'elfasher') as ReviewedIncident;
        const r = await s.app.inject({
          method: 'GET',
          url: `/api/incidents/${fasher.id}/explain`,
          headers: s.as('viewer'),
        });
        expect(r.statusCode).toBe(200);
        const explanation = json<IncidentExplanation>(r);
        expect(explanation.sources.map((x) => x.how)).toEqual(['founded', 'merged']);
        const merged = explanation.sources[1];
        expect(merged?.match?.date).toMatch(/2024-05-03 overlaps 2024-05-03/);
        expect(merged?.match?.place).toMatch(/^same place: El Fasher/);
        expect(merged?.match?.event).toBe('same kind of event: Violence against civilians');
        expect(merged?.match?.parties).toMatch(/names no party/);
        const missing = await s.app.inject({
          method: 'GET',
          url: '/api/incidents/99999/explain',
          headers: s.as('viewer'),
        });
        expect(missing.statusCode).toBe(404);
        const spec = json<{ paths: Record<string, unknown> }>(
          await s.app.inject({ method: 'GET', url: '/api/openapi.json' }),
        );
        expect(Object.keys(spec.paths)).toContain('/api/incidents/{id}/explain');
      });
    });
  }
}
