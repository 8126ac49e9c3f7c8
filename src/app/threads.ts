import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The module `name` beside the one at `base` (its import.meta.url): `name.js` in dist/, `name.ts`
 * when Tally runs from source (tsx, tests).
 */
export function moduleBeside(base: string, name: string): URL {
  return new URL(base.endsWith('.ts') ? `./${name}.ts` : `./${name}.js`, base);
}

/**
 * A thread running the module at `url`. From source, loader hooks do not follow a thread: the
 * thread registers tsx itself before it loads the module.
 */
export function startThread(url: URL, options: WorkerOptions): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

/** What a reply settles: the request it answers, with a result or an error. */
export type Settled<Result> = { id: number; result: Result } | { id: number; error: Error };

export interface ThreadPoolOptions<Reply, Result> {
  size: number;
  /** Starts the thread of slot `slot`. */
  start(slot: number): Worker;
  settle(reply: Reply): Settled<Result>;
  /**
   * What the requests a stopped thread held are rejected with, and every request after: the pool
   * takes no more once a thread has stopped.
   */
  stopped(cause: Error): Error;
  /** Told once, when the first thread stops (not when the pool is closed). */
  onStop?(error: Error): void;
}

/** Requests to threads, each to the least busy, replies matched by id: callers may await them in any order. */
export interface ThreadPool<Result> {
  readonly size: number;
  /** False once a thread has stopped. */
  readonly working: boolean;
  /**
   * Posts the message made for a new request id to the least busy thread, or to the thread of slot
   * `slot` when what it keeps serves the request best.
   */
  send(message: (id: number) => unknown, slot?: number): Promise<Result>;
  /** Posts the message made for a new request id to every thread: their answers in the threads' order. */
  each(message: (id: number) => unknown): Promise<Result[]>;
  /** Ends every thread: by `end` when given (a thread that closes what it holds), else at once. */
  close(end?: (worker: Worker) => Promise<void>): Promise<void>;
}

interface Slot {
  worker: Worker;
  busy: number;
}

interface Waiting<Result> {
  resolve(result: Result): void;
  reject(error: Error): void;
  slot: Slot;
}

export function createThreadPool<Reply, Result>(options: ThreadPoolOptions<Reply, Result>): ThreadPool<Result> {
  const waiting = new Map<number, Waiting<Result>>();
  let next = 0;
  let broken: Error | null = null;
  let closing = false;
  const slots: Slot[] = Array.from({ length: options.size }, (_, n) => {
    const worker = options.start(n);
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (reply: Reply) => {
      const settled = options.settle(reply);
      const entry = waiting.get(settled.id);
      if (!entry) return;
      waiting.delete(settled.id);
      slot.busy -= 1;
      if ('error' in settled) entry.reject(settled.error);
      else entry.resolve(settled.result);
    });
    const fail = (cause: Error) => {
      if (!broken) {
        broken = options.stopped(cause);
        if (!closing) options.onStop?.(broken);
      }
      for (const [id, entry] of waiting) {
        if (entry.slot !== slot) continue;
        waiting.delete(id);
        entry.reject(broken);
      }
    };
    worker.on('error', fail);
    // A thread that ends while requests wait on it must not leave them waiting for ever.
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return slot;
  });
  const request = (slot: Slot, message: (id: number) => unknown): Promise<Result> => {
    if (broken) return Promise.reject(broken);
    const id = next++;
    slot.busy += 1;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject, slot });
      slot.worker.postMessage(message(id));
    });
  };
  return {
    size: options.size,
    get working() {
      return broken === null;
    },
    send: (message, slot) =>
      request(
        (slot === undefined ? undefined : slots[slot]) ?? slots.reduce((a, b) => (b.busy < a.busy ? b : a)),
        message,
      ),
    each: (message) => Promise.all(slots.map((slot) => request(slot, message))),
    close: async (end) => {
      if (closing) return;
      closing = true;
      await Promise.all(slots.map((s) => (end ? end(s.worker) : s.worker.terminate())));
    },
  };
}
