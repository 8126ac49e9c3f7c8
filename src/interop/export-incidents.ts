import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { redactSensitive } from '../core/redact.js';
import type { ActorIndex } from '../resolve/actors.js';
import { listGradedPage } from '../store/grade-pages.js';
import { type DocumentLabel, type IncidentCursor, readDocumentLabels } from '../store/incident-pages.js';
import { toIncident } from '../store/incident-queries.js';
import type { Store } from '../store/open-store.js';
import type { ReviewedIncidentFilter } from '../store/reviewed-incidents.js';
import { ACLED_COLUMNS, acledRecord } from './acled-format.js';
import { CSV_COLUMNS, csvRecord } from './csv-columns.js';
import { csvLine } from './csv-writer.js';
import type { Cell, ExportContext, ExportIncident } from './export-context.js';
import { GED_COLUMNS, gedRecord } from './ged-format.js';
import { FEATURE_COLLECTION_CLOSE, FEATURE_COLLECTION_OPEN, incidentFeature } from './geojson-format.js';

export const EXPORT_FORMATS = ['ged', 'acled', 'geojson', 'jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One page of incidents and the labels of the documents they cite. */
export interface ExportPage {
  incidents: ExportIncident[];
  documents: ReadonlyMap<number, DocumentLabel>;
}

/** Reads the page after `after` (null: the first), at most `limit` incidents, in (date_start, id) order. */
export type PageReader = (after: IncidentCursor | null, limit: number) => Promise<ExportPage>;

/** How to export: the format, and choices that depend on who the export is for. */
export interface ExportOptions {
  format: ExportFormat;
  /** Incidents per page: memory use is bounded by this, whatever the size of the export. */
  pageSize?: number;
  /** At most this many incidents (`tally incidents --csv --limit`); all of them when absent. */
  limit?: number;
  /** For ACLED inter codes of actors the incident does not code itself. */
  actors?: ActorIndex | null;
  /** Write "[redacted]" for notes marked sensitive: for viewers, anonymous readers, `tally export --redact`. */
  redact?: boolean;
}

export const DEFAULT_PAGE_SIZE = 1000;

/**
 * Pages of the store's incidents matching a filter, with reviews applied and graded, as every reader
 * sees them. `actors` lets the grade tell parties' claimants by the registry's aliases.
 */
export function storePages(store: Store, filter: ReviewedIncidentFilter, actors?: ActorIndex | null): PageReader {
  return async (after, limit) => {
    const reviewed = await listGradedPage(store, filter, after, limit, { actors });
    const incidents = reviewed.map((r) => ({ ...toIncident(r), grade: r.grade, review: r.review }));
    const ids = incidents.flatMap((i) => i.sources.flatMap((s) => (s.document_id === null ? [] : [s.document_id])));
    return { incidents, documents: await readDocumentLabels(store, ids) };
  };
}

async function* incidentsOf(
  read: PageReader,
  pageSize: number,
  limit: number,
): AsyncGenerator<[ExportIncident, ExportPage]> {
  let after: IncidentCursor | null = null;
  let left = limit;
  while (left > 0) {
    const want = Math.min(pageSize, left);
    const page = await read(after, want);
    for (const incident of page.incidents) yield [incident, page];
    left -= page.incidents.length;
    const last = page.incidents.at(-1);
    if (!last || page.incidents.length < want) return;
    after = { date_start: last.date.start, id: last.id };
  }
}

const TABLES: Record<'ged' | 'acled' | 'csv', { columns: readonly string[]; record: RecordWriter }> = {
  ged: { columns: GED_COLUMNS, record: gedRecord },
  acled: { columns: ACLED_COLUMNS, record: acledRecord },
  csv: { columns: CSV_COLUMNS, record: csvRecord },
};
type RecordWriter = (i: ExportIncident, ctx: ExportContext) => Cell[];

/**
 * The export as text, one piece per incident, produced only as fast as it is consumed: nothing holds
 * more than a page. `counted` hears of each incident written.
 */
async function* exportText(read: PageReader, options: ExportOptions, counted: () => void): AsyncGenerator<string> {
  const { format } = options;
  const context = (page: ExportPage): ExportContext => ({ documents: page.documents, actors: options.actors ?? null });
  const incidents = incidentsOf(read, options.pageSize ?? DEFAULT_PAGE_SIZE, options.limit ?? Number.POSITIVE_INFINITY);
  const table = format === 'ged' || format === 'acled' || format === 'csv' ? TABLES[format] : null;
  if (table) yield csvLine(table.columns);
  if (format === 'geojson') yield FEATURE_COLLECTION_OPEN;
  let first = true;
  for await (const [incident, page] of incidents) {
    counted();
    const shown = options.redact ? redactSensitive(incident) : incident;
    if (table) yield csvLine(table.record(shown, context(page)));
    else if (format === 'jsonl') yield `${JSON.stringify({ ...shown, review: shown.review ?? null })}\n`;
    else yield `${first ? '' : ',\n'}${JSON.stringify(incidentFeature(shown, context(page)))}`;
    first = false;
  }
  if (format === 'geojson') yield FEATURE_COLLECTION_CLOSE;
}

/**
 * The export as a byte stream that reads the store only as its consumer (an HTTP response) takes
 * it: what the API sends. Destroying it (the client went away) stops the reading.
 */
export function exportStream(read: PageReader, options: ExportOptions): Readable {
  return Readable.from(
    exportText(read, options, () => {}),
    { objectMode: false, highWaterMark: 64 * 1024 },
  );
}

/**
 * Write incidents to `out` in one of the field's formats, a page at a time: nothing holds more than
 * a page, and a slow reader (a pipe, a network socket) holds the export back rather than letting it
 * queue up in memory. Does not end `out`; the caller owns it. The bytes are those of `exportStream`.
 */
export async function writeExport(
  read: PageReader,
  out: Writable,
  options: ExportOptions,
): Promise<{ incidents: number }> {
  let incidents = 0;
  // An error between writes (EPIPE when the reader goes away) would otherwise go unhandled.
  let failure: Error | null = null;
  const onError = (error: Error) => {
    failure = error;
  };
  out.on('error', onError);
  try {
    for await (const chunk of exportText(read, options, () => incidents++)) {
      if (failure) throw failure;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    if (failure) throw failure;
    // Resolves once everything written before it is flushed: standard output to a pipe is
    // asynchronous, and the CLI exits right after, which would cut the export short.
    await new Promise<void>((resolve, reject) => out.write('', (error) => (error ? reject(error) : resolve())));
  } finally {
    out.off('error', onError);
  }
  return { incidents };
}
