import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadResolvers } from '../src/app/analyse-document.js';
import type { Incident } from '../src/core/incident.js';
import { type ExportFormat, type PageReader, storePages, writeExport } from '../src/interop/export-incidents.js';
import { importDataset } from '../src/interop/import-dataset.js';
import type { Resolvers } from '../src/merge/build-incidents.js';
import { listIncidents } from '../src/store/incident-queries.js';
import { acledCsv, gedCsv, generatedGedCsv, textSink } from './support/datasets.js';
import { createTestStore, STORE_KINDS, type TestStore } from './support/stores.js';

const NOW = '2026-01-01T00:00:00.000Z';

/** What GED and ACLED rows carry, compared across a round trip; Tally's own ids differ by store. */
function carried(i: Incident) {
  return {
    dataset: i.dataset,
    dataset_id: i.dataset_id,
    date: i.date,
    place: i.place,
    event_type: i.event_type,
    sub_event_type: i.sub_event_type,
    violence_type: i.violence_type,
    side_a: i.side_a,
    side_b: i.side_b,
    actors: i.actors.map((a) => ({ side: a.side, name: a.name, actor_id: a.actor_id, inter: a.inter })),
    deaths: i.deaths,
    deaths_by: i.deaths_by,
    claims: i.claims.map((c) => ({
      category: c.category,
      low: c.low,
      high: c.high,
      source: c.source,
      claimant: c.claimant,
    })),
    summary: i.summary,
  };
}

async function importText(store: TestStore, text: string, file: string, resolvers: Resolvers, version?: string) {
  return importDataset(store.store, Readable.from([text]), { file, datasetVersion: version, resolvers, now: NOW });
}

async function exportText(read: PageReader, format: ExportFormat, resolvers: Resolvers): Promise<string> {
  const sink = textSink();
  await writeExport(read, sink, { format, actors: resolvers.actors });
  return sink.text();
}

const byDatasetId = (a: Incident, b: Incident) => String(a.dataset_id).localeCompare(String(b.dataset_id));

for (const kind of STORE_KINDS) {
  describe(`export then import gives back the same incidents on ${kind}`, () => {
    let first: TestStore;
    let second: TestStore;
    let resolvers: Resolvers;
    beforeAll(async () => {
      [first, second] = await Promise.all([createTestStore(kind), createTestStore(kind)]);
      resolvers = await loadResolvers(first.store);
    });
    afterAll(async () => {
      await Promise.all([first.cleanup(), second.cleanup()]);
    });

    it('round-trips UCDP GED rows through a GED export', async () => {
      const imported = await importText(first, gedCsv(), 'fixture.csv', resolvers, '19.1');
      expect(imported).toMatchObject({ format: 'ged', dataset: 'ucdp-ged 19.1', imported: 5, failed: 0 });
      const before = (await listIncidents(first.store, { dataset: 'ucdp-ged 19.1' })).sort(byDatasetId);
      expect(before.find((i) => i.dataset_id === '263880')?.place).toMatchObject({ admin1: 'Jowzjan', where_prec: 3 });

      const ged = await exportText(storePages(first.store, { dataset: 'ucdp-ged 19.1' }), 'ged', resolvers);
      const again = await importText(second, ged, 'export.csv', resolvers, '19.1');
      expect(again).toMatchObject({ imported: 5, failed: 0 });
      const after = (await listIncidents(second.store, { dataset: 'ucdp-ged 19.1' })).sort(byDatasetId);
      expect(after.map(carried)).toEqual(before.map(carried));
    });

    it('round-trips ACLED rows through an ACLED export', async () => {
      const imported = await importText(first, acledCsv(), 'acled-fixture.csv', resolvers);
      expect(imported).toMatchObject({ format: 'acled', dataset: 'acled', imported: 4, failed: 0 });
      const before = (await listIncidents(first.store, { dataset: 'acled' })).sort(byDatasetId);
      expect(before.find((i) => i.dataset_id === 'AFG12002')?.date).toEqual({
        start: '2021-05-11',
        end: '2021-05-17',
        precision: 'range',
      });

      const acled = await exportText(storePages(first.store, { dataset: 'acled' }), 'acled', resolvers);
      expect((await importText(second, acled, 'export.csv', resolvers)).failed).toBe(0);
      const after = (await listIncidents(second.store, { dataset: 'acled' })).sort(byDatasetId);
      expect(after.map(carried)).toEqual(before.map(carried));
    });

    it('updates rather than duplicates when the same rows come again', async () => {
      const again = await importText(first, gedCsv(), 'fixture.csv', resolvers, '19.1');
      expect(again).toMatchObject({ imported: 5, updated: 5 });
      expect(await listIncidents(first.store, { dataset: 'ucdp-ged 19.1' })).toHaveLength(5);
    });

    it('exports thousands of incidents a page at a time, each once, in date order', async () => {
      const generated = await importText(first, generatedGedCsv(2500), 'many.csv', resolvers, '0.1');
      expect(generated).toMatchObject({ imported: 2500, failed: 0 });
      const pages: number[] = [];
      const read = storePages(first.store, { dataset: 'ucdp-ged 0.1' });
      const counting: PageReader = async (after, limit) => {
        const page = await read(after, limit);
        pages.push(page.incidents.length);
        return page;
      };
      const sink = textSink();
      const { incidents } = await writeExport(counting, sink, { format: 'jsonl', pageSize: 1000 });
      expect(incidents).toBe(2500);
      expect(pages).toEqual([1000, 1000, 500]);
      const lines = sink
        .text()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Incident);
      expect(new Set(lines.map((i) => i.id)).size).toBe(2500);
      const keys = lines.map((i) => `${i.date.start}#${String(i.id).padStart(9, '0')}`);
      expect(keys).toEqual([...keys].sort());
    });
  });
}
