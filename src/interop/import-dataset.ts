import type { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import { InvalidInputError, StoreError } from '../core/errors.js';
import type { Resolvers } from '../merge/build-incidents.js';
import { type ImportedIncident, saveImportedIncidents } from '../store/incident-imports.js';
import type { Store } from '../store/open-store.js';
import { readAcledRow } from './acled-import.js';
import { type DatasetFormat, datasetName, readHeader } from './dataset-header.js';
import { readGedRow } from './ged-import.js';
import type { ImportContext } from './import-context.js';
import { createPlaceLookup } from './place-lookup.js';
import { RowFields, RowProblem } from './row-fields.js';

export interface ImportOptions {
  /** The file's name, for messages ("FILE:LINE: problem") and to read a GED version from. */
  file: string;
  /** The release, e.g. "19.1": stored as the dataset "ucdp-ged 19.1". */
  datasetVersion?: string;
  resolvers: Resolvers;
  now: string;
  /** Rows per transaction. */
  batchSize?: number;
  /** Called once per row that cannot be imported, as it is found. */
  onProblem?: (problem: ImportProblem) => void;
}

/** A row that could not be imported: where it is and why. */
export interface ImportProblem {
  file: string;
  /** The line the row starts on; null when the CSV parser could not tell. */
  line: number | null;
  message: string;
}

/** "FILE:LINE: problem", as the CLI prints it. */
export function formatProblem(p: ImportProblem): string {
  return `${p.file}:${p.line ?? '?'}: ${p.message}`;
}

export interface ImportSummary {
  format: DatasetFormat;
  dataset: string;
  /** Rows stored, new or updated. */
  imported: number;
  /** Of those, rows whose (dataset, id) was already stored and was updated in place. */
  updated: number;
  failed: number;
}

const READERS = { ged: readGedRow, acled: readAcledRow } as const;

interface ParsedRecord {
  record: string[];
  info: { lines: number; empty_lines: number };
}

/** Imports this large change the tables enough that the planner needs fresh statistics. */
const STATISTICS_AFTER = 1000;

/**
 * Import a UCDP GED or ACLED CSV, streamed: rows are read, checked and stored a batch at a time, so
 * a file of any size runs in constant memory. A malformed row is reported with its line and
 * skipped; the rest go on. A header that is not a dataset's refuses the whole file.
 */
export async function importDataset(store: Store, input: Readable, options: ImportOptions): Promise<ImportSummary> {
  const { file } = options;
  const batchSize = options.batchSize ?? 500;
  const report = options.onProblem ?? (() => {});
  // relax_quotes takes a stray quote inside a field as text; relax_column_count lets this code
  // name a short or long row itself; skip_records_with_error reports what cannot be parsed at all.
  const parser = parse({
    bom: true,
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  let failed = 0;
  parser.on('skip', (error: CsvError & { lines?: number }) => {
    failed += 1;
    report({ file, line: error.lines ?? null, message: error.message });
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  const records = (parser as AsyncIterable<ParsedRecord>)[Symbol.asyncIterator]();
  try {
    const first = await records.next();
    if (first.done) throw new InvalidInputError(file, 'empty: no header row');
    const header = readHeader(file, first.value.record);
    const dataset = datasetName(header.format, file, options.datasetVersion);
    const ctx: ImportContext = {
      dataset,
      actors: options.resolvers.actors,
      lookupPlace: createPlaceLookup(options.resolvers.gazetteer),
    };
    const summary: ImportSummary = { format: header.format, dataset, imported: 0, updated: 0, failed: 0 };
    const width = first.value.record.length;
    const read = READERS[header.format];
    let batch: ImportedIncident[] = [];
    let lastLine = first.value.info.lines;
    let lastEmpty = first.value.info.empty_lines;

    const flush = async () => {
      if (batch.length === 0) return;
      try {
        summary.updated += (await saveImportedIncidents(store, batch, options.now)).updated;
      } catch (error) {
        throw new StoreError(`${file}: storing the rows up to line ${lastLine} failed: ${(error as Error).message}`);
      }
      summary.imported += batch.length;
      batch = [];
    };

    for await (const { record, info } of { [Symbol.asyncIterator]: () => records }) {
      // A record ends on info.lines; it starts after the previous one and any blank lines between.
      const line = lastLine + 1 + (info.empty_lines - lastEmpty);
      lastLine = info.lines;
      lastEmpty = info.empty_lines;
      if (record.length !== width) {
        failed += 1;
        report({ file, line, message: `expected ${width} fields as in the header, found ${record.length}` });
        continue;
      }
      const cells = new Map<string, string>();
      header.columns.forEach((name, i) => {
        if (name !== null) cells.set(name, record[i] ?? '');
      });
      try {
        batch.push(read(new RowFields(cells), ctx));
      } catch (error) {
        if (!(error instanceof RowProblem)) throw error;
        failed += 1;
        report({ file, line, message: error.message });
        continue;
      }
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    if (summary.imported >= STATISTICS_AFTER) await store.dialect.refreshStatistics(store.db);
    return { ...summary, failed };
  } finally {
    // A refused header or a store failure stops reading; the file must not stay open behind it.
    input.unpipe(parser);
    input.destroy();
  }
}
