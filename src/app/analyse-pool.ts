import type { ReadDocument } from '../core/document.js';
import type { ReadOptions } from '../ingest/read-document.js';
import type { ResolveData } from './analyse-document.js';
import type { Analysis } from './ingest-documents.js';
import { createThreadPool, moduleBeside, startThread } from './threads.js';

export interface AnalyseRequest {
  id: number;
  bytes: Uint8Array;
  name: string;
  options: ReadOptions;
}

export type AnalyseReply =
  | { id: number; ok: true; read: ReadDocument; analysis: Analysis }
  | { id: number; ok: false; invalid: boolean; message: string };

/** Why a worker could not read or analyse a document; `invalid` when the input is at fault. */
export class AnalyseFailure extends Error {
  override name = 'AnalyseFailure';
  constructor(
    message: string,
    readonly invalid: boolean,
  ) {
    super(message);
  }
}

/**
 * Reading, extraction and incident building on worker threads: pure, so any thread will do. Each
 * worker opens the gazetteer's compiled tables and indexes the actors once, from the data it is
 * started with; the caller only stores.
 */
export interface AnalysePool {
  readonly size: number;
  analyse(bytes: Uint8Array, name: string, options: ReadOptions): Promise<{ read: ReadDocument; analysis: Analysis }>;
  close(): Promise<void>;
}

const THREAD_URL = moduleBeside(import.meta.url, 'analyse-thread');

// A small young generation keeps a worker's memory near its live data (~70 MB less per worker than at
// the default size), at no measurable cost in speed.
const LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * `size` worker threads. A document goes to the least busy worker; replies are matched by id, so
 * callers may await them in any order. A worker that dies fails what it held (the caller reports
 * those inputs) and the pool refuses more work.
 */
export function createAnalysePool(size: number, data: ResolveData): AnalysePool {
  const pool = createThreadPool<AnalyseReply, { read: ReadDocument; analysis: Analysis }>({
    size,
    start: () => startThread(THREAD_URL, { resourceLimits: LIMITS, workerData: data }),
    settle: (reply) =>
      reply.ok
        ? { id: reply.id, result: { read: reply.read, analysis: reply.analysis } }
        : { id: reply.id, error: new AnalyseFailure(reply.message, reply.invalid) },
    stopped: (cause) => new Error(`an analysis worker stopped (${cause.message})`),
  });
  return {
    size,
    analyse: (bytes, name, options) => pool.send((id) => ({ id, bytes, name, options }) satisfies AnalyseRequest),
    close: () => pool.close(),
  };
}
