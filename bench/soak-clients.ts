import { syntheticReport } from '../test/support/reports.js';

/** Route groups the soak reports latency for. */
export const GROUPS = [
  'incidents',
  'incident',
  'aggregates',
  'documents',
  'document',
  'figures',
  'figure',
  'ingest',
  'review-figure',
  'review-incident',
] as const;
export type Group = (typeof GROUPS)[number];

// Reads outnumber writes about six to one, as on a team's server.
const WEIGHTS: Record<Group, number> = {
  incidents: 20,
  incident: 8,
  aggregates: 15,
  documents: 8,
  document: 8,
  figures: 10,
  figure: 8,
  ingest: 8,
  'review-figure': 8,
  'review-incident': 7,
};

export interface Sample {
  group: Group;
  ms: number;
  status: number;
}

export interface SoakError {
  group: Group;
  method: string;
  path: string;
  status: number | null;
  detail: string;
}

/** What the clients wrote and the server said it stored, for the count check afterwards. */
export interface Writes {
  documents: { id: number; text: string }[];
  figureReviews: number;
  incidentReviews: number;
}

export interface ClientOptions {
  base: string;
  /** Bearer tokens: reads go as a viewer, writes as an analyst. */
  viewer: string;
  analyst: string;
  clients: number;
  until: number;
  seed: number;
}

const PLACES = ['Kunduz province', 'Helmand', 'Nangarhar', 'Jowzjan', 'Faryab', 'Balkh'];
const DIMENSIONS = ['month', 'actor', 'place', 'type'];

/**
 * `clients` loops of requests until `until` (a performance.now() time), each picking a route by
 * weight: incident pages with filters and cursors, aggregates, documents, figures, and as an
 * analyst new documents and reviews of figures and incidents. Ids come from what earlier responses
 * listed, so every request names something that exists.
 */
export async function runClients(
  o: ClientOptions,
): Promise<{ samples: Sample[]; errors: SoakError[]; writes: Writes }> {
  const samples: Sample[] = [];
  const errors: SoakError[] = [];
  const writes: Writes = { documents: [], figureReviews: 0, incidentReviews: 0 };
  const known = { documents: [] as number[], figures: [] as number[], incidents: [] as number[] };
  const random = seeded(o.seed);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const remember = (list: number[], ids: number[]) => {
    for (const id of ids) if (!list.includes(id)) list.push(id);
    if (list.length > 2000) list.splice(0, list.length - 2000);
  };
  let written = 0;

  async function call(group: Group, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const token = method === 'GET' ? o.viewer : o.analyst;
    const started = performance.now();
    try {
      const response = await fetch(`${o.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      samples.push({ group, ms: performance.now() - started, status: response.status });
      const expected = group === 'ingest' ? 201 : 200;
      if (response.status !== expected) {
        errors.push({ group, method, path, status: response.status, detail: text.slice(0, 300) });
        return null;
      }
      return JSON.parse(text) as unknown;
    } catch (error) {
      errors.push({ group, method, path, status: null, detail: String(error) });
      return null;
    }
  }

  const operations: Record<Group, () => Promise<void>> = {
    incidents: async () => {
      const filters = [
        `place=${encodeURIComponent(pick(PLACES) as string)}`,
        'from=2021-03-01&to=2021-03-31',
        'sort=deaths&order=desc',
        'min_deaths=5',
        'type=Battles',
      ].filter(() => random() < 0.4);
      const page = (await call('incidents', 'GET', `/api/incidents?limit=50&${filters.join('&')}`)) as {
        items?: { id: number }[];
        next_cursor?: string | null;
      } | null;
      remember(known.incidents, page?.items?.map((i) => i.id) ?? []);
      if (page?.next_cursor && random() < 0.5) {
        await call('incidents', 'GET', `/api/incidents?limit=50&${filters.join('&')}&cursor=${page.next_cursor}`);
      }
    },
    incident: async () => {
      const id = pick(known.incidents);
      if (id !== undefined) await call('incident', 'GET', `/api/incidents/${id}`);
    },
    aggregates: async () => {
      const place = random() < 0.5 ? `&place=${encodeURIComponent(pick(PLACES) as string)}` : '';
      await call('aggregates', 'GET', `/api/aggregates/deaths?by=${pick(DIMENSIONS)}${place}`);
    },
    documents: async () => {
      const offset = Math.floor(random() * Math.max(1, known.documents.length));
      const list = (await call('documents', 'GET', `/api/documents?limit=50&offset=${offset}`)) as
        | { id: number }[]
        | null;
      remember(known.documents, list?.map((d) => d.id) ?? []);
    },
    document: async () => {
      const id = pick(known.documents);
      if (id !== undefined) await call('document', 'GET', `/api/documents/${id}`);
    },
    figures: async () => {
      const offset = Math.floor(random() * Math.max(1, known.figures.length));
      const list = (await call('figures', 'GET', `/api/figures?kind=killed&min=1&limit=100&offset=${offset}`)) as
        | { id: number }[]
        | null;
      remember(known.figures, list?.map((f) => f.id) ?? []);
    },
    figure: async () => {
      const id = pick(known.figures);
      if (id !== undefined) await call('figure', 'GET', `/api/figures/${id}`);
    },
    ingest: async () => {
      written += 1;
      const text = `${syntheticReport(1_000_000 + o.seed * 100_000 + written)}Filed through the API, write ${written}.\n`;
      const result = (await call('ingest', 'POST', '/api/documents', { title: `Soak write ${written}`, text })) as {
        id: number;
      } | null;
      if (result) {
        writes.documents.push({ id: result.id, text });
        remember(known.documents, [result.id]);
      }
    },
    'review-figure': async () => {
      const id = pick(known.figures);
      if (id === undefined) return;
      const body =
        random() < 0.5 ? { reason: 'checked against the source' } : { note: 'soak note', note_sensitive: false };
      const action = 'reason' in body ? 'accept' : 'note';
      if (await call('review-figure', 'POST', `/api/figures/${id}/${action}`, body)) writes.figureReviews += 1;
    },
    'review-incident': async () => {
      const id = pick(known.incidents);
      if (id === undefined) return;
      const body =
        random() < 0.5
          ? { reason: 'checked against the sources' }
          : { note: 'soak note', note_sensitive: random() < 0.3 };
      const action = 'reason' in body ? 'accept' : 'note';
      if (await call('review-incident', 'POST', `/api/incidents/${id}/${action}`, body)) writes.incidentReviews += 1;
    },
  };

  // Fill the id pools before the clients pick from them.
  await operations.documents();
  await operations.figures();
  await operations.incidents();
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  const choose = (): Group => {
    let r = random() * total;
    for (const group of GROUPS) {
      r -= WEIGHTS[group];
      if (r < 0) return group;
    }
    return 'incidents';
  };
  await Promise.all(
    Array.from({ length: o.clients }, async () => {
      while (performance.now() < o.until) await operations[choose()]();
    }),
  );
  return { samples, errors, writes };
}

/** A small seeded generator: the same seed asks the same questions in the same proportions. */
function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}
