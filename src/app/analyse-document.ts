import type { ReadDocument } from '../core/document.js';
import { extractDocumentDetailed } from '../extract/extract-document.js';
import { buildIncidents, type Resolvers } from '../merge/build-incidents.js';
import { createActorIndex } from '../resolve/actors.js';
import { createGazetteer } from '../resolve/gazetteer.js';
import { loadActorRegistry, readShippedEntries } from '../resolve/load-resolve-data.js';
import { listPlaces } from '../store/gazetteer-store.js';
import type { Store } from '../store/open-store.js';
import type { Analysis } from './ingest-documents.js';

/**
 * The gazetteer (shipped baseline plus the places imported into this store, which win on the same
 * id) and the actor registry (with the user's additions), loaded once per process.
 */
export async function loadResolvers(store: Store, actorsFile?: string): Promise<Resolvers> {
  const [shipped, imported, registry] = await Promise.all([
    readShippedEntries(),
    listPlaces(store),
    loadActorRegistry(actorsFile),
  ]);
  const ids = new Set(imported.map((e) => e.id));
  const entries = [...shipped.filter((e) => !ids.has(e.id)), ...imported];
  return { gazetteer: createGazetteer(entries), actors: createActorIndex(registry) };
}

/** Extraction, then the document's incidents: everything ingest learns from a text, without I/O. */
export function createAnalyser(resolvers: Resolvers): (doc: ReadDocument) => Analysis {
  return (doc) => {
    const { result, passages } = extractDocumentDetailed(doc.text, { published: doc.published });
    return { extraction: result, incidents: buildIncidents(doc.text, result, passages, resolvers) };
  };
}
