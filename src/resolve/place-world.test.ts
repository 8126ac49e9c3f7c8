import { beforeAll, describe, expect, it } from 'vitest';
import type { Gazetteer } from './gazetteer.js';
import { loadShippedGazetteer } from './load-resolve-data.js';
import { findPlaceMentions, type ResolvedPlaceMention, resolveDocumentPlaces } from './place-mentions.js';

let g: Gazetteer;
beforeAll(async () => {
  g = await loadShippedGazetteer();
});

/** Each resolved place as [text, name, kind, admin1, country, where_prec, role]; unresolved ones left out. */
function places(text: string): (string | number | null)[][] {
  return resolveDocumentPlaces(text, g)
    .filter((m) => m.candidates.length > 0)
    .map((m: ResolvedPlaceMention) => {
      const b = m.candidates[0];
      return [
        m.span.text,
        b?.entry.name ?? null,
        b?.entry.kind ?? null,
        b?.entry.admin1 ?? null,
        b?.entry.country ?? null,
        b?.where_prec ?? null,
        m.role,
      ];
    });
}

const placeOf = (text: string, name: string) => places(text).find((p) => p[0] === name);

describe('reports from wars outside Afghanistan', () => {
  it('takes no place from the name of a newspaper', () => {
    const text =
      'A coalition air strike near Hajin in Syria killed as many as 60 people, according to The New York Times and the Kyiv Independent.';
    expect(places(text).map((p) => p[0])).not.toContain('New York');
    expect(places(text).map((p) => p[0])).not.toContain('Kyiv');
    expect(places('Missiles struck New York and Kyiv.').map((p) => p[0])).toEqual(['New York', 'Kyiv']);
  });

  it('takes no place from an outlet named after one', () => {
    const text =
      'Troops raided two villages near Monywa and detained 20 men, according to the Mandalay news outlet and Yangon radio.';
    expect(places(text).map((p) => p[0])).toEqual(['Monywa']);
  });

  it('places Iraqi towns in their governorates', () => {
    const text =
      'MOSUL, Iraq - Two car bombs went off beside a busy market in eastern Mosul on 3 March 2015, killing 14 ' +
      'people. In Tikrit, security forces detained four suspects; a curfew was imposed in Fallujah.';
    expect(placeOf(text, 'Mosul')?.slice(1, 6)).toEqual(['Mosul', 'city', 'Nineveh', 'IQ', 2]);
    expect(placeOf(text, 'Tikrit')?.slice(3, 6)).toEqual(['Salah ad Din', 'IQ', 1]);
    // GeoNames writes "Al Fallūjah": the article and the marks fold away.
    expect(placeOf(text, 'Fallujah')?.slice(3, 6)).toEqual(['Anbar', 'IQ', 1]);
  });

  it('reads Ukrainian towns, oblasts and the Donbas', () => {
    const text =
      'Russian missiles hit flats in Kharkiv on 12 May 2024, killing six civilians. Shelling also struck ' +
      'Kupiansk in Kharkiv region and Bakhmut in Donetsk Oblast. Fighting goes on across the Donbas.';
    expect(placeOf(text, 'Kharkiv')?.slice(1, 6)).toEqual(['Kharkiv', 'city', 'Kharkiv', 'UA', 1]);
    expect(placeOf(text, 'Kupiansk')?.slice(3, 6)).toEqual(['Kharkiv', 'UA', 1]);
    expect(placeOf(text, 'Kharkiv region')?.slice(2, 6)).toEqual(['province', 'Kharkiv', 'UA', 4]);
    expect(placeOf(text, 'Bakhmut')?.slice(3, 6)).toEqual(['Donetsk', 'UA', 1]);
    expect(placeOf(text, 'Donetsk Oblast')?.slice(2, 6)).toEqual(['province', 'Donetsk', 'UA', 4]);
    expect(placeOf(text, 'Donbas')?.slice(2, 6)).toEqual(['area', null, 'UA', 5]);
  });

  it('places Sudanese, Yemeni, Syrian, Somali and Myanmar towns at town precision', () => {
    const cases: [string, string, string, string][] = [
      ['Paramilitary shelling of El Fasher in North Darfur killed 23 people.', 'El Fasher', 'Northern Darfur', 'SD'],
      ['Clashes with the Sudanese army in Nyala left eleven dead.', 'Nyala', 'Southern Darfur', 'SD'],
      ['Fighting between Houthi forces and tribesmen in Marib killed 30 Yemeni fighters.', 'Marib', 'Ma’rib', 'YE'],
      ['An attack on a checkpoint in Deir ez-Zor killed five Syrian fighters.', 'Deir ez-Zor', 'Deir ez-Zor', 'SY'],
      ['A roadside bomb in Baidoa, in the Somali region of Bay, wounded three.', 'Baidoa', 'Bay', 'SO'],
      ['The Arakan Army took a post near Sittwe in Rakhine State.', 'Sittwe', 'Rakhine', 'MM'],
    ];
    for (const [text, name, admin1, country] of cases) {
      const p = placeOf(text, name);
      expect(p?.slice(3, 5), text).toEqual([admin1, country]);
      expect(p?.[5], text).toBeLessThanOrEqual(2);
    }
  });

  it('takes a named province for the province even when only its capital spells like it', () => {
    const text = 'ADEN, Yemen - A drone hit a Yemeni army parade in Al Dhale province, killing nine soldiers.';
    expect(placeOf(text, 'Al Dhale province')?.slice(2, 6)).toEqual(['province', 'Aḑ Ḑāli‘', 'YE', 4]);
  });
});

describe('context', () => {
  it('marks a city that speaks for its government, or a capital where officials spoke, as a source', () => {
    const text =
      'Ukrainian officials said a drone hit a depot in Odesa. Kyiv said the strike broke the truce. ' +
      'Officials in Moscow said the depot held fuel.';
    expect(placeOf(text, 'Odesa')?.[6]).toBe('event');
    expect(placeOf(text, 'Kyiv')?.[6]).toBe('source');
    expect(placeOf(text, 'Moscow')?.[6]).toBe('source');
  });

  it('takes officials in a city that is no capital to speak for that city, where the event was', () => {
    for (const text of [
      'Officials in Lviv said two people were killed when a drone hit a depot.',
      'Authorities in Goma say a shell killed three children on Tuesday.',
      'A spokesman for the authorities in Mykolaiv said a missile struck a school.',
    ]) {
      const named = places(text).find((p) => p[4] !== null && p[2] !== 'country');
      expect(named?.[6], text).toBe('event');
    }
    expect(places('Officials in Baghdad said a bomb killed four in a market.')[0]?.[6]).toBe('source');
    // Hospital officials speak for where the wounded were taken, not where they were wounded.
    expect(places('Hospital officials in Kharkiv said 32 soldiers had been killed.')[0]?.[6]).toBe('source');
    expect(places('Authorities in Kabul say the blast killed 12.')[0]?.[6]).toBe('source');
  });

  it('places a facility named after a city in that city, never more precisely', () => {
    const text = 'A Somali soldier opened fire inside the Mogadishu airport compound, killing two contractors.';
    const [m] = resolveDocumentPlaces(text, g);
    expect(m?.facility).toBe(true);
    expect(m?.candidates[0]?.entry.name).toBe('Mogadishu');
    expect(m?.candidates[0]?.where_prec).toBe(2);
  });

  it('does not place a facility named after a person at a town of that name elsewhere', () => {
    // Ahmadabad is a city in India and several villages in Afghanistan; here it names a school in Kunduz.
    const text = 'A bomb hit the Ahmadabad High School in Kunduz city on 2 May, killing four pupils.';
    const facility = resolveDocumentPlaces(text, g).find((m) => m.facility);
    expect(facility?.candidates).toEqual([]);
    expect(placeOf(text, 'Kunduz city')?.[4]).toBe('AF');
  });

  it('gives a region part-of-country precision, never one district', () => {
    const text = 'Drought and fighting displaced thousands across the central highlands of Afghanistan.';
    expect(placeOf(text, 'central highlands')?.slice(2, 6)).toEqual(['area', null, 'AF', 5]);
    const north = resolveDocumentPlaces('Airstrikes hit Islamic State cells in northern Iraq.', g);
    expect(north.map((m) => [m.span.text, m.candidates[0]?.where_prec])).toEqual([['Iraq', 5]]);
  });

  it('prefers the namesake in the country the report is about', () => {
    // Tripoli is Libya's capital and Lebanon's second city; the report's other places decide.
    const libya = placeOf('Militias clashed in Tripoli after a Libyan commander was seized in Misrata.', 'Tripoli');
    const lebanon = placeOf('Gunfire rang out in Tripoli as Lebanese troops deployed from Beirut.', 'Tripoli');
    expect(libya?.[4]).toBe('LY');
    expect(lebanon?.[4]).toBe('LB');
  });
});

describe('precision: words and people that are towns somewhere', () => {
  it('finds only the places in a wire full of capitalised words', () => {
    const text =
      'Police said on Monday that the Mission had asked for Justice. President Ali Hassan told the ' +
      'Security Council that Human Rights Watch and the Red Cross were barred. General Omar Bashir ' +
      'met Colonel Victoria Reading in Khartoum. Progress was slow, said a Union official.';
    expect(findPlaceMentions(text, g).map((m) => m.span.text)).toEqual(['Khartoum']);
  });

  it('does not take a word the report also writes in lower case for a town', () => {
    const text = 'Aid convoys reached Mariupol. Police sources said the police had withdrawn from the city.';
    expect(findPlaceMentions(text, g).map((m) => m.span.text)).toEqual(['Mariupol']);
  });

  it('does not take titles and honorifics for towns by their sound', () => {
    const text = 'Maulvi Abdul Rahman, a Taliban commander, met the Minister of Defence in Kandahar.';
    expect(findPlaceMentions(text, g).map((m) => m.span.text)).toEqual(['Kandahar']);
  });
});

describe('precision: peoples, initials and namesakes', () => {
  it('never takes the word for a people for a place, by spelling or by sound', () => {
    const text =
      'Shelling hit an eastern Ukrainian town as Russian artillery fired on Kherson; Syrians and Sudanese refugees fled.';
    expect(places(text).map((p) => p[0])).toEqual(['Kherson']);
  });

  it('never takes a count that opens a sentence for a place that sounds like it', () => {
    expect(places('Seven people died in Chernihiv. Twelve more were hurt.').map((p) => p[0])).toEqual(['Chernihiv']);
  });

  it('still reads a region named after its people when the text calls it one', () => {
    expect(placeOf('Clashes were reported in the Somali region on Monday.', 'Somali region')?.slice(1, 5)).toEqual([
      'Somali',
      'province',
      'Somali',
      'ET',
    ]);
  });

  it("reads a country's name as the country, not a town that shares it", () => {
    const text = 'BOGOTA, Colombia, March 30 - Rebels attacked a base; talks were due to resume in Mexico.';
    expect(placeOf(text, 'Colombia')?.slice(2, 6)).toEqual(['country', null, 'CO', 6]);
    expect(placeOf(text, 'Mexico')?.slice(2, 6)).toEqual(['country', null, 'MX', 6]);
  });

  it('reads an initialism as a country only in capitals', () => {
    expect(places('Car bomb kills nine in Mogadishu').map((p) => p[0])).toEqual(['Mogadishu']);
    expect(placeOf('Rebels attacked a convoy in the CAR on Monday.', 'CAR')?.[4]).toBe('CF');
  });

  it('reads two capitals as an organisation, not a town of that name', () => {
    // Un and Eu are towns (India, France); the UN and the EU are not places at all.
    expect(places('The UN and the EU condemned the strike on Kramatorsk.').map((p) => p[0])).toEqual(['Kramatorsk']);
    expect(placeOf('Talks were held in the UK.', 'UK')?.[4]).toBe('GB');
  });

  it('takes no English word opening a sentence for a place it sounds like', () => {
    // "Shelling" sounds like Shillong, "Looting" like Lutang; once India is in the report, Shillong was read.
    const text = 'Shelling killed 20 civilians in Imphal, India. Looting followed, a UN team said.';
    expect(places(text).map((p) => p[0])).toEqual(['Imphal', 'India']);
  });

  it('takes no town for the first word of a longer name joined by an article', () => {
    // Ras al-Ain and Maarat al-Numan are not Ras and Meerut in India, nor Qasr al-Nahr Al Qasr in Jordan.
    const text = 'Shelling of Ras al-Ain, Maarat al-Numan and Qasr al-Nahr, and of Mosul al-Jadida, killed 9.';
    expect(places(text).map((p) => [p[0], p[4]])).toEqual([['Mosul', 'IQ']]);
  });

  it('reads "the Idlib countryside" and "the countryside of Aleppo" as the provinces', () => {
    const text = 'Jets struck the Idlib countryside and the western countryside of Aleppo.';
    expect(placeOf(text, 'Idlib countryside')?.slice(2, 6)).toEqual(['province', 'Idlib', 'SY', 4]);
    expect(placeOf(text, 'Aleppo')?.slice(2, 6)).toEqual(['province', 'Aleppo', 'SY', 4]);
  });

  it('tells namesakes of like size apart by the other places the report names', () => {
    const text =
      'Artillery hit Pokrovsk on Wednesday. Drones struck Kherson and Mykolaiv overnight, and Moscow claimed gains near Belgorod.';
    expect(placeOf(text, 'Pokrovsk')?.slice(3, 5)).toEqual(['Donetsk', 'UA']);
  });
});

describe('Afghanistan keeps its detail', () => {
  it('still resolves districts and towns in their provinces', () => {
    const text =
      'SHEBERGHAN, May 16 - Taliban fighters overran a checkpoint in Darzab district of Jowzjan province, ' +
      'killing seven police officers. Officials in Kabul said reinforcements were sent to Qush Tepa.';
    expect(places(text).map((p) => p.slice(0, 6))).toEqual([
      ['SHEBERGHAN', 'Shibirghān', 'city', 'Jowzjan', 'AF', 1],
      ['Darzab district', 'Darzāb', 'district', 'Jowzjan', 'AF', 3],
      ['Jowzjan province', 'Jowzjan', 'province', 'Jowzjan', 'AF', 4],
      ['Kabul', 'Kabul', 'city', 'Kabul', 'AF', 1],
      ['Qush Tepa', 'Qūsh Tepah', 'district', 'Jowzjan', 'AF', 3],
    ]);
    expect(placeOf(text, 'Kabul')?.[6]).toBe('source');
  });
});
