import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadDocument } from '../src/core/document.js';
import { InvalidInputError } from '../src/core/errors.js';
import { decodeText } from '../src/ingest/decode-text.js';
import { detectTextFormat, isPdf, looksLikeHtml } from '../src/ingest/detect-format.js';
import { parseLooseDate } from '../src/ingest/parse-loose-date.js';
import { readDocument } from '../src/ingest/read-document.js';
import { readHtml } from '../src/ingest/read-html.js';
import { isPdfjsException } from '../src/ingest/read-pdf.js';
import { makePdf } from '../src/ingest/testing/make-pdf.js';
import { runCli } from './support/cli.js';
import {
  ARABIC_PUNCTUATION,
  anyScriptNumber,
  checkExtraction,
  DARI_WORDS,
  FuzzCount,
  flatString,
  fuzz,
  INVISIBLE_MARKS,
  liveHeap,
  mixedScriptText,
  PASHTO_WORDS,
} from './support/fuzz.js';
import { htmlPage, infoboxTable, markdownText, readInfoboxEntries } from './support/fuzz-html.js';
import { pdfSoup, validPdf, withMutations } from './support/fuzz-pdf.js';
import { syntheticReport } from './support/reports.js';

const count = new FuzzCount('fuzz-readers');
let restoreRejections: () => void = () => {};
beforeAll(() => {
  restoreRejections = watchRejections();
});
afterAll(() => {
  restoreRejections();
  count.report();
  process.stdout.write(`fuzz-readers: ${rejections.dropped} unhandled pdf.js rejections dropped, none other\n`);
});

const utf8 = (s: string) => new TextEncoder().encode(s);
const NAMES = ['report.txt', 'notes.md', 'page.html', 'scan.pdf', 'README', 'page.HTM', 'گزارش.txt', '<stdin>'];
const anyName = fc.constantFrom(...NAMES);

/**
 * pdf.js rejects promises of its own, unhandled, on some damaged files; readPdf drops those (see
 * dropPdfjsRejections), as a real process would. vitest's listener would count them as errors, so
 * while this file runs this one stands in for it: any unhandled rejection that is not pdf.js's own
 * fails the test, and the pdf.js ones are counted.
 */
const rejections = { dropped: 0, other: [] as unknown[] };
function watchRejections(): () => void {
  const saved = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const watch = (reason: unknown) => {
    if (isPdfjsException(reason)) rejections.dropped++;
    else rejections.other.push(reason);
  };
  process.on('unhandledRejection', watch);
  return () => {
    process.off('unhandledRejection', watch);
    for (const listener of saved) process.on('unhandledRejection', listener);
  };
}

/** Unhandled rejections are reported after the microtasks: give them a turn, then check them. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  expect(rejections.other).toEqual([]);
}

/**
 * The readers' contract on any bytes: a document that fits the schema and has text, or an
 * InvalidInputError naming the input with a short reason. Anything else thrown is a crash.
 */
async function checkRead(bytes: Uint8Array, name: string): Promise<ReadDocument | null> {
  let doc: ReadDocument;
  try {
    doc = await readDocument(bytes, name);
  } catch (error) {
    await settle();
    if (!(error instanceof InvalidInputError)) throw error;
    expect(error.where).toBe(name);
    expect(error.problem.trim()).not.toBe('');
    // A 10 MB input must not become a 10 MB message.
    expect(error.message.length).toBeLessThan(300);
    return null;
  }
  await settle();
  ReadDocument.parse(doc);
  expect(doc.text.trim()).not.toBe('');
  expect(doc.format === 'pdf').toBe(isPdf(bytes));
  if (doc.published !== null) expect(isCalendarDay(doc.published)).toBe(true);
  if (doc.format === 'text' || doc.format === 'markdown') {
    // Kept exactly as decoded, so evidence offsets line up with the file on disk.
    const decoded = decodeText(bytes);
    expect(decoded.ok && decoded.text).toBe(doc.text);
    if (doc.title !== null) expect(doc.text).toContain(doc.title);
  }
  checkExtraction(doc.text, { published: doc.published });
  return doc;
}

function isCalendarDay(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === iso;
}

/** Text without C0 controls, which the decoder may rightly call binary. */
const proseText = fc.oneof(
  mixedScriptText(),
  fc
    .string({ unit: 'grapheme', maxLength: 300 })
    .map((s) => s.replace(/\p{Cc}/gu, (c) => ('\t\n\v\f\r'.includes(c) ? c : ' '))),
);

function encode(text: string, encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be'): Uint8Array {
  if (encoding === 'utf-8') return utf8(text);
  if (encoding === 'utf-8-bom') return utf8(`\ufeff${text}`);
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  if (encoding === 'utf-16le') return new Uint8Array(le);
  return new Uint8Array(Buffer.from(le).swap16());
}

describe('readers on random bytes', () => {
  it('3,000 random byte strings with any name: a document or a named InvalidInputError', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      // Printable-ish bytes get past the binary sniffing into the UTF-8 decoder.
      fc.uint8Array({ minLength: 1, maxLength: 2000, min: 0x09, max: 0xf4 }),
      fc.tuple(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 1000 })).map(([head, tail]) => {
        const out = new Uint8Array(head.length + tail.length + 5);
        out.set(head);
        out.set(utf8('%PDF-'), head.length);
        out.set(tail, head.length + 5);
        return out;
      }),
    );
    const runs = await fuzz(
      fc.asyncProperty(bytes, anyName, async (b, name) => {
        await checkRead(b, name);
      }),
      3000,
    );
    expect(count.add(runs)).toBe(3000);
  });

  it('1,000 texts with bytes flipped, cut or inserted: invalid UTF-8 is named, never thrown raw', async () => {
    const runs = await fuzz(
      fc.asyncProperty(
        proseText,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        anyName,
        async (text, flips, cut, name) => {
          const bytes = utf8(text);
          for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
          await checkRead(bytes.subarray(0, bytes.length === 0 ? 0 : 1 + (cut % bytes.length)), name);
        },
      ),
      1000,
    );
    expect(count.add(runs)).toBe(1000);
  });
});

describe('text and Markdown readers', () => {
  it('1,000 mixed-script texts in UTF-8, UTF-8 with BOM, UTF-16 LE and BE all read to the same text', async () => {
    const runs = await fuzz(
      fc.asyncProperty(
        proseText,
        fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be' as const),
        fc.constantFrom('report.txt', 'notes.md', 'README'),
        async (text, encoding, name) => {
          const doc = await checkRead(encode(text, encoding), name);
          // The decoder drops one byte-order mark: the one encode() wrote, or else the text's own.
          const kept = encoding === 'utf-8' ? text.replace(/^\ufeff/, '') : text;
          if (kept.trim() === '') {
            expect(doc).toBeNull();
            return;
          }
          // No C0 controls and no markup: this is prose, and it must read, exactly.
          expect(doc?.text).toBe(kept);
          expect(doc?.format).toBe(detectTextFormat(kept, name));
        },
      ),
      1000,
    );
    expect(count.add(runs)).toBe(1000);
  });

  it('800 Markdown soups (headings, lists, tables, fences, links, stray tags) are kept as written', async () => {
    const runs = await fuzz(
      fc.asyncProperty(markdownText, fc.constantFrom('notes.md', 'notes.txt'), async (md, name) => {
        const doc = await checkRead(utf8(md), name);
        if (doc !== null && doc.format !== 'html') expect(doc.text).toBe(md.replace(/^\ufeff/, ''));
        if (doc?.format === 'html') expect(looksLikeHtml(md) || name.endsWith('.html')).toBe(true);
      }),
      800,
    );
    expect(count.add(runs)).toBe(800);
  });

  it('1,500 strings through detection and decoding agree with each other', async () => {
    const runs = await fuzz(
      fc.property(fc.oneof(proseText, markdownText, htmlPage), anyName, (text, name) => {
        const bytes = utf8(text);
        const decoded = decodeText(bytes);
        if (decoded.ok) expect(decoded.text).toBe(text.replace(/^\ufeff/, ''));
        const format = detectTextFormat(text, name);
        if (looksLikeHtml(text)) expect(format).toBe('html');
        if (isPdf(bytes)) expect(Buffer.from(bytes.subarray(0, 1029)).toString('latin1')).toContain('%PDF-');
      }),
      1500,
    );
    expect(count.add(runs)).toBe(1500);
  });
});

describe('HTML reader and its infobox tables', () => {
  it('800 generated pages (infoboxes, RTL text, broken nesting, entities): text or a named error', async () => {
    const runs = await fuzz(
      fc.asyncProperty(htmlPage, fc.constantFrom('page.html', 'page.txt', 'download'), async (html, name) => {
        await checkRead(utf8(html), name);
      }),
      800,
    );
    expect(count.add(runs)).toBe(800);
  });

  it('500 infobox tables: entries are non-empty single lines, and the page text carries them', async () => {
    const runs = await fuzz(
      fc.property(infoboxTable, mixedScriptText(30), (table, prose) => {
        for (const entry of readInfoboxEntries(table)) {
          expect(entry.key).toBe(entry.key.trim());
          expect(entry.value).toBe(entry.value.trim());
          expect(entry.key).not.toBe('');
          expect(entry.value).not.toBe('');
          expect(`${entry.key}${entry.value}`).not.toMatch(/[\r\n]/);
        }
        const result = readHtml(`<html><body>${table}<p>${prose}</p></body></html>`);
        if (result.ok && result.reading.infobox) expect(result.reading.text).toMatch(/(?:^|\n)Infobox\n- /);
        if (result.ok) checkExtraction(result.reading.text);
      }),
      500,
    );
    expect(count.add(runs)).toBe(500);
  });
});

describe('PDF reader', () => {
  it('150 valid PDFs read back with every word of every page', async () => {
    const runs = await fuzz(
      fc.asyncProperty(validPdf, async ({ bytes, pages }) => {
        const doc = await checkRead(bytes, 'report.pdf');
        expect(doc?.format).toBe('pdf');
        for (const word of pages.join(' ').match(/[A-Za-z]{3,}/g) ?? []) expect(doc?.text).toContain(word);
      }),
      150,
    );
    expect(count.add(runs)).toBe(150);
  });

  it('600 valid PDFs truncated, bit-flipped, spliced and renumbered: a document or a named error', async () => {
    const runs = await fuzz(
      fc.asyncProperty(withMutations(validPdf.map((p) => p.bytes)), anyName, async (bytes, name) => {
        await checkRead(bytes, name);
      }),
      600,
    );
    expect(count.add(runs)).toBe(600);
  });

  it('400 PDF-headed soups of objects, streams, filters and garbage: never a crash', async () => {
    const runs = await fuzz(
      fc.asyncProperty(fc.oneof(pdfSoup, withMutations(pdfSoup)), async (bytes) => {
        await checkRead(bytes, 'scan.pdf');
      }),
      400,
    );
    expect(count.add(runs)).toBe(400);
  });
});

const MONTH_NAMES = [
  ['January', 'Jan', 'Jan.'],
  ['February', 'Feb', 'Feb.'],
  ['March', 'Mar', 'Mar.'],
  ['April', 'Apr', 'Apr.'],
  ['May', 'May', 'May'],
  ['June', 'Jun', 'Jun.'],
  ['July', 'Jul', 'Jul.'],
  ['August', 'Aug', 'Aug.'],
  ['September', 'Sept.', 'Sep'],
  ['October', 'Oct', 'Oct.'],
  ['November', 'Nov', 'Nov.'],
  ['December', 'Dec', 'Dec.'],
];

describe('loose date parser', () => {
  it('1,500 soups of date pieces give null or a real calendar day', async () => {
    const piece = fc.oneof(
      fc.constantFrom(...MONTH_NAMES.flat(), 'Sept', 'Febuary', 'st', 'th', ',', '.', '-', 'T10:00:00Z', '/', ' '),
      fc.integer({ min: 0, max: 99 }).map(String),
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
      anyScriptNumber,
      fc.constantFrom(...DARI_WORDS, ...PASHTO_WORDS, ...INVISIBLE_MARKS),
    );
    const runs = await fuzz(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom('', ' ', '-'), (pieces, glue) => {
        const value = parseLooseDate(pieces.join(glue));
        if (value !== null) expect(isCalendarDay(value)).toBe(true);
      }),
      1500,
    );
    expect(count.add(runs)).toBe(1500);
  });

  it('500 real dates in every supported shape, amid mixed-script words, read back exactly', async () => {
    const day = fc
      .date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
      .map((d) => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }));
    const noise = fc
      .array(
        fc.constantFrom(...DARI_WORDS, ...PASHTO_WORDS, ...INVISIBLE_MARKS, ...ARABIC_PUNCTUATION, 'on', 'dated'),
        {
          maxLength: 4,
        },
      )
      .map((words) => words.join(' '));
    const runs = await fuzz(
      fc.property(day, fc.nat({ max: 5 }), fc.nat({ max: 2 }), noise, noise, (date, shape, spelling, before, after) => {
        const iso = `${String(date.y).padStart(4, '0')}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
        const month = MONTH_NAMES[date.m - 1]?.[spelling] as string;
        const shapes = [
          iso,
          `${iso}T10:00:00Z`,
          `${date.d} ${month} ${date.y}`,
          `${date.d}th ${month}, ${date.y}`,
          `${month} ${date.d}, ${date.y}`,
          `${month} ${date.d} ${date.y}`,
        ];
        expect(parseLooseDate(`${before} ${shapes[shape]} ${after}`)).toBe(iso);
      }),
      500,
    );
    expect(count.add(runs)).toBe(500);
  });
});

describe('what fuzzing found, kept as regular tests', () => {
  // A /Pages tree whose kid is cut off: pdf.js fetches the kid ahead of need and leaves the
  // rejection of that fetch unhandled, which ended the process.
  const cutKid = utf8(
    '%PDF-1.4\n1 0 obj<</Pages 2 0 R\n2 0 obj<</Kids[R 10 0 R]/Count 4>>10 0 obj<<endobj\ntrailer<</Root 1 0 R',
  );

  it('a PDF whose page tree is cut off is refused, and the stray pdf.js rejection is dropped', async () => {
    const dropped = rejections.dropped;
    expect(await checkRead(cutKid, 'cut.pdf')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rejections.dropped).toBeGreaterThan(dropped);
    expect(rejections.other).toEqual([]);
  });

  it('tally ingest reports that PDF and goes on with the batch instead of dying', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-fuzz-'));
    try {
      const reports = join(dir, 'reports');
      mkdirSync(reports);
      writeFileSync(join(reports, 'a-cut.pdf'), cutKid);
      writeFileSync(join(reports, 'b-report.txt'), syntheticReport(1));
      const run = await runCli(['ingest', reports, '--db', join(dir, 'tally.db'), '--json']);
      expect(run.stderr).not.toContain('UnhandledPromiseRejection');
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout).summary).toEqual({ ingested: 1, unchanged: 0, failed: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readers on enormous inputs', () => {
  const MB = 1024 * 1024;

  /**
   * Reads `bytes` and checks the heap against their size: what the result holds while alive, and
   * that nothing stays behind once it is dropped.
   */
  async function readMeasured(bytes: Uint8Array, name: string, heldPerByte: number): Promise<string | null> {
    const before = liveHeap();
    let doc: ReadDocument | null = null;
    let problem: string | null = null;
    try {
      doc = await readDocument(bytes, name);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      problem = error.problem;
    }
    const held = liveHeap() - before;
    const text = doc?.text ?? null;
    process.stdout.write(`read ${name} of ${bytes.length} bytes: ${problem ?? doc?.format}, ${held} bytes held\n`);
    expect(held).toBeLessThan(heldPerByte * bytes.length + MB);
    doc = null;
    const kept = text?.length ?? 0;
    // The text a caller keeps (two bytes a character once it holds Dari), and a few MB of caches.
    expect(liveHeap() - before).toBeLessThan(kept * 2 + 4 * MB);
    count.add(1);
    return problem ?? text;
  }

  it('a 19.5 MB mixed-script report reads whole; one byte over 20 MB is refused before parsing', async () => {
    const line = `${syntheticReport(7)} ${DARI_WORDS.join(' ')} \u200f۱۲ ٤٥ ${PASHTO_WORDS.join(' ')}\n`;
    const text = flatString(line.repeat(Math.floor((19.5 * MB) / Buffer.byteLength(line))));
    const bytes = utf8(text);
    expect(await readMeasured(bytes, 'big.txt', 3)).toBe(text);
    const over = new Uint8Array(20 * MB + 1).fill(0x61);
    expect(await readMeasured(over, 'over.txt', 0)).toMatch(/^larger than the 20 MB limit/);
  });

  it('10 MB of random bytes, and 12 MB of text with one bad byte at the end, are named as such', async () => {
    const random = new Uint8Array(10 * MB).map(() => Math.floor(Math.random() * 256));
    expect(await readMeasured(random, 'noise.txt', 0)).toMatch(/^binary content|^not decodable/);
    const bad = new Uint8Array(12 * MB).fill(0x62);
    bad[bad.length - 1] = 0xff;
    expect(await readMeasured(bad, 'bad.txt', 0)).toContain(`invalid byte sequence at offset ${bad.length - 1}`);
  });

  it('10 MB of UTF-16 reads to the same text as its UTF-8', async () => {
    const line = `${syntheticReport(3)}${DARI_WORDS.join(' ')}\n`;
    const text = flatString(line.repeat(Math.floor((10 * MB) / (2 * line.length))));
    expect(await readMeasured(encode(text, 'utf-16le'), 'wide.txt', 3)).toBe(text);
  });

  it('a 4 MB article page reads; nesting and element bombs neither overflow nor exhaust memory', async () => {
    const paragraph = `<p>${syntheticReport(11)} \u200f${DARI_WORDS.join(' ')} ۱۲ کشته</p>\n`;
    const infobox =
      '<table class="infobox"><tr><th>Date</th><td>3 March 2021</td></tr><tr><th>Casualties</th><td>12 killed</td></tr></table>';
    const article = `<!DOCTYPE html><html><head><title>Report</title></head><body>${infobox}<article>${paragraph.repeat(Math.ceil((4 * MB) / paragraph.length))}</article></body></html>`;
    expect(await readMeasured(utf8(article), 'page.html', 3)).toContain('Infobox\n- Date: 3 March 2021');
    const nested = `<html><body>${'<div><span>'.repeat(400_000)}Militants killed 5 people.</body></html>`;
    expect(await readMeasured(utf8(nested), 'nested.html', 3)).toBe('Militants killed 5 people.');
    const flood = `<ul>${'<li>x'.repeat(1_000_000)}</ul>`;
    expect(await readMeasured(utf8(flood), 'flood.html', 3)).toMatch(/^1,000,001 elements of markup/);
  });

  it('5 MB of Markdown on one line, and a 300-page PDF', async () => {
    const md = flatString(`# Title\n\n${'- **12** killed in [Kunduz](x) \u200f۱۲ '.repeat(130_000)}`);
    expect(await readMeasured(utf8(md), 'long.md', 3)).toBe(md);
    const pages = Array.from({ length: 300 }, (_, i) => `${syntheticReport(i)}Page ${i + 1} ends here.`);
    const text = await readMeasured(makePdf({ pages }), 'long.pdf', 6);
    expect(text).toContain('Page 300 ends here.');
  });
});
