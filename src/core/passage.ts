import type { DateRange, Figure } from './figure.js';

/** A sentence of a document with the date the extractor read for it. */
export interface Passage {
  start: number;
  end: number;
  date: DateRange | null;
  /** The passage states its own date, rather than inheriting one from what came before. */
  dated: boolean;
  source: Figure['source'];
}
