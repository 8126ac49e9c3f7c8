import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { makePdf } from '../../src/ingest/testing/make-pdf.js';

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

const SENTENCES = [
  'At least 12 civilians were killed in Kunduz on 3 July 2021, officials said.',
  'The Taliban said they had captured 40 soldiers.',
  'Between 8,000 and 12,000 families were displaced.',
  'Humanitarian partners report 230 casualties since 10 May.',
  'FLASH UPDATE No. 4 (Helmand)',
  'Casualties: 5 killed, 21 injured (figures unverified).',
];
const pageText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...SENTENCES),
      // Characters outside WinAnsi become "?"; brackets and backslashes must be escaped by the writer.
      fc.string({ maxLength: 40 }),
      fc.constantFrom('(unbalanced', 'back\\slash)', '\u00e9t\u00e9 \u00a9', 'کابل ۱۲', '\n'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(' '));

/** A well-formed PDF from the project's writer, with the pages it was made from. */
export const validPdf = fc
  .record({
    pages: fc.array(pageText, { minLength: 1, maxLength: 4 }),
    title: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
    created: fc.option(fc.constantFrom('2021-08-10', '2020-02-29', '1999-12-31'), { nil: undefined }),
  })
  .filter((spec) => spec.pages.some((p) => /[A-Za-z]{3,}/.test(p)))
  .map((spec) => ({ bytes: makePdf(spec), pages: spec.pages }));

type Mutation =
  | { op: 'flip'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'repeat'; at: number; length: number }
  | { op: 'renumber'; at: number; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip'), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('truncate'), at: fc.nat() }),
  fc.record({ op: fc.constant('insert'), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
  fc.record({ op: fc.constant('delete'), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('repeat'), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  // Object numbers, lengths and xref offsets are digits: changing one points the reader somewhere else.
  fc.record({ op: fc.constant('renumber'), at: fc.nat(), value: fc.oneof(fc.nat(), fc.constant(2 ** 31 - 1)) }),
) as fc.Arbitrary<Mutation>;

function mutate(input: Uint8Array, m: Mutation): Uint8Array {
  const n = input.length;
  if (n === 0) return input;
  const at = m.at % n;
  const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
  switch (m.op) {
    case 'flip': {
      const out = input.slice();
      out[at] = m.value;
      return out;
    }
    case 'truncate':
      return input.slice(0, Math.max(1, at));
    case 'insert':
      return join(input.subarray(0, at), m.bytes, input.subarray(at));
    case 'delete':
      return join(input.subarray(0, at), input.subarray(Math.min(n, at + m.length)));
    case 'repeat':
      return join(input.subarray(0, at + Math.min(m.length, n - at)), input.subarray(at));
    case 'renumber': {
      let start = at;
      while (start < n && (input[start] as number) >= 0x30 && (input[start] as number) <= 0x39) start--;
      start++;
      let end = start;
      while (end < n && (input[end] as number) >= 0x30 && (input[end] as number) <= 0x39) end++;
      if (end === start) return input;
      return join(input.subarray(0, start), latin1(String(m.value)), input.subarray(end));
    }
  }
}

/** Inputs from `base`, then one to five mutations applied in turn. */
export function withMutations(base: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(base, fc.array(mutation, { minLength: 1, maxLength: 5 }))
    .map(([bytes, mutations]) => mutations.reduce(mutate, bytes));
}

const TOKENS = [
  '1 0 obj',
  '2 0 obj',
  '3 0 R',
  'endobj',
  '<<',
  '>>',
  '[',
  ']',
  '(',
  ')',
  '\\',
  '/Type /Catalog /Pages 2 0 R',
  '/Type /Pages /Kids [3 0 R] /Count 1',
  '/Type /Page /Parent 2 0 R /Contents 4 0 R',
  '/Resources << /Font << /F1 5 0 R >> >>',
  '/Type /Font /Subtype /Type1 /BaseFont /Helvetica',
  '/Length 999999999',
  '/Length -1',
  '/Filter /FlateDecode',
  '/Filter [/ASCIIHexDecode /FlateDecode]',
  '/Filter /LZWDecode',
  '/Filter /DCTDecode',
  '/Encrypt 9 0 R',
  '/ObjStm',
  '/XRef',
  'stream\n',
  '\nendstream',
  'BT /F1 12 Tf 72 712 Td (killed 12 civilians) Tj ET',
  'xref\n0 3\n0000000000 65535 f \n',
  'trailer << /Root 1 0 R /Size 3 >>',
  'startxref\n9\n',
  '%%EOF',
  '<FEFF004B>',
  '<<<<<<<<',
  '[[[[[[[[',
  '\n',
  ' ',
];

/** A %PDF- header, then object syntax, compressed and raw streams and random bytes in any order. */
export const pdfSoup = fc
  .tuple(
    fc.integer({ min: 0, max: 9 }),
    fc.array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...TOKENS).map(latin1) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 80 }) },
        { weight: 1, arbitrary: pageText.map((t) => new Uint8Array(deflateSync(Buffer.from(t, 'latin1')))) },
        { weight: 1, arbitrary: fc.integer({ min: -5, max: 100_000 }).map((n) => latin1(` ${n} `)) },
      ),
      { maxLength: 60 },
    ),
  )
  .map(([version, parts]) => Uint8Array.from([...latin1(`%PDF-1.${version}\n`), ...parts.flatMap((p) => [...p])]));
