import { describe, expect, it } from 'vitest';
import type { DocumentLabel } from '../store/incident-pages.js';
import { gedDatePrec } from './date-codes.js';
import { GED_COLUMNS, gedRecord, priogridGid } from './ged-format.js';
import { makeIncident } from './testing/make-incident.js';

const DOCS = new Map<number, DocumentLabel>([
  [
    7,
    {
      id: 7,
      title: 'Jawzjan: 250 dead, officials say',
      source: 'pajhwok.txt',
      publisher: 'Pajhwok',
      published: '2018-07-18',
    },
  ],
]);
const row = (overrides = {}) => {
  const values = gedRecord(makeIncident(overrides), { documents: DOCS, actors: null });
  return Object.fromEntries(GED_COLUMNS.map((c, n) => [c, values[n]]));
};

describe('UCDP GED columns', () => {
  it('has the 49 standard columns in the standard order', () => {
    expect(GED_COLUMNS).toHaveLength(49);
    expect(GED_COLUMNS.slice(0, 6)).toEqual(['id', 'relid', 'year', 'active_year', 'code_status', 'type_of_violence']);
    expect(GED_COLUMNS.slice(-9)).toEqual([
      'deaths_a',
      'deaths_b',
      'deaths_civilians',
      'deaths_unknown',
      'best',
      'high',
      'low',
      'gwnoa',
      'gwnob',
    ]);
  });

  it('numbers PRIO-GRID cells row by row from the south-west corner, starting at 1', () => {
    expect(priogridGid(-89.9, -179.9)).toBe(1);
    expect(priogridGid(-89.9, 179.9)).toBe(720);
    expect(priogridGid(-89.4, -179.9)).toBe(721);
    // The cell a published PRIO-GRID implementation gives for this point.
    expect(priogridGid(10.51, 2.29)).toBe(145085);
    expect(priogridGid(90, 180)).toBe(259200);
  });

  it('codes date precision from the span the dates cover', () => {
    const d = (start: string, end: string, precision = 'range') => gedDatePrec({ start, end, precision });
    expect(d('2018-07-16', '2018-07-16', 'day')).toBe(1);
    expect(d('2018-07-16', '2018-07-18')).toBe(2);
    expect(d('2018-07-16', '2018-07-22')).toBe(3);
    expect(d('2018-07-01', '2018-07-31', 'month')).toBe(4);
    expect(d('2018-07-01', '2018-07-20')).toBe(4);
    expect(d('2018-01-01', '2018-12-31', 'year')).toBe(5);
    expect(d('2018-05-01', '2018-07-20')).toBe(5);
  });

  it('writes an extracted incident with its place, codes, sources and estimates', () => {
    expect(row()).toMatchObject({
      id: 12,
      year: 2018,
      type_of_violence: 2,
      dyad_name: 'Taliban - ISKP',
      number_of_sources: 1,
      source_article: 'Pajhwok 2018-07-18 "Jawzjan: 250 dead, officials say"',
      source_office: 'Pajhwok',
      source_date: '2018-07-18',
      source_original: 'the provincial governor',
      where_prec: 3,
      where_coordinates: 'Darzab',
      adm_1: 'Jowzjan',
      geom_wkt: 'POINT(65.5167 36.0464)',
      priogrid_gid: priogridGid(36.0464, 65.5167),
      country: 'Afghanistan',
      country_id: 700,
      region: 'Asia',
      date_prec: 2,
      deaths_unknown: 250,
      best: 250,
      high: 250,
      low: 200,
      conflict_new_id: null,
      gwnoa: null,
    });
  });

  it("keeps a GED incident's own id and names Yemen as UCDP does, with its Gleditsch-Ward number", () => {
    const yemen = row({
      dataset: 'ucdp-ged 19.1',
      dataset_id: '146683',
      side_a: 'Government of Yemen (North Yemen)',
      place: { ...makeIncident().place, country: 'YE', name: "Sana'a" },
    });
    expect(yemen).toMatchObject({ id: '146683', country: 'Yemen (North Yemen)', country_id: 678, gwnoa: 678 });
  });

  it('leaves the point columns empty for an incident without coordinates', () => {
    expect(row({ place: null })).toMatchObject({ latitude: null, longitude: null, geom_wkt: null, priogrid_gid: null });
  });
});
