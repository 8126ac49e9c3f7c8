import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocumentDetailed } from '../extract/extract-document.js';
import { createActorIndex } from '../resolve/actors.js';
import { loadActorRegistry, loadShippedGazetteer } from '../resolve/load-resolve-data.js';
import { buildIncidents, type Resolvers } from './build-incidents.js';

let resolvers: Resolvers;
beforeAll(async () => {
  resolvers = { gazetteer: await loadShippedGazetteer(), actors: createActorIndex(await loadActorRegistry()) };
});

function incidentsOf(text: string, published: string | null = null) {
  const { result, passages } = extractDocumentDetailed(text, { published });
  return buildIncidents(text, result, passages, resolvers);
}

const killed = (d: ReturnType<typeof incidentsOf>[number]) =>
  d.claims.filter((c) => c.kind === 'killed').map((c) => c.low ?? c.high);

describe('only events become incidents', () => {
  it('reads an agreement concluded as a development, one named in passing as background', () => {
    const signed = incidentsOf('The two sides signed a ceasefire agreement in Doha on 29 February 2020.');
    expect(signed.map((d) => d.sub_event_type)).toEqual(['Agreement']);
    expect(incidentsOf('After the February 2020 ceasefire agreement, a new round of talks, a new offensive.')).toEqual(
      [],
    );
  });

  it('makes no incident of arrivals, visits, returns, elections or appointments', () => {
    const text = [
      'Foreign ministers arrived in Kabul on 3 May 2022 for talks with the new authorities.',
      '',
      'On 5 May 2022, forty families returned to their homes in Khost.',
      '',
      'On 9 May 2022, the provincial council elected a new chairman in Herat.',
    ].join('\n');
    expect(incidentsOf(text)).toEqual([]);
  });

  it('leaves a clause that recalls an earlier attack, and its toll, out of the incident', () => {
    const [one, ...rest] = incidentsOf(
      'On 14 June 2017 a bomb killed nine people at a mosque in Herat, the deadliest attack since a bombing in Kabul in May that killed 150.',
    );
    expect(rest).toEqual([]);
    expect(one?.place?.admin1).toBe('Herat');
    expect(one && killed(one)).toEqual([9]);
  });

  it('makes no incident of a campaign summed up or a series of attacks counted together', () => {
    expect(incidentsOf('In six weeks of fighting in Helmand in May 2016, more than 300 fighters were killed.')).toEqual(
      [],
    );
    expect(
      incidentsOf(
        'On 2 May 2016, officials said a string of attacks in Kandahar had killed 40 people in recent weeks.',
      ),
    ).toEqual([]);
  });

  it('still finds the incident of a short wire dispatch', () => {
    const wire =
      'KUNDUZ, March 4 (Example Wire) - Two police officers were killed when gunmen attacked a checkpoint on Monday.';
    const found = incidentsOf(wire, '2019-03-05');
    expect(found).toHaveLength(1);
    expect(found[0]?.event_type).toBe('Battles');
  });
});

describe('one event, one incident within a report', () => {
  it('keeps a later sentence of parts ("among the dead") with the incident just told, its toll the whole', () => {
    const found = incidentsOf(
      [
        'On 2 March 2019, a car bomb exploded outside a bank in Lashkar Gah, killing 14 people.',
        'Among the dead were three children, a hospital doctor in Kandahar said.',
      ].join(' '),
    );
    expect(found).toHaveLength(1);
    // The three children are among the fourteen: a source of the incident, not a second reading of its toll.
    expect(found[0] && killed(found[0])).toEqual([14]);
    expect(found[0]?.sources.map((s) => s.text.slice(0, 17))).toEqual(['On 2 March 2019, ', 'Among the dead we']);
    expect(found[0]?.place?.admin1).toBe('Helmand');
  });

  it('folds a month-long copy of an event into the day it names', () => {
    const found = incidentsOf(
      [
        'In July 2018, Taliban fighters attacked Islamic State positions in Darzab district, Jowzjan province.',
        '',
        'On 12 July 2018, Taliban fighters attacked Islamic State positions in Darzab, killing 20.',
      ].join('\n'),
    );
    expect(found.map((d) => [d.date.start, d.date.end])).toEqual([['2018-07-12', '2018-07-12']]);
    expect(found[0]?.sources).toHaveLength(2);
  });

  it('gives the perpetrator named in the next paragraph to the attack told before it', () => {
    const found = incidentsOf(
      [
        'On 8 May 2021, a bomb exploded near a girls school in Kabul, killing at least 60 students.',
        '',
        'Islamic State claimed responsibility for the attack.',
      ].join('\n'),
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.side_a?.actor_id).toBe('iskp');
    expect(found[0]?.side_b?.actor_id).toBe('civilians');
    expect(found[0]?.attribution?.how).toBe('claimed');
  });

  it('makes one incident per place when a sentence lists places each with its own toll', () => {
    const found = incidentsOf(
      'On 9 May 2017, 12 people were killed in Kunduz city, 7 were killed in Maimana and 3 were killed in Sheberghan.',
    );
    expect(found.map((d) => [d.place?.admin1, killed(d)])).toEqual([
      ['Kunduz', [12]],
      ['Faryab', [7]],
      ['Jowzjan', [3]],
    ]);
    expect(new Set(found.map((d) => d.date.start))).toEqual(new Set(['2017-05-09']));
  });

  it('makes the incident of an infobox that dates a short event but has no Location line', () => {
    const text = [
      '= Attack on the Khanabad checkpoint =',
      '',
      'Infobox',
      '- Conflict: Attack on the Khanabad checkpoint',
      '- Date: 4 March 2019',
      '- Result: Checkpoint overrun',
      '- Casualties1: 9 soldiers killed',
      '',
      'The checkpoint stood at the entrance of Khanabad district in Kunduz province.',
    ].join('\n');
    const found = incidentsOf(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.date.start).toBe('2019-03-04');
    expect(found[0]?.place?.admin1).toBe('Kunduz');
    expect(found[0] && killed(found[0])).toEqual([9]);
  });
});

describe('strikes and falling bombs', () => {
  const typeOf = (sentence: string) => {
    const [d] = incidentsOf(`Published: 11 August 2024\n\n${sentence}`);
    return d ? `${d.event_type}: ${d.sub_event_type}` : null;
  };

  it('reads a strike on a place, and bombs that fell, as strikes from the air', () => {
    for (const sentence of [
      'An Israeli strike on a school housing displaced families in Gaza City killed 30 people on Saturday.',
      'On 10 August a bomb fell on a displacement camp near Goma, killing two children.',
      'Drones struck a fuel depot in Kherson on Saturday, killing two workers.',
      'Government helicopters dropped barrel bombs on the town on Saturday, killing 14.',
    ])
      expect(typeOf(sentence), sentence).toBe('Explosions/Remote violence: Air/drone strike');
  });

  it('reads a gunship that struck as a strike from the air, and an announced withdrawal as a development', () => {
    expect(typeOf('A gunship struck the trauma hospital on Saturday, killing 42 people.')).toBe(
      'Explosions/Remote violence: Air/drone strike',
    );
    expect(typeOf('The rebels announced their withdrawal from the city on Saturday.')).toBe(
      'Strategic developments: Non-violent transfer of territory',
    );
  });

  it('reads shells that landed as shelling', () => {
    expect(typeOf('Shells landed on a busy bus station on Saturday, killing 11 people.')).toBe(
      'Explosions/Remote violence: Shelling/artillery/missile attack',
    );
  });

  it('keeps a missile strike a missile attack, and a general strike no attack at all', () => {
    expect(typeOf('A missile strike on Odesa killed four people on Saturday.')).toBe(
      'Explosions/Remote violence: Shelling/artillery/missile attack',
    );
    expect(typeOf('During a general strike in the capital on Saturday, police shot dead two protesters.')).not.toMatch(
      /Air\/drone strike/,
    );
  });
});

describe('a bomb that exploded', () => {
  it('is a remote explosive, whatever words stand between the bomb and its exploding', () => {
    const [incident] = incidentsOf(
      'On 2 June 2024, a bomb attached to a motorcycle exploded near a mosque in Kabul, wounding nine worshippers.',
    );
    expect([incident?.event_type, incident?.sub_event_type, incident?.side_a?.actor_id]).toEqual([
      'Explosions/Remote violence',
      'Remote explosive/landmine/IED',
      'unidentified-armed-group',
    ]);
  });

  it('is a remote explosive when the bomb killed, wounded or ripped through something', () => {
    for (const sentence of [
      'On 2 May 2022, the group claimed a bomb that killed 9 worshippers at a mosque in Mosul.',
      'On 3 May 2022, a bomb killed 4 people in Mosul.',
      'On 4 May 2022, a bomb ripped through a bus in Mosul.',
    ]) {
      expect(incidentsOf(sentence).map((d) => d.sub_event_type)).toEqual(['Remote explosive/landmine/IED']);
    }
  });
});

describe('a roundup of attacks across a country', () => {
  it('makes no incident of a toll summed over attacks across the country, and one of each attack told', () => {
    const text = [
      'KABUL, Monday 14 June 2021 (Wire) - At least 38 people were killed in attacks across Afghanistan over the weekend, officials said.',
      '',
      'In Faryab, insurgents overran the Dawlat Abad district centre on Sunday night after two days of fighting. A council member said 22 commandos were killed.',
      '',
      'In Jalalabad, gunmen shot dead five vaccination workers on Saturday, police said.',
    ].join('\n');
    expect(incidentsOf(text).map((d) => [d.date.start, d.place?.admin1, d.event_type, killed(d)])).toEqual([
      ['2021-06-13', 'Faryab', 'Battles', [22]],
      ['2021-06-12', 'Nangarhar', 'Violence against civilians', [5]],
    ]);
  });

  it('still reads weeks of fighting summed up as no one incident', () => {
    expect(
      incidentsOf('On 2 March 2015, the rebels were driven back from Laukkai after several weeks of fighting.'),
    ).toEqual([]);
  });

  it('reads a town taken on a day after weeks of fighting as taken that day', () => {
    const taken = incidentsOf('Rebel fighters overran Tessalit on 11 March 2012 after several weeks of fighting.');
    expect(taken.map((d) => [d.date.start, d.sub_event_type])).toEqual([
      ['2012-03-11', 'Non-state actor overtakes territory'],
    ]);
    expect(incidentsOf('Rebel fighters overran Tessalit in 2012 after several weeks of fighting.')).toEqual([]);
  });
});

describe('towns taken, lost and given up', () => {
  const typeOf = (sentence: string) => incidentsOf(sentence).map((d) => [d.event_type, d.sub_event_type]);

  it('reads a town that fell on a day, changed hands or was taken as territory taken', () => {
    const taken = ['Battles', 'Non-state actor overtakes territory'];
    expect(typeOf('Raqqa fell on 17 October 2017 after a four-month siege.')).toEqual([taken]);
    expect(typeOf('On 2 March 2016, Palmyra changed hands again.')).toEqual([taken]);
    expect(typeOf('Kidal was taken by the rebels on 30 March 2012.')).toEqual([taken]);
    expect(typeOf('On 21 May 2015, fighters took the police headquarters in Ramadi.')).toEqual([taken]);
    expect(typeOf('Kherson was retaken by the army on 11 November 2022.')).toEqual([
      ['Battles', 'Government regains territory'],
    ]);
  });

  it('does not read prices or numbers that fell, nor a patient taken to hospital, as fighting', () => {
    expect(incidentsOf('Fuel prices in Aleppo fell sharply on 3 May 2016.')).toEqual([]);
    expect(incidentsOf('On 4 May 2016, a wounded farmer in Idlib was taken to hospital in a cart.')).toEqual([]);
  });

  it('makes no incident of several towns taken at once, a tally of the campaign', () => {
    expect(incidentsOf('On 5 June 2014, five more towns in Nineveh fell to the militants.')).toEqual([]);
    expect(incidentsOf('On 12 August 2021, the insurgents seized three provincial capitals.')).toEqual([]);
  });

  it('reads troops backed by air strikes by what the troops did', () => {
    expect(typeOf('On 1 October 2015, special forces, backed by American air strikes, retook Kunduz.')).toEqual([
      ['Battles', 'Government regains territory'],
    ]);
    expect(typeOf('On 1 October 2015, an air strike hit a hospital in Kunduz.')).toEqual([
      ['Explosions/Remote violence', 'Air/drone strike'],
    ]);
  });

  it('reads bombers that pounded trenches as a strike from the air', () => {
    expect(typeOf('On 13 November 2001, American bombers pounded trenches outside Kunduz.')).toEqual([
      ['Explosions/Remote violence', 'Air/drone strike'],
    ]);
  });

  it('reads a man shot dead as an attack on a civilian, policemen gunned down as a clash', () => {
    expect(typeOf('On 2 May 2021, gunmen shot dead a tribal elder in Kandahar.')).toEqual([
      ['Violence against civilians', 'Attack'],
    ]);
    expect(typeOf('On 2 May 2021, gunmen gunned down two policemen at a checkpoint in Herat.')).toEqual([
      ['Battles', 'Armed clash'],
    ]);
  });
});

describe('people abducted and killed', () => {
  it('reads civilians abducted and killed as an attack on them, one abducted only as an abduction', () => {
    const text = [
      'Gunmen kill 11 Hazara miners in Baluchistan',
      '',
      'QUETTA, Pakistan, 3 January 2021 (Wire) - Gunmen abducted and killed 11 coal miners near the town of Mach before dawn on Sunday, officials said.',
    ].join('\n');
    // The headline, placed in the province, is the lead's own attack.
    expect(incidentsOf(text).map((d) => [d.place?.name, d.event_type, d.sub_event_type, killed(d)])).toEqual([
      ['Mach', 'Violence against civilians', 'Attack', [11, 11]],
    ]);
    expect(incidentsOf('On 3 May 2021, gunmen abducted 4 aid workers in Faryab.').map((d) => d.sub_event_type)).toEqual(
      ['Abduction/forced disappearance'],
    );
  });
});

describe('mines struck, fire taken, towns driven into', () => {
  const typeOf = (sentence: string) => incidentsOf(sentence).map((d) => [d.event_type, d.sub_event_type]);

  it('reads a vehicle that struck a mine as a remote explosive, and troops under fire as a clash', () => {
    expect(typeOf('On 8 December 2007, a patrol vehicle struck a mine near Sangin.')).toEqual([
      ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
    ]);
    expect(typeOf('On 8 December 2007, soldiers came under heavy fire north of Sangin.')).toEqual([
      ['Battles', 'Armed clash'],
    ]);
  });

  it('reads fighters who drove into a town as territory changing hands, and forces deployed as no such thing', () => {
    expect(typeOf('On 1 February 2007, about 200 insurgents drove into the town of Sangin.')).toEqual([
      ['Strategic developments', 'Non-violent transfer of territory'],
    ]);
    expect(typeOf('On 6 July 2022, the army deployed 8,000 troops to Sangin.')).toEqual([
      ['Strategic developments', 'Other'],
    ]);
  });

  it('folds a town taken "in February" into the day it was taken, however each tells it', () => {
    const found = incidentsOf(
      [
        'In February 2007, the Taliban took over Sangin.',
        '',
        'On 1 February 2007, about 200 insurgents drove into the town of Sangin.',
      ].join('\n'),
    );
    expect(found.map((d) => [d.date.start, d.date.end, d.sub_event_type, d.sources.length])).toEqual([
      ['2007-02-01', '2007-02-01', 'Non-state actor overtakes territory', 2],
    ]);
  });
});

describe('an earlier event a sentence places by days or weeks before the one just told', () => {
  it('is an incident of its own, with its toll, on its own days', () => {
    const text = [
      'Published: 20 June 2019',
      '',
      'Gunmen killed 17 villagers in Arbinda on 16 June 2019, officials said.',
      '',
      'The massacre came a week after jihadists ambushed a patrol near Djibo, killing 9 gendarmes.',
    ].join('\n');
    const incidents = incidentsOf(text);
    expect(incidents.map((d) => [d.date.start, d.date.end, killed(d)])).toEqual([
      ['2019-06-16', '2019-06-16', [17]],
      ['2019-06-08', '2019-06-10', [9]],
    ]);
  });

  it('is history, not an incident, when it tells no toll', () => {
    const text = [
      'Published: 20 June 2019',
      '',
      'Gunmen killed 17 villagers in Arbinda on 16 June 2019, officials said.',
      '',
      'The massacre came two months after the army withdrew from the area.',
    ].join('\n');
    expect(incidentsOf(text).map((d) => killed(d))).toEqual([[17]]);
  });
});

describe('"the city" of an article about one city', () => {
  it('is that city when the city named last stood in an earlier paragraph', () => {
    const text = [
      '= Siege of Lashkar Gah (2016) =',
      '',
      'Infobox',
      '- Conflict: Siege of Lashkar Gah',
      '- Date: 10–20 October 2016',
      '- Place: Lashkar Gah, Helmand Province',
      '',
      'Lashkar Gah lies on the Helmand river, on the road between Kandahar and Herat.',
      '',
      'On 10 October 2016 Taliban fighters entered the city from the south and killed 14 policemen.',
    ].join('\n');
    const places = incidentsOf(text).map((d) => [d.place?.admin1, d.place?.where_prec]);
    expect(places).toEqual([['Helmand', 1]]);
  });

  it('is the city its own paragraph named last', () => {
    const text =
      'On 3 May 2020 a bomb hit a market in Herat. On 4 May 2020 fighters attacked a checkpoint outside Kandahar and then entered the city, killing 6 guards.';
    const last = incidentsOf(text).at(-1);
    expect(last?.place?.admin1).toBe('Kandahar');
  });
});

describe('a report whose headline names its weapon', () => {
  const BLOG = [
    'Drones and missiles hit Kharkiv region overnight',
    '',
    'Published: 6 February 2024',
    '',
    'In Kupiansk, two people were killed and 11 were injured, the regional governor said.',
    '',
    'In Izium, soldiers and police fought off a raid, and 3 soldiers were killed.',
    '',
    'In Balakliia, 4 residents were hurt when debris from an intercepted drone fell on a school.',
  ].join('\n');

  it('gives its kind to the tolls told without one, not to fighting between armed men', () => {
    const types = incidentsOf(BLOG).map((d) => [d.place?.name, d.event_type]);
    expect(types).toContainEqual(['Kupyansk', 'Explosions/Remote violence']);
    expect(types).toContainEqual(['Balakliya', 'Explosions/Remote violence']);
    expect(types.find(([place]) => place === 'Izyum')?.[1]).toBe('Battles');
  });
});

describe('a reaction to violence', () => {
  it('is no incident when it names violence in general, but one when it names the event', () => {
    const general = incidentsOf(
      'Published: 9 May 2017\n\nGENEVA - The ICRC today expressed grave concern over the fighting around Tal Afar.',
    );
    expect(general).toEqual([]);
    const named = incidentsOf(
      'Published: 9 May 2017\n\nThe ICRC condemned the car bombing of a clinic in Tal Afar on 7 May 2017, which it said had killed no one.',
    );
    expect(named.map((d) => d.date.start)).toEqual(['2017-05-07']);
  });
});

describe('guns turned on a place of civilians', () => {
  it('is an attack on civilians, not a clash; a bombing there stays an explosion, a checkpoint a clash', () => {
    const typeOf = (sentence: string) =>
      incidentsOf(`Published: 10 March 2024\n\n${sentence}`).map((d) => [d.event_type, d.sub_event_type]);
    // Typed by the place fired on, not only by who died: here nobody did.
    expect(typeOf('On 5 March gunmen opened fire on a wedding party in Chaparhar, wounding 7.')).toEqual([
      ['Violence against civilians', 'Attack'],
    ]);
    expect(typeOf('On 5 March a shooting at a mosque in Guzara left 6 wounded.')).toEqual([
      ['Violence against civilians', 'Attack'],
    ]);
    expect(typeOf('On 5 March a bomb exploded at a mosque in Guzara, killing 6 worshippers.')).toEqual([
      ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
    ]);
    expect(typeOf('On 5 March gunmen opened fire on a police checkpoint in Guzara, killing 3 officers.')[0]?.[0]).toBe(
      'Battles',
    );
  });
});
