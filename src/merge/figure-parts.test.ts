import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocument, extractDocumentDetailed } from '../extract/extract-document.js';
import { createActorIndex } from '../resolve/actors.js';
import { loadActorRegistry, loadShippedGazetteer } from '../resolve/load-resolve-data.js';
import { buildIncidents, type Resolvers } from './build-incidents.js';
import { estimateDeaths } from './estimate.js';
import { figureParts } from './figure-parts.js';

let resolvers: Resolvers;
beforeAll(async () => {
  resolvers = { gazetteer: await loadShippedGazetteer(), actors: createActorIndex(await loadActorRegistry()) };
});

function incidentsOf(text: string) {
  const { result, passages } = extractDocumentDetailed(text, { published: null });
  return buildIncidents(text, result, passages, resolvers);
}

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
