import { createAnalyser, loadResolveData, resolversFrom } from '../src/app/analyse-document.js';
import { resolveServeConfig } from '../src/cli/config.js';
import { readDocument } from '../src/ingest/read-document.js';
import { buildServer } from '../src/serve/build-server.js';
import { CACHED_INCIDENTS } from '../src/serve/incident-cache.js';
import { createPageThreads, defaultPageThreads } from '../src/serve/page-threads.js';
import { DEFAULT_SERVER_CONFIG } from '../src/serve/server-types.js';
import { openStore } from '../src/store/open-store.js';

/**
 * The server under soak, in a process of its own so its memory and event loop are its own: the
 * parent sends `sample` and gets the heaps (its own and its page threads') after a full collection,
 * and `stop` to close. Started by
 * bench/soak-load.ts with --expose-gc and the store in TALLY_SOAK_DB.
 */
type Message = { type: 'sample' } | { type: 'stop' };

const db = process.env.TALLY_SOAK_DB;
if (!db || !process.send) throw new Error('bench/soak-server.ts is started by bench/soak-load.ts');
const gc = (globalThis as { gc?: () => void }).gc;

const store = await openStore(db);
const resolve = await loadResolveData(store);
const resolvers = resolversFrom(resolve);
// As `tally serve` runs by default: incident pages and the map's answers on page threads, as many
// as TALLY_PAGE_THREADS says (0 for none: the main thread writes them).
const threads = resolveServeConfig({ port: 0, host: '127.0.0.1' }, process.env).pageThreads ?? defaultPageThreads();
const pages = threads > 0 ? createPageThreads(threads, { db, resolve }, CACHED_INCIDENTS) : undefined;
const app = await buildServer({
  store,
  resolvers,
  pages,
  read: readDocument,
  analyse: createAnalyser(resolvers),
  now: () => new Date().toISOString(),
  config: {
    ...DEFAULT_SERVER_CONFIG,
    // One client address sends everything here; the limiter would measure itself instead of the routes.
    rateLimit: { max: 1_000_000_000, windowMs: 60_000 },
    // A 500 during the soak is a finding: its cause goes to stderr.
    logLevel: 'error',
  },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });

// The parent went away without saying stop (it crashed, or was killed): do not outlive it.
process.on('disconnect', () => process.exit(0));

process.on('message', async (message: Message) => {
  if (message.type === 'sample') {
    gc?.();
    const m = process.memoryUsage();
    // The page threads' heaps, each after a collection of its own: RSS counts them, heapUsed does not.
    const threads = (await pages?.heaps(gc !== undefined)) ?? [];
    process.send?.({
      type: 'memory',
      rss: m.rss,
      heapUsed: m.heapUsed,
      external: m.external,
      threadsHeapUsed: threads.reduce((n, h) => n + h.used, 0),
      threadsHeapTotal: threads.reduce((n, h) => n + h.total, 0),
      collected: gc !== undefined,
    });
  } else if (message.type === 'stop') {
    await app.close();
    await pages?.close();
    await store.close();
    process.send?.({ type: 'stopped' });
    process.disconnect?.();
  }
});
