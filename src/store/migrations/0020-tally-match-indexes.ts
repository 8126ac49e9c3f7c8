import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The dataset of the incidents Tally extracts from reports: the only ones a report merges into, and
 * the only rows the matching indexes hold.
 */
export const EXTRACTED_DATASET = 'tally';

/** Each matching index, its columns, and whether 0015 had it (over every dataset's incidents). */
const MATCH_INDEXES = [
  ['incidents_match_admin', ['admin1', 'long_span', 'date_start'], true],
  ['incidents_match_place', ['gazetteer_id', 'long_span', 'date_start'], true],
  ['incidents_match_date', ['long_span', 'date_start'], false],
] as const;

/**
 * Matching a report reads incidents Tally extracted, never imported ones, yet 0015's indexes held
 * every dataset's: beside a 200,000-row import each window of dates read the import's rows too, and
 * a report that names no place read all of them across a month. Now they hold the extracted
 * incidents alone (partial indexes; the matcher writes the dataset as a literal, which both
 * planners need to use one), and a third serves the report that names no place. An import leaves
 * them empty, so it no longer sorts them either, and no planner statistics about how rare the
 * extracted incidents are among imported ones can send the matcher to the (dataset, dataset_id)
 * index instead, as stale ones did after an import.
 */
export function tallyMatchIndexesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const [name, columns] of MATCH_INDEXES) {
        await db.schema.dropIndex(name).ifExists().execute();
        await db.schema
          .createIndex(name)
          .on('incidents')
          .columns([...columns])
          .where(sql.ref('dataset'), '=', sql.lit(EXTRACTED_DATASET))
          .execute();
      }
    },
    async down(db: Kysely<unknown>) {
      for (const [name, columns, in0015] of MATCH_INDEXES) {
        await db.schema.dropIndex(name).execute();
        if (in0015)
          await db.schema
            .createIndex(name)
            .on('incidents')
            .columns([...columns])
            .execute();
      }
    },
  };
}
