import type { FastifyReply, FastifyRequest } from 'fastify';
import { readDataVersion } from '../store/data-version.js';
import type { Store } from '../store/open-store.js';
import { seesSensitive } from './redact.js';

/** Bytes of response bodies kept at most, over every route that keeps them. */
export const CACHED_BODY_BYTES = 64 * 1024 * 1024;
/** A body larger than this share of the budget is served but not kept: it would push out many others. */
const LARGEST_SHARE = 16;
/** The content type of every JSON answer, as Fastify sets it. */
export const JSON_TYPE = 'application/json; charset=utf-8';

export interface BodyCache {
  /** Route-level hooks: answer a GET from a kept body, and keep the body of a 200 answered afresh. */
  readonly hooks: {
    preHandler(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
    onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown>;
  };
  /** The store's stamp as the request's preHandler read it: a handler's reads are of that state or later. */
  stampOf(request: FastifyRequest): string | undefined;
}

interface Pending {
  stamp: string;
  key: string;
}

/**
 * Whole JSON responses of read routes, kept while nothing is written to the store. A response is a
 * function of the URL, the store's contents and whether the reader sees sensitive notes (redaction
 * happens before serialisation), so that is the key: a body written for an analyst is never
 * served to a viewer, nor the other way round. Any write changes the stamp `readDataVersion`
 * returns (see incident-cache.ts), and the first request to see a new stamp empties the cache. A
 * body is kept only if no request has seen a newer stamp since this one's was read; one that
 * carries a later write than its stamp is dropped with the rest as soon as that write's stamp is
 * read, which every later request does first. Authentication, authorisation and the rate limit
 * run before the preHandler, as for any request.
 */
export function createBodyCache(store: Store, budget: number = CACHED_BODY_BYTES): BodyCache {
  let version: string | null = null;
  let kept = new Map<string, Buffer>();
  let bytes = 0;
  const pending = new WeakMap<FastifyRequest, Pending>();

  const keep = (at: Pending, body: Buffer) => {
    if (at.stamp !== version || body.length > budget / LARGEST_SHARE) return;
    const old = kept.get(at.key);
    if (old) bytes -= old.length;
    kept.delete(at.key);
    kept.set(at.key, body);
    bytes += body.length;
    // Least recently used first.
    for (const [key, dropped] of kept) {
      if (bytes <= budget) break;
      kept.delete(key);
      bytes -= dropped.length;
    }
  };

  return {
    hooks: {
      async preHandler(request, reply) {
        const stamp = await readDataVersion(store);
        if (stamp !== version) {
          version = stamp;
          kept = new Map();
          bytes = 0;
        }
        const key = `${seesSensitive(request.principal?.role ?? null) ? 'sensitive' : 'redacted'} ${request.url}`;
        pending.set(request, { stamp, key });
        const body = request.method === 'GET' ? kept.get(key) : undefined;
        if (!body) return undefined;
        kept.delete(key);
        kept.set(key, body);
        return reply.type(JSON_TYPE).send(body);
      },
      async onSend(request, reply, payload) {
        const at = pending.get(request);
        if (!at || request.method !== 'GET' || reply.statusCode !== 200 || kept.get(at.key) === payload) {
          return payload;
        }
        if (typeof payload === 'string') {
          const body = Buffer.from(payload);
          keep(at, body);
          return body;
        }
        if (Buffer.isBuffer(payload)) keep(at, payload);
        return payload;
      },
    },
    stampOf: (request) => pending.get(request)?.stamp,
  };
}
