import { describe, expect, it } from 'vitest';
import {
  datesOverlap,
  explainMatch,
  type IncidentKey,
  pickPlacelessMatch,
  pickUndatedMatch,
  sameIncident,
  samePlace,
} from './match-incidents.js';

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

  it('merges when only one report names the parties, an unidentified group naming none', () => {
    const unnamed = { ...balkhab, actor_ids: ['unidentified-armed-group'] };
    expect(sameIncident(balkhab, unnamed)).toBe(true);
    expect(sameIncident(balkhab, { ...balkhab, actor_ids: ['iskp'] })).toBe(false);
  });

  it('merges two readings of one act of violence, never violence with a truce or a protest', () => {
    const bombing = { ...balkhab, event_type: 'Explosions/Remote violence' };
    expect(sameIncident(bombing, { ...balkhab, event_type: 'Violence against civilians' })).toBe(true);
    expect(sameIncident(bombing, { ...balkhab, event_type: 'Strategic developments' })).toBe(false);
    expect(sameIncident(bombing, { ...balkhab, event_type: 'Protests' })).toBe(false);
  });

  it('says why two reports were merged: dates, place, kind and parties', () => {
    const next = { ...balkhab, date_start: '2022-06-24', date_end: '2022-06-24', actor_ids: [], event_type: 'Battles' };
    const reason = explainMatch(next, { ...balkhab, event_type: 'Battles', place_name: 'Balkhab' });
    expect(reason.date).toBe('2022-06-24 is within a day of 2022-06-23');
    expect(reason.place).toMatch(/^same place/);
    expect(reason.event).toBe('same kind of event: Battles');
    expect(reason.parties).toBe('this report names no party; the incident has taliban, mahdi-mujahid-forces');
  });

  it('gives a report without a place to the one incident of its dates, kind and parties, else to none', () => {
    const nowhere: IncidentKey = {
      ...balkhab,
      gazetteer_id: null,
      admin1: null,
      admin2: null,
      lat: null,
      lon: null,
      where_prec: null,
      actor_ids: ['taliban'],
      event_type: 'Battles',
    };
    const here = { ...balkhab, id: 1, event_type: 'Battles' };
    expect(pickPlacelessMatch(nowhere, [here])?.id).toBe(1);
    expect(pickPlacelessMatch(nowhere, [here, { ...here, id: 2, gazetteer_id: 'elsewhere' }])).toBeNull();
    expect(pickPlacelessMatch({ ...nowhere, actor_ids: [] }, [here])).toBeNull();
    expect(pickPlacelessMatch({ ...nowhere, event_type: 'Protests' }, [here])).toBeNull();
    expect(explainMatch(nowhere, { ...here, place_name: 'Balkhab' }).place).toMatch(/^this report names no place/);
  });
});
