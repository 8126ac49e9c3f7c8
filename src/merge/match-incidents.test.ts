import { describe, expect, it } from 'vitest';
import { datesOverlap, type IncidentKey, pickUndatedMatch, sameIncident, samePlace } from './match-incidents.js';

const balkhab: IncidentKey = {
  date_start: '2022-06-23',
  date_end: '2022-06-23',
  gazetteer_id: 'af-district-balkhab',
  lat: 35.6,
  lon: 66.6,
  admin1: 'Sar-e Pol',
  admin2: 'Balkhab',
  where_prec: 3,
  actor_ids: ['taliban', 'mahdi-mujahid-forces'],
};

describe('matching incidents across reports', () => {
  it('joins the same day at a village inside the same district', () => {
    const village = {
      ...balkhab,
      gazetteer_id: 'af-village-x',
      where_prec: 1,
      lat: 35.7,
      lon: 66.5,
      date_start: '2022-06-24',
      date_end: '2022-06-24',
    };
    expect(sameIncident(balkhab, village)).toBe(true);
  });

  it('keeps apart different weeks, different districts and disjoint parties', () => {
    expect(datesOverlap(balkhab, { ...balkhab, date_start: '2022-07-03', date_end: '2022-07-03' })).toBe(false);
    expect(
      samePlace(balkhab, { ...balkhab, gazetteer_id: 'af-district-darzab', admin2: 'Darzab', admin1: 'Jowzjan' }),
    ).toBe(false);
    expect(sameIncident(balkhab, { ...balkhab, actor_ids: ['iskp'] })).toBe(false);
    expect(samePlace(balkhab, { ...balkhab, gazetteer_id: null, admin2: null, admin1: null, where_prec: null })).toBe(
      false,
    );
  });

  it('joins two points within 25 km but not 60 km apart', () => {
    const a = { ...balkhab, gazetteer_id: 'p1', where_prec: 1 };
    expect(samePlace(a, { ...a, gazetteer_id: 'p2', lat: 35.7 })).toBe(true);
    expect(samePlace(a, { ...a, gazetteer_id: 'p2', lat: 36.15, admin2: 'Other' })).toBe(false);
  });

  it('gives an undated report the earliest dated incident with the same place and parties', () => {
    const undated = { ...balkhab, date_start: '', date_end: '', actor_ids: ['taliban'] };
    const later = { ...balkhab, date_start: '2022-07-03', date_end: '2022-07-03' };
    expect(pickUndatedMatch(undated, [later, balkhab])).toBe(balkhab);
    expect(pickUndatedMatch({ ...undated, actor_ids: ['nrf'] }, [later, balkhab])).toBeNull();
  });
});
