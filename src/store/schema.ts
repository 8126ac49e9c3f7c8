import type { Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { SourceGradeTables } from './grade-schema.js';
import type { AccountReviewTables } from './review-schema.js';

/** The tables as Kysely sees them. Dates are ISO-8601 text on both dialects. */
export interface DocumentTable {
  id: Generated<number>;
  content_hash: string;
  title: string | null;
  source: string;
  publisher: string | null;
  kind: string;
  format: string;
  published: string | null;
  /** 1 when `published` was given at ingest (`--published`), 0 when the document's own text said. */
  published_given: number;
  language: string | null;
  text: string;
  bytes: number;
  ingested_at: string;
}

/** One run of an extractor over one document; figures and conflicts hang off it. */
export interface ExtractionTable {
  id: Generated<number>;
  document_id: number;
  extractor: string;
  extractor_version: string;
  created_at: string;
}

export interface FigureTable {
  id: Generated<number>;
  document_id: number;
  extraction_id: number;
  ordinal: number;
  kind: string;
  low: number | null;
  high: number | null;
  qualifier: string;
  vague: string | null;
  unit: string | null;
  evidence_start: number;
  evidence_end: number;
  evidence_text: string;
  sentence_start: number;
  sentence_end: number;
  sentence_text: string;
  claimant: string | null;
  subject: string | null;
  actor: string | null;
  perpetrator: string | null;
  manner: string | null;
  place: string | null;
  date_start: string | null;
  date_end: string | null;
  date_precision: string | null;
  source: string;
  side: number | null;
}

export interface ConflictTable {
  id: Generated<number>;
  document_id: number;
  extraction_id: number;
  name: string;
  part_of: string | null;
  date_start: string | null;
  date_end: string | null;
  date_precision: string | null;
  place: string | null;
  result: string | null;
  territory: string | null;
  other_casualties: string;
  evidence_start: number;
  evidence_end: number;
}

/** Sides of a conflict, flattened: one row per combatant, supporter, commander or unit. */
export interface ConflictPartyTable {
  id: Generated<number>;
  conflict_id: number;
  side: number;
  role: 'combatant' | 'supporter' | 'commander' | 'unit' | 'strength' | 'casualties';
  ordinal: number;
  name: string;
  status: string | null;
}

export interface Database extends AccountReviewTables, SourceGradeTables {
  documents: DocumentTable;
  extractions: ExtractionTable;
  figures: FigureTable;
  conflicts: ConflictTable;
  conflict_parties: ConflictPartyTable;
  incidents: IncidentTable;
  incident_actors: IncidentActorTable;
  incident_sources: IncidentSourceTable;
  incident_claims: IncidentClaimTable;
  dataset_claims: DatasetClaimTable;
  incident_merges: IncidentMergeTable;
  places: PlaceTable;
  jobs: JobTable;
  incident_totals: IncidentTotalsTable;
  incident_extractions: IncidentExtractionTable;
}

export type DocumentRow = Selectable<DocumentTable>;
export type NewDocumentRow = Insertable<DocumentTable>;
export type FigureRow = Selectable<FigureTable>;
export type ConflictRow = Selectable<ConflictTable>;
export type ConflictPartyRow = Selectable<ConflictPartyTable>;

/** The values an incident row, its extraction snapshot and its reviews all carry. */
export interface IncidentValueColumns {
  date_start: string;
  date_end: string;
  date_precision: string;
  place_name: string | null;
  gazetteer_id: string | null;
  lat: number | null;
  lon: number | null;
  admin1: string | null;
  admin2: string | null;
  country: string | null;
  where_prec: number | null;
  place_approximate: number;
  event_type: string;
  sub_event_type: string;
  violence_type: number | null;
  side_a: string | null;
  side_b: string | null;
  deaths_low: number | null;
  deaths_best: number | null;
  deaths_high: number | null;
  deaths_a: number | null;
  deaths_b: number | null;
  deaths_civilians: number | null;
  deaths_unknown: number | null;
}

export interface IncidentTable extends IncidentValueColumns {
  id: Generated<number>;
  summary: string;
  /** 'tally' for what Tally extracted; otherwise the imported dataset and version ('ucdp-ged 19.1'). */
  dataset: string;
  dataset_id: string | null;
  created_at: string;
  /** The newest review's status; rejected, merged and void incidents count in no total. */
  status: Generated<string>;
  /** 1 when the value columns (and the sides' actor ids) come from a review rather than the extraction. */
  corrected: Generated<number>;
  side_a_id: string | null;
  side_b_id: string | null;
  /** 1 when the incident may last longer than a month (generated: migrations/0009-incident-spans.ts). */
  long_span: GeneratedAlways<number>;
}

/**
 * What the extraction (or the imported dataset) says of an incident, kept once a review or a
 * figure correction makes the incident row differ from it. No row here: the incident row is the extraction.
 */
export interface IncidentExtractionTable extends IncidentValueColumns {
  incident_id: number;
}

export interface IncidentActorTable {
  id: Generated<number>;
  incident_id: number;
  side: string;
  actor_id: string | null;
  name: string;
  /** ACLED inter code as an imported dataset states it; null when Tally resolved the actor itself. */
  inter: number | null;
}

/** Why a document's report is part of an incident (migrations/0012-incident-merges.ts). */
export interface IncidentMergeTable {
  id: Generated<number>;
  incident_id: number;
  document_id: number;
  /** 'founded' for the report that made the incident, 'merged' or 'undated' for reports joined to it. */
  how: string;
  /** JSON: the match's reasons and the draft's date, place, kind and parties as this report told them. */
  reason: string;
  created_at: string;
}

export interface IncidentSourceTable {
  id: Generated<number>;
  incident_id: number;
  document_id: number;
  start: number;
  end: number;
  text: string;
}

export interface IncidentClaimTable {
  id: Generated<number>;
  incident_id: number;
  figure_id: number | null;
  document_id: number | null;
  kind: string;
  low: number | null;
  high: number | null;
  qualifier: string;
  vague: string | null;
  category: string;
  claimant: string | null;
  source: string | null;
  evidence_start: number;
  evidence_end: number;
  evidence_text: string;
  /** The figure id of the first of the counts told side by side this one adds to (Claim.sum_group). */
  sum_group: number | null;
}

/** What an imported incident's dataset states, once: its claims are read from it (dataset-claims.ts). */
export interface DatasetClaimTable {
  incident_id: number;
  source: string | null;
  /** JSON: [[kind, category, low, high, statement], ...], in the dataset's order. */
  claims: string;
}

export type IncidentRow = Selectable<IncidentTable>;

export interface PlaceTable {
  id: string;
  name: string;
  /** JSON array of strings. */
  alt_names: string;
  kind: string;
  lat: number;
  lon: number;
  approximate: number;
  admin1: string | null;
  admin2: string | null;
  country: string;
  population: number | null;
  source: string;
  imported_at: string;
}

export interface JobTable {
  id: Generated<number>;
  name: string;
  content: Uint8Array;
  /** The day the input was published, given at enqueue for a text that does not say. */
  published: string | null;
  /** queued, running, done or failed. */
  status: string;
  attempts: number;
  worker: string | null;
  /** ISO time after which a running job whose worker went silent may be taken by another. */
  lease_until: string | null;
  document_id: number | null;
  /** ingested or unchanged, once done. */
  outcome: string | null;
  error: string | null;
  enqueued_at: string;
  finished_at: string | null;
}

/** Kept by triggers over standing incidents: see migrations/0008-effective-incidents.ts. admin1 '' stands for no province. */
export interface IncidentTotalsTable {
  month: string;
  admin1: string;
  event_type: string;
  dataset: string;
  incidents: number;
  with_best: number;
  with_low: number;
  with_high: number;
  deaths_low: number;
  deaths_best: number;
  deaths_high: number;
}
