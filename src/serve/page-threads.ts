import { Worker } from 'node:worker_threads';
import type { ResolveData } from '../app/analyse-document.js';
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

export type PageThreadMessage = ({ type: 'page'; id: number } & PageRequest) | { type: 'close' };

/** How long a thread may take to close its store before it is stopped. */
const CLOSE_MS = 5_000;

/** Asks the thread to close its store and end; stops it if it has not within CLOSE_MS. */
async function closeThread(worker: Worker): Promise<void> {
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
  close(): Promise<void>;
}

// From dist/ the thread is plain JavaScript. From src/ (tsx, tests) it is TypeScript, and loader
// hooks do not follow a thread: it registers tsx itself before it loads the module.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const THREAD_URL = new URL(FROM_SOURCE ? './page-thread.ts' : './page-thread.js', import.meta.url);

function startThread(data: PageThreadData): Worker {
  if (!FROM_SOURCE) return new Worker(THREAD_URL, { workerData: data });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(THREAD_URL.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

interface Slot {
  worker: Worker;
  busy: number;
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
  const waiting = new Map<number, { resolve(body: Buffer): void; reject(e: Error): void; slot: Slot }>();
  let next = 0;
  let broken: Error | null = null;
  let closing = false;
  const share = Math.max(1, Math.ceil(cached / size));
  const slots: Slot[] = Array.from({ length: size }, () => {
    const worker = startThread({ ...data, cached: share });
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (reply: PageThreadReply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      slot.busy -= 1;
      if (reply.ok) entry.resolve(Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength));
      else entry.reject(errorOf(reply.error));
    });
    const fail = (error: Error) => {
      if (!broken) {
        broken = new StoreError(`a thread writing incident pages stopped: ${error.message}`);
        if (!closing) onStop(broken);
      }
      for (const [id, entry] of waiting) {
        if (entry.slot !== slot) continue;
        waiting.delete(id);
        entry.reject(broken);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return slot;
  });
  return {
    size,
    get working() {
      return broken === null;
    },
    write: (request) => {
      if (broken) return Promise.reject(broken);
      const slot = slots.reduce((a, b) => (b.busy < a.busy ? b : a));
      const id = next++;
      slot.busy += 1;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject, slot });
        slot.worker.postMessage({ type: 'page', id, ...request } satisfies PageThreadMessage);
      });
    },
    close: async () => {
      if (closing) return;
      closing = true;
      broken ??= new StoreError('the server is closing');
      // A thread's own connections close with its store: a PostgreSQL database can then be dropped.
      await Promise.all(slots.map((s) => closeThread(s.worker)));
    },
  };
}
