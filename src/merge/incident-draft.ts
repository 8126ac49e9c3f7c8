import type { DateRange } from '../core/figure.js';
import type { AcledEventType, ActorRef, Claim, ResolvedPlace, ViolenceType } from '../core/incident.js';
import type { Attribution } from './parties.js';

export type { Passage } from '../core/passage.js';

/**
 * A claim before it is stored: which of the document's figures it is, and whose dead they are. Its
 * `sum_group` is the index of a figure in the extraction result until it is stored.
 */
export interface DraftClaim extends Omit<Claim, 'figure_id' | 'document_id' | 'source'> {
  /** Index of the figure in the extraction result. */
  figure: number;
}

/** An incident as one document describes it, before it meets other documents. */
export interface DraftIncident {
  date: DateRange;
  place: ResolvedPlace | null;
  event_type: AcledEventType;
  sub_event_type: string;
  violence_type: ViolenceType | null;
  side_a: ActorRef | null;
  side_b: ActorRef | null;
  claims: DraftClaim[];
  sources: { start: number; end: number; text: string }[];
  summary: string;
  /** Whether the date came from the document itself; undated drafts only join incidents found elsewhere. */
  undated: boolean;
  /** Typed a clash only for want of any word of its kind ("Gunmen kill 11"): it may fold into a draft of any kind. */
  untyped?: boolean;
  /** Told as another event than the one before ("In a separate incident ..."): no other draft folds into it. */
  separate?: boolean;
  /** How side A is known when the narration does not say: a claim of responsibility or an attribution. */
  attribution?: Attribution | null;
}
