import { beforeAll, describe, expect, it } from 'vitest';
import { type ActorIndex, createActorIndex } from '../resolve/actors.js';
import { loadActorRegistry } from '../resolve/load-resolve-data.js';
import { ACLED_COLUMNS, acledRecord, fatalities, geoPrecision, interaction, wherePrecOfGeo } from './acled-format.js';
import { acledDate, acledRange } from './date-codes.js';
import { makeIncident } from './testing/make-incident.js';

let actors: ActorIndex;
beforeAll(async () => {
  actors = createActorIndex(await loadActorRegistry());
});

const row = (overrides = {}) => {
  const values = acledRecord(makeIncident(overrides), { documents: new Map(), actors });
  return Object.fromEntries(ACLED_COLUMNS.map((c, n) => [c, values[n]]));
};

describe('ACLED columns and codes', () => {
  it('has the 31 columns of an ACLED export in order', () => {
    expect(ACLED_COLUMNS).toHaveLength(31);
    expect(ACLED_COLUMNS[0]).toBe('event_id_cnty');
    expect(ACLED_COLUMNS.at(-3)).toBe('fatalities');
  });

  it('counts fatalities conservatively: the low estimate, else the best, else 0', () => {
    expect(fatalities(makeIncident())).toBe(200);
    expect(fatalities(makeIncident({ deaths: { low: null, best: 9, high: 12 } }))).toBe(9);
    expect(fatalities(makeIncident({ deaths: { low: null, best: null, high: null } }))).toBe(0);
  });

  it('joins two actor types lower first, and a lone actor as its type times ten', () => {
    expect(interaction(3, 1)).toBe(13);
    expect(interaction(2, 7)).toBe(27);
    expect(interaction(1, null)).toBe(10);
    expect(interaction(null, null)).toBeNull();
  });

  it('maps where_prec onto geo_precision and back', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(geoPrecision)).toEqual([1, 2, 2, 3, 3, 3, 3]);
    for (const geo of [1, 2, 3] as const) expect(geoPrecision(wherePrecOfGeo(geo))).toBe(geo);
  });

  it('codes a day, a week and a month as ACLED does, and reads them back to the same range', () => {
    const day = { start: '2021-05-14', end: '2021-05-14', precision: 'day' as const };
    const week = { start: '2021-05-11', end: '2021-05-17', precision: 'range' as const };
    const month = { start: '2021-05-01', end: '2021-05-31', precision: 'month' as const };
    expect(acledDate(day)).toEqual({ event_date: '2021-05-14', time_precision: 1 });
    expect(acledDate(week)).toEqual({ event_date: '2021-05-14', time_precision: 2 });
    expect(acledDate(month)).toMatchObject({ time_precision: 3 });
    for (const range of [day, week, month]) {
      const { event_date, time_precision } = acledDate(range);
      expect(acledRange(event_date, time_precision)).toEqual(range);
    }
  });

  it('writes an extracted incident with inter codes from the actor registry', () => {
    expect(row()).toMatchObject({
      event_id_cnty: 'TALLY12',
      event_date: '2018-07-17',
      time_precision: 2,
      disorder_type: 'Political violence',
      actor1: 'Taliban',
      inter1: 2,
      actor2: 'ISKP',
      inter2: 2,
      interaction: 22,
      civilian_targeting: null,
      iso: 4,
      country: 'Afghanistan',
      region: 'South Asia',
      location: 'Darzab',
      geo_precision: 2,
      notes: 'Jawzjan: 250 dead in ongoing Taliban-Daesh clashes',
      fatalities: 200,
    });
  });

  it('marks violence against civilians as civilian targeting and keeps an ACLED id', () => {
    const attack = row({
      event_type: 'Violence against civilians',
      sub_event_type: 'Attack',
      dataset: 'acled',
      dataset_id: 'AFG12002',
    });
    expect(attack).toMatchObject({ event_id_cnty: 'AFG12002', civilian_targeting: 'Civilian targeting' });
  });
});
