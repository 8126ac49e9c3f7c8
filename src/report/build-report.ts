import { GRADES } from '../core/grade.js';
import type {
  Footnote,
  ReportClaim,
  ReportIncident,
  ReportInput,
  ReportModel,
  ReportSection,
  SummaryRow,
} from './report-model.js';

const UNKNOWN = 'Unknown';

/**
 * The report's content from what was read: the period, the summary tables, and a section per incident
 * whose claims are footnoted with their source and sentence. Pure: the same input gives the same report.
 * Discounted incidents are listed with their grade but counted in no total or table.
 */
export function buildReport(input: ReportInput): ReportModel {
  const counted = input.incidents.filter((i) => i.grade.grade !== 'discounted');
  let footnote = 0;
  const sections = input.incidents.map((incident): ReportSection => {
    const claims: ReportClaim[] = [];
    const footnotes: Footnote[] = [];
    const parties = new Set(incident.grade.party_claimants);
    for (const claim of incident.claims) {
      footnote += 1;
      const source = claim.document_id === null ? null : (input.sources.get(claim.document_id) ?? null);
      const quoted = quoteOf(claim, incident, input);
      footnotes.push({ number: footnote, source, ...quoted });
      claims.push({
        footnote,
        sourceLabel: source ? sourceLabel(source) : (claim.source ?? incident.dataset),
        claimant: claim.claimant,
        kind: claim.kind.replace(/_/g, ' '),
        figure: figureText(claim.low, claim.high, claim.qualifier, claim.vague),
        whose: whoseText(claim.category, incident),
        party: claim.claimant !== null && parties.has(claim.claimant),
      });
    }
    return { incident, claims, footnotes };
  });
  const starts = input.incidents.map((i) => i.date.start).sort();
  const ends = input.incidents.map((i) => i.date.end).sort();
  return {
    title: input.title,
    scope: input.scope,
    generatedAt: input.generatedAt,
    period: starts.length > 0 ? { start: starts[0] as string, end: ends.at(-1) as string } : null,
    totals: { ...summarize(counted), key: 'All incidents' },
    counted: counted.length,
    discounted: input.incidents.length - counted.length,
    byMonth: groupBy(counted, (i) => i.date.start.slice(0, 7)).sort((a, b) => a.key.localeCompare(b.key)),
    byType: byCount(groupBy(counted, (i) => i.event_type)),
    byPerpetrator: byCount(groupBy(counted, (i) => i.side_a ?? UNKNOWN)),
    byProvince: byCount(groupBy(counted, (i) => i.place?.admin1 ?? UNKNOWN)),
    byGrade: GRADES.map((grade) => ({
      grade,
      incidents: input.incidents.filter((i) => i.grade.grade === grade).length,
    })),
    sections,
  };
}

/** Incidents and deaths of a group: low, best and high each summed over the incidents that state it. */
export function summarize(incidents: readonly ReportIncident[]): SummaryRow {
  const row: SummaryRow = { key: '', incidents: incidents.length, low: 0, best: 0, high: 0, withBest: 0 };
  for (const i of incidents) {
    row.low += i.deaths.low ?? 0;
    row.high += i.deaths.high ?? 0;
    if (i.deaths.best !== null) {
      row.best += i.deaths.best;
      row.withBest += 1;
    }
  }
  return row;
}

function groupBy(incidents: readonly ReportIncident[], key: (i: ReportIncident) => string): SummaryRow[] {
  const groups = new Map<string, ReportIncident[]>();
  for (const i of incidents) groups.set(key(i), [...(groups.get(key(i)) ?? []), i]);
  return [...groups].map(([k, members]) => ({ ...summarize(members), key: k }));
}

/** Most deaths first, then most incidents, then by name, with "Unknown" last. */
function byCount(rows: SummaryRow[]): SummaryRow[] {
  return rows.sort(
    (a, b) =>
      Number(a.key === UNKNOWN) - Number(b.key === UNKNOWN) ||
      b.best - a.best ||
      b.incidents - a.incidents ||
      a.key.localeCompare(b.key),
  );
}

/**
 * The sentence a claim quotes: its figure's sentence when the figure is still stored, else the passage
 * of the incident's source that holds the claim's words, else the words alone.
 */
function quoteOf(
  claim: ReportIncident['claims'][number],
  incident: ReportIncident,
  input: ReportInput,
): Pick<Footnote, 'sentence' | 'evidence'> {
  const ev = claim.evidence;
  const sentence = claim.figure_id === null ? undefined : input.sentences.get(claim.figure_id);
  const around =
    sentence && sentence.start <= ev.start && ev.end <= sentence.end
      ? sentence
      : incident.sources.find((s) => s.document_id === claim.document_id && s.start <= ev.start && ev.end <= s.end);
  if (around && around.text.slice(ev.start - around.start, ev.end - around.start) === ev.text) {
    return { sentence: around.text, evidence: { start: ev.start - around.start, end: ev.end - around.start } };
  }
  if (sentence) {
    const at = sentence.text.indexOf(ev.text);
    return { sentence: sentence.text, evidence: at < 0 ? null : { start: at, end: at + ev.text.length } };
  }
  return { sentence: ev.text, evidence: { start: 0, end: ev.text.length } };
}

function sourceLabel(s: { title: string | null; publisher: string | null; id: number }): string {
  return s.publisher ?? s.title ?? `document ${s.id}`;
}

/** A figure as a reader writes it: "at least 12", "up to 30", "23–150", "dozens". */
export function figureText(low: number | null, high: number | null, qualifier: string, vague: string | null): string {
  if (low === null && high === null) return vague ?? '—';
  switch (qualifier) {
    case 'at_least':
      return `at least ${low ?? high}`;
    case 'up_to':
      return `up to ${high ?? low}`;
    case 'about':
      return `about ${low ?? high}`;
    default:
      return low !== null && high !== null && low !== high ? `${low}–${high}` : String(low ?? high);
  }
}

function whoseText(category: string, incident: ReportIncident): string {
  if (category === 'side_a') return incident.side_a ?? 'side A';
  if (category === 'side_b') return incident.side_b ?? 'side B';
  if (category === 'civilians') return 'civilians';
  return 'not stated';
}
