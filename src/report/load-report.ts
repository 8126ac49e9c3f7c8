import { InvalidInputError } from '../core/errors.js';
import { redactSensitive } from '../core/redact.js';
import type { ActorIndex } from '../resolve/actors.js';
import { listGradedPage } from '../store/grade-pages.js';
import { toIncident } from '../store/incident-queries.js';
import type { Store } from '../store/open-store.js';
import type { ReviewedIncidentFilter } from '../store/reviewed-incidents.js';
import { readFigureSentences } from '../store/source-sentences.js';
import { readDocumentSources } from '../store/source-store.js';
import { buildReport } from './build-report.js';
import { renderReport } from './render-report.js';
import type { ReportIncident, ReportSource } from './report-model.js';
import { readWorldOutlines } from './world-outlines.js';

/** More than this is a book, not a report: narrow the filters. The bench writes 1,000 in well under 10 s. */
export const MAX_REPORT_INCIDENTS = 20_000;
const PAGE = 1000;

export interface ReportRequest {
  filter: ReviewedIncidentFilter;
  /** The filters in words, for the report's cover. */
  scope: string[];
  title?: string;
  actors?: ActorIndex | null;
  /** Write "[redacted]" for notes marked sensitive (a reviewer's grade note), as viewers get them. */
  redact?: boolean;
  now: string;
}

/** Read the incidents a filter selects (graded), their sources and sentences, and write the report's HTML. */
export async function writeReportHtml(
  store: Store,
  request: ReportRequest,
): Promise<{ html: string; incidents: number }> {
  const incidents: ReportIncident[] = [];
  let after: { date_start: string; id: number } | null = null;
  for (;;) {
    const page = await listGradedPage(store, request.filter, after, PAGE, { actors: request.actors });
    const read = page.map((r) => ({ ...toIncident(r), grade: r.grade }));
    incidents.push(...(request.redact ? read.map(redactSensitive) : read));
    if (incidents.length > MAX_REPORT_INCIDENTS) {
      throw new InvalidInputError(
        'filters',
        `the report would hold more than ${MAX_REPORT_INCIDENTS} incidents; narrow it with --from/--to, --place or --type`,
      );
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    after = { date_start: last.date.start, id: last.id };
  }
  const documentIds = incidents.flatMap((i) =>
    i.claims.flatMap((c) => (c.document_id === null ? [] : [c.document_id])),
  );
  const [profiles, sentences] = await Promise.all([
    readDocumentSources(store.db, documentIds),
    readFigureSentences(
      store.db,
      incidents.flatMap((i) => i.claims.flatMap((c) => (c.figure_id === null ? [] : [c.figure_id]))),
    ),
  ]);
  const sources = new Map<number, ReportSource>(
    [...profiles.values()].map((p) => [
      p.document_id,
      {
        id: p.document_id,
        title: p.title,
        publisher: p.publisher,
        published: p.published,
        location: p.source,
        type: p.source_type,
      },
    ]),
  );
  const model = buildReport({
    title: request.title ?? 'Incident report',
    scope: request.scope,
    generatedAt: request.now,
    incidents,
    sources,
    sentences,
  });
  return { html: renderReport(model, readWorldOutlines()), incidents: incidents.length };
}

/** The filters in words, for the cover: what a reader needs to know of the selection. */
export function describeFilter(f: ReviewedIncidentFilter & { placeName?: string }): string[] {
  return [
    f.from ? `from ${f.from}` : null,
    f.to ? `to ${f.to}` : null,
    f.placeName ? `place ${f.placeName}` : null,
    f.actor ? `actor ${f.actor}` : null,
    f.eventType ? `event type ${f.eventType}` : null,
    f.minDeaths !== undefined ? `at least ${f.minDeaths} deaths (best)` : null,
    f.dataset ? `dataset ${f.dataset}` : null,
    f.grade ? `grade ${f.grade}` : null,
    f.document !== undefined ? `incidents document ${f.document} speaks of` : null,
  ].filter((s): s is string => s !== null);
}
