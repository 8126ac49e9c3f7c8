import { Writable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Incident } from '../core/incident.js';
import type { IncidentReview } from '../core/review.js';
import { ACLED_COLUMNS } from './acled-format.js';
import { CSV_COLUMNS } from './csv-columns.js';
import type { ExportIncident } from './export-context.js';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportOptions,
  exportStream,
  type PageReader,
  writeExport,
} from './export-incidents.js';
import { GED_COLUMNS } from './ged-format.js';
import { makeIncident } from './testing/make-incident.js';

/** `count` incidents served in keyset order, recording every page asked for. */
function pagesOf(count: number): PageReader & { calls: number[] } {
  const all = Array.from({ length: count }, (_, n) =>
    makeIncident({ id: n + 1, date: { start: '2020-01-01', end: '2020-01-01', precision: 'day' } }),
  );
  const calls: number[] = [];
  const read = async (after: { id: number } | null, limit: number) => {
    const from = after ? all.findIndex((i) => i.id === after.id) + 1 : 0;
    const incidents = all.slice(from, from + limit);
    calls.push(incidents.length);
    return { incidents, documents: new Map() };
  };
  return Object.assign(read, { calls });
}

async function exported(read: PageReader, options: ExportOptions): Promise<string> {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  });
  await writeExport(read, sink, options);
  return text;
}

describe('writeExport', () => {
  it('writes RFC 7946 GeoJSON: a FeatureCollection of points in [longitude, latitude] order', async () => {
    const read: PageReader = async (after) => ({
      incidents: after ? [] : [makeIncident(), makeIncident({ id: 13, place: null })],
      documents: new Map(),
    });
    const doc = JSON.parse(await exported(read, { format: 'geojson' }));
    expect(doc.type).toBe('FeatureCollection');
    expect(doc.features).toHaveLength(2);
    const [point, nowhere] = doc.features;
    expect(point).toMatchObject({
      type: 'Feature',
      id: 12,
      geometry: { type: 'Point', coordinates: [65.5167, 36.0464] },
    });
    expect(point.properties).toMatchObject({
      event_type: 'Battles',
      deaths_best: 250,
      admin1: 'Jowzjan',
      dataset: 'tally',
    });
    for (const value of Object.values(point.properties)) expect(value === null || typeof value !== 'object').toBe(true);
    expect(nowhere).toMatchObject({ type: 'Feature', id: 13, geometry: null });
  });

  it('quotes commas, quotes and line breaks so a CSV reader gets the text back', async () => {
    const summary = 'Kunduz, "the city", fell\nagain;\r\nofficials said';
    const read: PageReader = async (after) => ({
      incidents: after ? [] : [makeIncident({ summary, side_a: 'Jamiat-e Islami, Rabbani' })],
      documents: new Map(),
    });
    const text = await exported(read, { format: 'csv' });
    expect(text.startsWith(`${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    const rows: string[][] = parse(text);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveLength(CSV_COLUMNS.length);
    expect(rows[1]?.[CSV_COLUMNS.indexOf('summary')]).toBe(summary);
    expect(rows[1]?.[CSV_COLUMNS.indexOf('side_a')]).toBe('Jamiat-e Islami, Rabbani');
  });

  it('writes JSON Lines that parse back as the Incident schema', async () => {
    const lines = (await exported(pagesOf(3), { format: 'jsonl' })).trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(Incident.safeParse(JSON.parse(line)).success).toBe(true);
  });

  it.each(['ged', 'acled', 'csv', 'jsonl', 'geojson'] as ExportFormat[])(
    'asks for %s pages of the size given, and stops after a short page',
    async (format) => {
      const read = pagesOf(2500);
      await exported(read, { format, pageSize: 1000 });
      expect(read.calls).toEqual([1000, 1000, 500]);
    },
  );

  it('reads no further than a slow reader has taken', async () => {
    const read = pagesOf(5000);
    const held: (() => void)[] = [];
    let released = false;
    // A reader that takes one chunk and then waits: the export must wait with it.
    const slow = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, done) {
        if (released) done();
        else held.push(done);
      },
    });
    const finished = writeExport(read, slow, { format: 'jsonl', pageSize: 100 });
    for (let n = 0; n < 20; n++) await tick();
    expect(read.calls.length).toBeLessThanOrEqual(2);
    expect(slow.writableLength).toBeLessThan(1024 + 4096);
    released = true;
    for (const done of held.splice(0)) done();
    await finished;
    expect(read.calls.reduce((a, b) => a + b, 0)).toBe(5000);
  });

  it('stops at a limit, asking for no more than it needs', async () => {
    const read = pagesOf(2500);
    const lines = (await exported(read, { format: 'jsonl', pageSize: 1000, limit: 1500 })).trim().split('\n');
    expect(lines).toHaveLength(1500);
    expect(read.calls).toEqual([1000, 500]);
  });

  it('streams for the API: a page is read only when the consumer wants more, and not after it leaves', async () => {
    const read = pagesOf(5000);
    const stream = exportStream(read, { format: 'jsonl', pageSize: 100 });
    for await (const chunk of stream) {
      expect(String(chunk)).toMatch(/^\{"id":1,/);
      break;
    }
    for (let n = 0; n < 20; n++) await tick();
    expect(stream.destroyed).toBe(true);
    expect(read.calls.length).toBeLessThanOrEqual(2);
    expect(read.calls.every((size) => size <= 100)).toBe(true);
  });

  it.each(EXPORT_FORMATS)('writes the same %s bytes to a stream as to a writable', async (format) => {
    const chunks: Buffer[] = [];
    for await (const chunk of exportStream(pagesOf(250), { format, pageSize: 100 })) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString('utf8')).toBe(await exported(pagesOf(250), { format, pageSize: 100 }));
  });
});

describe('what exports let through', () => {
  const review: IncidentReview = {
    status: 'corrected',
    merged_into: null,
    corrected: true,
    note: 'witness: Gul Ahmad (shopkeeper)',
    note_sensitive: true,
    by: 'analyst',
    at: '2026-01-01T00:00:00.000Z',
    audit_id: 4,
  };
  const one =
    (incident: ExportIncident): PageReader =>
    async (after) => ({ incidents: after ? [] : [incident], documents: new Map() });

  it.each([
    ['csv', CSV_COLUMNS, 'summary'],
    ['ged', GED_COLUMNS, 'source_headline'],
    ['acled', ACLED_COLUMNS, 'notes'],
  ] as const)('guards formula-like text in %s and keeps numbers as numbers', async (format, columns, summaryColumn) => {
    const incident = makeIncident({
      summary: '=HYPERLINK("http://example.org","12 dead")',
      side_a: '-Taliban',
      place: { ...(makeIncident().place as NonNullable<Incident['place']>), lat: -4.5, lon: -70.5, name: '@Leticia' },
    });
    const rows: string[][] = parse(await exported(one(incident), { format }));
    const row = rows[1] as string[];
    const cell = (name: string) => row[(columns as readonly string[]).indexOf(name)];
    expect(cell(summaryColumn)).toBe(`'=HYPERLINK("http://example.org","12 dead")`);
    expect(cell('longitude')).toBe('-70.5');
    expect(cell('latitude')).toBe('-4.5');
    expect(cell(format === 'acled' ? 'actor1' : 'side_a')).toBe("'-Taliban");
    expect(cell(format === 'acled' ? 'location' : format === 'ged' ? 'where_coordinates' : 'place')).toBe("'@Leticia");
  });

  it('writes the review status and note in Tally CSV, JSON Lines and GeoJSON, and no note in GED or ACLED', async () => {
    const incident = { ...makeIncident(), review: { ...review, note_sensitive: false } };
    for (const format of ['csv', 'jsonl', 'geojson'] as const) {
      expect(await exported(one(incident), { format })).toContain('Gul Ahmad');
    }
    for (const format of ['ged', 'acled'] as const) {
      expect(await exported(one(incident), { format })).not.toContain('Gul Ahmad');
    }
    const rows: string[][] = parse(await exported(one(incident), { format: 'csv' }));
    expect(rows[1]?.slice(CSV_COLUMNS.indexOf('review_status'), CSV_COLUMNS.indexOf('note') + 1)).toEqual([
      'corrected',
      '1',
      review.note,
    ]);
    const line = JSON.parse(await exported(one(incident), { format: 'jsonl' }));
    expect(line.review).toMatchObject({ status: 'corrected', note: review.note });
    const feature = JSON.parse(await exported(one(incident), { format: 'geojson' })).features[0];
    expect(feature.properties).toMatchObject({ review_status: 'corrected', corrected: true, note: review.note });
  });

  it.each(['csv', 'jsonl', 'geojson'] as const)('redacts a sensitive note in %s when asked', async (format) => {
    const sensitive = one({ ...makeIncident(), review });
    const open = await exported(sensitive, { format });
    expect(open).toContain('Gul Ahmad');
    const redacted = await exported(sensitive, { format, redact: true });
    expect(redacted).not.toContain('Gul Ahmad');
    expect(redacted).toContain('[redacted]');
    // Only the note: the rest of the export is the same.
    expect(redacted.replace('[redacted]', review.note as string)).toBe(open);
  });
});
