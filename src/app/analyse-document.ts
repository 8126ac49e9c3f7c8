import type { ReadDocument } from '../core/document.js';
import type { ExtractionResult } from '../core/figure.js';
import type { Passage } from '../core/passage.js';
import { extractDocumentDetailed } from '../extract/extract-document.js';
import { buildIncidents, type Resolvers } from '../merge/build-incidents.js';
import { createActorIndex } from '../resolve/actors.js';
import type { Gazetteer } from '../resolve/gazetteer.js';
import { gazetteerWith, loadActorRegistry } from '../resolve/load-resolve-data.js';
import { listPlaces } from '../store/gazetteer-store.js';
import type { Store } from '../store/open-store.js';
import type { Analysis } from './ingest-documents.js';

/**
 * The gazetteer (shipped baseline plus the places imported into this store, which win on the same
 * id) and the actor registry (with the user's additions), loaded once per process.
 */
export async function loadResolvers(store: Store, actorsFile?: string): Promise<Resolvers> {
  const [imported, registry] = await Promise.all([listPlaces(store), loadActorRegistry(actorsFile)]);
  // The world gazetteer is read and indexed on first use: commands that only need actors skip it.
  let gazetteer: Gazetteer | undefined;
  return {
    get gazetteer() {
      gazetteer ??= gazetteerWith(imported);
      return gazetteer;
    },
    actors: createActorIndex(registry),
  };
}

/** What extraction learns of a text, with the dated sentences incident building reads. */
export interface Extracted {
  result: ExtractionResult;
  passages: Passage[];
}

/** Extraction alone: no gazetteer, no actors, so any thread may run it cheaply. */
export function extractRead(doc: ReadDocument): Extracted {
  return extractDocumentDetailed(doc.text, { published: doc.published });
}

/**
 * Extraction, then the document's incidents: everything ingest learns from a text, without I/O.
 * Given an extraction made elsewhere (a worker thread), only the incidents are built here.
 */
export function createAnalyser(resolvers: Resolvers): (doc: ReadDocument, extracted?: Extracted) => Analysis {
  return (doc, extracted = extractRead(doc)) => {
    const { result, passages } = extracted;
    return { extraction: result, incidents: buildIncidents(doc.text, result, passages, resolvers) };
  };
}
