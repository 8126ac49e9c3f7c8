import { createHash } from 'node:crypto';
import type { ReadDocument } from '../core/document.js';
import { InvalidInputError } from '../core/errors.js';
import type { ExtractionResult } from '../core/figure.js';
import type { InputItem, InputProblem } from '../ingest/collect-files.js';
import { describeFsError, TooLargeError } from '../ingest/collect-files.js';
import { DEFAULT_MAX_BYTES } from '../ingest/read-document.js';
import type { DraftIncident } from '../merge/incident-draft.js';
import { findDocumentByHash, saveDocument } from '../store/document-store.js';
import type { Store } from '../store/open-store.js';
import { AnalyseFailure, type AnalysePool } from './analyse-pool.js';

export interface Analysis {
  extraction: ExtractionResult;
  incidents: DraftIncident[];
}

/** The stages ingest wires together, passed in so tests and the server can swap any of them. */
export interface IngestDeps {
  store: Store;
  read(bytes: Uint8Array, name: string, options: { maxBytes: number }): Promise<ReadDocument>;
  /** Extraction and incident building for one document's text: pure, so it may run anywhere. */
  analyse(doc: ReadDocument): Analysis;
  now(): string;
}

export type IngestOutcome =
  | { name: string; status: 'ingested'; id: number; figures: number }
  | { name: string; status: 'unchanged'; id: number }
  | { name: string; status: 'failed'; error: string };

/** An input read and analysed, ready for the one writer; or already settled (failed, known). */
type Prepared =
  | { done: IngestOutcome }
  | { done?: undefined; name: string; read: ReadDocument; analysis: Analysis; contentHash: string; bytes: number };

/**
 * Read and analyse one input, on a worker of the pool when there is one. Never throws for a bad
 * input; store failures (the database went away) do throw.
 */
async function prepareOne(
  item: InputItem,
  deps: IngestDeps,
  maxBytes: number,
  pool: AnalysePool | null,
): Promise<Prepared> {
  let bytes: Uint8Array;
  try {
    bytes = await item.read(maxBytes);
  } catch (error) {
    const problem = error instanceof TooLargeError ? error.message : describeFsError(error);
    return { done: { name: item.name, status: 'failed', error: `${item.name}: ${problem}` } };
  }
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const known = await findDocumentByHash(deps.store, contentHash);
  if (known !== null) return { done: { name: item.name, status: 'unchanged', id: known } };
  try {
    if (pool)
      return {
        name: item.name,
        contentHash,
        bytes: bytes.byteLength,
        ...(await pool.analyse(bytes, item.name, maxBytes)),
      };
    const read = await deps.read(bytes, item.name, { maxBytes });
    return { name: item.name, contentHash, bytes: bytes.byteLength, read, analysis: deps.analyse(read) };
  } catch (error) {
    const invalid = error instanceof InvalidInputError || (error instanceof AnalyseFailure && error.invalid);
    const message = (error as Error).message;
    return { done: { name: item.name, status: 'failed', error: invalid ? message : `${item.name}: ${message}` } };
  }
}

/** Store one prepared input: the one writer, in input order. */
async function storePrepared(prepared: Prepared, deps: IngestDeps): Promise<IngestOutcome> {
  if (prepared.done) return prepared.done;
  const { name, read, analysis, contentHash, bytes } = prepared;
  const saved = await saveDocument(deps.store, {
    read,
    source: name,
    contentHash,
    bytes,
    extraction: analysis.extraction,
    incidents: analysis.incidents,
    now: deps.now(),
  });
  return saved.status === 'ingested'
    ? { name, status: 'ingested', id: saved.id, figures: saved.figures }
    : { name, status: 'unchanged', id: saved.id };
}

/**
 * Read, extract and store one input. Never throws for a bad input: the outcome says what went
 * wrong, so one bad document never stops a batch. Store failures (the database went away) do throw.
 */
export async function ingestOne(
  item: InputItem,
  deps: IngestDeps,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<IngestOutcome> {
  return storePrepared(await prepareOne(item, deps, maxBytes, null), deps);
}

/**
 * Ingest every input, yielding one outcome per input in input order (listing problems included).
 * With a pool, up to two inputs per worker are read and analysed ahead while this thread stores
 * them one by one, in order: ids, outcomes and idempotence are those of a run without workers (the
 * same content twice is stored once, as the writer finds it stored by then).
 */
export async function* ingestAll(
  inputs: AsyncIterable<InputItem | InputProblem>,
  deps: IngestDeps,
  maxBytes = DEFAULT_MAX_BYTES,
  pool: AnalysePool | null = null,
): AsyncGenerator<IngestOutcome> {
  const ahead = pool ? pool.size * 2 : 0;
  const pending: Promise<Prepared>[] = [];
  try {
    for await (const input of inputs) {
      const prepared: Promise<Prepared> =
        'problem' in input
          ? Promise.resolve({ done: { name: input.name, status: 'failed', error: `${input.name}: ${input.problem}` } })
          : prepareOne(input, deps, maxBytes, pool);
      // A store failure surfaces when its turn comes; until then it must not count as unhandled.
      prepared.catch(() => {});
      pending.push(prepared);
      while (pending.length > ahead) yield await storePrepared(await (pending.shift() as Promise<Prepared>), deps);
    }
    while (pending.length > 0) yield await storePrepared(await (pending.shift() as Promise<Prepared>), deps);
  } finally {
    // Stopped early (an error, a consumer that breaks): let what is still running settle quietly.
    await Promise.allSettled(pending);
  }
}

export interface IngestSummary {
  ingested: number;
  unchanged: number;
  failed: number;
}

export function summarize(outcomes: IngestOutcome[]): IngestSummary {
  const count = (s: IngestOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return { ingested: count('ingested'), unchanged: count('unchanged'), failed: count('failed') };
}
