import { describe, expect, it } from 'vitest';
import { readQuantity } from './quantities.js';
import { tokenize } from './tokens.js';

function read(text: string) {
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const q = readQuantity(tokens, i, 0, tokens.length, () => false);
    if (q) return { low: q.low, high: q.high, qualifier: q.qualifier, vague: q.vague };
  }
  return null;
}

describe('counts', () => {
  it.each([
    ['nine', 9, 9, 'exact'],
    ['three thousand', 3000, 3000, 'exact'],
    ['one hundred and fifty', 150, 150, 'exact'],
    ['twenty-five', 25, 25, 'exact'],
    ['two dozen', 24, 24, 'exact'],
    ['a dozen', 12, 12, 'exact'],
    ['over a dozen', 12, null, 'at_least'],
    ['half a million', 500_000, 500_000, 'exact'],
    ['8,000', 8000, 8000, 'exact'],
    ['6,000+', 6000, null, 'at_least'],
    ['1.5 million', 1_500_000, 1_500_000, 'exact'],
    ['1,5 million', 1_500_000, 1_500_000, 'exact'],
    ['2,75 million', 2_750_000, 2_750_000, 'exact'],
    ['1,500 million', 1_500_000_000, 1_500_000_000, 'exact'],
    ['2.3m', 2_300_000, 2_300_000, 'exact'],
    ['۲۳', 23, 23, 'exact'],
    ['١٬٢٠٠', 1200, 1200, 'exact'],
    ['8\u202f000', 8000, 8000, 'exact'],
    ['at least 35', 35, null, 'at_least'],
    ['no fewer than 35', 35, null, 'at_least'],
    ['not fewer than 35', 35, null, 'at_least'],
    ['no more than 35', null, 35, 'up_to'],
    ['not more than 35', null, 35, 'up_to'],
    ['35 or more', 35, null, 'at_least'],
    ['up to 35', null, 35, 'up_to'],
    ['as many as 35', null, 35, 'up_to'],
    ['nearly 35', null, 35, 'up_to'],
    ['an estimated 35', 35, 35, 'about'],
    ['c. 35', 35, 35, 'about'],
    ['~35', 35, 35, 'about'],
    ['some 35', 35, 35, 'about'],
    ['23–150', 23, 150, 'range'],
    ['23 to 150', 23, 150, 'range'],
    ['between 23 and 150', 23, 150, 'range'],
    ['two or three', 2, 3, 'range'],
    ['a total of at least 50', 50, null, 'at_least'],
  ])('%s', (text, low, high, qualifier) => {
    expect(read(text)).toMatchObject({ low, high, qualifier });
  });

  it.each([
    ['dozens', 'dozens'],
    ['hundreds of thousands', 'hundreds of thousands'],
    ['tens of thousands', 'tens of thousands'],
    ['several hundred', 'several hundred'],
    ['a few thousand', 'a few thousand'],
    ['scores', 'scores'],
  ])('%s is vague', (text, vague) => {
    expect(read(text)).toEqual({ low: null, high: null, qualifier: 'vague', vague });
  });

  it('reads no number in words that only look like keys of an object', () => {
    expect(read('constructor toString __proto__')).toBeNull();
  });
});
