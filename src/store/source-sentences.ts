import type { Kysely } from 'kysely';
import { chunks } from './review-store.js';
import type { Database } from './schema.js';

/** The sentence each figure stands in (document offsets and text), for footnotes that quote it. */
export async function readFigureSentences(
  db: Kysely<Database>,
  figureIds: readonly number[],
): Promise<Map<number, { start: number; end: number; text: string }>> {
  const out = new Map<number, { start: number; end: number; text: string }>();
  for (const part of chunks([...new Set(figureIds)])) {
    const rows = await db
      .selectFrom('figures')
      .select(['id', 'sentence_start', 'sentence_end', 'sentence_text'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, { start: r.sentence_start, end: r.sentence_end, text: r.sentence_text });
  }
  return out;
}
