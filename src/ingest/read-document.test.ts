import { readdir, readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReadDocument } from '../core/document.js';
import { InvalidInputError } from '../core/errors.js';
import { readDocument } from './read-document.js';
import { makePdf } from './testing/make-pdf.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

async function problemOf(bytes: Uint8Array, name: string, options?: { maxBytes?: number }): Promise<string> {
  try {
    await readDocument(bytes, name, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    const invalid = error as InvalidInputError;
    expect(invalid.where).toBe(name);
    expect(invalid.message).toBe(`${name}: ${invalid.problem}`);
    return invalid.problem;
  }
  throw new Error('expected readDocument to throw');
}

const WIRE_STORY = [
  'Clashes in Khanabad leave 12 dead',
  '',
  'KUNDUZ, Afghanistan, March 4, 2021 (AP) — At least 12 people were killed in fighting in Khanabad district,',
  'the provincial police said on Thursday.  ',
  '',
].join('\r\n');

describe('readDocument: plain text and Markdown', () => {
  it('keeps plain text byte for byte and reads its clues', async () => {
    const doc = await readDocument(utf8(WIRE_STORY), 'story.txt');
    expect(doc).toEqual({
      text: WIRE_STORY,
      format: 'text',
      title: 'Clashes in Khanabad leave 12 dead',
      publisher: null,
      kind: 'news',
      published: '2021-03-04',
      published_given: false,
      language: 'en',
    });
  });

  it('takes a publication day given at ingest only when the text states none, and says it was given', async () => {
    const wire =
      'HARGEISA, Oct. 2 (Reuters) - Two soldiers died when their truck hit a mine outside Burao on Sunday, an army officer said.\n';
    const given = await readDocument(utf8(wire), 'wire.txt', { published: '2022-10-03' });
    expect(given).toMatchObject({ published: '2022-10-03', published_given: true, text: wire });
    expect(await readDocument(utf8(wire), 'wire.txt')).toMatchObject({ published: null, published_given: false });
    // The story's own dateline, with its year, wins over the day given for the batch.
    const stated = await readDocument(utf8(WIRE_STORY), 'story.txt', { published: '2022-10-03' });
    expect(stated).toMatchObject({ published: '2021-03-04', published_given: false });
  });

  it('keeps a text file with an embedded infobox table as text, unchanged', async () => {
    const text =
      '= Battle of Example =\n\n<table class="infobox"><tr><th>Date</th><td>1 May</td></tr></table>\n\n' +
      'The battle was fought over three days in the north of the province, and dozens were killed.\n';
    const doc = await readDocument(utf8(text), 'battle.txt');
    expect(doc).toMatchObject({ text, format: 'text', kind: 'encyclopedia', title: 'Battle of Example' });
  });

  it('keeps literal "<script>" in text as words', async () => {
    const text =
      'The leaflet\n\nThe leaflet said <script>alert(1)</script> and the word <body> in plain prose for the readers.';
    expect((await readDocument(utf8(text), 'leaflet.txt')).text).toBe(text);
  });

  it('reads Markdown, title from the first # heading, text as is', async () => {
    const text =
      '*Draft*\n\n# Press release: 12 civilians killed in Darzab\n\nPublished: 27 July 2018\n\nAt least 12 civilians, including four children, were killed.\n';
    const doc = await readDocument(utf8(text), 'statement.md');
    expect(doc).toEqual({
      text,
      format: 'markdown',
      title: 'Press release: 12 civilians killed in Darzab',
      publisher: null,
      kind: 'report',
      published: '2018-07-27',
      published_given: false,
      language: 'en',
    });
  });

  it('strips a UTF-8 BOM and reads UTF-16 with a BOM', async () => {
    expect((await readDocument(utf8('\uFEFFKabul text'), 'a.txt')).text).toBe('Kabul text');
    const le = new Uint8Array([0xff, 0xfe, 0x4b, 0, 0x61, 0, 0x62, 0, 0x75, 0, 0x6c, 0]);
    expect((await readDocument(le, 'b.txt')).text).toBe('Kabul');
  });
});

describe('readDocument: HTML', () => {
  const page = `<!DOCTYPE html><html lang="en"><head><title>Blast in Kabul - Example News</title>
    <meta property="og:site_name" content="Example News"><meta property="og:type" content="article"></head>
    <body><article><h1>Blast in Kabul</h1><p>A blast killed at least five people in Kabul on Monday, the police said. The attack happened near a school in the west of the city.</p></article></body></html>`;

  it('reads a page saved as .txt as HTML (detection by content)', async () => {
    const doc = await readDocument(utf8(page), 'saved-page.txt');
    expect(doc).toMatchObject({
      format: 'html',
      title: 'Blast in Kabul',
      publisher: 'Example News',
      kind: 'news',
      language: 'en',
    });
    expect(doc.text).toBe(
      'Blast in Kabul\n\nA blast killed at least five people in Kabul on Monday, the police said. The attack happened near a school in the west of the city.',
    );
  });

  it('refuses a page with no text after removing markup', async () => {
    const problem = await problemOf(
      utf8('<html><body><script>var x = 1;</script><img src="a.png"></body></html>'),
      'empty.html',
    );
    expect(problem).toMatch(/^no text found after removing markup/);
  });
});

describe('readDocument: PDF', () => {
  it('reads the text layer and the metadata title, found by content without an extension', async () => {
    const pdf = makePdf({
      pages: [
        'Flash Update No. 3\nPublished: 10 August 2021\nAt least 41 civilians were killed in Lashkar Gah.',
        'Page two: 6,500 families displaced.',
      ],
      title: 'Flash Update No. 3 (Helmand)',
      created: '2021-08-11',
    });
    const doc = await readDocument(pdf, 'download');
    expect(doc).toMatchObject({
      format: 'pdf',
      title: 'Flash Update No. 3 (Helmand)',
      kind: 'report',
      published: '2021-08-10',
      language: 'en',
    });
    expect(doc.text).toContain('At least 41 civilians were killed in Lashkar Gah.');
    expect(doc.text).toContain('Page two: 6,500 families displaced.');
  });

  it('uses the creation date and the first line when the text gives neither', async () => {
    const pdf = makePdf({
      pages: ['Casualty update\n\nThe clashes killed three people and wounded seven in the district.'],
      created: '2020-02-29',
    });
    expect(await readDocument(pdf, 'update.pdf')).toMatchObject({ published: '2020-02-29', title: null });
  });

  it('leaves the caller its bytes (pdf.js would detach them)', async () => {
    const pdf = makePdf({ pages: ['Some text in the report.'] });
    const length = pdf.byteLength;
    await readDocument(pdf, 'a.pdf');
    expect(pdf.byteLength).toBe(length);
  });

  it('refuses a PDF without a text layer, and a broken PDF', async () => {
    expect(await problemOf(makePdf({ pages: [''], withoutText: true }), 'scan.pdf')).toMatch(
      /^no text layer \(scanned PDF\?\)/,
    );
    expect(await problemOf(utf8('%PDF-1.4\nthis is not really a pdf'), 'broken.pdf')).toMatch(/^not a readable PDF/);
    const headless = makePdf({ pages: ['text'] }).slice(9);
    expect(await problemOf(headless, 'cut.pdf')).toMatch(
      /^named \.pdf but has no %PDF- header \(damaged\?\); not decodable/,
    );
  });
});

describe('readDocument: refusals', () => {
  it('names the file and the problem for each kind of bad input', async () => {
    expect(await problemOf(new Uint8Array(), 'empty.txt')).toBe('empty file');
    expect(await problemOf(utf8('  \n\n\t'), 'blank.txt')).toBe('empty file (only whitespace)');
    expect(await problemOf(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), 'a.out')).toBe(
      'binary content (NUL bytes in the first 8 KB)',
    );
    expect(await problemOf(new Uint8Array([0x4b, 0x61, 0x62, 0x75, 0x6c, 0xe9, 0x20]), 'latin1.txt')).toMatch(
      /^not decodable: not valid UTF-8 text \(invalid byte sequence at offset 5\)/,
    );
  });

  it('refuses a NUL character past the first 8 KB, which no store of PostgreSQL can hold', async () => {
    const text = `KABUL, 3 May 2021 - Twelve people were killed. ${'x'.repeat(9000)}\u0000 and more`;
    expect(await problemOf(utf8(text), 'late-nul.txt')).toBe(
      `its text holds a NUL character (U+0000) at character ${text.indexOf('\u0000')}, which cannot be stored`,
    );
  });

  it('refuses input over the size limit before reading it', async () => {
    expect(await problemOf(utf8('x'.repeat(2048)), 'big.txt', { maxBytes: 1024 })).toBe(
      'larger than the 1 KB limit (--max-bytes): 2 KB',
    );
    const huge = new Uint8Array(20 * 1024 * 1024 + 1);
    expect(await problemOf(huge, 'huge.bin')).toBe('larger than the 20 MB limit (--max-bytes): 20971521 bytes');
  });
});

describe('readDocument: examples/', () => {
  const folder = new URL('../../examples/', import.meta.url);
  const expected: Record<string, Partial<ReadDocument>> = {
    'sancharak-offensive-2019.txt': { format: 'text', kind: 'encyclopedia', title: 'Sancharak offensive (2019)' },
    'khanabad-clashes-2021.html': {
      format: 'html',
      kind: 'encyclopedia',
      title: 'Khanabad clashes (2021)',
      publisher: 'Example Wiki',
    },
    'jalalabad-market-blast.html': { format: 'html', kind: 'news', published: '2022-05-14', publisher: 'Tally Wire' },
    'darzab-civilian-harm-statement.md': { format: 'markdown', kind: 'report', published: '2018-07-27' },
    'helmand-flash-update.pdf': { format: 'pdf', kind: 'report', published: '2021-08-10' },
    'kabul-wire-panjshir.txt': { format: 'text', kind: 'news', published: '2022-09-12' },
  };

  it('has an example of every shape, and each reads as that shape', async () => {
    const files = (await readdir(folder)).filter((f) => f !== 'README.md').sort();
    expect(files).toEqual(Object.keys(expected).sort());
    for (const file of files) {
      const bytes = await readFile(new URL(file, folder));
      expect(bytes.length, file).toBeLessThan(3.5 * 1024);
      const doc = await readDocument(bytes, file);
      expect(doc, file).toMatchObject({ language: 'en', ...expected[file] });
    }
  });

  it('reads the HTML infobox example into Key: Value lines, nothing of script or style', async () => {
    const doc = await readDocument(await readFile(new URL('khanabad-clashes-2021.html', folder)), 'k.html');
    expect(doc.text).toContain('\nInfobox\n- Conflict: Khanabad clashes\n- Partof: the 2021 Taliban offensive\n');
    expect(doc.text).toContain('- Commander1: Gen. Daud Nuristani, Haji Karim BekKIA\n');
    expect(doc.text).toContain('- Casualties3: At least 11 civilians killed; 2,500 families displaced\n');
    expect(doc.text).not.toMatch(/trackPage|float: right|\[\d\]/);
  });
});

describe('readDocument on arbitrary input', () => {
  const outcome = async (bytes: Uint8Array) => {
    try {
      ReadDocument.parse(await readDocument(bytes, 'fuzz'));
      return true;
    } catch (error) {
      if (error instanceof InvalidInputError) return true;
      throw error;
    }
  };

  it('returns a document or an InvalidInputError for random bytes, never anything else', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), outcome), { numRuns: 300 });
  });

  it('does the same for random text, markup soup and PDF-headed junk', async () => {
    const tag = fc.constantFrom(
      '<p>',
      '</p>',
      '<table>',
      '<tr><th>k</th><td>v</td></tr>',
      '</table>',
      '<script>',
      '<br>',
      '<html>',
      '<!--',
      '# ',
      '= T =\n',
      '&lt;',
    );
    const soup = fc
      .array(fc.oneof(tag, fc.string({ maxLength: 20 })), { maxLength: 30 })
      .map((parts) => utf8(parts.join('')));
    const pdfJunk = fc.uint8Array({ maxLength: 200 }).map((tail) => new Uint8Array([...utf8('%PDF-1.4\n'), ...tail]));
    const text = fc.string({ unit: 'binary', maxLength: 300 }).map(utf8);
    await fc.assert(fc.asyncProperty(fc.oneof(text, soup, pdfJunk), outcome), { numRuns: 300 });
  });
});
