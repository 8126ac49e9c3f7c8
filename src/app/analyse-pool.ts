import { Worker } from 'node:worker_threads';
import type { ReadDocument } from '../core/document.js';
import type { ResolveData } from './analyse-document.js';
import type { Analysis } from './ingest-documents.js';

export interface AnalyseRequest {
  id: number;
  bytes: Uint8Array;
  name: string;
  maxBytes: number;
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
  analyse(bytes: Uint8Array, name: string, maxBytes: number): Promise<{ read: ReadDocument; analysis: Analysis }>;
  close(): Promise<void>;
}

// From dist/ the worker is plain JavaScript. From src/ (tsx, tests) it is TypeScript, and loader
// hooks do not follow a thread: the worker registers tsx itself before it loads the module.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './analyse-thread.ts' : './analyse-thread.js', import.meta.url);

// A small young generation keeps a worker's memory near its live data (~70 MB less per worker than at
// the default size), at no measurable cost in speed.
const LIMITS = { maxYoungGenerationSizeMb: 8 };

function startWorker(data: ResolveData): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, { resourceLimits: LIMITS, workerData: data });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { eval: true, resourceLimits: LIMITS, workerData: data });
}

interface Slot {
  worker: Worker;
  busy: number;
}

/**
 * `size` worker threads. A document goes to the least busy worker; replies are matched by id, so
 * callers may await them in any order. A worker that dies fails what it held (the caller reports
 * those inputs) and the pool refuses more work.
 */
export function createAnalysePool(size: number, data: ResolveData): AnalysePool {
  const waiting = new Map<
    number,
    { resolve(v: { read: ReadDocument; analysis: Analysis }): void; reject(e: Error): void; slot: Slot }
  >();
  let next = 0;
  let broken: Error | null = null;
  const slots: Slot[] = Array.from({ length: size }, () => {
    const worker = startWorker(data);
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (reply: AnalyseReply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      slot.busy -= 1;
      if (reply.ok) entry.resolve({ read: reply.read, analysis: reply.analysis });
      else entry.reject(new AnalyseFailure(reply.message, reply.invalid));
    });
    const fail = (error: Error) => {
      broken ??= error;
      for (const [id, entry] of waiting) {
        if (entry.slot !== slot) continue;
        waiting.delete(id);
        entry.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`an analysis worker stopped (exit code ${code})`));
    });
    return slot;
  });
  return {
    size,
    analyse: (bytes, name, maxBytes) => {
      if (broken) return Promise.reject(broken);
      const slot = slots.reduce((a, b) => (b.busy < a.busy ? b : a));
      const id = next++;
      slot.busy += 1;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject, slot });
        slot.worker.postMessage({ id, bytes, name, maxBytes } satisfies AnalyseRequest);
      });
    },
    close: async () => {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
