import { Worker } from 'node:worker_threads';
import type { ReadDocument } from '../core/document.js';
import type { Extracted } from './analyse-document.js';

export interface AnalyseRequest {
  id: number;
  bytes: Uint8Array;
  name: string;
  maxBytes: number;
}

export type AnalyseReply =
  | { id: number; ok: true; read: ReadDocument; extracted: Extracted }
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
 * Reading and extraction on worker threads: pure, so any thread will do. Resolving places and actors
 * stays with the caller, whose one gazetteer serves every document.
 */
export interface AnalysePool {
  readonly size: number;
  extract(bytes: Uint8Array, name: string, maxBytes: number): Promise<{ read: ReadDocument; extracted: Extracted }>;
  close(): Promise<void>;
}

// From dist/ the worker is plain JavaScript. From src/ (tsx, tests) it is TypeScript, and loader
// hooks do not follow a thread: the worker registers tsx itself before it loads the module.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './analyse-worker.ts' : './analyse-worker.js', import.meta.url);

// A worker only extracts: a small young generation keeps its memory near its live data (~70 MB less
// per worker at the default size), at no measurable cost in speed.
const LIMITS = { maxYoungGenerationSizeMb: 8 };

function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, { resourceLimits: LIMITS });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { eval: true, resourceLimits: LIMITS });
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
export function createAnalysePool(size: number): AnalysePool {
  const waiting = new Map<
    number,
    { resolve(v: { read: ReadDocument; extracted: Extracted }): void; reject(e: Error): void; slot: Slot }
  >();
  let next = 0;
  let broken: Error | null = null;
  const slots: Slot[] = Array.from({ length: size }, () => {
    const worker = startWorker();
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (reply: AnalyseReply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      slot.busy -= 1;
      if (reply.ok) entry.resolve({ read: reply.read, extracted: reply.extracted });
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
    extract: (bytes, name, maxBytes) => {
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
