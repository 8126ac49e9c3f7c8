import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Incident } from '../core/incident.js';
import type { ActorIndex } from '../resolve/actors.js';
import {
  type DocumentLabel,
  type IncidentCursor,
  listIncidentPage,
  readDocumentLabels,
} from '../store/incident-pages.js';
import type { IncidentFilter } from '../store/incident-queries.js';
import type { Store } from '../store/open-store.js';
import { ACLED_COLUMNS, acledRecord } from './acled-format.js';
import { CSV_COLUMNS, csvRecord } from './csv-columns.js';
import type { Cell, ExportContext } from './export-context.js';
import { GED_COLUMNS, gedRecord } from './ged-format.js';
import { FEATURE_COLLECTION_CLOSE, FEATURE_COLLECTION_OPEN, incidentFeature } from './geojson-format.js';

export const EXPORT_FORMATS = ['ged', 'acled', 'geojson', 'jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One page of incidents and the labels of the documents they cite. */
export interface ExportPage {
  incidents: Incident[];
  documents: ReadonlyMap<number, DocumentLabel>;
}

/** Reads the page after `after` (null: the first), at most `limit` incidents, in (date_start, id) order. */
export type PageReader = (after: IncidentCursor | null, limit: number) => Promise<ExportPage>;

/**
 * How to export. An options object, so that audience-dependent choices (a `redact` flag for the
 * sensitive fields a team store may add) join here without changing any signature. Every export
 * today is public: it carries nothing `tally incidents --json` does not show.
 */
export interface ExportOptions {
  format: ExportFormat;
  /** Incidents per page: memory use is bounded by this, whatever the size of the export. */
  pageSize?: number;
  /** For ACLED inter codes of actors the incident does not code itself. */
  actors?: ActorIndex | null;
}

export const DEFAULT_PAGE_SIZE = 1000;

/** Pages of the store's incidents matching a filter. */
export function storePages(store: Store, filter: IncidentFilter): PageReader {
  return async (after, limit) => {
    const incidents = await listIncidentPage(store, filter, after, limit);
    const ids = incidents.flatMap((i) => i.sources.flatMap((s) => (s.document_id === null ? [] : [s.document_id])));
    return { incidents, documents: await readDocumentLabels(store, ids) };
  };
}

async function* incidentsOf(read: PageReader, pageSize: number): AsyncGenerator<[Incident, ExportPage]> {
  let after: IncidentCursor | null = null;
  for (;;) {
    const page = await read(after, pageSize);
    for (const incident of page.incidents) yield [incident, page];
    const last = page.incidents.at(-1);
    if (!last || page.incidents.length < pageSize) return;
    after = { date_start: last.date.start, id: last.id };
  }
}

const TABLES = {
  ged: { columns: GED_COLUMNS, record: gedRecord },
  acled: { columns: ACLED_COLUMNS, record: acledRecord },
  csv: { columns: CSV_COLUMNS, record: (i: Incident) => csvRecord(i) },
} as const;

/** The export as text chunks, produced only as fast as they are consumed. */
function chunks(read: PageReader, options: ExportOptions, counted: () => void): AsyncIterable<string | Buffer> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const context = (page: ExportPage): ExportContext => ({ documents: page.documents, actors: options.actors ?? null });
  const { format } = options;
  if (format === 'ged' || format === 'acled' || format === 'csv') {
    const table = TABLES[format];
    async function* records(): AsyncGenerator<Cell[]> {
      for await (const [incident, page] of incidentsOf(read, pageSize)) {
        counted();
        yield table.record(incident, context(page));
      }
    }
    // RFC 4180 with CRLF, as `tally incidents --csv`; a field with a bare line break is quoted too,
    // which csv-stringify only does for the record delimiter itself.
    const csv = stringify({
      header: true,
      columns: [...table.columns],
      record_delimiter: 'windows',
      quoted_match: /[\r\n]/,
    });
    const source = Readable.from(records());
    source.on('error', (error) => csv.destroy(error));
    return source.pipe(csv);
  }
  return (async function* () {
    if (format === 'geojson') yield FEATURE_COLLECTION_OPEN;
    let first = true;
    for await (const [incident, page] of incidentsOf(read, pageSize)) {
      counted();
      if (format === 'jsonl') yield `${JSON.stringify(incident)}\n`;
      else yield `${first ? '' : ',\n'}${JSON.stringify(incidentFeature(incident, context(page)))}`;
      first = false;
    }
    if (format === 'geojson') yield FEATURE_COLLECTION_CLOSE;
  })();
}

/**
 * Write incidents to `out` in one of the field's formats, a page at a time: nothing holds more than
 * a page, and a slow reader (a pipe, a network socket) holds the export back rather than letting it
 * queue up in memory. Does not end `out`; the caller owns it.
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
    for await (const chunk of chunks(read, options, () => incidents++)) {
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
