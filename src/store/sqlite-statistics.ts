import { type Kysely, sql } from 'kysely';

/**
 * Keeps sqlite_stat1's counts and drops the value samples ANALYZE also writes (sqlite_stat4), then
 * has the planner read the statistics again. With samples, SQLite plans a statement again for each
 * new value bound to a column an index holds, and plans it for that value as the samples saw it:
 * after a 200,000-row import, `dataset = 'tally'` read as nearly empty, so matching a report's
 * incidents walked every incident ingest had added since, and ingesting 5,000 reports took 41 s
 * instead of 16. Every query Tally runs binds its values; without samples each keeps the plan its
 * indexes were made for, prepared once (alone, the incident pages' statements ran 1.5-3 times faster).
 */
export async function dropStatisticsSamples<DB>(kysely: Kysely<DB>): Promise<void> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from sqlite_master where name = 'sqlite_stat4'`.execute(kysely);
  if (!rows[0]?.n) return;
  await sql`delete from sqlite_stat4`.execute(kysely);
  await sql`analyze sqlite_schema`.execute(kysely);
}
