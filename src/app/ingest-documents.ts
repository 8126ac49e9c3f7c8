import { createHash } from 'node:crypto';
import type { ReadDocument } from '../core/document.js';
import { InvalidInputError } from '../core/errors.js';
import type { ExtractionResult } from '../core/figure.js';
import type { InputItem, InputProblem } from '../ingest/collect-files.js';
import { describeFsError, TooLargeError } from '../ingest/collect-files.js';
import { DEFAULT_MAX_BYTES, type ReadOptions } from '../ingest/read-document.js';
import type { DraftIncident } from '../merge/incident-draft.js';
import { DeathClaimsMemory } from '../store/death-claims-memory.js';
import { findDocumentByHash, type NewDocument, type SaveOutcome, saveDocuments } from '../store/document-store.js';
import type { Store } from '../store/open-store.js';
import { AnalyseFailure, type AnalysePool } from './analyse-pool.js';

export interface Analysis {
  extraction: ExtractionResult;
  incidents: DraftIncident[];
}

/** The stages ingest wires together, passed in so tests and the server can swap any of them. */
export interface IngestDeps {
  store: Store;
  read(bytes: Uint8Array, name: string, options: ReadOptions): Promise<ReadDocument>;
  /** Extraction and incident building for one document's text: pure, so it may run anywhere. */
  analyse(doc: ReadDocument): Analysis;
  now(): string;
}

export type IngestOutcome =
  | { name: string; status: 'ingested'; id: number; figures: number }
  | { name: string; status: 'unchanged'; id: number }
  | { name: string; status: 'failed'; error: string };

/** An input read and analysed, ready for the one writer; or already settled (failed, known). */
type Ready = {
  done?: undefined;
  name: string;
  read: ReadDocument;
  analysis: Analysis;
  contentHash: string;
  bytes: number;
};
type Prepared = { done: IngestOutcome } | Ready;

/**
 * Read and analyse one input; with a pool, on a worker. Never throws for a bad input; store failures
 * (the database went away) do throw.
 */
async function prepareOne(
  item: InputItem,
  deps: IngestDeps,
  options: ReadOptions,
  pool: AnalysePool | null,
): Promise<Prepared> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
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
    if (pool) {
      const { read, analysis } = await pool.analyse(bytes, item.name, { ...options, maxBytes });
      return { name: item.name, contentHash, bytes: bytes.byteLength, read, analysis };
    }
    const read = await deps.read(bytes, item.name, { ...options, maxBytes });
    return { name: item.name, contentHash, bytes: bytes.byteLength, read, analysis: deps.analyse(read) };
  } catch (error) {
    const invalid = error instanceof InvalidInputError || (error instanceof AnalyseFailure && error.invalid);
    const message = (error as Error).message;
    return { done: { name: item.name, status: 'failed', error: invalid ? message : `${item.name}: ${message}` } };
  }
}

/** What the one writer stores of a prepared input. */
function toNewDocument(prepared: Ready, now: string): NewDocument {
  const { name, read, analysis, contentHash, bytes } = prepared;
  return {
    read,
    source: name,
    contentHash,
    bytes,
    extraction: analysis.extraction,
    incidents: analysis.incidents,
    now,
  };
}

function toOutcome(name: string, saved: SaveOutcome): IngestOutcome {
  return saved.status === 'ingested'
    ? { name, status: 'ingested', id: saved.id, figures: saved.figures }
    : { name, status: 'unchanged', id: saved.id };
}

/**
 * Store prepared inputs, in order, in one transaction: the one writer. Settled ones (failed, known)
 * pass through in their place.
 */
async function storePrepared(
  batch: readonly Prepared[],
  deps: IngestDeps,
  memory?: DeathClaimsMemory,
): Promise<IngestOutcome[]> {
  const ready = batch.filter((p): p is Ready => p.done === undefined);
  const now = deps.now();
  const saved =
    ready.length > 0
      ? await saveDocuments(
          deps.store,
          ready.map((p) => toNewDocument(p, now)),
          memory,
        )
      : [];
  let next = 0;
  return batch.map((p) => p.done ?? toOutcome(p.name, saved[next++] as SaveOutcome));
}

/**
 * Read, extract and store one input. Never throws for a bad input: the outcome says what went
 * wrong, so one bad document never stops a batch. Store failures (the database went away) do throw.
 */
export async function ingestOne(item: InputItem, deps: IngestDeps, options: ReadOptions = {}): Promise<IngestOutcome> {
  const [outcome] = await storePrepared([await prepareOne(item, deps, options, null)], deps);
  return outcome as IngestOutcome;
}

// A commit costs as much as storing a short report: the writer commits this many at a time, or
// fewer when their text grows past BATCH_BYTES, so memory stays bounded whatever the corpus. A
// commit writes every page the batch touched, and the incident indexes' pages are touched again by
// the next batch: 256 at a time took 5% less CPU than 64 over 5,000 reports (one thread).
const BATCH_DOCUMENTS = 256;
const BATCH_BYTES = 8_000_000;
const READ_AHEAD = 4;

/**
 * Ingest every input, yielding one outcome per input in input order (listing problems included).
 * With a pool, inputs are read and analysed ahead on its threads (up to four per worker), while this
 * thread stores them in order, a batch per transaction: ids, outcomes and idempotence are those of
 * one document at a time (the same content twice is stored once, as the writer finds it stored by
 * then). An outcome is yielded once its batch is committed.
 */
export async function* ingestAll(
  inputs: AsyncIterable<InputItem | InputProblem>,
  deps: IngestDeps,
  options: ReadOptions = {},
  pool: AnalysePool | null = null,
): AsyncGenerator<IngestOutcome> {
  // Without a pool, a few files are read ahead while this thread analyses: their reads overlap its
  // work, and memory stays flat. With one, the workers hold a batch's worth beyond what they are
  // analysing: while this thread stores a batch they go on with the next, instead of waiting for it.
  const ahead = pool ? pool.size * 4 + BATCH_DOCUMENTS : READ_AHEAD;
  const pending: Promise<Prepared>[] = [];
  // A much-reported incident's claims are read once for the run, not again by every batch.
  const memory = new DeathClaimsMemory();
  let batch: Prepared[] = [];
  let batchBytes = 0;
  const take = async () => {
    const prepared = await (pending.shift() as Promise<Prepared>);
    batch.push(prepared);
    if (prepared.done === undefined) batchBytes += prepared.bytes + prepared.read.text.length;
    return batch.length >= BATCH_DOCUMENTS || batchBytes >= BATCH_BYTES;
  };
  const flush = async () => {
    const outcomes = await storePrepared(batch, deps, memory);
    batch = [];
    batchBytes = 0;
    return outcomes;
  };
  try {
    for await (const input of inputs) {
      const prepared: Promise<Prepared> =
        'problem' in input
          ? Promise.resolve({ done: { name: input.name, status: 'failed', error: `${input.name}: ${input.problem}` } })
          : prepareOne(input, deps, options, pool);
      // A store failure surfaces when its turn comes; until then it must not count as unhandled.
      prepared.catch(() => {});
      pending.push(prepared);
      while (pending.length > ahead) if (await take()) yield* await flush();
    }
    while (pending.length > 0) if (await take()) yield* await flush();
    yield* await flush();
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
