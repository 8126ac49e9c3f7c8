import { beforeAll, describe, expect, it } from 'vitest';
import { type ActorIndex, createActorIndex, findActorMentions } from '../resolve/actors.js';
import { loadActorRegistry } from '../resolve/load-resolve-data.js';
import { type Parties, partiesOf } from './parties.js';

let index: ActorIndex;
beforeAll(async () => {
  index = createActorIndex(await loadActorRegistry());
});

function parties(sentence: string, date?: string, eventType: Parameters<typeof partiesOf>[5] = null): Parties {
  return partiesOf(
    sentence,
    { start: 0, end: sentence.length },
    findActorMentions(sentence, index),
    index,
    date,
    eventType,
  );
}

const ids = (p: Parties) => [p.side_a?.actor_id ?? null, p.side_b?.actor_id ?? null];

describe('partiesOf', () => {
  it('puts the subject of an attack verb on side A and its object on side B', () => {
    expect(ids(parties('Houthi fighters shelled Ukrainian troops near the front.'))).toEqual([
      'houthis',
      'ukraine-military',
    ]);
    // The same two parties, the other way round: order of naming does not decide, the verb does.
    expect(ids(parties('Near the front, Ukrainian troops were shelled by Houthi fighters.'))).toEqual([
      'houthis',
      'ukraine-military',
    ]);
  });

  it('reads a state\'s aircraft as its forces, and the subject of ", killing" as the clause\'s', () => {
    expect(
      ids(parties('Russian warplanes carried out raids on Ukrainian positions near Izium, killing 14 soldiers.')),
    ).toEqual(['russia-military', 'ukraine-military']);
    expect(ids(parties('Israeli jets struck Houthi targets in Hodeidah.'))).toEqual(['israel-military', 'houthis']);
  });

  it('puts who sent the weapon on side A, whatever the sentence narrates first', () => {
    expect(
      ids(parties('Syrian troops advanced on the town, while rockets fired by HTS fighters killed four soldiers.')),
    ).toEqual(['hts', 'syria-military']);
  });

  it('resolves the parties of wars beyond Afghanistan', () => {
    expect(ids(parties('M23 rebels attacked FARDC positions near Sake.'))).toEqual(['m23', 'drc-military']);
    expect(ids(parties('JNIM fighters ambushed Malian troops near Boni.'))).toEqual(['jnim', 'mali-military']);
    expect(ids(parties('ELN rebels attacked a base of the Colombian army.'))).toEqual(['eln', 'colombia-military']);
  });

  it('takes the group that claimed responsibility as the perpetrator, with the claim as its source', () => {
    const p = parties('A car bomb killed nine soldiers in Mogadishu; al-Shabaab claimed responsibility.');
    expect(p.side_a?.actor_id).toBe('al-shabaab');
    expect(p.attribution).toMatchObject({ how: 'claimed', claimant: 'Al Shabaab' });
  });

  it('takes the group that "claimed the attack" as its perpetrator, not what "claimed the lives" of people', () => {
    expect(parties('Islamic State Khorasan Province claimed the attack.').attribution).toMatchObject({
      how: 'claimed',
      claimant: 'Islamic State Khorasan Province',
    });
    expect(parties("Al-Shabaab claimed Monday's bombing in a statement.").attribution).toMatchObject({
      how: 'claimed',
    });
    expect(parties('The blast claimed the lives of 12 Taliban fighters.').attribution).toBeNull();
  });

  it('does not take a claim for a series of attacks as a claim for this one', () => {
    const p = parties('Al-Shabab has claimed responsibility for 13 attacks on the city this year.');
    expect(p.attribution).toBeNull();
  });

  it('takes the group blamed or suspected as the perpetrator, with who blamed it', () => {
    const blamed = parties('Police officials blamed the Taliban for the blast at the market.');
    expect(blamed.side_a?.actor_id).toBe('taliban');
    expect(blamed.attribution).toMatchObject({ how: 'attributed' });
    expect(blamed.attribution?.claimant).toMatch(/Police officials/);
    const suspected = parties('Rapid Support Forces are suspected of the killings in the camp.');
    expect(suspected.side_a?.actor_id).toBe('rsf');
    expect(suspected.attribution?.how).toBe('attributed');
  });

  it('codes an unnamed bomber as an unidentified armed group, but not an unnamed air force', () => {
    expect(
      parties('A roadside bomb killed four farmers.', undefined, 'Explosions/Remote violence').side_a?.actor_id,
    ).toBe('unidentified-armed-group');
    expect(parties('Gunmen shot dead two teachers.', undefined, 'Violence against civilians').side_a?.actor_id).toBe(
      'unidentified-armed-group',
    );
    expect(parties('An airstrike hit a village near the border.', undefined, 'Explosions/Remote violence').side_a).toBe(
      null,
    );
  });

  it('puts a party told only as the harmed on side B, never side A', () => {
    expect(
      ids(parties('Officials said 6 of the dead were pilgrims, and that 4 Russian soldiers were among the wounded.')),
    ).toEqual([null, 'russia-military']);
    expect(ids(parties('Two Houthi fighters died and the rest fled.'))).toEqual([null, 'houthis']);
  });

  it('reads a dateline town and a state named as a place as no party', () => {
    expect(ids(parties('KYIV, Ukraine (AP) — A missile hit a square in the northern city, killing 7 people.'))).toEqual(
      [null, null],
    );
    expect(ids(parties('Shelling hit villages along the Pakistan border, wounding 12 people.'))).toEqual([null, null]);
  });

  it('keeps parties that are only quoted out of the sides', () => {
    const p = parties(
      'A bomb exploded at a school in Kabul, Afghan government officials said.',
      '2019-05-02',
      'Explosions/Remote violence',
    );
    expect(p.side_a?.actor_id).toBe('unidentified-armed-group');
    expect(p.side_b).toBeNull();
    // A country named after a preposition is a place: "the UN mission in Afghanistan".
    const mission = parties('According to the United Nations mission in Afghanistan, 35 students died.');
    expect(mission.side_a).toBeNull();
  });

  it('reads a generic name on the event date: the government of Afghanistan before and after August 2021', () => {
    const sentence = 'Government forces attacked the village.';
    expect(parties(sentence, '2019-03-01').side_a?.actor_id).toBe('ansf');
    expect(parties(sentence, '2022-03-01').side_a?.actor_id).toBe('taliban');
    expect(parties(sentence, '2022-03-01').side_a?.state).toBe(true);
    expect(parties('Taliban fighters attacked a checkpoint.', '2019-03-01').side_a?.state).toBe(false);
  });

  /** The sides of a battle told in a report from `country`. */
  const partiesIn = (sentence: string, date: string, country: string | null) =>
    partiesOf(
      sentence,
      { start: 0, end: sentence.length },
      findActorMentions(sentence, index),
      index,
      date,
      'Battles',
      country,
    );
  const sideAIn = (sentence: string, date: string, country: string | null) =>
    partiesIn(sentence, date, country).side_a?.actor_id ?? null;
  const sideBIn = (sentence: string, date: string, country: string | null) =>
    partiesIn(sentence, date, country).side_b?.actor_id ?? null;

  it("reads a generic name as the forces of the report's own country, or as none", () => {
    const p = (country: string) => sideAIn('Security forces raided the market.', '2022-03-01', country);
    // Afghanistan's in 2022 are the Taliban's; Sudan's are its army; Libya has none in the registry.
    expect([p('AF'), p('SD'), p('LY')]).toEqual(['taliban', 'sudan-military', null]);
    const g = (country: string) =>
      sideAIn('Government forces shelled the town, killing 9 people.', '2020-03-04', country);
    expect([g('SY'), g('AF'), g('LY')]).toEqual(['syria-military', 'ansf', null]);
    expect(sideAIn('Regime warplanes struck a market in the town.', '2020-03-05', 'SY')).toBe('syria-military');
  });

  it("reads a headline's topic before a colon as no party", () => {
    expect(ids(parties('Ukraine war: Russian drones hit a bus station in Kherson, killing 3', '2023-05-02'))).toEqual([
      'russia-military',
      null,
    ]);
    expect(ids(parties('Sudan crisis – RSF shelling kills 12 in El Fasher', '2024-05-02'))).toEqual(['rsf', null]);
  });

  it('reads "the coalition" as the coalition fighting in the report\'s country', () => {
    const c = (country: string | null) =>
      sideAIn('Coalition aircraft struck a position near the town, killing 12 fighters.', '2017-03-04', country);
    expect([c('AF'), c('YE'), c('IQ'), c('SY'), c('LY')]).toEqual([
      'nato',
      'saudi-led-coalition',
      'cjtf-oir',
      'cjtf-oir',
      null,
    ]);
  });

  it('puts a party counted among the dead of a headline on side B, though "were" is left out', () => {
    expect(ids(parties('11 regime soldiers killed as jihadists ambush bus in desert'))).toEqual([
      null,
      'syria-military',
    ]);
    expect(ids(partiesIn('Nine Syrian soldiers killed in ambush near Palmyra', '2023-01-13', 'SY'))).toEqual([
      null,
      'syria-military',
    ]);
  });

  it('reads the bare "Islamic State" as the branch the report\'s country means by it, or as none', () => {
    const p = (country: string | null) =>
      sideAIn('Islamic State fighters ambushed a convoy, killing 9 soldiers.', '2017-03-01', country);
    expect([p('AF'), p('IQ'), p('SY'), p('LY')]).toEqual(['iskp', 'islamic-state', 'islamic-state', null]);
    // A report whose country is not known keeps the first reading, as before.
    expect(p(null)).toBe('iskp');
  });

  it('reads "members of the security forces had been killed" as the party harmed, not a place', () => {
    expect(sideBIn('The ministry said 20 members of the security forces had been killed.', '2015-09-28', 'AF')).toBe(
      'ansf',
    );
  });

  it('keeps an ally of the side that acts off both sides', () => {
    expect(
      ids(
        parties('The Taliban allied their forces with Hezb-i Islami, taking 300 prisoners in the city.', '1997-05-30'),
      ),
    ).toEqual(['taliban', null]);
    expect(
      ids(parties('Afghan commandos, supported by American air strikes, recaptured the town.', '2015-10-01')),
    ).toEqual(['ansf', null]);
  });

  it("reads a state's missiles, rockets or strike as its forces", () => {
    expect(ids(parties('Three Russian missiles hit the centre of the city, killing 17 people.'))[0]).toBe(
      'russia-military',
    );
    expect(ids(parties('An Israeli strike on a school killed 22 people.'))[0]).toBe('israel-military');
  });
});
