import { InvalidInputError } from '../core/errors.js';
import type { Resolvers } from '../merge/build-incidents.js';
import { type ImportRow, importRow } from '../store/import-row.js';
import { readAcledRow } from './acled-import.js';
import { readCsvRecords } from './csv-records.js';
import { type DatasetFormat, datasetName, readHeader } from './dataset-header.js';
import { readGedRow } from './ged-import.js';
import type { ImportContext } from './import-context.js';
import { createPlaceLookup } from './place-lookup.js';
import { columnIndex, RowFields, RowProblem } from './row-fields.js';

/** One record of a dataset file, in file order: the incident it gives, or why it gives none. */
export type ImportEvent = { line: number; row: ImportRow } | { line: number; problem: string };

/** A dataset file being read: what its header says, then its records a slice at a time. */
export interface ImportSource {
  format: DatasetFormat;
  dataset: string;
  slices: AsyncIterable<ImportEvent[]>;
  /** Bytes of the input read so far: at most a buffer's worth ahead of the slices given. */
  bytesRead(): number;
  /** Stops reading (a refused file or a failed store); the file must not stay open behind it. */
  close(): Promise<void>;
}

export interface ReadOptions {
  /** The file's name, for messages and to read a GED version from. */
  file: string;
  datasetVersion?: string;
  resolvers: Resolvers;
  now: string;
  /** Records per slice. */
  sliceSize: number;
}

const READERS = { ged: readGedRow, acled: readAcledRow } as const;

/**
 * Read a UCDP GED or ACLED CSV into the rows the store writes, checking each: a malformed record
 * becomes a problem at its line and the rest go on. A header that is not a dataset's refuses the
 * file (InvalidInputError), before any row is read.
 */
export async function readImportSource(
  input: AsyncIterable<Buffer | string>,
  options: ReadOptions,
): Promise<ImportSource> {
  const { file } = options;
  let bytes = 0;
  async function* counted(): AsyncGenerator<Buffer | string> {
    for await (const chunk of input) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      yield chunk;
    }
  }
  const records = readCsvRecords(counted())[Symbol.asyncIterator]();
  const close = async () => {
    await records.return?.(undefined);
  };
  try {
    // Records that could not be read before the header are reported with the first slice.
    const leading: ImportEvent[] = [];
    let first = await records.next();
    while (!first.done && first.value.error !== undefined) {
      leading.push({ line: first.value.line, problem: first.value.error });
      first = await records.next();
    }
    if (first.done || first.value.error !== undefined) throw new InvalidInputError(file, 'empty: no header row');
    const headerRecord = first.value.fields;
    const header = readHeader(file, headerRecord);
    const dataset = datasetName(header.format, file, options.datasetVersion);
    const ctx: ImportContext = {
      dataset,
      actors: options.resolvers.actors,
      lookupPlace: createPlaceLookup(options.resolvers.gazetteer),
    };
    const width = headerRecord.length;
    const index = columnIndex(header.columns);
    const read = READERS[header.format];

    async function* slices(): AsyncGenerator<ImportEvent[]> {
      let slice = leading;
      for await (const record of { [Symbol.asyncIterator]: () => records }) {
        const { line } = record;
        if (record.error !== undefined) slice.push({ line, problem: record.error });
        else if (record.fields.length !== width) {
          slice.push({ line, problem: `expected ${width} fields as in the header, found ${record.fields.length}` });
        } else {
          try {
            slice.push({ line, row: importRow(read(new RowFields(index, record.fields), ctx), options.now) });
          } catch (error) {
            if (!(error instanceof RowProblem)) throw error;
            slice.push({ line, problem: error.message });
          }
        }
        if (slice.length >= options.sliceSize) {
          yield slice;
          slice = [];
        }
      }
      if (slice.length > 0) yield slice;
    }
    return { format: header.format, dataset, slices: slices(), bytesRead: () => bytes, close };
  } catch (error) {
    await close();
    throw error;
  }
}
