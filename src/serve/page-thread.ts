import { getHeapStatistics } from 'node:v8';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { resolversFrom } from '../app/analyse-document.js';
import { InvalidInputError, StoreError } from '../core/errors.js';
import { openStore, SERVER_MAP_MB } from '../store/open-store.js';
import { createIncidentCache } from './incident-cache.js';
import { incidentPageBytes, readIncidentPage } from './incident-page.js';
import { createMapIndex } from './map-index.js';
import { GridResponse, PointsResponse, readPoints } from './map-queries.js';
import type {
  PageRequest,
  PageThreadData,
  PageThreadFailure,
  PageThreadMessage,
  PageThreadReply,
  ThreadHeap,
} from './page-threads.js';
import { holdsSensitive, redactSensitive } from './redact.js';
import { requiredWriter } from './response-serializer.js';

// One thread writing incident pages (page-threads.ts): its own connection to the store, already
// migrated by the server, its own actor index and its own graded incidents, kept under the stamp
// its own connection reads.

/** SQLite's page cache per thread: the OS keeps the store's pages for all of them. */
const PAGE_CACHE_MB = 16;
/**
 * PostgreSQL connections per thread: its work is mostly its own CPU, and a server's threads must
 * stay well inside the database's limit on connections (100 by default).
 */
const PAGE_CONNECTIONS = 2;
const port = parentPort;
if (!port) throw new Error('page-thread runs as a worker thread');
const data = workerData as PageThreadData;
const store = await openStore(data.db, {
  migrate: false,
  cacheMb: PAGE_CACHE_MB,
  mapMb: SERVER_MAP_MB,
  connections: PAGE_CONNECTIONS,
});
const actors = resolversFrom(data.resolve).actors;
const incidents = createIncidentCache(store, actors, data.cached);
// Grids go to one thread (page-threads.ts), whose index is the only one built.
const mapIndex = createMapIndex(store);

function failureOf(error: unknown): PageThreadFailure {
  if (error instanceof InvalidInputError) return { kind: 'invalid', where: error.where, problem: error.problem };
  return { kind: error instanceof StoreError ? 'store' : 'other', message: (error as Error).message };
}

// The map's answers, written by the serializers Fastify compiles for their routes on the main thread.
const writePoints = requiredWriter(PointsResponse, 'a map answer');
const writeGrid = requiredWriter(GridResponse, 'a map answer');

/** The payload as this reader may see it: notes marked sensitive redacted, as the main thread's hook does. */
function shown<T>(payload: T, sensitive: boolean): T {
  return sensitive || !holdsSensitive(payload) ? payload : redactSensitive(payload);
}

/** This thread's heap, as JSON bytes (see PageThreads.heaps). */
function heap(collect: boolean): Buffer {
  if (collect) (globalThis as { gc?: () => void }).gc?.();
  const { used_heap_size: used, total_heap_size: total } = getHeapStatistics();
  return Buffer.from(JSON.stringify({ thread: threadId, used, total } satisfies ThreadHeap));
}

async function write(request: PageRequest): Promise<Buffer> {
  switch (request.kind) {
    case 'incidents': {
      const cached = await incidents.open();
      const payload = await readIncidentPage(store.db, request.filter, request.page, { actors, load: cached.load });
      return incidentPageBytes(payload, request.sensitive);
    }
    case 'points': {
      const payload = await readPoints(store.db, request.filter, request.params);
      return Buffer.from(writePoints(shown(payload, request.sensitive)));
    }
    case 'grid': {
      const payload = await mapIndex.grid(request.filter, request.params);
      return Buffer.from(writeGrid(shown(payload, request.sensitive)));
    }
  }
}

port.on('message', async (request: PageThreadMessage) => {
  if (request.type === 'close') {
    await store.close();
    port.close();
    return;
  }
  let bytes: Buffer;
  try {
    bytes = request.type === 'heap' ? heap(request.collect) : await write(request);
  } catch (error) {
    port.postMessage({ id: request.id, ok: false, error: failureOf(error) } satisfies PageThreadReply);
    return;
  }
  const body = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A page's bytes are moved, not copied, when they have a buffer of their own; a short page may
  // sit in Node's shared pool of small buffers, which must stay here.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  port.postMessage(
    { id: request.id, ok: true, body } satisfies PageThreadReply,
    own ? [bytes.buffer as ArrayBuffer] : [],
  );
});
