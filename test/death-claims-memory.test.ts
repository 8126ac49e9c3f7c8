import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyser, loadResolvers } from '../src/app/analyse-document.js';
import type { Analysis } from '../src/app/ingest-documents.js';
import type { ReadDocument } from '../src/core/document.js';
import { readDocument } from '../src/ingest/read-document.js';
import { DeathClaimsMemory } from '../src/store/death-claims-memory.js';
import { type NewDocument, saveDocuments } from '../src/store/document-store.js';
import { DEATH_COLUMNS } from '../src/store/incident-columns.js';
import { recomputeIncidents } from '../src/store/incident-store.js';
import { openStore, type Store } from '../src/store/open-store.js';
import { createTestStore, STORE_KINDS, type TestStore } from './support/stores.js';

// Two incidents told again and again, in other words and with other numbers: a shelled market and a
// car bomb. Every batch adds claims to both, so a run of batches holds their claims in memory.
const MARKET = [
  (n: number) =>
    `KUNDUZ, 4 March 2021 - At least ${n} civilians were killed when mortar rounds struck a market in Kunduz city on Thursday, a provincial health official said.`,
  (n: number) => `Police said ${n} people died after shells hit the main bazaar of Kunduz city on 4 March 2021.`,
  (n: number) =>
    `Residents of Kunduz city counted between ${n} and ${n + 4} dead after the shelling of the market on 4 March 2021, according to local elders.`,
  () =>
    'Dozens of civilians were killed in the shelling of a Kunduz city market on 4 March 2021, the Afghan Red Crescent said.',
];
const BOMB = [
  (n: number) =>
    `LASHKAR GAH, 10 March 2021 - A car bomb outside a police headquarters in Lashkar Gah killed ${n} officers, the interior ministry said.`,
  (n: number) =>
    `The Taliban said ${n + 10} policemen died in the car bombing in Lashkar Gah, Helmand province, on 10 March 2021.`,
];

function report(i: number): string {
  const told = i % 3 === 2 ? BOMB : MARKET;
  const say = told[i % told.length] as (n: number) => string;
  return `${say(3 + (i % 7))} (report ${i})\n`;
}

const analysed: { read: ReadDocument; analysis: Analysis; text: string }[] = [];

beforeAll(async () => {
  const scratch = await createTestStore('sqlite');
  try {
    const analyse = createAnalyser(await loadResolvers(scratch.store));
    for (let i = 0; i < 30; i++) {
      const text = report(i);
      const read = await readDocument(Buffer.from(text), `r${i}.txt`, { maxBytes: 100_000 });
      analysed.push({ read, analysis: analyse(read), text });
    }
  } finally {
    await scratch.cleanup();
  }
}, 60_000);

function documents(from: number, to: number): NewDocument[] {
  return analysed.slice(from, to).map(({ read, analysis, text }) => ({
    read,
    source: 'test',
    contentHash: createHash('sha256').update(text).digest('hex'),
    bytes: text.length,
    extraction: analysis.extraction,
    incidents: analysis.incidents,
    now: '2026-12-05T00:00:00.000Z',
  }));
}

async function deaths(store: Store) {
  return store.db
    .selectFrom('incidents')
    .select(['id', ...DEATH_COLUMNS])
    .orderBy('id')
    .execute();
}

/** The deaths every incident has once its claims are all read again from the store. */
async function deathsReadAfresh(store: Store) {
  const ids = (await deaths(store)).map((r) => r.id);
  await store.db.transaction().execute((trx) => recomputeIncidents(trx, store.dialect, ids));
  return deaths(store);
}

async function killedClaims(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('incident_claims')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'killed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const kind of STORE_KINDS) {
  describe(`incidents' killed claims held from batch to batch, on ${kind}`, () => {
    let t: TestStore;
    afterEach(async () => t?.cleanup());

    it('give the deaths that reading every claim again gives', async () => {
      t = await createTestStore(kind);
      const memory = new DeathClaimsMemory();
      for (let i = 0; i < 30; i += 4) await saveDocuments(t.store, documents(i, i + 4), memory);
      const stored = await deaths(t.store);
      // The reports merged into a few incidents, each told by many of them.
      expect(stored.length).toBeLessThanOrEqual(3);
      expect(await killedClaims(t.store)).toBeGreaterThan(20);
      expect(stored.some((r) => r.deaths_best !== null && r.deaths_low !== r.deaths_high)).toBe(true);
      expect(await deathsReadAfresh(t.store)).toEqual(stored);
      // Only where a transaction holds other writers off is anything kept.
      if (kind === 'sqlite') expect(memory.size).toBe(await killedClaims(t.store));
      else expect(memory.size).toBe(0);
    });
  });
}

describe('incidents killed claims held from batch to batch, when others write in between', () => {
  let t: TestStore;
  afterEach(async () => t?.cleanup());

  it('are forgotten when another connection commits', async () => {
    t = await createTestStore('sqlite');
    const memory = new DeathClaimsMemory();
    await saveDocuments(t.store, documents(0, 12), memory);
    expect(memory.size).toBeGreaterThan(0);
    // Another process adds reports of the same incidents.
    const other = await openStore(t.url);
    try {
      await saveDocuments(other, documents(12, 20));
    } finally {
      await other.close();
    }
    await saveDocuments(t.store, documents(20, 30), memory);
    const stored = await deaths(t.store);
    expect(await deathsReadAfresh(t.store)).toEqual(stored);
    expect(memory.size).toBe(await killedClaims(t.store));
  });

  it('are forgotten when this connection writes claims outside the run', async () => {
    t = await createTestStore('sqlite');
    const memory = new DeathClaimsMemory();
    await saveDocuments(t.store, documents(0, 12), memory);
    // A reviewer's tool, say, drops the highest claim of every incident.
    const highest = await t.store.db
      .selectFrom('incident_claims')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('kind', '=', 'killed')
      .where('high', 'is not', null)
      .groupBy('incident_id')
      .execute();
    await t.store.db
      .deleteFrom('incident_claims')
      .where(
        'id',
        'in',
        highest.map((r) => r.id as number),
      )
      .execute();
    await saveDocuments(t.store, documents(12, 30), memory);
    const stored = await deaths(t.store);
    expect(await deathsReadAfresh(t.store)).toEqual(stored);
  });

  it('keep nothing of a batch that rolled back', async () => {
    t = await createTestStore('sqlite');
    const memory = new DeathClaimsMemory();
    await saveDocuments(t.store, documents(0, 12), memory);
    const before = await deaths(t.store);
    // The batch's first reports add claims, then its last cannot be stored (no text).
    const [bad] = documents(29, 30);
    const broken = { ...(bad as NewDocument), read: { ...(bad as NewDocument).read, text: null as unknown as string } };
    await expect(saveDocuments(t.store, [...documents(12, 20), broken], memory)).rejects.toThrow();
    expect(await deaths(t.store)).toEqual(before);
    expect(memory.size).toBe(0);
    await saveDocuments(t.store, documents(20, 29), memory);
    const stored = await deaths(t.store);
    expect(await deathsReadAfresh(t.store)).toEqual(stored);
  });

  it('stay within their limit', async () => {
    t = await createTestStore('sqlite');
    const memory = new DeathClaimsMemory(12);
    for (let i = 0; i < 30; i += 3) {
      await saveDocuments(t.store, documents(i, i + 3), memory);
      expect(memory.size).toBeLessThanOrEqual(12);
    }
    const stored = await deaths(t.store);
    expect(await deathsReadAfresh(t.store)).toEqual(stored);
  });
});
