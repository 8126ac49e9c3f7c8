import type { FigureKind } from '../core/figure.js';
import { IRREALIS, NEGATIONS, words } from './lexicon.js';
import type { Token } from './tokens.js';

/** The words that give a count its kind, and how firmly they are tied to it. */
export interface Trigger {
  kind: FigureKind | null;
  /** First and last token of the trigger words. */
  index: number;
  last: number;
  /** adjacent: "killed 35"; coordinated: "arresting several commanders and 5,000 soldiers"; right: "35 were killed". */
  tie: 'adjacent' | 'coordinated' | 'right' | 'frame';
  /** A fighter noun must follow: "sent 500 troops", "with 2,500 men". */
  needsFighters: boolean;
  /** People released, or people who went along with someone: no figure. */
  blocks: boolean;
  negated: boolean;
  irrealis: boolean;
}

export const trigger = (kind: FigureKind | null, index: number, tie: Trigger['tie'], last = index): Trigger => ({
  kind,
  index,
  last,
  tie,
  needsFighters: false,
  blocks: false,
  negated: false,
  irrealis: false,
});

export const MODALS = words('would will could might may should shall must');

export function hasNegationBefore(tokens: Token[], k: number, floor: number): boolean {
  for (let j = k - 1; j >= Math.max(floor, k - 3); j--) {
    const t = tokens[j] as Token;
    if (NEGATIONS.has(t.norm) || t.norm.endsWith("n't")) return true;
  }
  return false;
}

export function isIrrealis(tokens: Token[], k: number, floor: number): boolean {
  const prev = tokens[k - 1];
  if (prev && k - 1 >= floor && MODALS.has(prev.norm)) return true;
  if (prev?.norm === 'to') {
    for (let j = k - 2; j >= Math.max(floor, k - 5); j--) if (IRREALIS.has((tokens[j] as Token).norm)) return true;
  }
  return false;
}
