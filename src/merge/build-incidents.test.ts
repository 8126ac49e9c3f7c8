import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocumentDetailed } from '../extract/extract-document.js';
import { SIEGE_ARTICLE_HEAD } from '../extract/testing/siege-article.js';
import { createActorIndex } from '../resolve/actors.js';
import { loadActorRegistry, loadShippedGazetteer } from '../resolve/load-resolve-data.js';
import { buildIncidents, type Resolvers } from './build-incidents.js';

let resolvers: Resolvers;
beforeAll(async () => {
  resolvers = { gazetteer: await loadShippedGazetteer(), actors: createActorIndex(await loadActorRegistry()) };
});

function incidentsOf(text: string, published: string | null = null) {
  const { result, passages } = extractDocumentDetailed(text, { published });
  return { result, incidents: buildIncidents(text, result, passages, resolvers) };
}

const REPORT = [
  'Fighting in northern Afghanistan, spring 2019',
  '',
  'On 4 March 2019, Taliban fighters attacked an army checkpoint in Khanabad district of Kunduz province. According to the provincial police, nine soldiers were killed and 14 wounded.',
  '',
  'On 9 March, a suicide bomber struck a wedding hall in Jalalabad, killing at least 23 civilians, health officials said.',
  '',
  'Local elders said the Taliban executed six prisoners in Khanabad on 12 March. A police spokesman put the number at eight.',
  '',
  'The Taliban have fought the government in Kunduz since 2015.',
].join('\n');

describe('buildIncidents', () => {
  it('makes one incident per dated event, at the place it names, typed by its words', () => {
    const { incidents } = incidentsOf(REPORT);
    const summary = incidents.map((d) => [d.date.start, d.place?.admin1, d.event_type, d.sub_event_type]);
    expect(summary).toEqual([
      ['2019-03-04', 'Kunduz', 'Battles', 'Armed clash'],
      ['2019-03-09', 'Nangarhar', 'Explosions/Remote violence', 'Suicide bomb'],
      ['2019-03-12', 'Kunduz', 'Violence against civilians', 'Attack'],
    ]);
    expect(incidents[0]?.place?.admin2?.normalize('NFD').replace(/\p{M}/gu, '')).toBe('Khanabad');
    expect(incidents[0]?.date.precision).toBe('day');
  });

  it('carries each figure as a claim with its evidence, and the year to later dates', () => {
    const { incidents } = incidentsOf(REPORT);
    const clash = incidents[0];
    expect(clash?.claims.map((c) => [c.kind, c.low, c.high])).toEqual([
      ['killed', 9, 9],
      ['injured', 14, 14],
    ]);
    expect(clash?.claims[0]?.claimant).toMatch(/provincial police/);
    const bombing = incidents[1];
    expect(bombing?.claims[0]).toMatchObject({ kind: 'killed', low: 23, high: null, category: 'civilians' });
    expect(REPORT.slice(bombing?.sources[0]?.start, bombing?.sources[0]?.end)).toContain('suicide bomber');
  });

  it('names the parties: the attacker on side A, civilians on side B of violence against them', () => {
    const { incidents } = incidentsOf(REPORT);
    expect(incidents[0]?.side_a?.actor_id).toBe('taliban');
    expect(incidents[2]?.side_a?.actor_id).toBe('taliban');
    expect(incidents[2]?.side_b?.actor_id).toBe('civilians');
    expect(incidents[2]?.violence_type).toBe(3);
  });

  it('keeps background without a date, and running tallies dated by their report, out of incidents', () => {
    const { incidents } = incidentsOf(
      'The Taliban have fought the government in Kunduz since 2015.\n\nBy 20 July 2019, 3,000 families had been displaced from Khanabad, the ministry said.\n',
    );
    expect(incidents).toEqual([]);
  });

  it('finds nothing in text without events', () => {
    expect(incidentsOf('A quiet week in Herat: markets reopened and schools resumed classes.').incidents).toEqual([]);
  });
});

describe('buildIncidents: places in reports from many cities', () => {
  const placesOf = (text: string) =>
    incidentsOf(text).incidents.map((d) => [
      d.place?.name ?? null,
      d.place?.country ?? null,
      d.claims.map((c) => c.low),
    ]);

  it('gives figures told of another city their own incident, not the one the paragraph before told', () => {
    const text = [
      'Overnight strikes across the country',
      'Published: 3 February 2024',
      '',
      'In Kharkiv, two people were killed and six injured when a missile hit a school on Saturday, the mayor said.',
      '',
      'Dnipro: a bus depot was hit. The regional governor says four people were killed in the city.',
    ].join('\n');
    expect(placesOf(text)).toEqual([
      ['Kharkiv', 'UA', [2, 6]],
      ['Dnipro', 'UA', [4]],
    ]);
  });

  it('still adds a sentence about the same place to the incident just told', () => {
    const text = [
      'Published: 3 February 2024',
      '',
      'In Kharkiv, two people were killed when a missile hit a school on Saturday, the mayor said. Among the dead were three pupils from Kharkiv.',
    ].join('\n');
    expect(placesOf(text)).toEqual([['Kharkiv', 'UA', [2, 3]]]);
  });

  it('places a quarter of a city the sentence names in that city, not at a namesake elsewhere', () => {
    for (const sentence of [
      'In Kherson, a man was killed by a mortar round in the Dniprovskyi district on Thursday, officials said.',
      "A mortar round killed three people in Kherson's Dniprovskyi district on Thursday, officials said.",
    ]) {
      const text = `Published: 15 March 2024\n\n${sentence}`;
      expect(
        incidentsOf(text).incidents.map((d) => d.place?.admin1),
        sentence,
      ).toEqual(['Kherson']);
    }
  });

  it('takes a large town for itself in a report that names only other provinces', () => {
    const text = [
      'Published: 14 March 2024',
      '',
      'Artillery fire killed five civilians in the town of Pokrovsk on Wednesday, the regional governor said.',
      '',
      'Separately, a drone struck a building in Kherson overnight, killing two, and Mykolaiv was hit too.',
      '',
      'Moscow said its air defences had downed drones over the Belgorod region.',
    ].join('\n');
    expect(placesOf(text)[0]).toEqual(['Pokrovsk', 'UA', [5]]);
  });

  it('reads a dateline written as a name, "Khartoum, 3 May 2025 —", as where the report was filed', () => {
    const text =
      'Khartoum, 3 May 2025 — A drone hit a camp for displaced people near El Fasher on Friday, killing 23 people, responders said.';
    const [strike] = incidentsOf(text).incidents;
    expect(strike?.place?.name).toBe('El Fasher');
    expect(strike?.date.start).toBe('2025-05-02');
    const colon = 'Khartoum, 3 May 2025 (SUNA): A drone hit a camp near El Fasher on Friday, killing 23 people.';
    expect(incidentsOf(colon).incidents.map((d) => [d.place?.name, d.date.start])).toEqual([
      ['El Fasher', '2025-05-02'],
    ]);
  });
});

describe('buildIncidents: where the sources spoke and where the report was filed', () => {
  const placed = (text: string) =>
    incidentsOf(text).incidents.map((d) => [d.date.start, d.place?.name ?? null, d.claims.map((c) => c.low ?? c.high)]);

  it('places an event in the district it names, not in the city where officials spoke of it', () => {
    const text = [
      'Published: 9 May 2020',
      '',
      'Taliban fighters overran the centre of Shah Wali Kot district on Saturday, killing six policemen, officials in Kandahar said.',
      '',
      'Two people were killed in a blast in the city on Friday, officials in Kandahar said.',
    ].join('\n');
    expect(placed(text)).toEqual([
      ['2020-05-09', 'Shāh Walī Kōṯ', [6]],
      ['2020-05-08', 'Kandahār', [2]],
    ]);
  });

  it("adds later paragraphs that name no place to the day's one incident, not to the dateline's town", () => {
    const text = [
      'BAIDOA, Somalia, 3 April 2023 - Al-Shabaab fighters overran an army base in Burhakaba district on Monday, killing at least eight soldiers, officials in Baidoa said.',
      '',
      'The fighters withdrew after several hours, the officials added, and Baidoa hospital took in the wounded.',
      '',
      'An elder put the number of soldiers killed at 15.',
      '',
      'In a statement, the militants claimed that 30 soldiers had died.',
    ].join('\n');
    expect(placed(text)).toEqual([['2023-04-03', 'Buurhakaba', [8, 15, 30]]]);
  });

  it('places an attack on the road out of a town near that town', () => {
    const [attack] = incidentsOf(
      'Published: 20 March 2019\n\nOn 17 March, gunmen stopped a minibus on the Jalalabad-Torkham highway and shot dead three passengers.',
    ).incidents;
    expect([attack?.place?.name, attack?.place?.where_prec]).toEqual(['Jalālābād', 2]);
  });

  it('carries no place from one item of a list into the next', () => {
    const text = [
      'Kabul, 20 March 2019 - Most of the attacks the mission reports took place in Nangarhar, whose governor has asked for help:',
      '- On 15 March, mortar rounds landed on a wedding in Achin district, killing 11 civilians.',
      '- On 17 March, armed men stopped a minibus on the highway and shot dead three passengers.',
      '- On 18 March, a bomb exploded in a market in Nangarhar.',
    ].join('\n');
    // The second item names no place: it is the report's, not the district of the item before it.
    expect(placed(text).map(([day, place]) => [day, place])).toEqual([
      ['2019-03-15', 'Achīn'],
      ['2019-03-17', 'Nangarhar'],
      ['2019-03-18', 'Nangarhar'],
    ]);
  });

  it('makes an incident of a sentence that opens with another town, on the day its paragraph stated', () => {
    const text = [
      'The advance on Baghdad',
      '',
      'On 11 June 2014, the militants pushed south from Mosul. In Tikrit the fighters took the provincial government compound and freed prisoners.',
      '',
      'Samarra held out. The militants had taken Fallujah in January.',
    ].join('\n');
    expect(placed(text)).toEqual([['2014-06-11', 'Tikrīt', []]]);
  });
});

describe('buildIncidents: when and what the lead tells', () => {
  it('dates an incident by the day its figures were dated by, not the day a source spoke', () => {
    const text =
      'A rights group said on 25 April 2024 that soldiers shot dead at least 40 villagers in Kidal on 25 February 2024.';
    expect(incidentsOf(text).incidents.map((d) => d.date.start)).toEqual(['2024-02-25']);
  });

  it('gives an undated lead the one incident of its kind that a later paragraph dates', () => {
    const lead = 'Rights group says air strike on village school killed 11 children';
    const text = [
      lead,
      '',
      'An air strike on a village in the Sagaing region killed at least 11 children, a rights group said on Wednesday.',
      '',
      'The strike hit a school in the village on 16 September 2022, witnesses said.',
    ].join('\n');
    const { incidents } = incidentsOf(text);
    expect(incidents.map((d) => [d.date.start, d.sub_event_type, d.claims.map((c) => c.low)])).toEqual([
      ['2022-09-16', 'Air/drone strike', [11, 11]],
    ]);
  });

  it('makes no incident of a state or a running tally over weeks "since" a date', () => {
    const text = [
      'Published: 15 August 2023',
      '',
      'A drone strike hit a market in Finote Selam on Sunday, killing at least 30 people, doctors said.',
      '',
      'The army has been fighting the militia in the region since early August. A rights commission said last week that at least 183 people had been killed in the region since July.',
    ].join('\n');
    expect(incidentsOf(text).incidents.map((d) => [d.date.start, d.claims.map((c) => c.low)])).toEqual([
      ['2023-08-13', [30]],
    ]);
  });

  it('gives a claim of responsibility dated by its statement to the attack just told', () => {
    const text = [
      'Published: 9 September 2023',
      '',
      'Gunmen attacked a checkpoint in Kunduz on Thursday, killing seven police officers, officials said.',
      '',
      'The Taliban claimed responsibility for the attack in a statement on Friday.',
    ].join('\n');
    const { incidents } = incidentsOf(text);
    expect(incidents.map((d) => [d.date.start, d.side_a?.actor_id, d.claims.map((c) => c.low)])).toEqual([
      ['2023-09-07', 'taliban', [7]],
    ]);
  });

  it('keeps a total over the whole siege out of the incident told before it', () => {
    const text = [
      ...SIEGE_ARTICLE_HEAD,
      'On 9 April 2019, militants attacked the camp at Tessit, killing 11 soldiers.',
      '',
      '== Aftermath ==',
      'A total of 85 soldiers were killed during the siege, according to the army.',
    ].join('\n');
    expect(incidentsOf(text).incidents.map((d) => [d.date.start, d.claims.map((c) => c.low)])).toEqual([
      ['2019-04-09', [11]],
    ]);
  });

  it('places "the city" at the city the text named last, not at the district named just before', () => {
    const text = [
      '= Battle of Kunduz (2016) =',
      '',
      'Infobox',
      '- Conflict: Battle of Kunduz (2016)',
      '- Date: 3 October – 13 October 2016',
      '- Place: Kunduz, Afghanistan',
      '- Combatant1: Afghanistan',
      '- Combatant2: Taliban',
      '',
      'The battle was fought for Kunduz, the capital of Kunduz Province.',
      '',
      'In September the Taliban overran Imam Sahib district. On 3 October, Taliban fighters entered the city from three directions and killed 14 policemen.',
      '',
      'On 5 October, commandos arrived from Kabul, and 20 insurgents were killed in the fighting.',
    ].join('\n');
    const places = incidentsOf(text).incidents.map((d) => [d.date.start, d.place?.name]);
    expect(places).toEqual([
      ['2016-09-01', 'Imām Şāḩib'],
      ['2016-10-03', 'Kunduz'],
      ['2016-10-05', 'Kunduz'],
    ]);
  });

  it("adds a cited source's title to the incident it retells, and makes none of its own", () => {
    const text = [
      'On 12 March 2023, a bomb hidden in a motorcycle exploded outside the governor’s office in Herat, killing at least nine people.',
      '',
      'References',
      '1. "Herat blast: death toll rises to 11". Ariana News. 13 March 2023.',
      '2. "Car bomb kills four in Kandahar". Tolo News. 2 January 2021.',
    ].join('\n');
    const { incidents } = incidentsOf(text);
    expect(incidents.map((d) => [d.date.start, d.place?.name, d.claims.map((c) => [c.low, c.claimant])])).toEqual([
      [
        '2023-03-12',
        'Herāt',
        [
          [9, null],
          [11, 'Ariana News'],
        ],
      ],
    ]);
  });

  it('keeps a tally of the whole siege, or a running one, out of the incident the narrative last told', () => {
    // The siege's tally told after the narrative's last day, and on a day of its own.
    for (const tally of [
      'The army said that 30 soldiers had died since the start of the month. Observers later estimated that 40 civilians had been killed during the siege.',
      'In early May, a UN panel said 40 civilians had died during the siege.',
    ]) {
      const text = [
        ...SIEGE_ARTICLE_HEAD,
        'On 9 April 2019, militants overran an outpost at Tessit, killing 11 soldiers.',
        '',
        tally,
      ].join('\n');
      const { result, incidents } = incidentsOf(text);
      expect(incidents.map((d) => [d.date.start, d.claims.map((c) => c.low)])).toEqual([['2019-04-09', [11]]]);
      // Dated by the siege's own dates, whatever day it was told.
      expect(result.figures.find((f) => f.low === 40)?.date).toEqual({
        start: '2019-03-03',
        end: '2019-04-20',
        precision: 'range',
      });
    }
  });

  it("makes no incident of a campaign's toll that had risen, and one of a raid announced later", () => {
    const text = [
      '= Siege of Port Lindo =',
      '',
      'The siege of Port Lindo began on 2 May 2012.',
      '',
      'On 20 May, 11 sailors were killed when rebels shelled the harbour. A week later, the navy said the toll among the rebels had risen to 140.',
      '',
      'On 30 June, the navy announced that two rebel commanders had been killed in a raid.',
    ].join('\n');
    const { incidents } = incidentsOf(text);
    expect(incidents.map((d) => [d.date.start, d.claims.map((c) => c.low)])).toEqual([
      ['2012-05-20', [11]],
      ['2012-06-30', [2]],
    ]);
  });

  it("folds a headline that names no kind of event into its lead's incident of that day", () => {
    const text = [
      'Gunmen kill 9 at Pakistan quarry',
      '',
      'QUETTA, Pakistan, 6 July 2014 - Gunmen abducted and killed 9 quarry workers in southwestern Pakistan early on Sunday, police said.',
    ].join('\n');
    const { incidents } = incidentsOf(text);
    expect(incidents.map((d) => [d.date.start, d.event_type, d.claims.map((c) => c.low)])).toEqual([
      ['2014-07-06', 'Violence against civilians', [9, 9]],
    ]);
    // "QUETTA, Pakistan," is where the report was filed, "in southwestern Pakistan" where it happened:
    // Pakistan's forces are no side of it.
    expect(incidents[0]?.side_b?.actor_id).toBe('civilians');
  });

  it('takes "the town" of the prose from the prose, not from a commander named like a town', () => {
    const text = [
      '= Battle of Qasr al-Tin (2015) =',
      '',
      'Infobox',
      '- Conflict: Battle of Qasr al-Tin',
      '- Date: 2 – 20 June 2015',
      '- Place: Qasr al-Tin, Anbar Governorate, Iraq',
      '- Combatant1: Iraq',
      '- Combatant2: Islamic State',
      '- Commander1: Hassan Karim',
      '',
      'On 5 June 2015, army artillery shelled the town, killing 9 militants.',
    ].join('\n');
    const [incident] = incidentsOf(text).incidents;
    // Hassan is a city in India; Qasr al-Tin is no Al Qasr in Jordan: the incident is placed in Anbar.
    expect([incident?.place?.admin1, incident?.place?.country]).toEqual(['Anbar', 'IQ']);
  });

  it('types aircraft that struck as a strike from the air, sent by the state they belong to', () => {
    const text =
      'Published: 12 August 2018\n\nOn 11 August, American aircraft struck Taliban positions around Ghazni, killing 30 fighters.';
    const { incidents } = incidentsOf(text);
    expect(incidents.map((d) => [d.sub_event_type, d.side_a?.actor_id, d.side_b?.actor_id])).toEqual([
      ['Air/drone strike', 'us-forces', 'taliban'],
    ]);
  });

  it('places "Helmand\'s Nad Ali district" in the district, and reads deminers shot dead as civilians', () => {
    const text = [
      'Published: 21 March 2021',
      '',
      "Gunmen shot dead 5 deminers in Helmand's Nad Ali district on Saturday, police said.",
    ].join('\n');
    const [incident] = incidentsOf(text).incidents;
    expect([incident?.place?.admin2, incident?.event_type, incident?.side_b?.actor_id]).toEqual([
      'Nād ‘Alī',
      'Violence against civilians',
      'civilians',
    ]);
  });

  it('reads the dead "on both sides" as a clash between the sides, not an attack on civilians', () => {
    const text = [
      ...SIEGE_ARTICLE_HEAD,
      'Between 2 and 5 April, at least 60 people were killed on both sides near Tessit.',
    ].join('\n');
    expect(incidentsOf(text).incidents.map((d) => [d.event_type, d.side_b?.actor_id ?? null])).toEqual([
      ['Battles', null],
    ]);
  });

  it('adds figures of a later paragraph to the incident the paragraphs before went on telling', () => {
    const text = [
      'Published: 9 October 2020',
      '',
      'Date of incident: 6–7 October 2020',
      '',
      'At least 14 shepherds were killed when a drone strike hit their camp near Spin Boldak on the night of 6 October, officials said.',
      '',
      'A village elder said 16 bodies had been recovered, and that the men were unarmed.',
      '',
      'The Independent Human Rights Commission later confirmed 15 deaths and 9 injuries in the strike.',
    ].join('\n');
    const { incidents } = incidentsOf(text);
    expect(incidents.map((d) => [d.date.start, d.claims.map((c) => [c.kind, c.low])])).toEqual([
      [
        '2020-10-06',
        [
          ['killed', 14],
          ['killed', 16],
          ['killed', 15],
          ['injured', 9],
        ],
      ],
    ]);
  });

  it("gives a battle told only by its infobox the infobox's sides, and its rows as each side's dead", () => {
    const text = [
      '= Battle of Kell Crossing =',
      '',
      'Infobox',
      '- Conflict: Battle of Kell Crossing',
      '- Date: 10–14 May 2004',
      '- Place: Musa Qala, Helmand, Afghanistan',
      '- Combatant1: Taliban',
      '- Combatant2: Afghanistan',
      '- Casualties1: 60 killed',
      '- Casualties2: 25 killed, 40 wounded',
      '',
      'The battle was fought over a river crossing north of the town.',
    ].join('\n');
    const [incident] = incidentsOf(text).incidents;
    // "Afghanistan" in 2004 fights as its national forces.
    expect([incident?.side_a?.actor_id, incident?.side_b?.name]).toEqual([
      'taliban',
      'Afghan National Defense and Security Forces',
    ]);
    expect(incident?.claims.map((c) => [c.kind, c.low, c.category])).toEqual([
      ['killed', 60, 'side_a'],
      ['killed', 25, 'side_b'],
      ['injured', 40, 'side_b'],
    ]);
  });

  it("leaves out the war's first attack, recalled as background to a report of the latest", () => {
    const text = [
      'Published: 3 June 2024',
      '',
      'A strike on a tent camp in Rafah killed at least 17 people on Sunday, medics said.',
      '',
      'Israel says about 1,200 people were killed in the attack that started the war and 250 taken hostage.',
    ].join('\n');
    const { incidents } = incidentsOf(text);
    expect(incidents.map((d) => [d.date.start, d.claims.map((c) => c.low)])).toEqual([['2024-06-02', [17]]]);
  });

  it('makes no second incident of a statement, issued a day after, that tells the same event without a toll', () => {
    const text = [
      'Published: 30 November 2023',
      '',
      'Gunmen killed at least 30 soldiers in an ambush on a convoy near Diapaga on Sunday, security sources said.',
      '',
      'In a statement issued late Monday, the government said only that an attack had been repelled.',
    ].join('\n');
    const { incidents } = incidentsOf(text);
    expect(incidents.map((d) => d.date.start)).toEqual(['2023-11-26']);
  });

  it("gives the incident a side a later sentence names among the dead, and leaves out the battle's running total", () => {
    const text = [
      '= Battle of Farah (2018) =',
      '',
      'Infobox',
      '- Conflict: Battle of Farah',
      '- Date: 15–30 May 2018',
      '- Place: Farah, Farah Province, Afghanistan',
      '- Combatant1: Afghanistan',
      '- Combatant2: Taliban',
      '',
      'On 15 May 2018 Taliban fighters stormed the city of Farah from three sides.',
      'The governor said that 25 members of the security forces had been killed by the evening.',
      '',
      'According to UNAMA, the fighting killed 44 civilians between 15 and 29 May.',
    ].join('\n');
    const { incidents } = incidentsOf(text);
    expect(
      incidents.map((d) => [d.date.start, d.side_a?.actor_id, d.side_b?.actor_id, d.claims.map((c) => c.low)]),
    ).toEqual([['2018-05-15', 'taliban', 'ansf', [25]]]);
  });

  it('places a rights report by its story, not its bracketed dateline, and joins a later month-dated toll to it', () => {
    const text = [
      'Ethiopia: Soldiers Killed Dozens in Town',
      '',
      '(Nairobi, 4 April 2024) – Soldiers executed at least 45 civilians in Merawi on January 29, 2024, the group said today.',
      '',
      'The national human rights commission said in March that at least 45 civilians had been killed by soldiers in Merawi.',
    ].join('\n');
    const { incidents } = incidentsOf(text);
    expect(incidents.map((d) => [d.date.start, d.place?.name, d.claims.map((c) => c.low)])).toEqual([
      // The headline's "Dozens", the group's 45 and the commission's 45.
      ['2024-01-29', 'Mer’āwī', [null, 45, 45]],
    ]);
  });

  it('adds a toll raised "by evening" to the day\'s incident, where "By 1 July" opens a running tally', () => {
    const text = [
      'Published: 17 April 2024',
      '',
      'Missiles hit the centre of Chernihiv on Wednesday morning, killing at least 17 people, officials said.',
      '',
      'Rescuers searched the rubble of an eight-storey building through the day.',
      '',
      'By evening the emergency service had raised the death toll to 18.',
    ].join('\n');
    const { incidents } = incidentsOf(text);
    expect(incidents.map((d) => d.claims.map((c) => c.low))).toEqual([[17, 18]]);
  });

  it('makes no incident of people who fled over a week, nor of forces moved over a month', () => {
    const text = [
      'Published: 18 May 2024',
      '',
      'On 16 May, shelling hit a hospital in El Fasher, killing 3 patients.',
      '',
      'An estimated 40,000 people have fled their homes in the past week.',
      '',
      'Both sides have moved reinforcements into the area over the past month.',
    ].join('\n');
    expect(incidentsOf(text).incidents.map((d) => [d.date.start, d.event_type])).toEqual([
      ['2024-05-16', 'Explosions/Remote violence'],
    ]);
  });
});
