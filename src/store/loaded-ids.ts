import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** 2^24 bits (2 MB): for a million ids, about one in 250 of the others is not ruled out. */
const BITS_LOG2 = 24;
const MASK = (1 << BITS_LOG2) - 1;
const PROBES = 3;

/** Two independent 32-bit hashes of a dataset id (FNV-1a, and a multiplicative one). */
function hashes(dataset: string, id: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (const text of [dataset, id]) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    // Keeps ("ab", "c") apart from ("a", "bc").
    a = Math.imul(a ^ 0xff, 0x01000193);
    b = Math.imul(b ^ 0xff, 0x5bd1e995);
  }
  return [a >>> 0, (b | 1) >>> 0];
}

/**
 * The dataset ids one load has stored so far, so that each batch asks the store only about ids it
 * may hold: every id of a dataset the store held incidents of before the load, and otherwise only
 * those this load may have written already (a bit filter: an id it wrote is never ruled out; of
 * the others a few are asked about needlessly). A fresh load of 200,000 GED rows asked the store
 * about every one of them, which cost PostgreSQL 2.5 CPU seconds and found none. Its memory stays
 * the same however large the load.
 */
export class LoadedIds {
  readonly #bits = new Int32Array(1 << (BITS_LOG2 - 5));
  /** Whether the store held incidents of a dataset before this load wrote any. */
  readonly #heldBefore = new Map<string, boolean>();

  /**
   * Those of `ids` that may already be stored. Call it for a dataset before the load writes any of
   * its incidents, inside the load's transaction.
   */
  async mayBeStored(trx: Kysely<Database>, dataset: string, ids: readonly string[]): Promise<readonly string[]> {
    let held = this.#heldBefore.get(dataset);
    if (held === undefined) {
      const any = await trx.selectFrom('incidents').select('id').where('dataset', '=', dataset).limit(1).execute();
      held = any.length > 0;
      this.#heldBefore.set(dataset, held);
    }
    return held ? ids : ids.filter((id) => this.#has(dataset, id));
  }

  /** Marks ids as stored by this load. */
  add(dataset: string, ids: Iterable<string>): void {
    for (const id of ids) {
      const [h, step] = hashes(dataset, id);
      for (let k = 0; k < PROBES; k++) {
        const bit = (h + k * step) & MASK;
        this.#bits[bit >>> 5] = (this.#bits[bit >>> 5] as number) | (1 << (bit & 31));
      }
    }
  }

  #has(dataset: string, id: string): boolean {
    const [h, step] = hashes(dataset, id);
    for (let k = 0; k < PROBES; k++) {
      const bit = (h + k * step) & MASK;
      if (((this.#bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}
