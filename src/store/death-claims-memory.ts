import type { Kysely } from 'kysely';
import { type CountedClaim, countsTowardDeaths } from '../merge/estimate.js';
import { readDataVersionOn } from './data-version.js';
import type { StoreDialect } from './dialect.js';
import type { Database } from './schema.js';

/**
 * Killed claims held, about 300 bytes per incident and 40 per claim: a few MB, and room for the
 * much-reported incidents that cost the most to read again.
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
export class DeathClaimsMemory {
  readonly #limit: number;
  /** Complete lists as committed, least recently used first. */
  readonly #held = new Map<number, CountedClaim[]>();
  #claims = 0;
  /** The stamp as the last committed transaction ended; null when nothing may be trusted. */
  #stamp: string | null = null;
  /** Complete lists as the current transaction leaves them. */
  readonly #changed = new Map<number, CountedClaim[]>();
  #endStamp: string | null = null;
  #open = false;
  /** One object for claims that read alike: much-reported incidents repeat the same few numbers. */
  readonly #alike = new Map<string, CountedClaim>();

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
    return this.#changed.get(id) ?? this.#held.get(id);
  }

  /** Claims this transaction stored for incident `id`; `founded` when it created the incident. */
  added(id: number, claims: readonly CountedClaim[], founded: boolean): void {
    if (!this.#open) return;
    const killed = claims.filter(countsTowardDeaths).map((c) => this.#same(c));
    const known = founded ? [] : this.claimsOf(id);
    // An incident whose claims are not known is read whole when it is recomputed.
    if (known !== undefined) this.#changed.set(id, [...known, ...killed]);
  }

  /** Every claim of incident `id`, as this transaction read them from the store. */
  learned(id: number, claims: readonly CountedClaim[]): void {
    if (this.#open)
      this.#changed.set(
        id,
        claims.map((c) => this.#same(c)),
      );
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
    for (const [id, list] of this.#changed) {
      this.#claims -= this.#held.get(id)?.length ?? 0;
      this.#held.delete(id);
      this.#held.set(id, list);
      this.#claims += list.length;
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
    const key = `${c.category}\u0000${c.low}\u0000${c.high}\u0000${c.vague}`;
    let one = this.#alike.get(key);
    if (one === undefined) {
      if (this.#alike.size >= this.#limit) this.#alike.clear();
      one = Object.freeze({ kind: c.kind, category: c.category, low: c.low, high: c.high, vague: c.vague });
      this.#alike.set(key, one);
    }
    return one;
  }
}
