import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ResolveData } from '../app/analyse-document.js';
import { createThreadPool, moduleBeside, startThread } from '../app/threads.js';
import { InvalidInputError, StoreError } from '../core/errors.js';
import type { IncidentPageRequest, ReviewedIncidentFilter } from '../store/reviewed-incidents.js';
import type { GridParams, PointsParams } from './map-queries.js';

/**
 * One answer to write: an incident page, the map's points or its grid, each with the filter as
 * resolved and what else the route was asked; and whether the reader may see notes marked sensitive.
 */
export type PageRequest = (
  | { kind: 'incidents'; filter: ReviewedIncidentFilter; page: IncidentPageRequest }
  | { kind: 'points'; filter: ReviewedIncidentFilter; params: PointsParams }
  | { kind: 'grid'; filter: ReviewedIncidentFilter; params: GridParams }
) & { sensitive: boolean };

/** What a page thread is started with: the store to open and the data its actor index is built from. */
export interface PageThreadData {
  db: string;
  resolve: ResolveData;
  /** Incidents the thread keeps graded (its share of the server's). */
  cached: number;
}

export type PageThreadMessage =
  | ({ type: 'page'; id: number } & PageRequest)
  | { type: 'heap'; id: number; collect: boolean }
  | { type: 'close' };

/** A page thread's JavaScript heap: what it holds, and what it has taken from the system to hold it. */
export interface ThreadHeap {
  thread: number;
  used: number;
  total: number;
}

/** How long a thread may take to close its store before it is stopped. */
const CLOSE_MS = 5_000;

/** Asks the thread to close its store and end; stops it if it has not within CLOSE_MS. */
async function closeThread(worker: Worker): Promise<void> {
  // A thread that has ended already (it could not open the store) will say so no more.
  if (worker.threadId < 0) return;
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage({ type: 'close' } satisfies PageThreadMessage);
  const timer = setTimeout(() => void worker.terminate(), CLOSE_MS);
  await ended;
  clearTimeout(timer);
}

/** Why a page could not be written, as the thread's error class said it: the route answers as it would have. */
export type PageThreadFailure =
  | { kind: 'invalid'; where: string; problem: string }
  | { kind: 'store' | 'other'; message: string };

export type PageThreadReply =
  | { id: number; ok: true; body: Uint8Array }
  | { id: number; ok: false; error: PageThreadFailure };

/** The thread's error again on this side, of the class that gives the same HTTP answer. */
function errorOf(failure: PageThreadFailure): Error {
  if (failure.kind === 'invalid') return new InvalidInputError(failure.where, failure.problem);
  return failure.kind === 'store' ? new StoreError(failure.message) : new Error(failure.message);
}

/**
 * Incident pages and the map's answers written on threads of their own, each with its own
 * connection to the store and its own graded incidents: reading, grading and writing a page nobody
 * asked for before is milliseconds of CPU, a map grid of the whole store a scan of it, and on one
 * thread every request waited for the ones before it. The thread that answers HTTP keeps everything
 * else: sign-in, rate limits, the bodies it keeps.
 */
export interface PageThreads {
  readonly size: number;
  /** False once a thread has stopped: the route then writes its pages on the main thread again. */
  readonly working: boolean;
  /** The answer's JSON, as the route on the main thread would write it for this reader. */
  write(request: PageRequest): Promise<Buffer>;
  /**
   * Each thread's heap, after a full collection when `collect` and the process runs with
   * --expose-gc: the soak's test that the threads keep nothing they should not.
   */
  heaps(collect: boolean): Promise<ThreadHeap[]>;
  close(): Promise<void>;
}

const THREAD_URL = moduleBeside(import.meta.url, 'page-thread');

/**
 * Page threads a server starts unless told: one per core, at most 4. Each holds its own modules and
 * actor index (about 45 MB at rest), its graded incidents and page cache (up to 65 MB in all under
 * load), and on PostgreSQL up to two connections; a team's server on many cores can ask for more.
 */
export function defaultPageThreads(): number {
  return Math.min(availableParallelism(), 4);
}

/**
 * `size` threads writing incident pages of the store at `db`, `cached` graded incidents kept among
 * them. A page goes to the least busy thread. A thread that stops (it cannot open the store, it ran
 * out of memory) fails the pages it held with a 503, `onStop` is told why, and the pool takes no
 * more: the server goes on writing pages on its main thread.
 */
export function createPageThreads(
  size: number,
  data: Omit<PageThreadData, 'cached'>,
  cached: number,
  onStop: (error: Error) => void = () => {},
): PageThreads {
  const share = Math.max(1, Math.ceil(cached / size));
  const pool = createThreadPool<PageThreadReply, Buffer>({
    size,
    start: () => startThread(THREAD_URL, { workerData: { ...data, cached: share } satisfies PageThreadData }),
    settle: (reply) =>
      reply.ok
        ? { id: reply.id, result: Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength) }
        : { id: reply.id, error: errorOf(reply.error) },
    stopped: (cause) => new StoreError(`a thread writing incident pages stopped: ${cause.message}`),
    onStop,
  });
  return {
    size,
    get working() {
      return pool.working;
    },
    // Every grid goes to the first thread: its map index (map-index.ts) is built once, not per thread.
    write: (request) =>
      pool.send(
        (id) => ({ type: 'page', id, ...request }) satisfies PageThreadMessage,
        request.kind === 'grid' ? 0 : undefined,
      ),
    heaps: async (collect) => {
      const bodies = await pool.each((id) => ({ type: 'heap', id, collect }) satisfies PageThreadMessage);
      return bodies.map((body) => JSON.parse(body.toString('utf8')) as ThreadHeap);
    },
    // A thread's own connections close with its store: a PostgreSQL database can then be dropped.
    close: () => pool.close(closeThread),
  };
}
