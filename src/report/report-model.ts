import type { Grade, IncidentGrade, SourceType } from '../core/grade.js';
import type { Incident } from '../core/incident.js';

/** An incident as the report reads it: effective values, claims, and its grade. */
export type ReportIncident = Incident & { grade: IncidentGrade };

/** What the report says about a source document in a footnote. */
export interface ReportSource {
  id: number;
  title: string | null;
  publisher: string | null;
  published: string | null;
  /** Path or URL it was ingested from. */
  location: string;
  type: SourceType;
}

/** Everything the report is built from, read before building so the building is pure. */
export interface ReportInput {
  title: string;
  /** The filters, in words ("province Jowzjan", "from 2018-07-01"). */
  scope: string[];
  /** ISO time the report was made; passed in, never read from the clock here. */
  generatedAt: string;
  incidents: ReportIncident[];
  sources: ReadonlyMap<number, ReportSource>;
  /** The sentence each figure stands in, by figure id. */
  sentences: ReadonlyMap<number, { start: number; end: number; text: string }>;
}

/** One row of a summary table: incidents and deaths, each sum over the incidents that state it. */
export interface SummaryRow {
  key: string;
  incidents: number;
  low: number;
  best: number;
  high: number;
  /** Incidents the best sum stands on: an unknown toll is never counted as zero. */
  withBest: number;
}

export interface Footnote {
  number: number;
  source: ReportSource | null;
  /** The sentence that states the figure, and where the figure's words sit in it. */
  sentence: string;
  evidence: { start: number; end: number } | null;
}

export interface ReportClaim {
  footnote: number;
  sourceLabel: string;
  claimant: string | null;
  kind: string;
  figure: string;
  whose: string;
  party: boolean;
}

export interface ReportSection {
  incident: ReportIncident;
  claims: ReportClaim[];
  footnotes: Footnote[];
}

export interface ReportModel {
  title: string;
  scope: string[];
  generatedAt: string;
  period: { start: string; end: string } | null;
  totals: SummaryRow;
  /** Incidents counted in the totals and tables: all listed ones but the discounted. */
  counted: number;
  discounted: number;
  byMonth: SummaryRow[];
  byType: SummaryRow[];
  byPerpetrator: SummaryRow[];
  byProvince: SummaryRow[];
  byGrade: { grade: Grade; incidents: number }[];
  sections: ReportSection[];
}
