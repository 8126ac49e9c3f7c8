import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { expect } from 'vitest';
import { ExtractionResult } from '../../src/core/figure.js';
import { type ExtractOptions, extractDocumentDetailed } from '../../src/extract/extract-document.js';

/**
 * Runs a property for `numRuns` inputs and returns how many it tried, so each suite can print the
 * number of inputs it fuzzed. A failure throws fast-check's report: the seed, the path and the
 * shrunk counterexample, enough to replay it.
 */
export async function fuzz<Ts>(property: fc.IRawProperty<Ts>, numRuns: number): Promise<number> {
  const details = await fc.check(property, { numRuns });
  if (details.failed) {
    const report = (await fc.asyncDefaultReportMessage(details)) ?? 'property failed';
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${report}\n${cause}`);
  }
  return details.numRuns;
}

/** Counts fuzzed inputs per suite and prints the total, the figure docs/reliability.md quotes. */
export class FuzzCount {
  private total = 0;
  constructor(private readonly suite: string) {}

  add(runs: number): number {
    this.total += runs;
    return runs;
  }

  report(): void {
    process.stdout.write(`${this.suite}: ${this.total} inputs fuzzed\n`);
  }
}

let collect: (() => void) | null = null;

/** A full garbage collection, so heap figures measure what is alive rather than what is not yet swept. */
export function collectGarbage(): void {
  if (collect === null) {
    // Test workers do not run with --expose-gc; this exposes it for code compiled from now on.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  collect();
}

/**
 * The same text as one flat string. `repeat` and `+` build rope strings that V8 flattens, into a
 * new copy as large as the text, the first time something reads them: inside the measured code.
 */
export function flatString(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

export function liveHeap(): number {
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

// Words of the reports Tally reads in Afghanistan, written for these tests: Dari, then Pashto.
export const DARI_WORDS = [
  'کابل',
  'ولسوالی',
  'ولایت',
  'کشته',
  'زخمی',
  'غیرنظامیان',
  'طالبان',
  'حمله',
  'انتحاری',
  'نیروهای امنیتی',
  'گزارش',
  'شهر',
  'قندوز',
  'هرات',
  'سخنگوی',
  'پولیس',
  'کودکان',
  'زنان',
];
export const PASHTO_WORDS = [
  'وژل شوي',
  'ټپيان',
  'ملکي وګړي',
  'ولسوالۍ',
  'پوځيان',
  'برید',
  'کندهار',
  'ننګرهار',
  'د طالبانو',
  'ځای',
  'ښځې',
  'ماشومان',
  'ویاند',
  'چاودنه',
];
/** Bidi controls, joiners, tatweel and spaces that Persian and Pashto text carries between letters. */
export const INVISIBLE_MARKS = [
  '\u200f', // right-to-left mark
  '\u200e', // left-to-right mark
  '\u061c', // Arabic letter mark
  '\u202b', // right-to-left embedding
  '\u202a', // left-to-right embedding
  '\u202e', // right-to-left override
  '\u202c', // pop directional formatting
  '\u2067', // right-to-left isolate
  '\u2069', // pop directional isolate
  '\u200d', // zero-width joiner
  '\u200c', // zero-width non-joiner (Persian half-space)
  '\u200b', // zero-width space
  '\ufeff', // byte-order mark mid-text
  '\u0640', // tatweel
  '\u00a0',
  '\u202f',
];
export const ARABIC_PUNCTUATION = ['،', '؛', '؟', '٫', '٬', '٪', '«', '»', '۔'];
export const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
export const ARABIC_INDIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

export type DigitScript = 'ascii' | 'persian' | 'arabic';

/** ASCII digits to the same digits in another script; everything else is kept. */
export function toScript(ascii: string, script: DigitScript): string {
  if (script === 'ascii') return ascii;
  const digits = script === 'persian' ? PERSIAN_DIGITS : ARABIC_INDIC_DIGITS;
  return ascii.replace(/[0-9]/g, (d) => digits[Number(d)] as string);
}

export const digitScript = fc.constantFrom<DigitScript>('ascii', 'persian', 'arabic');

/** A number in any of the three scripts, sometimes grouped with a comma or the Arabic thousands sign. */
export const anyScriptNumber = fc
  .tuple(fc.oneof(fc.nat({ max: 99 }), fc.nat({ max: 100_000 }), fc.nat()), digitScript, fc.constantFrom('', ',', '٬'))
  .map(([n, script, group]) => toScript(group === '' ? String(n) : groupDigits(n, group), script));

function groupDigits(n: number, separator: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** The words that casualty sentences are built from, to be shuffled into soups. */
export const GRAMMAR_PIECES = [
  'killed',
  'wounded',
  'injured',
  'dead',
  'died',
  'were',
  'was',
  'at least',
  'up to',
  'more than',
  'about',
  'between',
  'and',
  'or',
  'to',
  'dozens of',
  'hundreds of',
  'tens of thousands',
  'civilians',
  'people',
  'soldiers',
  'fighters',
  'Taliban',
  'militants',
  'displaced',
  'captured',
  'missing',
  'according to',
  'officials said',
  'a spokesman said',
  'on 3 July',
  'in Kunduz province',
  'last week',
  'since 10 May',
  'not',
  'no one was',
  'none',
  'thousand',
  'million',
  'a dozen',
  'twenty-five',
  '.',
  ',',
  ';',
  ':',
  '(',
  ')',
  '"',
  '–',
  '\n',
  '\n\n',
];

/** Text that mixes English casualty grammar, Dari and Pashto words, bidi marks and digits of three scripts. */
export const mixedScriptText = (maxPieces = 120) =>
  fc
    .tuple(
      fc.array(
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...GRAMMAR_PIECES) },
          { weight: 3, arbitrary: fc.constantFrom(...DARI_WORDS, ...PASHTO_WORDS) },
          { weight: 2, arbitrary: fc.constantFrom(...INVISIBLE_MARKS, ...ARABIC_PUNCTUATION) },
          { weight: 3, arbitrary: anyScriptNumber },
          { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
        ),
        { maxLength: maxPieces },
      ),
      fc.constantFrom(' ', '', '\u200c', ' \u200f'),
    )
    .map(([pieces, glue]) => pieces.join(glue));

/**
 * The extractor's contract on any text: it fits the schema, and every span it returns lies inside
 * the text and equals the text at that span (evidence inside its sentence, passages too). Checked
 * with plain comparisons and one assertion, as a result may hold 200,000 figures.
 */
export function checkExtraction(text: string, options: ExtractOptions = {}): ExtractionResult {
  const { result, passages } = extractDocumentDetailed(text, options);
  ExtractionResult.parse(result);
  const problems: string[] = [];
  const exact = (what: string, span: { start: number; end: number; text?: string }) => {
    if (!(span.start >= 0 && span.start <= span.end && span.end <= text.length)) {
      problems.push(`${what} [${span.start}, ${span.end}) outside the text of ${text.length}`);
    } else if (span.text !== undefined && text.slice(span.start, span.end) !== span.text) {
      problems.push(`${what} [${span.start}, ${span.end}) is not the text there: ${JSON.stringify(span.text)}`);
    }
  };
  for (const f of result.figures) {
    exact('evidence', f.evidence);
    exact('sentence', f.sentence);
    if (f.evidence.start < f.sentence.start || f.evidence.end > f.sentence.end) {
      problems.push(`evidence [${f.evidence.start}, ${f.evidence.end}) outside its sentence`);
    }
    if (f.low !== null && f.high !== null && f.low > f.high) problems.push(`low ${f.low} above high ${f.high}`);
  }
  if (result.conflict) exact('conflict evidence', result.conflict.evidence);
  for (const p of passages) exact('passage', p);
  expect(problems.slice(0, 5)).toEqual([]);
  return result;
}
