import { describe, expect, it } from 'vitest';
import { claimantSide } from './claimant-party.js';
import { independentSources, textsAreCopies } from './independence.js';
import { findAgency, guessSourceType, type SourceClues } from './source-type.js';

const clues = (over: Partial<SourceClues>): SourceClues => ({
  publisher: null,
  source: 'report.txt',
  title: null,
  kind: 'other',
  head: 'Some text without clues.',
  ...over,
});

describe('source types', () => {
  it('reads the host, the publisher and the header', () => {
    expect(guessSourceType(clues({ source: 'https://x.com/somebody/status/1' })).type).toBe('social_media');
    expect(guessSourceType(clues({ source: 'https://en.wikipedia.org/wiki/Siege_of_Mariupol' })).type).toBe(
      'encyclopedia',
    );
    expect(guessSourceType(clues({ kind: 'encyclopedia' })).type).toBe('encyclopedia');
    expect(guessSourceType(clues({ source: 'https://reliefweb.int/report/sudan/flash' })).type).toBe('un_ngo');
    expect(guessSourceType(clues({ publisher: 'Human Rights Watch' })).type).toBe('un_ngo');
    expect(guessSourceType(clues({ source: 'https://www.mod.gov.ua/en/news/1' })).type).toBe('party');
    expect(guessSourceType(clues({ publisher: 'Ministry of Defence of Ukraine' })).type).toBe('party');
    expect(guessSourceType(clues({ publisher: 'The Kyiv Independent' })).type).toBe('news');
    expect(guessSourceType(clues({ head: 'GAO, Mali, March 2 (AFP) - Gunmen attacked a village.' })).type).toBe('news');
    expect(guessSourceType(clues({})).type).toBe('unknown');
  });

  it('takes a press release for the organisation in its header', () => {
    const head =
      '# Shelling in Kharkiv\n\nPress release — Eastern Ukraine Civilian Monitoring Group\n\nPublished: 3 May 2022\n';
    expect(guessSourceType(clues({ head, kind: 'report' })).type).toBe('un_ngo');
  });

  it('finds the agency a report credits', () => {
    expect(findAgency('MOGADISHU, Jan 4 (Reuters) - A car bomb exploded.', null)).toBe('Reuters');
    expect(findAgency('GOMA (AP) — Rebels shelled the town.', 'The Daily Example')).toBe('AP');
    expect(findAgency('A story.', 'Agence France-Presse')).toBe('AFP');
    expect(findAgency('A story.', 'Example Times', 'Agence France-Presse contributed to this report.')).toBe('AFP');
    expect(findAgency('A story written in house.', 'Example Times')).toBeNull();
  });
});

describe('independent sources', () => {
  const wire =
    'BAMAKO, May 9 (Reuters) - Gunmen killed at least 20 villagers in central Mali on Tuesday, local officials said, in the latest attack in the Mopti region.';

  it('groups documents by agency, by publisher and by copied text', () => {
    const groups = independentSources([
      { id: 1, type: 'news', agency: 'Reuters', publisher: 'Paper A', text: wire },
      { id: 2, type: 'news', agency: 'Reuters', publisher: 'Paper B', text: 'A rewrite with other words entirely.' },
      { id: 3, type: 'news', agency: null, publisher: 'Paper C', text: `Mali attack: ${wire}` },
      { id: 4, type: 'un_ngo', agency: null, publisher: 'MINUSMA', text: 'The mission documented 18 deaths in Mopti.' },
      { id: 5, type: 'un_ngo', agency: null, publisher: 'minusma', text: 'An update to the earlier statement.' },
    ]);
    expect(groups.map((g) => g.map((d) => d.id))).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('tells copies from two reports of one event', () => {
    const own =
      'Attackers on motorbikes raided a village near Bandiagara on Tuesday; a local official put the death toll at about twenty.';
    expect(textsAreCopies(wire, `${wire} Mali's junta did not comment.`)).toBe(true);
    expect(textsAreCopies(wire, own)).toBe(false);
  });
});

describe('claimants who are parties', () => {
  const sides = [
    { side: 'a' as const, actor_id: 'myanmar-military', name: 'Tatmadaw', state: true },
    { side: 'b' as const, actor_id: 'kia', name: 'Kachin Independence Army', state: false },
  ];

  it('names a side, speaks for a state office, or is no party', () => {
    expect(claimantSide('a Kachin Independence Army spokesman', sides)).toBe('b');
    expect(claimantSide('the military government', sides)).toBe('a');
    expect(claimantSide('local residents', sides)).toBeNull();
    expect(claimantSide('the UN human rights office', sides)).toBeNull();
    expect(claimantSide(null, sides)).toBeNull();
  });

  it('asks the registry when one is given', () => {
    const findActors = (text: string) => (/\bKIA\b/.test(text) ? ['kia'] : []);
    expect(claimantSide('the KIA', sides, findActors)).toBe('b');
  });
});
