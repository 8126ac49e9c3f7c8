import { describe, expect, it } from 'vitest';
import { incidentsFromText } from '../../test/support/incidents-of.js';
import { extractDocument } from '../extract/extract-document.js';
import { estimateDeaths } from './estimate.js';
import { figureParts, figureSums } from './figure-parts.js';

const incidentsOf = incidentsFromText();

/** Each part as [its number, its whole's number]. */
function partsOf(text: string): [number | null, number | null][] {
  const { figures } = extractDocument(text);
  return [...figureParts(figures)].map(([part, whole]) => [figures[part]?.low ?? null, figures[whole]?.low ?? null]);
}

describe('figureParts', () => {
  it('reads a count after "including" or "among them" as part of the count before it', () => {
    expect(partsOf('A car bomb killed 14 people, including five police officers, in the market.')).toEqual([[5, 14]]);
    expect(partsOf('Shells killed 9 villagers, among them four women.')).toEqual([[4, 9]]);
    // The part belongs to the count it follows, not to the first of the sentence.
    expect(partsOf('The clash killed 30 soldiers and 12 civilians, including two aid workers.')).toEqual([[2, 12]]);
    // The whole's words may hold the part, and "of them" may follow it.
    expect(partsOf('At least 40 people, including 11 pupils, were killed.')).toEqual([[11, 40]]);
    expect(partsOf('Medics treated 27 wounded people, 12 of them women.')).toEqual([[12, 27]]);
    // Wounded among the wounded, not among the dead.
    expect(partsOf('The blast killed 6 people and wounded 40, among them 11 pupils.')).toEqual([[11, 40]]);
  });

  it('reads "Of the dead, ..." and "8 of the dead" as parts of the toll told before', () => {
    expect(partsOf('Gunmen killed 20 miners. Of the dead, seven were teenagers.')).toEqual([[7, 20]]);
    expect(partsOf('Shelling killed 25 civilians. Medics said 8 of the dead were children.')).toEqual([[8, 25]]);
    expect(partsOf('A bomb killed 13 people. Officials said the dead included four soldiers.')).toEqual([[4, 13]]);
    expect(partsOf('A truck bomb killed 31 people. Two aid workers were among the dead.')).toEqual([[2, 31]]);
  });

  it('takes no part where none is told, or where the part would be larger than the whole', () => {
    expect(partsOf('The ambush killed 12 soldiers and 4 civilians.')).toEqual([]);
    expect(partsOf('The army said 80 rebels died; the rebels said 9.')).toEqual([]);
    expect(partsOf('A mine killed 3 people, including 12 children.')).toEqual([]);
    expect(partsOf('An air strike killed 7 fighters. Residents said 4 civilians were also among the dead.')).toEqual(
      [],
    );
  });
});

/** Each run of counts told side by side, as their numbers. */
function sumsOf(text: string): (number | null)[][] {
  const { figures } = extractDocument(text);
  const runs = new Map<number, (number | null)[]>();
  for (const [j, first] of figureSums(figures, figureParts(figures)))
    runs.set(first, [...(runs.get(first) ?? []), figures[j]?.low ?? null]);
  return [...runs.values()];
}

describe('figureParts on a list after its whole', () => {
  it('reads a list set after people counted in general as their breakdown', () => {
    expect(partsOf('Shelling of the camp killed 10 people, six women and four children, aid workers said.')).toEqual([
      [6, 10],
      [4, 10],
    ]);
    // "Among them" says so whatever the whole counts; so does a list that adds up to the whole.
    expect(partsOf('Drones hit the depot and killed 21 guards, 8 conscripts and 2 officers among them.')).toEqual([
      [8, 21],
      [2, 21],
    ]);
    expect(partsOf('The raid killed 12 fighters, 9 Syrians and 3 Iraqis, the monitor said.')).toEqual([
      [9, 12],
      [3, 12],
    ]);
  });

  it('reads a breakdown after a colon, inside brackets, and a count told beside a part', () => {
    expect(partsOf('Officials said 41 people were killed: 33 miners and 8 guards.')).toEqual([
      [33, 41],
      [8, 41],
    ]);
    expect(partsOf('Fifteen people (eleven pilgrims and three drivers) died when the bus was shelled.')).toEqual([
      [11, 15],
      [3, 15],
    ]);
    expect(partsOf('Air strikes killed 26 people, including 12 children and 6 women, medics said.')).toEqual([
      [12, 26],
      [6, 26],
    ]);
  });

  it('takes men, women and children told side by side for what they are, and no list larger than its whole', () => {
    expect(partsOf('Gunmen entered the village and killed 19 men, 7 women and 5 children.')).toEqual([]);
    expect(partsOf('The blast killed 4 people, 6 women and 3 children, residents said.')).toEqual([]);
  });
});

describe('figureSums', () => {
  it('adds counts of different people joined by "and" or a comma', () => {
    expect(sumsOf('Rebels overran the garrison, killing 17 soldiers and 36 volunteers, the army said.')).toEqual([
      [17, 36],
    ]);
    expect(sumsOf('Gunmen killed 19 men, 7 women and 5 children in the village.')).toEqual([[19, 7, 5]]);
    expect(sumsOf('Two medics as well as three patients died when the clinic was shelled.')).toEqual([[2, 3]]);
  });

  it('adds nothing that two sources tell, that differs in kind, or that breaks down a whole', () => {
    expect(sumsOf('Police said 12 people died in the blast and the hospital said 15.')).toEqual([]);
    expect(sumsOf('At least 12 people and possibly as many as 20 died in the blast.')).toEqual([]);
    expect(sumsOf('The shelling killed 9 fishermen and wounded 12 others.')).toEqual([]);
    expect(sumsOf('A bomb killed 14 people, including five police officers and two children.')).toEqual([]);
    expect(sumsOf('Shelling of the camp killed 10 people, six women and four children.')).toEqual([]);
    expect(sumsOf('The strike killed between 8 and 12 people.')).toEqual([]);
  });
});

describe('an infobox row of several states’ losses', () => {
  const text = [
    '= Battle of Tarin Ridge =',
    '',
    'Infobox',
    '- Conflict: Battle of Tarin Ridge',
    '- Date: 14–15 August 2009',
    '- Location: Tarin Kowt, Uruzgan Province, Afghanistan',
    '- Combatant1: Netherlands',
    '- Combatant2: Taliban',
    '- Casualties1: 3 killed, 8 wounded (Netherlands); 2 killed (Australia); 1 killed (United States)',
    '- Casualties2: 40–60 killed (ISAF claim); 12 killed (Taliban claim)',
    '',
    'On 14 August 2009 Dutch and Australian troops fought insurgents on the ridge above Tarin Kowt.',
    '',
  ].join('\n');

  it('adds each state’s dead, and keeps the other side’s sources as alternatives', () => {
    expect(sumsOf(text)).toEqual([[3, 2, 1]]);
    const [battle] = incidentsOf(text);
    const deaths = estimateDeaths(battle?.claims ?? []);
    expect([deaths.side_a.best, deaths.side_b.low, deaths.side_b.best, deaths.side_b.high]).toEqual([6, 12, 12, 60]);
    expect(deaths.total).toEqual({ low: 18, best: 18, high: 66 });
  });

  it('gives a battle told without its sides the sides the infobox names', () => {
    const [battle] = incidentsOf(text);
    expect([battle?.side_a?.name, battle?.side_b?.name]).toEqual([
      expect.stringMatching(/Netherlands|Dutch/),
      'Taliban',
    ]);
  });
});

describe('an incident told with counts side by side', () => {
  it('estimates its deaths as their sum, and another source as an alternative to it', () => {
    const [incident] = incidentsOf(
      'EL FASHER, 9 June 2024 - Paramilitary fighters shelled a hospital in El Fasher on Sunday, killing four nurses and eleven patients, the health ministry said. A monitoring group put the toll at 22.',
    );
    expect(incident?.claims.map((c) => [c.low, c.sum_group !== null])).toEqual([
      [4, true],
      [11, true],
      [22, false],
    ]);
    // The nurses and patients are civilians; the group's toll names no side, and so stays a reading
    // of the whole beside their sum.
    expect(estimateDeaths(incident?.claims ?? []).total).toEqual({ low: 15, best: 22, high: 22 });
  });

  it('counts a breakdown once, as its whole', () => {
    const [incident] = incidentsOf(
      'GOMA, 3 May 2024 - Two shells struck a displacement camp near Goma on Friday and killed 10 people, six women and four children, the UN said.',
    );
    expect(estimateDeaths(incident?.claims ?? []).total).toEqual({ low: 10, best: 10, high: 10 });
  });
});

describe('an incident told with the parts of its toll', () => {
  it('estimates its deaths from the whole, the parts lowering nothing', () => {
    const [incident] = incidentsOf(
      'HERAT, 3 June 2022 - A roadside bomb killed at least 14 people, including five police officers, on the road to Shindand on Thursday, officials said.',
    );
    expect(incident?.claims.map((c) => c.low)).toEqual([14]);
    expect(estimateDeaths(incident?.claims ?? []).total).toEqual({ low: 14, best: 14, high: 14 });
  });

  it('keeps two sources on the whole side by side, without the part', () => {
    const [incident] = incidentsOf(
      'KUNDUZ, 9 May 2021 - A mortar round killed 11 people in Kunduz on Saturday, police said. Of the dead, six were children. A hospital official put the toll at 13.',
    );
    expect(incident?.claims.map((c) => c.low)).toEqual([11, 13]);
    const { low, high } = estimateDeaths(incident?.claims ?? []).total;
    expect([low, high]).toEqual([11, 13]);
  });
});

describe('an incident told as another', () => {
  it('stands apart when a sentence says it is separate, though it shares the day and the town', () => {
    const incidents = incidentsOf(
      'GHAZNI, 2 July 2020 - A car bomb killed 8 soldiers at a base in Ghazni on Wednesday, officials said.\n\nIn a separate incident the same day, 3 farmers were killed by a mortar round near Ghazni, residents said.',
    );
    expect(incidents.map((d) => [d.date.start, d.sub_event_type, d.claims.map((c) => c.low)])).toEqual([
      ['2020-07-01', 'Remote explosive/landmine/IED', [8]],
      ['2020-07-01', 'Shelling/artillery/missile attack', [3]],
    ]);
  });

  it('still tells an event dated "the previous day", which recalls no earlier event', () => {
    const incidents = incidentsOf(
      'KANDAHAR, 5 April 2019 - Gunmen killed 4 policemen in Kandahar on Thursday, police said. On the previous day, a drone struck a car in Spin Boldak, killing two men.',
    );
    expect(incidents.map((d) => [d.date.start, d.claims.map((c) => c.low)])).toEqual([
      ['2019-04-04', [4]],
      ['2019-04-03', [2]],
    ]);
  });
});

describe('a part told after where its whole was counted', () => {
  it('is part of the whole: "22 bodies from the rubble, among them three children"', () => {
    expect(partsOf('Rescuers pulled 19 bodies from the rubble, among them six children.')).toEqual([[6, 19]]);
    expect(partsOf('Gunmen killed 11 people in the village, including 2 women.')).toEqual([[2, 11]]);
    // A clause of its own between them is no place: the later count is no part.
    expect(
      partsOf('Gunmen killed 11 people in the village, and police said 4 children died in a second raid.'),
    ).toEqual([]);
  });
});
