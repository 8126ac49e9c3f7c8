import type { Generated, Selectable } from 'kysely';

/** Tables of migration 0011: reviewers' source types and grades (a null value clears a correction). */
export interface SourceReviewTable {
  id: Generated<number>;
  document_id: number;
  source_type: string | null;
  note: string | null;
  note_sensitive: number;
  audit_id: number;
  created_at: string;
}

export interface GradeReviewTable {
  id: Generated<number>;
  incident_id: number;
  grade: string | null;
  note: string | null;
  note_sensitive: number;
  audit_id: number;
  created_at: string;
}

export interface SourceGradeTables {
  source_reviews: SourceReviewTable;
  grade_reviews: GradeReviewTable;
}

export type SourceReviewRow = Selectable<SourceReviewTable>;
export type GradeReviewRow = Selectable<GradeReviewTable>;
