import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Gazetteer } from './gazetteer.js';
import { loadShippedGazetteer } from './load-resolve-data.js';
import { documentProvinces, findPlaceMentions, lowerWordIn, resolveDocumentPlaces } from './place-mentions.js';

let g: Gazetteer;
beforeAll(async () => {
  g = await loadShippedGazetteer();
});

const texts = (text: string) => findPlaceMentions(text, g).map((m) => m.span.text);

describe('findPlaceMentions', () => {
  it('finds names with their spans, longest first', () => {
    const text = 'Fighting spread from Dara-i Sufi Bala District towards Sar-e Pol on Monday.';
    const mentions = findPlaceMentions(text, g);
    expect(mentions.map((m) => m.span.text)).toEqual(['Dara-i Sufi Bala District', 'Sar-e Pol']);
    for (const m of mentions) expect(text.slice(m.span.start, m.span.end)).toBe(m.span.text);
    expect(mentions[0]?.descriptor).toBe('district');
  });

  it('leaves the possessive outside the span', () => {
    const [m] = findPlaceMentions("A blast hit Kabul's western suburbs.", g);
    expect(m?.span.text).toBe('Kabul');
  });

  it('requires a capital letter', () => {
    expect(texts('they marched on in march and now rest')).toEqual([]);
  });

  it('skips capitalised English and personal words unless a descriptor makes them places', () => {
    expect(texts('In March, Lal Mohammad and Nasir Kakar met in Herat.')).toEqual(['Herat']);
    expect(texts('Clashes were reported in Kakar district.')).toEqual(['Kakar district']);
  });

  it('does not match across words that are no place by sound alone', () => {
    // Iran is a country of its own now; "Shia Iran" still does not sound like Sharan.
    expect(texts('Shia Iran backed them. Now we know.')).toEqual(['Iran']);
    expect(texts('Ayubi said so.')).toEqual([]);
  });

  it('finds a short name in another romanisation only when it is spelled the same but for y, a final h or a space', () => {
    const entries = (text: string) => findPlaceMentions(text, g).map((m) => [m.span.text, m.entries[0]?.admin1]);
    expect(entries('Elders handed Aybak to the insurgents.')).toEqual([['Aybak', 'Samangan']]);
    expect(entries('Police posts in Alasay and Obeh were attacked.')).toEqual([
      ['Alasay', 'Kapisa'],
      ['Obeh', 'Herat'],
    ]);
    // Short names that differ in a consonant or a vowel stay unmatched: Lal is no Lāl Pūr, Bek no Bāk.
    expect(texts('Bek and Lal spoke first.')).toEqual([]);
  });

  it('finds the towns a road joins in "the Herat-Kandahar highway", and keeps "Mazar-i-Sharif" whole', () => {
    expect(texts('A bus was stopped on the Herat-Kandahar highway and on the Kabul–Jalalabad road.')).toEqual([
      'Herat',
      'Kandahar',
      'Kabul',
      'Jalalabad',
    ]);
    expect(texts('Fighting reached Mazar-i-Sharif and the Herat-Kandahar border.')).toEqual(['Mazar-i-Sharif']);
  });

  it('does not join names across punctuation', () => {
    expect(texts('They reached Sar-e. Pol is far.')).not.toContain('Sar-e. Pol');
  });

  it('shares a descriptor along a list', () => {
    const mentions = findPlaceMentions('Uzbek fighters from Jowzjan and Faryab provinces joined.', g);
    expect(mentions.map((m) => [m.span.text, m.descriptor])).toEqual([
      ['Jowzjan', 'province'],
      ['Faryab provinces', 'province'],
    ]);
    const listed = findPlaceMentions('the provinces of Balkh, Samangan and Kunduz', g);
    expect(listed.map((m) => m.descriptor)).toEqual(['province', 'province', 'province']);
  });

  it('reads "the district of X" and "X district of Y"', () => {
    const [balkh] = findPlaceMentions('Fighting in the district of Balkh ended.', g);
    expect(balkh?.descriptor).toBe('district');
    const [, sarePul] = findPlaceMentions('in Balkhab district of Sar-e-Pul', g);
    expect(sarePul?.descriptor).toBe('province');
  });

  it('reads "X, Y" as a place in its province', () => {
    const [, province] = findPlaceMentions('Place: Balkhab, Sar-e Pol, Afghanistan', g);
    expect(province?.descriptor).toBe('province');
  });

  it('notes words that make a place approximate', () => {
    const [m] = findPlaceMentions('Fighting broke out near Sheberghan.', g);
    expect(m?.qualifier).toBe('near ');
  });
});

describe('a surname that is also a town', () => {
  it('is the person after a given name, whatever the gazetteer holds for the words before it', () => {
    const text =
      'The governor of Kunduz, Mohammad Omar Safi, and his deputy Abdul Karim Ahmadi said the road was open.';
    const spans = resolveDocumentPlaces(text, g).map((m) => m.span.text);
    expect(spans).toContain('Kunduz');
    expect(spans).not.toContain('Ahmadi');
    expect(spans).not.toContain('Safi');
  });

  it('is still the place when no given name comes before it', () => {
    expect(resolveDocumentPlaces('Oil fires burned near Ahmadi in Kuwait.', g).map((m) => m.span.text)).toContain(
      'Ahmadi',
    );
  });
});

describe('resolveDocumentPlaces', () => {
  it('resolves each place in the light of the others', () => {
    const text =
      'The Taliban shelled Balkhab district of Sar-e-Pul. Families fled the town of Kohsan and ' +
      'villages near Sheberghan, while Kunduz stayed calm.';
    const resolved = resolveDocumentPlaces(text, g).map((m) => {
      const best = m.candidates[0];
      return [m.span.text, best?.entry.kind, best?.entry.admin1, best?.where_prec];
    });
    expect(resolved).toEqual([
      ['Balkhab district', 'district', 'Sar-e Pol', 3],
      ['Sar-e-Pul', 'province', 'Sar-e Pol', 4],
      ['Kohsan', 'town', 'Herat', 1],
      ['Sheberghan', 'city', 'Jowzjan', 2],
      ['Kunduz', 'city', 'Kunduz', 1],
    ]);
  });

  it('collects the provinces a document implies', () => {
    const mentions = findPlaceMentions('From Balkhab the fighters moved to Kabul.', g);
    expect(documentProvinces(mentions).sort()).toEqual(['Kabul', 'Sar-e Pol']);
  });
});

describe('lowerWordIn', () => {
  // What it stands in for: every lower-case word of the text, gathered by one scan from the start.
  const gathered = (text: string, word: string) => new Set(text.match(/\b\p{Ll}[\p{Ll}'’-]*\b/gu)).has(word);

  it('finds a word written in lower case, not one inside a longer word or capitalised', () => {
    expect(lowerWordIn('Police said the police station was hit.', 'police')).toBe(true);
    expect(lowerWordIn('Police said the station was hit.', 'police')).toBe(false);
    expect(lowerWordIn('the policeman and the policemen', 'police')).toBe(false);
    expect(lowerWordIn('a hyphenated al-abc word', 'abc')).toBe(gathered('a hyphenated al-abc word', 'abc'));
  });

  it('answers as the scan does where the character before could belong to a word', () => {
    const cases: Array<[string, string]> = [
      ['Al-abc and al-abc', 'abc'],
      ['xéabc', 'abc'],
      ['Éabc', 'abc'],
      ['d’abc, l’abc', 'abc'],
      ['abc_d abc1 abc', 'abc'],
      ['𝑎abc', 'abc'],
      ['--abc--', 'abc'],
      ["rock'n'roll rock", 'rock'],
      ['ABC abc-def abc', 'abc'],
      ['', 'abc'],
    ];
    for (const [text, word] of cases) expect(lowerWordIn(text, word), `${text} / ${word}`).toBe(gathered(text, word));
  });

  it('agrees with the scan over generated texts', () => {
    const piece = fc.constantFrom('abc', 'Abc', 'al', '-', '’', "'", ' ', 'é', 'É', '_', '1', 'de', 'x', '.', 'ß', '𝑎');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 14 }),
        fc.constantFrom('abc', 'al', 'de', 'abc-de', 'x', 'al-abc'),
        (parts, word) => {
          const text = parts.join('');
          expect(lowerWordIn(text, word)).toBe(gathered(text, word));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
