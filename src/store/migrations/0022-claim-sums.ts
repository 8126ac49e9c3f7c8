import type { Kysely, Migration } from 'kysely';

/**
 * Counts told side by side of different people ("17 soldiers and 36 volunteers") add up in the
 * estimate, where an incident's other claims of a category are alternatives: each claim names the
 * first figure of its run (Claim.sum_group). The estimate reads it, so the index that holds what the
 * estimate reads (0017) holds it too. Claims stored before have none: they are estimated as before
 * until their document is extracted again.
 */
export function claimSumsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('incident_claims').addColumn('sum_group', 'integer').execute();
      await db.schema.dropIndex('incident_claims_counted').execute();
      await db.schema
        .createIndex('incident_claims_counted')
        .on('incident_claims')
        .columns(['incident_id', 'id', 'kind', 'category', 'low', 'high', 'vague', 'sum_group'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('incident_claims_counted').execute();
      await db.schema
        .createIndex('incident_claims_counted')
        .on('incident_claims')
        .columns(['incident_id', 'id', 'kind', 'category', 'low', 'high', 'vague'])
        .execute();
      await db.schema.alterTable('incident_claims').dropColumn('sum_group').execute();
    },
  };
}
