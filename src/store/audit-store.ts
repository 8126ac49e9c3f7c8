import type { Kysely } from 'kysely';
import type { Agent } from '../core/account.js';
import { NotFoundError } from '../core/errors.js';
import type { AuditEntry } from '../core/review.js';
import type { Store } from './open-store.js';
import type { AuditRow } from './review-schema.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export interface NewAuditEntry {
  agent: Agent;
  action: string;
  entityType: string;
  entityId: number;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  reason: string | null;
  reverts?: number | null;
  now: string;
}

/** Append one entry; call in the same transaction as the change it records. */
export async function appendAudit(db: Db, entry: NewAuditEntry): Promise<number> {
  const row = await db
    .insertInto('audit_log')
    .values({
      at: entry.now,
      user_id: entry.agent.userId,
      user_name: entry.agent.name,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before_json: JSON.stringify(entry.before),
      after_json: JSON.stringify(entry.after),
      reason: entry.reason,
      reverts: entry.reverts ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: number;
  /** Entries older than this id (the trail pages backwards from the newest). */
  before?: number;
  limit?: number;
}

export async function listAudit(store: Store, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  let query = store.db.selectFrom('audit_log').selectAll();
  if (filter.entityType !== undefined) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId !== undefined) query = query.where('entity_id', '=', filter.entityId);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return withReverts(store.db, rows);
}

export async function getAudit(db: Db, id: number): Promise<AuditEntry> {
  const row = await db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('audit entry', String(id));
  const [entry] = await withReverts(db, [row]);
  return entry as AuditEntry;
}

async function withReverts(db: Db, rows: AuditRow[]): Promise<AuditEntry[]> {
  if (rows.length === 0) return [];
  const reverts = await db
    .selectFrom('audit_log')
    .select(['id', 'reverts'])
    .where(
      'reverts',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    user: r.user_name,
    action: r.action,
    entity_type: r.entity_type,
    entity_id: r.entity_id,
    before: JSON.parse(r.before_json) as Record<string, unknown>,
    after: JSON.parse(r.after_json) as Record<string, unknown>,
    reason: r.reason,
    reverts: r.reverts,
    reverted_by: reverts.filter((x) => x.reverts === r.id).map((x) => x.id),
  }));
}
