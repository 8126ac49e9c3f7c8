import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { type KyselyPlugin, SelectQueryNode, ValueNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyser, loadResolvers } from '../src/app/analyse-document.js';
import { runExport } from '../src/cli/commands/interop-commands.js';
import type { Incident } from '../src/core/incident.js';
import { readDocument } from '../src/ingest/read-document.js';
import { ACLED_COLUMNS } from '../src/interop/acled-format.js';
import { CSV_COLUMNS } from '../src/interop/csv-columns.js';
import { DEFAULT_PAGE_SIZE, EXPORT_FORMATS, type ExportFormat } from '../src/interop/export-incidents.js';
import { GED_COLUMNS } from '../src/interop/ged-format.js';
import { importDataset } from '../src/interop/import-dataset.js';
import type { Resolvers } from '../src/merge/build-incidents.js';
import { buildServer } from '../src/serve/build-server.js';
import { DEFAULT_SERVER_CONFIG } from '../src/serve/server-types.js';
import { listIncidents } from '../src/store/incident-queries.js';
import { gedCsv, generatedGedCsv } from './support/datasets.js';
import { createTestServer, FAST_SCRYPT, ingestText, json, type TestServer } from './support/server.js';
import { createTestStore, STORE_KINDS } from './support/stores.js';

const NOW = '2026-01-01T00:00:00.000Z';
const NOTE = 'witness: Gul Ahmad (shopkeeper)';
const HEADLINE = '=HYPERLINK("http://example.org/x","Clashes in Vaupes")';
const REPORT =
  'SHEBERGHAN, 3 March 2019 - At least 9 civilians were killed when a roadside bomb hit a car in Shibirghan district of Jowzjan province, the provincial police spokesman said.\n';

/** Rows of our own: a negative longitude, and text cells that start like spreadsheet formulas. */
const ROWS: Record<string, string | number>[] = [
  {
    id: 700001,
    year: 2019,
    type_of_violence: 1,
    side_a: 'Government of Colombia',
    side_b: '-FARC dissidents',
    source_article: '@ElTiempo 2019-05-02 "Combates en Vaupés"',
    source_headline: HEADLINE,
    where_prec: 2,
    where_coordinates: 'Mitú town',
    adm_1: 'Vaupés department',
    latitude: 1.2536,
    longitude: -70.2346,
    country: 'Colombia',
    date_prec: 1,
    date_start: '2019-05-01',
    date_end: '2019-05-01',
    deaths_a: 2,
    deaths_b: 5,
    deaths_civilians: 0,
    deaths_unknown: 0,
    best: 7,
    high: 9,
    low: 7,
  },
  {
    id: 700002,
    year: 2018,
    type_of_violence: 2,
    side_a: 'IS',
    side_b: 'Taleban',
    source_article: 'Pajhwok 2018-07-12',
    source_headline: '+40 dead in Darzab, officials say',
    where_prec: 3,
    where_coordinates: 'Darzab district',
    adm_1: 'Jowzjan province',
    adm_2: 'Darzab district',
    latitude: 36.0464,
    longitude: 65.5167,
    country: 'Afghanistan',
    date_prec: 1,
    date_start: '2018-07-11',
    date_end: '2018-07-11',
    deaths_a: 28,
    deaths_b: 12,
    deaths_civilians: 0,
    deaths_unknown: 0,
    best: 40,
    high: 40,
    low: 40,
  },
];

const EXPECTED_TYPE: Record<ExportFormat, string> = {
  ged: 'text/csv; charset=utf-8',
  acled: 'text/csv; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
  jsonl: 'application/x-ndjson',
};

/** What a GED row carries, compared across a round trip; Tally's own ids differ by store. */
function carried(i: Incident) {
  return {
    dataset_id: i.dataset_id,
    date: i.date,
    place: i.place,
    side_a: i.side_a,
    side_b: i.side_b,
    deaths: i.deaths,
    deaths_by: i.deaths_by,
    claims: i.claims.map((c) => ({ category: c.category, low: c.low, high: c.high, source: c.source })),
    summary: i.summary,
  };
}

const byDatasetId = (a: Incident, b: Incident) => String(a.dataset_id).localeCompare(String(b.dataset_id));

for (const kind of STORE_KINDS) {
  describe(`GET /api/export/incidents on ${kind}`, () => {
    let s: TestServer;
    let resolvers: Resolvers;
    let extracted: number;
    let dir: string;

    const exportAs = (query: string, role: 'viewer' | 'analyst' | null) =>
      s.app.inject({ method: 'GET', url: `/api/export/incidents?${query}`, headers: s.as(role) });

    beforeAll(async () => {
      s = await createTestServer(kind, { publicReads: true });
      resolvers = await loadResolvers(s.t.store);
      dir = await mkdtemp(join(tmpdir(), 'tally-export-'));
      const imported = await importDataset(s.t.store, Readable.from([gedCsv(ROWS)]), {
        file: 'rows.csv',
        datasetVersion: '19.1',
        resolvers,
        now: NOW,
      });
      expect(imported).toMatchObject({ imported: 2, failed: 0 });
      [extracted] = (await ingestText(s, REPORT)).incidents as [number];
      const post = (url: string, payload: unknown) =>
        s.app.inject({ method: 'POST', url, headers: s.as('analyst'), payload: payload as string });
      const corrected = await post(`/api/incidents/${extracted}/correct`, {
        reason: 'morgue count',
        deaths: { low: 10, best: 11, high: 14 },
      });
      expect(corrected.statusCode).toBe(200);
      expect((await post(`/api/incidents/${extracted}/note`, { note: NOTE, note_sensitive: true })).statusCode).toBe(
        200,
      );
    });
    afterAll(async () => {
      await s.close();
      await rm(dir, { recursive: true, force: true });
    });

    it.each(EXPORT_FORMATS)('serves %s with its content type, a file name and every incident', async (format) => {
      const r = await exportAs(`format=${format}`, 'analyst');
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe(EXPECTED_TYPE[format]);
      expect(r.headers['content-disposition']).toMatch(/^attachment; filename="incidents[\w-]*\.(csv|geojson|jsonl)"$/);
      expect(r.headers['cache-control']).toBe('no-store');
      const firstLine = r.body.slice(0, r.body.indexOf('\n'));
      if (format === 'geojson') {
        const doc = JSON.parse(r.body);
        expect(doc.type).toBe('FeatureCollection');
        expect(doc.features).toHaveLength(3);
        const fixed = doc.features.find((f: { id: number }) => f.id === extracted);
        expect(fixed.properties).toMatchObject({ deaths_best: 11, review_status: 'corrected', note: NOTE });
      } else if (format === 'jsonl') {
        const lines = r.body
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l));
        expect(lines).toHaveLength(3);
        const fixed = lines.find((i) => i.id === extracted);
        expect(fixed.deaths).toEqual({ low: 10, best: 11, high: 14 });
        expect(fixed.review).toMatchObject({ status: 'corrected', note: NOTE, note_sensitive: true });
      } else {
        const columns = { ged: GED_COLUMNS, acled: ACLED_COLUMNS, csv: CSV_COLUMNS }[format];
        expect(firstLine).toBe(`${columns.join(',')}\r`);
        const rows: string[][] = parse(r.body);
        expect(rows).toHaveLength(4);
        // The analyst's correction is what every format says.
        const cell = (row: string[] | undefined, name: string) => row?.[(columns as readonly string[]).indexOf(name)];
        const best = { ged: 'best', acled: 'fatalities', csv: 'deaths_best' }[format];
        const deaths = rows.slice(1).map((row) => cell(row, best));
        expect(deaths).toContain(format === 'acled' ? '10' : '11');
        expect(deaths).not.toContain('9');
      }
    });

    it('filters as /api/incidents does, and by the document the page filters by', async () => {
      const jowzjan = await exportAs('format=jsonl&place=Jowzjan&from=2018-01-01', 'viewer');
      const ids = jowzjan.body
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as Incident).dataset_id ?? 'extracted');
      expect(ids.sort()).toEqual(['700002', 'extracted']);
      const listed = json<{ items: { id: number }[] }>(
        await s.app.inject({ method: 'GET', url: '/api/incidents?place=Jowzjan&from=2018-01-01&limit=500' }),
      );
      expect(listed.items).toHaveLength(2);
      const document = (
        await s.t.store.db
          .selectFrom('incident_sources')
          .select('document_id')
          .where('incident_id', '=', extracted)
          .executeTakeFirstOrThrow()
      ).document_id;
      const ofDocument = await exportAs(`format=jsonl&document=${document}`, null);
      expect(
        ofDocument.body
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).id),
      ).toEqual([extracted]);
      const nowhere = await exportAs('format=csv&place=Zqxwvutopia', 'viewer');
      expect(nowhere.statusCode).toBe(400);
      expect(json<{ message: string }>(nowhere).message).toContain('Zqxwvutopia');
      expect((await exportAs('format=xlsx', 'viewer')).statusCode).toBe(400);
    });

    it('redacts sensitive notes for viewers and anonymous readers in every format that carries notes', async () => {
      for (const format of ['csv', 'jsonl', 'geojson'] as const) {
        expect((await exportAs(`format=${format}`, 'analyst')).body).toContain('Gul Ahmad');
        for (const role of ['viewer', null] as const) {
          const body = (await exportAs(`format=${format}`, role)).body;
          expect([format, role, body.includes('Gul Ahmad')]).toEqual([format, role, false]);
          expect(body).toContain('[redacted]');
        }
      }
      const legacy = await s.app.inject({ method: 'GET', url: '/api/export/incidents.csv', headers: s.as('viewer') });
      expect(legacy.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(legacy.body).toBe((await exportAs('format=csv', 'viewer')).body);
    });

    it('gives the same bytes as `tally export` for the same filter and audience', async () => {
      const filters = { place: 'Jowzjan', from: '2018-01-01' };
      for (const format of EXPORT_FORMATS) {
        for (const [role, redact] of [
          ['analyst', false],
          ['viewer', true],
        ] as const) {
          const out = join(dir, `${format}-${role}.out`);
          const code = await runExport(s.t.url, { ...filters, format, out, redact, actors: './tally-actors.json' });
          expect(code).toBe(0);
          const api = await exportAs(`format=${format}&place=Jowzjan&from=2018-01-01`, role);
          expect([format, role, api.rawPayload.equals(readFileSync(out))]).toEqual([format, role, true]);
        }
      }
    });

    it('guards formula-like text in every CSV format, keeps numbers, and imports back to the same incidents', async () => {
      const csv: string[][] = parse((await exportAs('format=csv&dataset=ucdp-ged%2019.1', 'viewer')).body);
      const colombia = csv.find((row) => row[CSV_COLUMNS.indexOf('longitude')] === '-70.2346');
      expect(colombia?.[CSV_COLUMNS.indexOf('summary')]).toBe(`'${HEADLINE}`);
      expect(colombia?.[CSV_COLUMNS.indexOf('side_b')]).toBe("'-FARC dissidents");
      const acled = (await exportAs('format=acled&dataset=ucdp-ged%2019.1', 'viewer')).body;
      expect(acled).toContain(`"'${HEADLINE.replaceAll('"', '""')}"`);
      expect(acled).toContain(',-70.2346,');

      const ged = (await exportAs('format=ged&dataset=ucdp-ged%2019.1', 'viewer')).body;
      expect(ged).toContain(',-70.2346,');
      expect(ged).toContain("'@ElTiempo");
      const other = await createTestStore(kind);
      try {
        const again = await importDataset(other.store, Readable.from([ged]), {
          file: 'export.csv',
          datasetVersion: '19.1',
          resolvers,
          now: NOW,
        });
        expect(again).toMatchObject({ imported: 2, failed: 0 });
        const before = (await listIncidents(s.t.store, { dataset: 'ucdp-ged 19.1' })).sort(byDatasetId);
        const after = (await listIncidents(other.store, { dataset: 'ucdp-ged 19.1' })).sort(byDatasetId);
        expect(after.map(carried)).toEqual(before.map(carried));
        expect(after.find((i) => i.dataset_id === '700001')?.summary).toBe(HEADLINE);
      } finally {
        await other.cleanup();
      }
    });

    it('pages through the store: no query asks for more than a page, however many incidents go out', async () => {
      const many = await importDataset(s.t.store, Readable.from([generatedGedCsv(2500)]), {
        file: 'many.csv',
        datasetVersion: '0.1',
        resolvers,
        now: NOW,
      });
      expect(many.imported).toBe(2500);
      // The server as `tally serve` builds it, on a connection that records the LIMIT of every query.
      const limits: number[] = [];
      const recorder: KyselyPlugin = {
        transformQuery: ({ node }) => {
          if (SelectQueryNode.is(node) && node.limit && ValueNode.is(node.limit.limit)) {
            limits.push(Number(node.limit.limit.value));
          }
          return node;
        },
        transformResult: async ({ result }) => result,
      };
      const app = await buildServer({
        store: { ...s.t.store, db: s.t.store.db.withPlugin(recorder) },
        resolvers,
        read: readDocument,
        analyse: createAnalyser(resolvers),
        now: () => NOW,
        config: { ...DEFAULT_SERVER_CONFIG, publicReads: true, scrypt: FAST_SCRYPT },
      });
      try {
        const origin = await app.listen({ port: 0, host: '127.0.0.1' });
        // Over a real socket: the body goes out in chunks as it is made, with no length known up front.
        const response = await new Promise<{ headers: Record<string, unknown>; body: string }>((resolve, reject) => {
          httpGet(`${origin}/api/export/incidents?format=jsonl&dataset=ucdp-ged%200.1`, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk) => {
              body += chunk;
            });
            res.on('end', () => resolve({ headers: res.headers, body }));
            res.on('error', reject);
          }).on('error', reject);
        });
        expect(response.headers['transfer-encoding']).toBe('chunked');
        expect(response.headers['content-length']).toBeUndefined();
        const ids = response.body
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as Incident).id);
        expect(new Set(ids).size).toBe(2500);
        expect(limits.length).toBeGreaterThanOrEqual(3);
        expect(Math.max(...limits)).toBeLessThanOrEqual(DEFAULT_PAGE_SIZE + 1);
      } finally {
        await app.close();
      }
    });
  });
}
