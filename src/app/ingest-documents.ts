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

/**
 * Read, extract and store one input. Never throws for a bad input: the outcome says what went
 * wrong, so one bad document never stops a batch. Store failures (the database went away) do throw.
 */
export async function ingestOne(
  item: InputItem,
  deps: IngestDeps,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<IngestOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await item.read(maxBytes);
  } catch (error) {
    const problem = error instanceof TooLargeError ? error.message : describeFsError(error);
    return { name: item.name, status: 'failed', error: `${item.name}: ${problem}` };
  }
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const known = await findDocumentByHash(deps.store, contentHash);
  if (known !== null) return { name: item.name, status: 'unchanged', id: known };

  let read: ReadDocument;
  let analysis: Analysis;
  try {
    read = await deps.read(bytes, item.name, { maxBytes });
    analysis = deps.analyse(read);
  } catch (error) {
    if (error instanceof InvalidInputError) return { name: item.name, status: 'failed', error: error.message };
    return { name: item.name, status: 'failed', error: `${item.name}: ${(error as Error).message}` };
  }
  const saved = await saveDocument(deps.store, {
    read,
    source: item.name,
    contentHash,
    bytes: bytes.byteLength,
    extraction: analysis.extraction,
    incidents: analysis.incidents,
    now: deps.now(),
  });
  return saved.status === 'ingested'
    ? { name: item.name, status: 'ingested', id: saved.id, figures: saved.figures }
    : { name: item.name, status: 'unchanged', id: saved.id };
}

/** Ingest every input in turn, yielding one outcome per input (listing problems included). */
export async function* ingestAll(
  inputs: AsyncIterable<InputItem | InputProblem>,
  deps: IngestDeps,
  maxBytes = DEFAULT_MAX_BYTES,
): AsyncGenerator<IngestOutcome> {
  for await (const input of inputs) {
    if ('problem' in input) {
      yield { name: input.name, status: 'failed', error: `${input.name}: ${input.problem}` };
      continue;
    }
    yield await ingestOne(input, deps, maxBytes);
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
