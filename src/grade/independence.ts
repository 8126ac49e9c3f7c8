import type { SourceType } from '../core/grade.js';

/** A document as independence sees it: who published it, whose wire it credits, what it says of the incident. */
export interface SourceDocument {
  id: number;
  type: SourceType;
  agency: string | null;
  publisher: string | null;
  title?: string | null;
  /** The document's passages about the incident (or its claims' sentences). */
  text: string;
}

// Word 4-grams: long enough that two reports of one event written apart share few of them,
// short enough that a copy with a changed headline or a dropped paragraph keeps most.
const SHINGLE_WORDS = 4;
/** Share of the shorter text's shingles found in the other: above this, one copies the other. */
export const COPY_CONTAINMENT = 0.6;
const MIN_SHINGLES = 5;

/**
 * Documents grouped into independent sources: two documents are one source when they credit the same
 * agency, come from the same publisher, or one's text about the incident is a near copy of the other's.
 * Groups are closed under these links (a copy of a copy is the same source), each sorted by id.
 */
export function independentSources(documents: readonly SourceDocument[]): SourceDocument[][] {
  const parent = documents.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byKey = new Map<string, number>();
  documents.forEach((d, i) => {
    for (const key of [d.agency && `agency:${normal(d.agency)}`, d.publisher && `publisher:${normal(d.publisher)}`]) {
      if (!key || key.endsWith(':')) continue;
      const seen = byKey.get(key);
      if (seen === undefined) byKey.set(key, i);
      else union(seen, i);
    }
  });
  const shingles = documents.map((d) => shinglesOf(d.text));
  for (let i = 0; i < documents.length; i++) {
    for (let j = i + 1; j < documents.length; j++) {
      if (find(i) !== find(j) && nearCopies(shingles[i] as Shingles, shingles[j] as Shingles)) union(i, j);
    }
  }
  const groups = new Map<number, SourceDocument[]>();
  documents.forEach((d, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), d]);
  });
  return [...groups.values()]
    .map((g) => [...g].sort((a, b) => a.id - b.id))
    .sort((a, b) => (a[0]?.id ?? 0) - (b[0]?.id ?? 0));
}

interface Shingles {
  set: Set<string>;
  /** The whole normalised text, for texts too short to shingle. */
  flat: string;
}

function shinglesOf(text: string): Shingles {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  const set = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) set.add(words.slice(i, i + SHINGLE_WORDS).join(' '));
  return { set, flat: words.join(' ') };
}

/** Whether two texts are one report: most of the shorter one's word runs appear in the other. */
export function nearCopies(a: Shingles, b: Shingles): boolean {
  const [small, large] = a.set.size <= b.set.size ? [a, b] : [b, a];
  if (small.set.size < MIN_SHINGLES) return small.flat !== '' && small.flat === large.flat;
  let shared = 0;
  for (const s of small.set) if (large.set.has(s)) shared++;
  return shared / small.set.size >= COPY_CONTAINMENT;
}

/** Whether two texts are near copies, for callers that hold plain strings. */
export function textsAreCopies(a: string, b: string): boolean {
  return nearCopies(shinglesOf(a), shinglesOf(b));
}

function normal(name: string): string {
  return name
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
