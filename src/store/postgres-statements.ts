import pg from 'pg';
import { StoreError } from '../core/errors.js';
import { readSwitch } from '../core/validate.js';
import { errorCode } from './dialect.js';
import { keptPlans, planNumberedInLists } from './in-lists.js';

/**
 * How often a statement's text must have been run in this process before it is prepared by name:
 * one-off statements (migrations, a report's single query) are not kept on the server.
 */
const RUNS_BEFORE_NAMING = 2;
/**
 * Named statements at most, per process and so per connection: every query shape ingest, import and
 * the API run, with room for IN lists of several lengths. A server keeps each one's plan for the
 * connection's life; texts beyond this run unnamed, as before.
 */
const MAX_NAMED = 400;
/** Texts counted at most while they wait for their second run; the count starts again when full. */
const MAX_COUNTED = 10_000;

/**
 * Names of statement texts, shared by every connection of the process: the same text has the same
 * name on each, so a connection prepares it once and then only binds and executes it.
 */
export class StatementNames {
  readonly #names = new Map<string, string>();
  readonly #runs = new Map<string, number>();

  /** The name to prepare `text` under, or undefined while it is new (or the names are all taken). */
  nameOf(text: string): string | undefined {
    const named = this.#names.get(text);
    if (named !== undefined || this.#names.size >= MAX_NAMED) return named;
    const runs = (this.#runs.get(text) ?? 0) + 1;
    if (runs < RUNS_BEFORE_NAMING) {
      if (this.#runs.size >= MAX_COUNTED) this.#runs.clear();
      this.#runs.set(text, runs);
      return undefined;
    }
    this.#runs.delete(text);
    const name = `tally_${this.#names.size + 1}`;
    this.#names.set(text, name);
    return name;
  }

  get size(): number {
    return this.#names.size;
  }
}

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

/**
 * PostgreSQL's refusal to run a prepared statement whose result columns changed since it was
 * prepared ("cached plan must not change result type"): a `select *` after a newer Tally's migration
 * added a column, while this process kept running.
 */
const FEATURE_NOT_SUPPORTED = '0A000';

/**
 * A pg client class that runs a statement with parameters as a named prepared statement once its
 * text has come back (see StatementNames). PostgreSQL then skips parsing it, and after five runs
 * plans it once for any values when that plan costs no more than the ones made for each value:
 * the planning took longer than running the statement for most of what ingest asks (matching a
 * report's incidents: 0.6 ms to plan, 0.2 to run). Anything else (COPY streams, cursors, configs
 * already named, text without values) passes through as given.
 *
 * A statement whose table changed under it runs unnamed on that connection from then on, at once
 * again when it ran on its own; inside a transaction that attempt fails as the transaction has, and
 * the first error is the one reported.
 */
export function namingClient(names: StatementNames): typeof pg.Client {
  // Texts with their IN lists padded (in-lists.ts), so that lists of every length share a few names.
  const planOf = keptPlans(planNumberedInLists);
  class NamingClient extends pg.Client {
    /** Texts this connection runs unnamed: their prepared form no longer fits their table. */
    readonly unnamed = new Set<string>();
  }
  const query = pg.Client.prototype.query as Query;
  // Assigned rather than overridden: pg.Client.query's overloads admit no single signature.
  (NamingClient.prototype as unknown as { query: (this: NamingClient, ...args: unknown[]) => unknown }).query =
    function (this: NamingClient, ...args: unknown[]) {
      const [given, values] = args;
      if (args.length !== 2 || typeof given !== 'string' || !Array.isArray(values) || this.unnamed.has(given)) {
        return query.apply(this, args);
      }
      const plan = planOf(given);
      const text = plan.text;
      const name = names.nameOf(text);
      if (name === undefined) return query.apply(this, args);
      const padded = plan.pad ? plan.pad(values) : values;
      return (query.call(this, { name, text, values: padded }) as Promise<unknown>).catch((error: unknown) => {
        if (errorCode(error) !== FEATURE_NOT_SUPPORTED) throw error;
        this.unnamed.add(given);
        return (query.call(this, given, values) as Promise<unknown>).catch(() => {
          throw error;
        });
      });
    };
  return NamingClient;
}

/**
 * The store URL's `prepare` parameter, taken off the URL pg connects with: `prepare=false` runs every
 * statement unnamed, for a connection pooler that hands each transaction another server connection
 * and does not carry prepared statements across (PgBouncer in transaction mode before 1.21, or
 * without max_prepared_statements). Named statements are the default.
 */
export function readPrepareSetting(url: string): { url: string; prepare: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, prepare: true };
  }
  const value = parsed.searchParams.get('prepare');
  if (value === null) return { url, prepare: true };
  const prepare = readSwitch(value);
  if (prepare === undefined)
    throw new StoreError(`the store URL's prepare parameter must be true or false, got "${value}"`);
  parsed.searchParams.delete('prepare');
  return { url: parsed.toString(), prepare };
}
