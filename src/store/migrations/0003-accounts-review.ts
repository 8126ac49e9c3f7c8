import type { CreateTableBuilder, Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../dialect.js';

/** Incident values a review can override; the same columns as `incidents`, so reads pick one or the other. */
function incidentValueColumns<T extends string>(table: CreateTableBuilder<T, 'id'>) {
  return table
    .addColumn('date_start', 'text', (c) => c.notNull())
    .addColumn('date_end', 'text', (c) => c.notNull())
    .addColumn('date_precision', 'text', (c) => c.notNull())
    .addColumn('place_name', 'text')
    .addColumn('gazetteer_id', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('admin1', 'text')
    .addColumn('admin2', 'text')
    .addColumn('country', 'text')
    .addColumn('where_prec', 'integer')
    .addColumn('place_approximate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('sub_event_type', 'text', (c) => c.notNull())
    .addColumn('violence_type', 'integer')
    .addColumn('side_a', 'text')
    .addColumn('side_a_id', 'text')
    .addColumn('side_b', 'text')
    .addColumn('side_b_id', 'text')
    .addColumn('deaths_low', 'integer')
    .addColumn('deaths_best', 'integer')
    .addColumn('deaths_high', 'integer')
    .addColumn('deaths_a', 'integer')
    .addColumn('deaths_b', 'integer')
    .addColumn('deaths_civilians', 'integer')
    .addColumn('deaths_unknown', 'integer');
}

/** Accounts (users, sessions, API tokens), the audit trail, and review rows kept beside the extraction. */
export function accountsReviewMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await dialect
        .addIdColumn(db.schema.createTable('users'))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await dialect
        .addIdColumn(db.schema.createTable('sessions'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('csrf_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await dialect
        .addIdColumn(db.schema.createTable('api_tokens'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

      await dialect
        .addIdColumn(db.schema.createTable('audit_log'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'integer', (c) => c.notNull())
        .addColumn('before_json', 'text', (c) => c.notNull())
        .addColumn('after_json', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('reverts', 'integer', (c) => c.references('audit_log.id'))
        .execute();
      await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity_type', 'entity_id']).execute();
      await db.schema.createIndex('audit_log_reverts').on('audit_log').column('reverts').execute();

      await dialect
        .addIdColumn(db.schema.createTable('figure_reviews'))
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('figure_id', 'integer', (c) => c.notNull().references('figures.id').onDelete('cascade'))
        .addColumn('anchor_kind', 'text', (c) => c.notNull())
        .addColumn('evidence_start', 'integer', (c) => c.notNull())
        .addColumn('evidence_end', 'integer', (c) => c.notNull())
        .addColumn('evidence_text', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('overrides', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('low', 'integer')
        .addColumn('high', 'integer')
        .addColumn('qualifier', 'text', (c) => c.notNull())
        .addColumn('vague', 'text')
        .addColumn('date_start', 'text')
        .addColumn('date_end', 'text')
        .addColumn('date_precision', 'text')
        .addColumn('place', 'text')
        .addColumn('actor', 'text')
        .addColumn('perpetrator', 'text')
        .addColumn('claimant', 'text')
        .addColumn('note', 'text')
        .addColumn('note_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('audit_id', 'integer', (c) => c.notNull().references('audit_log.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('figure_reviews_anchor')
        .on('figure_reviews')
        .columns(['document_id', 'anchor_kind', 'evidence_start'])
        .execute();

      await incidentValueColumns(
        dialect
          .addIdColumn(db.schema.createTable('incident_reviews'))
          .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('overrides', 'integer', (c) => c.notNull())
          .addColumn('merged_into', 'integer', (c) => c.references('incidents.id').onDelete('set null')),
      )
        .addColumn('note', 'text')
        .addColumn('note_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('audit_id', 'integer', (c) => c.notNull().references('audit_log.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incident_reviews_incident').on('incident_reviews').column('incident_id').execute();
      await db.schema.createIndex('incident_reviews_merged').on('incident_reviews').column('merged_into').execute();

      await dialect
        .addIdColumn(db.schema.createTable('incident_assignments'))
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('item_id', 'integer', (c) => c.notNull())
        .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('audit_id', 'integer', (c) => c.notNull().references('audit_log.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('incident_assignments_item')
        .on('incident_assignments')
        .columns(['item', 'item_id'])
        .execute();
      await db.schema
        .createIndex('incident_assignments_incident')
        .on('incident_assignments')
        .column('incident_id')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'incident_assignments',
        'incident_reviews',
        'figure_reviews',
        'audit_log',
        'api_tokens',
        'sessions',
        'users',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
