import { Writable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Incident } from '../core/incident.js';
import { CSV_COLUMNS } from './csv-columns.js';
import { type ExportFormat, type ExportOptions, type PageReader, writeExport } from './export-incidents.js';
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
});
