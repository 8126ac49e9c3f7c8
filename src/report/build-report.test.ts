import { describe, expect, it } from 'vitest';
import type { Grade } from '../core/grade.js';
import { buildReport, figureText } from './build-report.js';
import { renderReport } from './render-report.js';
import type { ReportIncident, ReportInput, ReportSource } from './report-model.js';
import { decodeCountries } from './world-outlines.js';

// Two documents about shelling in eastern Ukraine, written for this test.
const DOC_1 =
  'KRAMATORSK, April 9 (Example Wire) - Rockets hit the railway station in Kramatorsk on 8 April 2022, killing 52 civilians, regional officials said.';
const DOC_2 = 'The <Monitoring> Group said at least 50 people died at the station & more were wounded.';

/** Where `words` stand in a document whose text starts at `offset`. */
function span(text: string, offset: number, words: string) {
  const start = offset + text.indexOf(words);
  return { start, end: start + words.length, text: words };
}

function incident(id: number, grade: Grade, over: Partial<ReportIncident> = {}): ReportIncident {
  return {
    id,
    date: { start: '2022-04-08', end: '2022-04-08', precision: 'day' },
    place: {
      name: 'Kramatorsk',
      gazetteer_id: 'x',
      lat: 48.72,
      lon: 37.56,
      admin1: 'Donetsk',
      admin2: null,
      country: 'UA',
      where_prec: 1,
      approximate: false,
    },
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Shelling/artillery/missile attack',
    violence_type: 1,
    side_a: 'Russian Armed Forces',
    side_b: 'Civilians',
    actors: [],
    deaths: { low: 50, best: 52, high: 52 },
    deaths_by: { side_a: null, side_b: null, civilians: 52, unknown: null },
    claims: [
      {
        figure_id: 1,
        document_id: 1,
        kind: 'killed',
        low: 52,
        high: 52,
        qualifier: 'exact',
        vague: null,
        category: 'civilians',
        claimant: 'regional officials',
        source: null,
        evidence: span(DOC_1, 40, 'killing 52 civilians'),
        sum_group: null,
      },
      {
        figure_id: null,
        document_id: 2,
        kind: 'killed',
        low: 50,
        high: null,
        qualifier: 'at_least',
        vague: null,
        category: 'unknown',
        claimant: 'The <Monitoring> Group',
        source: null,
        evidence: span(DOC_2, 0, 'at least 50 people died'),
        sum_group: null,
      },
    ],
    sources: [{ document_id: 2, start: 0, end: DOC_2.length, text: DOC_2 }],
    summary: '',
    dataset: 'tally',
    dataset_id: null,
    grade: { grade, sources: 2, reason: 'two sources', computed: grade, party_claimants: [], override: null },
    ...over,
  };
}

const sources = new Map<number, ReportSource>([
  [
    1,
    {
      id: 1,
      title: 'Station hit',
      publisher: 'Example Wire',
      published: '2022-04-09',
      location: 'https://example.test/1',
      type: 'news',
    },
  ],
  [2, { id: 2, title: 'Statement <b>', publisher: null, published: null, location: 'statement.txt', type: 'un_ngo' }],
]);

const input = (incidents: ReportIncident[]): ReportInput => ({
  title: 'Donetsk <2022>',
  scope: ['province Donetsk'],
  generatedAt: '2026-01-01T00:00:00Z',
  incidents,
  sources,
  sentences: new Map([[1, { start: 40, end: 40 + DOC_1.length, text: DOC_1 }]]),
});

describe('the report', () => {
  it('counts standing incidents in its tables and lists discounted ones without counting them', () => {
    const later = incident(2, 'weak', { date: { start: '2022-05-02', end: '2022-05-02', precision: 'day' } });
    const model = buildReport(input([incident(1, 'confirmed'), later, incident(3, 'discounted')]));
    expect(model.sections).toHaveLength(3);
    expect(model).toMatchObject({ counted: 2, discounted: 1 });
    expect(model.totals).toMatchObject({ incidents: 2, low: 100, best: 104, high: 104, withBest: 2 });
    expect(model.byMonth.map((m) => [m.key, m.incidents])).toEqual([
      ['2022-04', 1],
      ['2022-05', 1],
    ]);
    expect(model.byGrade.find((g) => g.grade === 'discounted')?.incidents).toBe(1);
    expect(model.period).toEqual({ start: '2022-04-08', end: '2022-05-02' });
  });

  it('never counts an unknown toll as zero in the best sum', () => {
    const unknown = incident(2, 'weak', { deaths: { low: null, best: null, high: null } });
    expect(buildReport(input([incident(1, 'fair'), unknown])).totals).toMatchObject({
      best: 52,
      withBest: 1,
      incidents: 2,
    });
  });

  it('footnotes each claim with its source and the sentence, the figure marked, and numbers them through', () => {
    const model = buildReport(input([incident(1, 'fair'), incident(2, 'fair')]));
    expect(model.sections.flatMap((s) => s.claims.map((c) => c.footnote))).toEqual([1, 2, 3, 4]);
    const [first, second] = model.sections[0]?.footnotes ?? [];
    expect(first?.sentence).toBe(DOC_1);
    expect(first && DOC_1.slice(first.evidence?.start, first.evidence?.end)).toBe('killing 52 civilians');
    // No stored figure: the incident's passage that holds the claim's words.
    expect(second?.sentence).toBe(DOC_2);
    expect(second && DOC_2.slice(second.evidence?.start, second.evidence?.end)).toBe('at least 50 people died');
  });

  it('renders one self-contained, escaped, accessible HTML document whose footnote links resolve', () => {
    const html = renderReport(buildReport(input([incident(1, 'contested')])), []);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain('<title>Donetsk &lt;2022&gt;</title>');
    expect(html).not.toMatch(/<Monitoring>|<b>/);
    expect(html).toContain('The &lt;Monitoring&gt; Group');
    expect(html).toContain('&amp; more were wounded');
    // Nothing loads from elsewhere: no script, no external stylesheet, image or font.
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    for (const [, target] of html.matchAll(/href="#(fn-\d+|fnref-\d+)"/g)) expect(html).toContain(`id="${target}"`);
    expect(html).toContain('<mark>killing 52 civilians</mark>');
    expect(html).toMatch(/<caption>Deaths by province<\/caption>/);
    expect(html).toMatch(/<th scope="col"/);
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html).toMatch(/\.incident \{ break-before: page/);
    expect(html).toContain('<svg class="timeline"');
    expect(html).toContain('<svg class="map"');
  });

  it('writes figures as a reader would', () => {
    expect(figureText(12, null, 'at_least', null)).toBe('at least 12');
    expect(figureText(null, 30, 'up_to', null)).toBe('up to 30');
    expect(figureText(23, 150, 'range', null)).toBe('23–150');
    expect(figureText(null, null, 'vague', 'dozens')).toBe('dozens');
  });

  it('decodes TopoJSON arcs, walking a negative index backwards', () => {
    const [square] = decodeCountries({
      transform: { scale: [1, 1], translate: [0, 0] },
      arcs: [
        [
          [0, 0],
          [1, 0],
          [0, 1],
        ],
        [
          [0, 0],
          [0, 1],
        ],
      ],
      objects: { countries: { geometries: [{ type: 'Polygon', arcs: [[0, ~1]], properties: { name: 'Sq' } }] } },
    });
    expect(square?.rings[0]).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ]);
  });
});
