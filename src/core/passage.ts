import type { DateRange, Figure } from './figure.js';

/** A sentence of a document with the date the extractor read for it. */
export interface Passage {
  start: number;
  end: number;
  date: DateRange | null;
  /** The passage states its own date, rather than inheriting one from what came before. */
  dated: boolean;
  /** Its own date is only the day a source spoke ("In a statement issued late Monday, ..."). */
  spoken?: true;
  source: Figure['source'];
}

/** What opens an item of a list at the start of a line: a dash, a bullet or a number ("- ", "• ", "2. "). */
export const LIST_MARK = String.raw`[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t]+`;
