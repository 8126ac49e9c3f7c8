import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.js';
import { analyseLayout } from './layout.js';

// A short page on a (made-up) bombing in Herat, with the reference list such pages end with.
const PAGE = [
  'On 12 March 2023, a bomb hidden in a motorcycle exploded outside the governor’s office in Herat. At least nine people were killed, the provincial health director said.[1] A later count put the toll at 11.[2]',
  '',
  'References',
  '1. Rahimi, Nadia (2023-03-12). "Motorcycle bomb in Herat kills nine". Pajhwok Afghan News. Retrieved 2023-03-14.',
  '2. ^ "Herat blast: death toll rises to 11". Ariana News. 13 March 2023. Retrieved 2 April 2023.',
].join('\n');

describe('a reference list', () => {
  it('holds citations, and a numbered line without a quoted title is prose', () => {
    const sources = (text: string) =>
      analyseLayout(text)
        .blocks.filter((b) => b.kind === 'paragraph')
        .map((b) => b.source);
    expect(sources(PAGE)).toEqual(['prose', 'prose', 'citation', 'citation']);
    expect(sources('1. Twelve soldiers were killed in 2019 near the border.')).toEqual(['prose']);
  });

  it("gives a cited title's figures to its publisher, on the day it was published, not the day it was read", () => {
    const cited = extractDocument(PAGE)
      .figures.filter((f) => f.source === 'citation')
      .map((f) => [f.low, f.claimant, f.date?.start]);
    expect(cited).toEqual([
      [9, 'Pajhwok Afghan News', '2023-03-12'],
      [11, 'Ariana News', '2023-03-13'],
    ]);
  });

  it('carries no date or speaker from a citation into the prose after it', () => {
    const text = `${PAGE}\n\nSix more people died in hospital.`;
    const last = extractDocument(text).figures.at(-1);
    expect([last?.low, last?.claimant, last?.date?.start]).toEqual([6, null, '2023-03-12']);
  });

  it('dates a yearless day of a page that names no year by the sources it cites', () => {
    const page = [
      '2 March was a car bombing outside a market in Gao. At least 14 people were killed, the regional governor said.',
      '',
      'References',
      '1. ^ Staff (2019-03-03). "Car bomb in Gao market kills 14". Sahel Wire. Retrieved 2019-03-05.',
      '2. ^ "Gao mourns market victims". Mali Daily. 2020-01-10. Retrieved 2020-01-11.',
    ].join('\n');
    // 2 March 2019 lies a day before the first source; 2 March 2020 would be after the second.
    expect(
      extractDocument(page)
        .figures.filter((f) => f.source === 'prose')
        .map((f) => f.date?.start),
    ).toEqual(['2019-03-02']);
    expect(extractDocument(page.split('\n\n')[0] as string).figures.map((f) => f.date)).toEqual([null]);
  });

  it('drops a reference mark from the speaker of the sentence after it', () => {
    const figures = extractDocument('Nine were killed.[3] Hospital staff said 12 were wounded.').figures;
    expect(figures.map((f) => f.claimant)).toEqual([null, 'Hospital staff']);
  });
});
