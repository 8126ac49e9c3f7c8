import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Figure } from '../src/core/figure.js';
import { extractDocument } from '../src/extract/extract-document.js';
import {
  ARABIC_PUNCTUATION,
  anyScriptNumber,
  checkExtraction,
  DARI_WORDS,
  type DigitScript,
  FuzzCount,
  flatString,
  fuzz,
  GRAMMAR_PIECES,
  INVISIBLE_MARKS,
  liveHeap,
  mixedScriptText,
  PASHTO_WORDS,
  toScript,
} from './support/fuzz.js';
import { infoboxTable } from './support/fuzz-html.js';

const count = new FuzzCount('fuzz-extract');
afterAll(() => count.report());

describe('extractor on mixed scripts', () => {
  it('2,500 texts of English grammar, Dari and Pashto, bidi marks and three digit scripts: spans exact', async () => {
    const runs = await fuzz(
      fc.property(mixedScriptText(), (text) => {
        checkExtraction(text);
      }),
      2500,
    );
    expect(count.add(runs)).toBe(2500);
  });

  it('2,000 dense casualty-grammar soups: spans exact, low never above high', async () => {
    const soup = fc
      .array(
        fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...GRAMMAR_PIECES) },
          { weight: 4, arbitrary: anyScriptNumber },
          { weight: 1, arbitrary: fc.constantFrom(...INVISIBLE_MARKS, ...ARABIC_PUNCTUATION) },
          { weight: 1, arbitrary: fc.constantFrom(...DARI_WORDS, ...PASHTO_WORDS) },
          { weight: 1, arbitrary: fc.constantFrom('+', '-', '–', '—', '~', 'c.', '%', '&ndash;', '&#1777;', '<br>') },
        ),
        { maxLength: 200 },
      )
      .map((parts) => parts.join(' '));
    const runs = await fuzz(
      fc.property(soup, (text) => {
        checkExtraction(text);
      }),
      2000,
    );
    expect(count.add(runs)).toBe(2000);
  });

  it('800 random byte strings read as UTF-8, Latin-1 and UTF-16: spans exact', async () => {
    const runs = await fuzz(
      fc.property(fc.uint8Array({ maxLength: 1500 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        checkExtraction(buffer.toString('utf8'));
        checkExtraction(buffer.toString('latin1'));
        checkExtraction(buffer.subarray(0, buffer.length - (buffer.length % 2)).toString('utf16le'));
      }),
      800,
    );
    expect(count.add(runs)).toBe(800);
  });

  it('500 texts with any publication date, valid or not: spans exact', async () => {
    const published = fc.oneof(
      fc.constant(null),
      fc
        .date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('2021-02-30', '0000-00-00', '2021-13-01', '۲۰۲۱-۰۳-۰۴', ''),
    );
    const runs = await fuzz(
      fc.property(mixedScriptText(60), published, (text, date) => {
        checkExtraction(text, { published: date });
      }),
      500,
    );
    expect(count.add(runs)).toBe(500);
  });
});

const INFOBOX_KEYS = [
  'Combatant1',
  'Combatant2',
  'Commander1',
  'Commander2',
  'Units1',
  'Strength1',
  'Strength2',
  'Casualties1',
  'Casualties2',
  'Casualties3',
  'Date',
  'Place',
  'Location',
  'Result',
  'Partof',
  'Conflict',
  'Territory',
  'Belligerents',
  'Casualties and losses',
  'Constructor1',
  '__proto__',
];
const infoboxValue = fc
  .array(
    fc.oneof(
      anyScriptNumber.map((n) => `${n} killed`),
      anyScriptNumber.map((n) => `${n} wounded`),
      anyScriptNumber,
      fc.constantFrom('Taliban', 'Afghan Army', 'ISKP', 'KIA', '(POW)', '†', '<br>', '[1]', ',', '–', '+'),
      fc.constantFrom(...DARI_WORDS, ...PASHTO_WORDS, ...INVISIBLE_MARKS),
      fc.constantFrom('3 July 2001', 'May to July 1997', 'early 2001', '۱۲ March ۲۰۰۱'),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(' '));

/** Infoboxes as the readers render them, as wiki-derived text writes them, and as pipe tables. */
const infoboxText = fc.oneof(
  fc
    .array(fc.tuple(fc.constantFrom(...INFOBOX_KEYS), infoboxValue), { maxLength: 16 })
    .map((rows) => `Infobox\n${rows.map(([k, v]) => `- ${k}: ${v}`).join('\n')}`),
  fc
    .array(fc.tuple(fc.constantFrom(...INFOBOX_KEYS), infoboxValue, fc.boolean()), { maxLength: 16 })
    .map((rows) => rows.map(([k, v, piped]) => (piped ? `| ${k} | ${v} |` : `${k} = ${v}`)).join('\n')),
  fc
    .array(
      fc.oneof(
        fc.constant('|---|---|'),
        fc.tuple(infoboxValue, infoboxValue).map(([a, b]) => `| ${a} | ${b} |`),
      ),
    )
    .map((rows) => rows.join('\n')),
  infoboxTable,
);

describe('extractor on infoboxes', () => {
  it('1,000 infoboxes (rendered, wiki text, pipe tables, HTML) before mixed-script prose: spans exact', async () => {
    const runs = await fuzz(
      fc.property(
        fc.option(mixedScriptText(6), { nil: undefined }),
        infoboxText,
        mixedScriptText(60),
        (title, infobox, prose) => {
          checkExtraction(`${title === undefined ? '' : `= ${title} =\n`}${infobox}\n\n${prose}`);
        },
      ),
      1000,
    );
    expect(count.add(runs)).toBe(1000);
  });
});

type Numbers = Pick<Figure, 'kind' | 'low' | 'high' | 'qualifier' | 'vague'>;
const numbersOf = (text: string): Numbers[] =>
  extractDocument(text).figures.map(({ kind, low, high, qualifier, vague }) => ({ kind, low, high, qualifier, vague }));

const SENTENCES = [
  'Militants killed {a} civilians in Kunduz on Friday, officials said.',
  'At least {a} people were killed and {b} wounded in the attack.',
  '{a} soldiers were killed in the fighting.',
  'The blast killed between {a} and {b} people, the ministry said.',
  'Officials said {a} fighters died and {b} others were captured.',
  'Up to {a} families were displaced by the clashes.',
  'The Taliban said they had captured {a} soldiers.',
  'More than {a} civilians were wounded.',
];

describe('figures written in Persian or Arabic-Indic digits', () => {
  it('1,000 English sentences read the same numbers whatever the digits, grouping or bidi marks', async () => {
    const count1000 = fc.integer({ min: 1, max: 999 });
    const grouped = fc.integer({ min: 1000, max: 999_999 });
    const runs = await fuzz(
      fc.property(
        fc.constantFrom(...SENTENCES),
        fc.oneof(count1000, grouped),
        fc.oneof(count1000, grouped),
        fc.constantFrom<DigitScript>('persian', 'arabic'),
        fc.constantFrom('', '\u200f', '\u200e', '\u061c', '\u200c'),
        fc.constantFrom(',', '٬'),
        (sentence, x, y, script, mark, separator) => {
          const [a, b] = sentence.includes('between') ? [Math.min(x, y), Math.max(x, y) + 1] : [x, y];
          const fill = (write: (n: number) => string) => sentence.replace('{a}', write(a)).replace('{b}', write(b));
          const ascii = fill((n) => n.toLocaleString('en'));
          const other = fill((n) => `${mark}${toScript(n.toLocaleString('en').replaceAll(',', separator), script)}`);
          const expected = numbersOf(ascii);
          // The ASCII sentence states the number, so the comparison below is never between two empties.
          expect(expected.some((f) => f.low === a || f.high === a)).toBe(true);
          expect(numbersOf(other)).toEqual(expected);
        },
      ),
      1000,
    );
    expect(count.add(runs)).toBe(1000);
  });
});

describe('extractor on enormous inputs', () => {
  /** Extracts `text` and checks what the result holds, and what is left once it is dropped, against its size. */
  function checkMemory(rope: string, heldPerChar: number): number {
    const text = flatString(rope);
    const before = liveHeap();
    let result: ReturnType<typeof checkExtraction> | null = checkExtraction(text);
    const figures = result.figures.length;
    const held = liveHeap() - before;
    process.stdout.write(`extract ${text.length} chars: ${figures} figures, ${held} bytes held\n`);
    expect(held).toBeLessThan(heldPerChar * text.length);
    result = null;
    expect(liveHeap() - before).toBeLessThan(4_000_000);
    count.add(1);
    return figures;
  }

  it('5 MB of mixed-script prose with bidi marks and Persian digits', () => {
    const sentence =
      'KUNDUZ \u200f۱۲ March ۲۰۲۱ - At least ۱۲ civilians were killed and \u200f٤٥ injured, کابل ولسوالی کشته زخمی, a spokesman said. ';
    const text = sentence.repeat(Math.ceil(5_000_000 / sentence.length));
    expect(checkMemory(text, 40)).toBeGreaterThan(10_000);
  });

  it('5 MB without a space: one word, one number, one run of marks', () => {
    checkMemory('ک'.repeat(5_000_000), 2);
    checkMemory('۱'.repeat(5_000_000), 2);
    checkMemory('\u200f'.repeat(5_000_000), 2);
  });

  it('4 MB of infobox lines and 2 MB of qualifiers that never reach a number', () => {
    const line = '- Casualties1: ۱۲ killed, 40 wounded\n';
    checkMemory(`Infobox\n- Combatant1: Taliban\n${line.repeat(Math.ceil(4_000_000 / line.length))}`, 40);
    checkMemory('at least '.repeat(250_000), 4);
  });
});
