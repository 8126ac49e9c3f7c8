import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvLine, guardCell, unguardCell } from './csv-writer.js';

describe('the CSV writer', () => {
  it('puts a quote mark before text a spreadsheet would run as a formula', () => {
    for (const text of ['=HYPERLINK("http://x","y")', '+1', '-12 dead', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(guardCell(text)).toBe(`'${text}`);
    }
    for (const text of ['Taliban', '12 dead', "'Amran", ' =not a formula', '']) expect(guardCell(text)).toBe(text);
  });

  it('writes numbers as numbers: a negative longitude is not guarded', () => {
    expect(csvLine([-70.5, 0, 3.25, -4])).toBe('-70.5,0,3.25,-4\r\n');
    expect(csvLine(['-70.5'])).toBe("'-70.5\r\n");
  });

  it('quotes commas, quotes and line breaks, writes null as empty, ends with CRLF', () => {
    const line = csvLine(['a,b', 'say "no"', 'one\ntwo', null, 'plain', '=1+1, then']);
    expect(line).toBe('"a,b","say ""no""","one\ntwo",,plain,"\'=1+1, then"\r\n');
    expect(parse(line)).toEqual([['a,b', 'say "no"', 'one\ntwo', '', 'plain', "'=1+1, then"]]);
  });

  it('takes the guard off again, and leaves other quote marks alone', () => {
    for (const text of ['=HYPERLINK("x")', '-12 dead', '@x', '+1', '\tx', 'plain', "'Amran", "it's"]) {
      expect(unguardCell(guardCell(text))).toBe(text);
    }
    expect(unguardCell("'Amran")).toBe("'Amran");
  });
});
