import { escapeHtml as e } from './escape-html.js';
import { renderMap, renderTimeline } from './render-svg.js';
import type { Footnote, ReportModel, ReportSection, ReportSource, SummaryRow } from './report-model.js';
import { REPORT_CSS } from './report-style.js';
import type { CountryOutline } from './world-outlines.js';

const SOURCE_TYPE_NAMES: Record<ReportSource['type'], string> = {
  un_ngo: 'UN or NGO',
  news: 'news',
  party: 'party to the conflict',
  encyclopedia: 'encyclopedia',
  social_media: 'social media',
  unknown: 'source type unknown',
};

/**
 * The report as one HTML document that needs nothing else: styles, map and timeline inline, no script,
 * no remote resource. Every text that came from a source or a user is escaped.
 */
export function renderReport(model: ReportModel, outlines: readonly CountryOutline[]): string {
  const period = model.period ? `${model.period.start} to ${model.period.end}` : 'no incidents';
  // Discounted incidents are listed but drawn nowhere, as they are counted nowhere.
  const incidents = model.sections.map((s) => s.incident).filter((i) => i.grade.grade !== 'discounted');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Tally">`,
    `<title>${e(model.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="cover">',
    `<h1>${e(model.title)}</h1>`,
    `<p class="meta">Period: <strong>${e(period)}</strong>. ${model.sections.length} incidents listed, ${model.counted} counted${model.discounted > 0 ? ` (${model.discounted} discounted, listed but not counted)` : ''}.</p>`,
    `<p class="meta">Selection: ${e(model.scope.length > 0 ? model.scope.join('; ') : 'every standing incident')}. Made by Tally on ${e(model.generatedAt.slice(0, 16).replace('T', ' '))} UTC.</p>`,
    '<p class="meta">Deaths are summed separately for the low, best and high estimates, each over the incidents that state it; "with best" says how many incidents the best sum stands on, so an unknown toll is never counted as zero. Grades follow the rule in Tally\'s methodology (section 7).</p>',
    renderContents(model),
    '</header>',
    '<main>',
    '<section aria-labelledby="summary">',
    '<h2 id="summary">Summary</h2>',
    summaryTable('All incidents', 'Total', [model.totals]),
    gradeTable(model),
    '<div class="summary-grid">',
    summaryTable('Deaths by month', 'Month', model.byMonth),
    summaryTable('Deaths by event type', 'Event type', model.byType),
    summaryTable('Deaths by perpetrator (side A)', 'Perpetrator', model.byPerpetrator),
    summaryTable('Deaths by province', 'Province', model.byProvince),
    '</div>',
    '</section>',
    '<section aria-labelledby="map-heading">',
    '<h2 id="map-heading">Map</h2>',
    `<figure>${renderMap(incidents, outlines)}<figcaption>Circles sized by the best death estimate and coloured by grade: confirmed dark green, fair green, weak ochre, contested magenta, discounted grey. Boundaries: Natural Earth.</figcaption></figure>`,
    '</section>',
    '<section aria-labelledby="timeline-heading">',
    '<h2 id="timeline-heading">Timeline</h2>',
    `<figure>${renderTimeline(model.byMonth)}<figcaption>Deaths per month (best estimate as bars, the low-to-high range as a line); the table "Deaths by month" gives the numbers.</figcaption></figure>`,
    '</section>',
    '<section aria-labelledby="incidents">',
    '<h2 id="incidents">Incidents</h2>',
    ...model.sections.map(renderSection),
    '</section>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function renderContents(model: ReportModel): string {
  if (model.sections.length === 0) return '';
  const items = model.sections
    .map(
      ({ incident: i }) =>
        `<li><a href="#incident-${i.id}">${e(i.date.start)}, ${e(i.place?.name ?? 'place unknown')}</a> (${e(i.grade.grade)})</li>`,
    )
    .join('');
  return `<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>${items}</ol></nav>`;
}

function summaryTable(caption: string, keyName: string, rows: readonly SummaryRow[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row">${e(r.key)}</th><td class="num">${r.incidents}</td><td class="num">${r.low}</td><td class="num">${r.best}</td><td class="num">${r.high}</td><td class="num">${r.withBest}</td></tr>`,
    )
    .join('');
  return `<table><caption>${e(caption)}</caption><thead><tr><th scope="col">${e(keyName)}</th><th scope="col" class="num">Incidents</th><th scope="col" class="num">Deaths low</th><th scope="col" class="num">Deaths best</th><th scope="col" class="num">Deaths high</th><th scope="col" class="num">With best</th></tr></thead><tbody>${body}</tbody></table>`;
}

function gradeTable(model: ReportModel): string {
  const rows = model.byGrade
    .map(
      (g) =>
        `<tr><th scope="row"><span class="badge ${g.grade}">${g.grade}</span></th><td class="num">${g.incidents}</td></tr>`,
    )
    .join('');
  return `<table><caption>Incidents by grade</caption><thead><tr><th scope="col">Grade</th><th scope="col" class="num">Incidents</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function renderSection(section: ReportSection): string {
  const i = section.incident;
  const date = i.date.start === i.date.end ? i.date.start : `${i.date.start} to ${i.date.end}`;
  const place = i.place
    ? [...new Set([i.place.name, i.place.admin2, i.place.admin1, i.place.country].filter(Boolean))].join(', ')
    : 'place unknown';
  const deaths = `low ${i.deaths.low ?? '—'}, best ${i.deaths.best ?? '—'}, high ${i.deaths.high ?? '—'}`;
  const sides = i.side_a || i.side_b ? `${i.side_a ?? 'not stated'} v ${i.side_b ?? 'not stated'}` : 'not stated';
  const heading = `incident-${i.id}-heading`;
  const override = i.grade.override
    ? ` Set by ${e(i.grade.override.by)} on ${e(i.grade.override.at.slice(0, 10))}; the rule gives ${e(i.grade.computed)}.${i.grade.override.note ? ` Note: ${e(i.grade.override.note)}` : ''}`
    : '';
  return [
    `<article class="incident" id="incident-${i.id}" aria-labelledby="${heading}">`,
    `<h3 id="${heading}">${e(date)}: ${e(place)} <span class="badge ${i.grade.grade}">${e(i.grade.grade)}</span></h3>`,
    '<dl>',
    `<dt>Incident</dt><dd>${i.id}${i.dataset === 'tally' ? '' : ` (${e(i.dataset)}${i.dataset_id ? ` ${e(i.dataset_id)}` : ''})`}</dd>`,
    `<dt>Date</dt><dd>${e(date)} (${e(i.date.precision)})</dd>`,
    `<dt>Place</dt><dd>${e(place)}${i.place ? ` (UCDP where_prec ${i.place.where_prec})` : ''}</dd>`,
    `<dt>Event</dt><dd>${e(i.event_type)}: ${e(i.sub_event_type)}</dd>`,
    `<dt>Sides</dt><dd>${e(sides)}</dd>`,
    `<dt>Deaths</dt><dd>${e(deaths)}</dd>`,
    `<dt>Grade</dt><dd><strong>${e(i.grade.grade)}</strong>, ${i.grade.sources} independent source${i.grade.sources === 1 ? '' : 's'}. <span class="reason">${e(i.grade.reason)}.</span>${override}</dd>`,
    '</dl>',
    claimsTable(section),
    section.footnotes.length > 0
      ? `<ol class="footnotes" start="${section.footnotes[0]?.number}" aria-label="Sources of incident ${i.id}">${section.footnotes.map(renderFootnote).join('')}</ol>`
      : '',
    '</article>',
  ].join('\n');
}

function claimsTable(section: ReportSection): string {
  if (section.claims.length === 0) return '<p class="note">No claim: the incident comes without figures.</p>';
  const rows = section.claims
    .map(
      (c) =>
        `<tr><td>${e(c.sourceLabel)}<sup><a href="#fn-${c.footnote}" id="fnref-${c.footnote}" aria-label="source note ${c.footnote}">[${c.footnote}]</a></sup></td><td>${e(c.claimant ?? 'the source itself')}${c.party ? '<span class="party">party</span>' : ''}</td><td>${e(c.kind)}</td><td class="num">${e(c.figure)}</td><td>${e(c.whose)}</td></tr>`,
    )
    .join('');
  return `<table class="claims"><caption>Claims about incident ${section.incident.id}, side by side</caption><thead><tr><th scope="col">Source</th><th scope="col">Claimant</th><th scope="col">Counts</th><th scope="col" class="num">Figure</th><th scope="col">Whose</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function renderFootnote(f: Footnote): string {
  const s = f.source;
  const quote = f.evidence
    ? `${e(f.sentence.slice(0, f.evidence.start))}<mark>${e(f.sentence.slice(f.evidence.start, f.evidence.end))}</mark>${e(f.sentence.slice(f.evidence.end))}`
    : e(f.sentence);
  const label = s
    ? [
        s.title ? `“${e(s.title)}”` : `document ${s.id}`,
        s.publisher ? e(s.publisher) : null,
        s.published ? e(s.published.slice(0, 10)) : 'undated',
        SOURCE_TYPE_NAMES[s.type],
        /^https?:\/\//i.test(s.location)
          ? `<a class="source-link" href="${e(s.location)}">${e(s.location)}</a>`
          : `document ${s.id} (${e(s.location)})`,
      ]
        .filter(Boolean)
        .join(', ')
    : 'imported dataset, no document';
  return `<li id="fn-${f.number}" data-document="${s?.id ?? ''}">${label}. <blockquote class="quote">${quote}</blockquote> <a href="#fnref-${f.number}" aria-label="back to the claim of note ${f.number}">↩</a></li>`;
}
