import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';

/** Claim ids as dataset-claims.ts gives them, which reads what this migration writes. */
const SLOTS = 16;
const BASE = -(2 ** 31);

/**
 * A dataset row states its numbers once, and every one of them had a claim row of its own with
 * the row's source text copied into each: four rows per GED event, two fifths of a store that
 * holds a dataset. Now an imported incident keeps one row of what its dataset states (the source
 * once, the numbers as a short JSON list) and its claims are read from it, each under a fixed
 * negative id that splits and merges can name as before. Existing imports are moved over, and any
 * assignment of their claims follows them to the new ids.
 */
export function datasetClaimsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('dataset_claims')
        .addColumn('incident_id', 'integer', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
        .addColumn('source', 'text')
        .addColumn('claims', 'text', (c) => c.notNull())
        .execute();

      // The claims of imported incidents: no document, claimed by the incident's own dataset.
      const moved = sql`select c.id, c.incident_id, c.kind, c.category, c.low, c.high, c.evidence_text, c.source,
          row_number() over (partition by c.incident_id order by c.id) - 1 as slot
        from incident_claims c join incidents i on i.id = c.incident_id
        where i.dataset <> 'tally' and c.document_id is null and c.claimant = i.dataset
          and (select count(*) from incident_claims x where x.incident_id = c.incident_id) <= ${SLOTS}`;
      const item =
        dialect.name === 'sqlite'
          ? sql`json_group_array(json_array(m.kind, m.category, m.low, m.high, m.evidence_text) order by m.slot)`
          : sql`json_agg(json_build_array(m.kind, m.category, m.low, m.high, m.evidence_text) order by m.slot)::text`;
      await sql`insert into dataset_claims (incident_id, source, claims)
        select m.incident_id, min(m.source), ${item} from (${moved}) m group by m.incident_id`.execute(db);
      await sql`update incident_assignments set item_id = ${sql.raw(String(BASE))} + m.incident_id * ${sql.raw(String(SLOTS))} + m.slot
        from (${moved}) m
        where incident_assignments.item = 'claim' and incident_assignments.item_id = m.id`.execute(db);
      await sql`delete from incident_claims where id in (select m.id from (${moved}) m)`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      // The claims go back to rows (assignments keep the negative ids: no claim row has them).
      const items =
        dialect.name === 'sqlite'
          ? sql`json_each(d.claims) j`
          : sql`json_array_elements(d.claims::json) with ordinality j(value, key)`;
      const at = (n: number) => sql.raw(`j.value ->> ${n}`);
      await sql`insert into incident_claims (incident_id, kind, category, low, high, qualifier, claimant, source,
          evidence_start, evidence_end, evidence_text)
        select d.incident_id, ${at(0)}, ${at(1)}, cast(${at(2)} as integer), cast(${at(3)} as integer),
          case when ${at(2)} = ${at(3)} then 'exact' else 'range' end, i.dataset, d.source,
          0, length(${at(4)}), ${at(4)}
        from dataset_claims d join incidents i on i.id = d.incident_id, ${items}
        order by d.incident_id, j.key`.execute(db);
      await db.schema.dropTable('dataset_claims').execute();
    },
  };
}
