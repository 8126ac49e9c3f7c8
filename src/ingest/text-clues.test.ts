import { describe, expect, it } from 'vitest';
import { findDateline, findMarkdownTitle, findPublishedDate, findTextTitle, guessKind } from './text-clues.js';

describe('findTextTitle', () => {
  it('reads a wiki-style first line', () => {
    expect(findTextTitle('= Battle of Darzab (2018) =\n\nInfobox\n- Date: 2018')).toBe('Battle of Darzab (2018)');
  });

  it('takes a short first line standing alone above the text', () => {
    expect(findTextTitle('\nClashes in Kunduz leave 12 dead\n\nKUNDUZ (AP) — Twelve people were killed.')).toBe(
      'Clashes in Kunduz leave 12 dead',
    );
  });

  it('does not take a sentence, a dateline, a list item or a navigation trail', () => {
    expect(findTextTitle('Fighting resumed on Monday.\n\nMore text.')).toBeNull();
    expect(findTextTitle('KABUL, Sept. 30 (Reuters) - A blast killed 19\n\nMore.')).toBeNull();
    expect(findTextTitle('- Conflict: X\n\nMore.')).toBeNull();
    expect(findTextTitle('After the deal, Withdrawal, 2021 offensive, Fall of Kabul\n\nMore.')).toBeNull();
    expect(findTextTitle('A first line\nrunning straight into a second.')).toBeNull();
  });
});

describe('findMarkdownTitle', () => {
  it('takes the first level-one heading, not a deeper one', () => {
    expect(findMarkdownTitle('## Summary\n\n# Jowzjan: civilians killed #\n\nText')).toBe('Jowzjan: civilians killed');
  });

  it('accepts a setext heading', () => {
    expect(findMarkdownTitle('Flash Update No. 2\n==================\n\nText')).toBe('Flash Update No. 2');
  });
});

describe('findDateline', () => {
  it.each([
    ['KABUL, Sept. 30 (Reuters) - A suicide bomber', { place: 'KABUL', date: null, agency: 'Reuters' }],
    ['KUNDUZ, Afghanistan (AP) — Taliban fighters', { place: 'KUNDUZ', date: null, agency: 'AP' }],
    ['JALALABAD, Afghanistan, May 14, 2022 (AFP) — A bomb', { place: 'JALALABAD', date: '2022-05-14', agency: 'AFP' }],
    ['Headline\n\nMAZAR-I-SHARIF — Fighting resumed', { place: 'MAZAR-I-SHARIF', date: null, agency: null }],
  ])('%s', (text, expected) => {
    expect(findDateline(text)).toEqual(expected);
  });

  it('ignores capitals in running prose and a bare "WORD - "', () => {
    expect(findDateline('The UN said - as before - that NATO troops left.')).toBeNull();
    expect(findDateline('NATO - a short note')).toBeNull();
  });
});

describe('findPublishedDate', () => {
  it('reads a Published line or a dated dateline', () => {
    expect(findPublishedDate('Title\n\nPublished: 2 March 2023\n\nText')).toBe('2023-03-02');
    expect(findPublishedDate('Posted on March 2, 2023 by staff')).toBe('2023-03-02');
    expect(findPublishedDate('HERAT, Afghanistan, Jan. 9, 2021 (AP) — Text')).toBe('2021-01-09');
  });

  it("takes no publication day from an infobox's span of dates", () => {
    expect(findPublishedDate('Battle of Hue\nDate: 31 January 1968 – 2 March 1968\nPlace: Hue')).toBeNull();
    expect(findPublishedDate('Insurgency in Cabo Delgado\nDate: 5 October 2017 – present')).toBeNull();
    expect(findPublishedDate('Situation report\nDate: 4 June 2024\n\nText')).toBe('2024-06-04');
  });

  it('returns null when the only date has no year', () => {
    expect(findPublishedDate('KABUL, Sept. 30 (Reuters) - Text')).toBeNull();
  });
});

describe('guessKind', () => {
  const text = { format: 'text' } as const;

  it('encyclopedia: an infobox block, == headings, a wiki title line or a wiki reference list', () => {
    expect(guessKind('Intro\n\nInfobox\n- Conflict: X\n\nProse.', text)).toBe('encyclopedia');
    expect(guessKind('Intro.\n\n== Background ==\nMore.', text)).toBe('encyclopedia');
    expect(guessKind('= Siege of X =\n\nProse.', text)).toBe('encyclopedia');
    expect(guessKind('Prose.[1]\n\n  1. ^ Author (2022). "Title". Site. Retrieved 2022-10-03.', text)).toBe(
      'encyclopedia',
    );
    expect(guessKind('<p>x</p>', { format: 'html', infobox: true })).toBe('encyclopedia');
  });

  it('news: a dateline, a byline, a Published line or an HTML article', () => {
    expect(guessKind('Headline\n\nKABUL (AP) — Words.', text)).toBe('news');
    expect(guessKind('Headline\nBy Nadia Rahimi\n\nWords.', text)).toBe('news');
    expect(guessKind('Headline\nPublished: 3 May 2021\n\nWords.', text)).toBe('news');
    expect(guessKind('Words.', { format: 'html', article: true })).toBe('news');
    // Rendered <h2> headings look like wiki sections; in HTML they must not make news an encyclopedia.
    expect(guessKind('Headline\n\n== What happened ==\n\nWords.', { format: 'html', article: true })).toBe('news');
  });

  it('report: a press release or update header, an organisation heading the page, or a PDF', () => {
    expect(guessKind('# Press release\n\nAt least 12 civilians were killed.', { format: 'markdown' })).toBe('report');
    expect(guessKind('Afghanistan: Flash Update No. 3\n\nWords.', text)).toBe('report');
    expect(guessKind('UNAMA\nStatement on civilian casualties in Kunduz\n\nWords.', text)).toBe('report');
    expect(guessKind('Words with figures.', { format: 'pdf' })).toBe('report');
    expect(guessKind('Words.', { format: 'html', publisher: 'Human Rights Watch', article: true })).toBe('report');
  });

  it('other: news prose quoting organisations far from its header', () => {
    const prose =
      'Following reports of clashes in the district, officials said the dispute had ended.\n\n' +
      'Amnesty International and Human Rights Watch called for restraint, the ministry said in a statement on Tuesday.';
    expect(guessKind(prose, text)).toBe('other');
  });
});
