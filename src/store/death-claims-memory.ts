import type { Kysely } from 'kysely';
import { DEATH_CATEGORIES, type DeathCategory } from '../core/incident.js';
import { type CountedClaim, countsTowardDeaths } from '../merge/estimate.js';
import { readDataVersionOn } from './data-version.js';
import type { StoreDialect } from './dialect.js';
import type { Database } from './schema.js';

/**
 * Killed claims held: a few MB, the claims of much-reported incidents shared where they read alike.
 * 80,000 wire reports hold 320,000 on 12,000 incidents: with 50,000 held, one thread took as much
 * CPU as reading every list (the lists were dropped before the next batch came back to them); with
 * 200,000, 109 s instead of 131.
 */
const HELD_CLAIMS = 200_000;

/**
 * The killed claims of incidents a run of batches has recomputed, kept from one batch to the next:
 * an incident that hundreds of reports tell of is otherwise read whole again by every batch that
 * adds a report of it, and that read grew with the store (80,000 wire reports: 22 s of the
 * writer's 85 s of SQL went to it). The death estimate reads only these claims, in any order
 * (estimateDeaths), so a list held plus the claims a batch adds is what a read would return.
 *
 * A list is trusted only while no one else wrote: the store's stamp (readDataVersionOn: other
 * connections' commits, and this connection's own writes) must be, as a transaction starts, what it
 * was as the last one ended. A transaction's additions are kept apart until it commits. Only on an
 * engine whose writers wait for each other from the start of a transaction to its end (SQLite's
 * `begin immediate`); elsewhere nothing is held and every list is read.
 */
/** Counts below this (nearly all) key a claim by one number; the others by text. */
const SMALL = 1 << 20;
const fits = (n: number | null) => n === null || (Number.isInteger(n) && n >= 0 && n < SMALL - 1);

/**
 * What tells claims apart for the estimate: category, low, high, vague word and the run of counts
 * told side by side a claim is added to (rare: only text keys those). A number where it
 * can be (category, low + 1, high + 1 in base 2^20: under 2^53), as building a text for each claim
 * cost more than the rest of keeping it.
 */
function sameKey(c: CountedClaim): number | string {
  const category = DEATH_CATEGORIES.indexOf(c.category as DeathCategory);
  if (c.sum_group === null && c.vague === null && category >= 0 && fits(c.low) && fits(c.high))
    return (category * SMALL + (c.low ?? -1) + 1) * SMALL + (c.high ?? -1) + 1;
  return `${c.category}\u0000${c.low}\u0000${c.high}\u0000${c.vague}\u0000${c.sum_group}`;
}

/**
 * What a transaction did to an incident's list: claims added to the list held (`held`, extended in
 * place once it commits, so a much-reported incident's list is not copied for every batch), or a
 * list of its own (`held` null: read whole, or the incident is new).
 */
interface Change {
  readonly held: CountedClaim[] | null;
  readonly claims: CountedClaim[];
}

export class DeathClaimsMemory {
  readonly #limit: number;
  /** Complete lists as committed, least recently used first. */
  readonly #held = new Map<number, CountedClaim[]>();
  #claims = 0;
  /** The stamp as the last committed transaction ended; null when nothing may be trusted. */
  #stamp: string | null = null;
  /** What the current transaction did to incidents' lists. */
  readonly #changed = new Map<number, Change>();
  #endStamp: string | null = null;
  #open = false;
  /** One object for claims that read alike: much-reported incidents repeat the same few numbers. */
  readonly #alike = new Map<number | string, CountedClaim>();

  constructor(limit = HELD_CLAIMS) {
    this.#limit = limit;
  }

  /**
   * A transaction starts: what is held stands only if nothing was written since the last one ended.
   * Call before the transaction writes anything.
   */
  async begin(trx: Kysely<Database>, dialect: StoreDialect): Promise<void> {
    this.#changed.clear();
    this.#endStamp = null;
    this.#open = dialect.writesOneAtATime;
    if (!this.#open) {
      this.#forget();
      return;
    }
    const stamp = await readDataVersionOn(trx, dialect.name);
    if (stamp !== this.#stamp) this.#forget();
  }

  /** Every claim of incident `id`, when they are known without reading the store. */
  claimsOf(id: number): readonly CountedClaim[] | undefined {
    if (!this.#open) return undefined;
    const change = this.#changed.get(id);
    if (change === undefined) return this.#held.get(id);
    return change.held === null ? change.claims : change.held.concat(change.claims);
  }

  /** Claims this transaction stored for incident `id`; `founded` when it created the incident. */
  added(id: number, claims: readonly CountedClaim[], founded: boolean): void {
    if (!this.#open) return;
    const killed = claims.filter(countsTowardDeaths).map((c) => this.#same(c));
    const change = this.#changed.get(id);
    if (change !== undefined) {
      for (const c of killed) change.claims.push(c);
      return;
    }
    const held = founded ? null : this.#held.get(id);
    // An incident whose claims are not known is read whole when it is recomputed.
    if (held !== undefined) this.#changed.set(id, { held, claims: killed });
  }

  /** Every claim of incident `id`, as this transaction read them from the store. */
  learned(id: number, claims: readonly CountedClaim[]): void {
    if (this.#open) this.#changed.set(id, { held: null, claims: claims.map((c) => this.#same(c)) });
  }

  /** The transaction is about to commit: the stamp it leaves. Call after its last write. */
  async end(trx: Kysely<Database>, dialect: StoreDialect): Promise<void> {
    if (this.#open) this.#endStamp = await readDataVersionOn(trx, dialect.name);
  }

  /** The transaction committed: what it changed is held. */
  committed(): void {
    if (!this.#open || this.#endStamp === null) {
      this.rolledBack();
      return;
    }
    for (const [id, change] of this.#changed) {
      const before = this.#held.get(id)?.length ?? 0;
      const list = change.held ?? change.claims;
      if (change.held !== null) for (const c of change.claims) change.held.push(c);
      this.#claims += list.length - before;
      this.#held.delete(id);
      this.#held.set(id, list);
    }
    this.#changed.clear();
    for (const [id, list] of this.#held) {
      if (this.#claims <= this.#limit) break;
      this.#held.delete(id);
      this.#claims -= list.length;
    }
    if (this.#held.size === 0) this.#alike.clear();
    this.#stamp = this.#endStamp;
    this.#open = false;
  }

  /** The transaction rolled back, or its end is not known: nothing is trusted any more. */
  rolledBack(): void {
    this.#forget();
    this.#open = false;
  }

  /** Claims held now (for tests and benches). */
  get size(): number {
    return this.#claims;
  }

  #forget(): void {
    this.#held.clear();
    this.#changed.clear();
    this.#alike.clear();
    this.#claims = 0;
    this.#stamp = null;
  }

  #same(c: CountedClaim): CountedClaim {
    const key = sameKey(c);
    let one = this.#alike.get(key);
    if (one === undefined) {
      if (this.#alike.size >= this.#limit) this.#alike.clear();
      one = Object.freeze({
        kind: c.kind,
        category: c.category,
        low: c.low,
        high: c.high,
        vague: c.vague,
        sum_group: c.sum_group,
      });
      this.#alike.set(key, one);
    }
    return one;
  }
}
