import type { Generated, Selectable } from 'kysely';
import type { IncidentValueColumns } from './schema.js';

/**
 * Tables of migration 0003: accounts, and the review layer that sits beside what the extractor said.
 * Booleans are 0/1 integers and JSON is text, so both dialects store the same values.
 */
export interface UserTable {
  id: Generated<number>;
  name: string;
  role: string;
  /** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash so they can be raised later. */
  password_hash: string;
  created_at: string;
}

export interface SessionTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the cookie value; the value itself is never stored. */
  secret_hash: string;
  csrf_hash: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  /** Kept as written so the trail still names who acted after the account is removed. */
  user_name: string;
  action: string;
  entity_type: string;
  entity_id: number;
  /** JSON object: entity key ("figure:12") to its state before the change. */
  before_json: string;
  after_json: string;
  reason: string | null;
  /** The entry this one reverts. */
  reverts: number | null;
}

/**
 * One row per review action on a figure, never updated: the newest row whose anchor matches a
 * figure is that figure's review state. The anchor is the reviewed figure's document, extracted
 * kind and evidence span, so the review finds the same statement in later extractions.
 */
export interface FigureReviewTable {
  id: Generated<number>;
  document_id: number;
  figure_id: number;
  anchor_kind: string;
  evidence_start: number;
  evidence_end: number;
  evidence_text: string;
  status: string;
  /** 1 when the value columns below replace the extractor's values. */
  overrides: number;
  kind: string;
  low: number | null;
  high: number | null;
  qualifier: string;
  vague: string | null;
  date_start: string | null;
  date_end: string | null;
  date_precision: string | null;
  place: string | null;
  actor: string | null;
  perpetrator: string | null;
  claimant: string | null;
  note: string | null;
  note_sensitive: number;
  audit_id: number;
  created_at: string;
}

/** One row per review action on an incident, never updated: the newest row is the incident's state. */
export interface IncidentReviewTable extends IncidentValueColumns {
  id: Generated<number>;
  incident_id: number;
  status: string;
  overrides: number;
  merged_into: number | null;
  side_a_id: string | null;
  side_b_id: string | null;
  /** 1 when an analyst typed the deaths; otherwise they are estimated from the claims the incident holds. */
  deaths_set: Generated<number>;
  note: string | null;
  note_sensitive: number;
  audit_id: number;
  created_at: string;
}

/** A claim or source moved to another incident by a split (or a revert); the newest row wins. */
export interface IncidentAssignmentTable {
  id: Generated<number>;
  item: 'claim' | 'source';
  item_id: number;
  incident_id: number;
  audit_id: number;
  created_at: string;
}

export interface AccountReviewTables {
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  figure_reviews: FigureReviewTable;
  incident_reviews: IncidentReviewTable;
  incident_assignments: IncidentAssignmentTable;
}

export type UserRow = Selectable<UserTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type FigureReviewRow = Selectable<FigureReviewTable>;
export type IncidentReviewRow = Selectable<IncidentReviewTable>;
