import type { Incident } from '../../core/incident.js';

/** An extracted incident with every field set, for format tests to vary. */
export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 12,
    date: { start: '2018-07-16', end: '2018-07-18', precision: 'range' },
    place: {
      name: 'Darzab',
      gazetteer_id: 'geonames:adm2:AF.24.1',
      lat: 36.0464,
      lon: 65.5167,
      admin1: 'Jowzjan',
      admin2: 'Darzab',
      country: 'AF',
      where_prec: 3,
      approximate: true,
    },
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    violence_type: 2,
    side_a: 'Taliban',
    side_b: 'ISKP',
    actors: [
      { actor_id: 'taliban', name: 'Taliban', inter: null, state: false, side: 'a' },
      { actor_id: 'iskp', name: 'ISKP', inter: null, state: false, side: 'b' },
    ],
    deaths: { low: 200, best: 250, high: 250 },
    deaths_by: { side_a: null, side_b: null, civilians: null, unknown: 250 },
    claims: [
      {
        figure_id: 3,
        document_id: 7,
        kind: 'killed',
        low: 250,
        high: 250,
        qualifier: 'about',
        vague: null,
        category: 'unknown',
        claimant: 'the provincial governor',
        source: null,
        evidence: { start: 10, end: 20, text: '250 dead' },
        sum_group: null,
      },
    ],
    sources: [{ document_id: 7, start: 0, end: 60, text: 'Jawzjan: 250 dead in ongoing Taliban-Daesh clashes' }],
    summary: 'Jawzjan: 250 dead in ongoing Taliban-Daesh clashes',
    dataset: 'tally',
    dataset_id: null,
    ...overrides,
  };
}
