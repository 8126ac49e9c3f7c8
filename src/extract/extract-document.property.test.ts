import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExtractionResult } from '../core/figure.js';
import { extractDocument } from './extract-document.js';

/** Every span the extractor returns slices the exact input, and the result fits the contract. */
function checkResult(text: string): void {
  const result = extractDocument(text);
  ExtractionResult.parse(result);
  for (const f of result.figures) {
    expect(text.slice(f.evidence.start, f.evidence.end)).toBe(f.evidence.text);
    expect(text.slice(f.sentence.start, f.sentence.end)).toBe(f.sentence.text);
    expect(f.evidence.start).toBeGreaterThanOrEqual(f.sentence.start);
    expect(f.evidence.end).toBeLessThanOrEqual(f.sentence.end);
  }
  if (result.conflict) {
    const e = result.conflict.evidence;
    expect(text.slice(e.start, e.end)).toBe(e.text);
  }
}

const PIECES = [
  'killed',
  'wounded',
  'at least',
  'up to',
  'between',
  'and',
  'dozens of',
  'civilians',
  'fighters',
  '8,000',
  '23–150',
  '6,000+',
  '۲۳',
  '٣٤٥',
  '\u200f',
  '\u200e',
  '\u202b',
  'were',
  'displaced',
  'according to',
  'said',
  '.',
  ',',
  ':',
  '|',
  '- Casualties1:',
  '- Combatant2:',
  '- Strength1:',
  '| Commander1 |',
  '<table class="infobox">',
  '<tr><th>Date</th><td>',
  '</td></tr>',
  '<br>',
  '&nbsp;',
  '&ndash;',
  '\n',
  '\n\n',
  '= Title =',
  '3 July',
  'May to July 1997',
  'early 2001',
  'Mahdi MujahidKIA',
  '23px',
  'class=skin-invert|20px',
  '----',
  '(POW)',
  '†',
  'no one was',
  'not suffered any casualties',
  'فارسی',
  'ملیشه',
  '😀',
  'constructor',
  '__proto__',
  'toString',
  '&constructor;',
  '- Constructor1: x',
  'hasOwnProperty',
];

describe('extractDocument on random and hostile input', () => {
  it('never throws on arbitrary unicode and keeps spans exact', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => checkResult(text)),
      { numRuns: 300 },
    );
  });

  it('never throws on random bytes read as text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        checkResult(Buffer.from(bytes).toString('utf8'));
        checkResult(Buffer.from(bytes).toString('latin1'));
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on soups of grammar words, infobox keys, markup and mixed scripts', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }), fc.boolean(), (parts, spaced) =>
        checkResult(parts.join(spaced ? ' ' : '')),
      ),
      { numRuns: 400 },
    );
  });

  it('handles lone surrogates without splitting pairs', () => {
    checkResult('\ud83d killed 5 people \ude00 and \ud83d\ude00 at least 3 were wounded.');
  });

  // No clock here (a shared CI machine makes timings flaky): quadratic work on 10 MB would run far
  // past the test's timeout instead.
  it('reads a 10 MB single line', () => {
    const sentence = 'On 3 July, militants killed at least 12 civilians and wounded 40 others, officials said; ';
    const text = sentence.repeat(Math.ceil(10_000_000 / sentence.length));
    const result = extractDocument(text);
    expect(result.figures.length).toBeGreaterThan(1000);
  });

  it('survives deeply nested and unclosed HTML tables', () => {
    const nested = `${'<table class="infobox"><tr><td>'.repeat(3000)}Casualties1 killed 5${'</td></tr></table>'.repeat(100)}`;
    checkResult(nested);
    checkResult(`<table>${'<tr><th>Combatant1</th><td><div><span>'.repeat(2000)}`);
    checkResult('<'.repeat(50_000) + '>'.repeat(50_000));
    checkResult(`${'<a '.repeat(20_000)}killed 5 people`);
  });

  it('reads an infobox of 150,000 lines (spreading its figures into push() overflowed the stack)', () => {
    const casualties = `Infobox\n- Combatant1: Taliban\n${'- Casualties1: 12 killed, 40 wounded\n'.repeat(150_000)}`;
    expect(extractDocument(casualties).figures).toHaveLength(300_000);
    const sides = `Infobox\n${'- Combatant1: Taliban\n- Combatant2: Army\n'.repeat(150_000)}- Casualties1: 5 killed`;
    expect(extractDocument(sides).conflict?.sides).toHaveLength(2);
  });

  it('survives unbalanced infobox lines', () => {
    checkResult('Infobox\n- Combatant9:\n- Casualties1\n- Commander3: , , ,KIA\n- Strength1: ----\n- Date: – –\n');
    checkResult(
      '| Combatant1 |\n| Casualties1 | 8 killed | 5 | | |\n|---|---|\nKey | Value\n| Belligerents |\n| a | b | c |',
    );
    checkResult(`Infobox\n${'- Combatant99999: X\n'.repeat(500)}- Casualties1: 5 killed`);
  });

  it('reads Persian and Arabic-Indic digits behind RTL marks', () => {
    const text = 'The attack killed \u200f۲۳ civilians and wounded ٤٥ others.';
    const lows = extractDocument(text).figures.map((f) => f.low);
    expect(lows).toEqual([23, 45]);
    checkResult(text);
  });
});
