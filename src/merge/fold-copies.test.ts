import { describe, expect, it } from 'vitest';
import type { ResolvedPlace } from '../core/incident.js';
import { foldCopies } from './fold-copies.js';
import type { DraftIncident } from './incident-draft.js';

function place(name: string, where_prec: number, admin1: string, admin2: string | null = null): ResolvedPlace {
  return {
    name,
    gazetteer_id: `test:${name}`,
    lat: 0,
    lon: 0,
    admin1,
    admin2,
    country: 'UA',
    where_prec,
    approximate: false,
  };
}

let at = 0;
function draft(start: string, end: string, where: ResolvedPlace | null, type = 'Battles'): DraftIncident {
  at += 100;
  return {
    date: { start, end, precision: start === end ? 'day' : 'range' },
    place: where,
    event_type: type as DraftIncident['event_type'],
    sub_event_type: 'Armed clash',
    violence_type: null,
    side_a: null,
    side_b: null,
    claims: [],
    sources: [{ start: at, end: at + 50, text: `${start} ${where?.name ?? 'nowhere'}` }],
    summary: '',
    undated: false,
  };
}

const join = (into: DraftIncident, other: DraftIncident) => {
  into.sources.push(...other.sources);
};

const izium = place('Izium', 1, 'Kharkiv Oblast', 'Izium Raion');
const oblast = place('Kharkiv Oblast', 4, 'Kharkiv Oblast');

describe('foldCopies', () => {
  it('folds a copy with no place, or only the province, into the day at the town', () => {
    const day = draft('2022-05-03', '2022-05-03', izium);
    const nowhere = draft('2022-05-03', '2022-05-03', null);
    const province = draft('2022-05-03', '2022-05-03', oblast);
    const kept = foldCopies([nowhere, day, province], join);
    expect(kept).toEqual([day]);
    expect(day.sources).toHaveLength(3);
  });

  it('folds a month-long copy at the same place into the day, not one at another place or of another kind', () => {
    const day = draft('2022-05-03', '2022-05-03', izium);
    const month = draft('2022-05-01', '2022-05-31', izium);
    const elsewhere = draft('2022-05-01', '2022-05-31', place('Odesa', 1, 'Odesa Oblast'));
    const protest = draft('2022-05-01', '2022-05-31', izium, 'Protests');
    expect(foldCopies([month, day, elsewhere, protest], join)).toEqual([day, elsewhere, protest]);
  });

  it('keeps two days apart, and two towns of one day apart', () => {
    const a = draft('2022-05-03', '2022-05-03', izium);
    const b = draft('2022-05-04', '2022-05-04', izium);
    const c = draft('2022-05-03', '2022-05-03', place('Balakliia', 1, 'Kharkiv Oblast', 'Izium Raion'));
    expect(foldCopies([a, b, c], join)).toEqual([a, b, c]);
  });
});
