import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, readCsvRecords } from './csv-records.js';
import { csvLine } from './csv-writer.js';

async function records(chunks: string[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords(chunks.map((c) => Buffer.from(c)))) out.push(r);
  return out;
}

/** Every way of cutting the text in two: a chunk boundary must never change what is read. */
async function everySplit(text: string): Promise<CsvRecord[]> {
  const whole = await records([text]);
  for (let i = 1; i < text.length; i++) expect(await records([text.slice(0, i), text.slice(i)])).toEqual(whole);
  return whole;
}

describe('readCsvRecords', () => {
  it('reads quoted commas, doubled quotes and line breaks, numbering records by their first line', async () => {
    const text = '\uFEFFid,note\r\n1,plain\r\n2,"Reuters, ""quoted""\non two lines"\r\n\r\n3,x"y\n4,""\n';
    expect(await everySplit(text)).toEqual([
      { line: 1, fields: ['id', 'note'] },
      { line: 2, fields: ['1', 'plain'] },
      { line: 3, fields: ['2', 'Reuters, "quoted"\non two lines'] },
      { line: 6, fields: ['3', 'x"y'] },
      { line: 7, fields: ['4', ''] },
    ]);
  });

  it('reads plain fields around a quoted one, and quote marks inside plain fields, as text', async () => {
    const text = '7,AFG-1,2014,"Wire, ""Kabul""",x"y,,3.5,\r\n8,b"c,"",d,"e\nf",g\n9,,,"",\n';
    expect(await everySplit(text)).toEqual([
      { line: 1, fields: ['7', 'AFG-1', '2014', 'Wire, "Kabul"', 'x"y', '', '3.5', ''] },
      { line: 2, fields: ['8', 'b"c', '', 'd', 'e\nf', 'g'] },
      { line: 4, fields: ['9', '', '', '', ''] },
    ]);
  });

  it('reports a broken quoted field by its line and reads on from the next line', async () => {
    expect(await everySplit('a,b\n1,"x"y\n2,z\n3,"never closed\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'text after the closing quote of field 2' },
      { line: 3, fields: ['2', 'z'] },
      { line: 4, error: 'a quoted field is never closed' },
    ]);
  });

  it('keeps a last record without a line break, and multi-byte text cut between chunks', async () => {
    const text = 'name,place\nKhanabad,Kunduz\nZanakhān,"Ghazni, centre"';
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from('ā')) + 1;
    const out: CsvRecord[] = [];
    for await (const r of readCsvRecords([bytes.subarray(0, cut), bytes.subarray(cut)])) out.push(r);
    expect(out.at(-1)).toEqual({ line: 3, fields: ['Zanakhān', 'Ghazni, centre'] });
    expect(out).toEqual(await records([text]));
  });

  it('reads back whatever the CSV writer writes, as csv-parse does', async () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('a,b', 'say "no"', 'one\ntwo', '"', '', ' x '));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        async (rows) => {
          const text = rows.map((r) => csvLine(r)).join('');
          const expected = (parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]).map((f) =>
            f.map((v) => v),
          );
          const got = (await records([text])).map((r) => ('fields' in r ? r.fields : r.error));
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
