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
