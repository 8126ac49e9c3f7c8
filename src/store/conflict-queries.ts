import type { StoredConflict } from '../core/stored-figure.js';
import { getConflictOfDocument } from './extraction-store.js';
import type { Store } from './open-store.js';
import { containsText, latestExtractionOf } from './queries.js';

/** Conflict infoboxes of documents' newest extractions, optionally only those whose name contains `q`. */
export async function listConflicts(
  store: Store,
  options: { q?: string; limit?: number; offset?: number } = {},
): Promise<StoredConflict[]> {
  let query = store.db
    .selectFrom('conflicts as c')
    .select('c.document_id')
    .where((eb) => eb('c.extraction_id', '=', latestExtractionOf(eb.ref('c.document_id'))));
  if (options.q) {
    const q = options.q;
    query = query.where((eb) => containsText(eb.ref('c.name'), q));
  }
  const rows = await query
    .orderBy('c.document_id')
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0)
    .execute();
  const out: StoredConflict[] = [];
  for (const r of rows) {
    const conflict = await getConflictOfDocument(store, r.document_id);
    if (conflict) out.push(conflict);
  }
  return out;
}
