import type { ReadDocument } from '../core/document.js';
import type { ExtractionResult } from '../core/figure.js';
import type { Passage } from '../core/passage.js';
import { extractDocumentDetailed } from '../extract/extract-document.js';
import { buildIncidents, type Resolvers } from '../merge/build-incidents.js';
import type { ActorRegistryFile } from '../resolve/actor-registry.js';
import { type ActorIndex, createActorIndex } from '../resolve/actors.js';
import type { Gazetteer, GazetteerEntry } from '../resolve/gazetteer.js';
import { gazetteerWith, loadActorRegistry } from '../resolve/load-resolve-data.js';
import { listPlaces } from '../store/gazetteer-store.js';
import type { Store } from '../store/open-store.js';
import type { Analysis } from './ingest-documents.js';

/**
 * What resolution needs beside the shipped data: the places imported into the store and the actor
 * registry with the user's additions. Plain data, so a worker thread can be given it.
 */
export interface ResolveData {
  imported: GazetteerEntry[];
  registry: ActorRegistryFile;
}

export async function loadResolveData(store: Store, actorsFile?: string): Promise<ResolveData> {
  const [imported, registry] = await Promise.all([listPlaces(store), loadActorRegistry(actorsFile)]);
  return { imported, registry };
}

/**
 * The gazetteer (shipped baseline plus the places imported into this store, which win on the same
 * id) and the actor registry (with the user's additions), indexed once per thread on first use:
 * commands that only need actors never read the world gazetteer.
 */
export function resolversFrom({ imported, registry }: ResolveData): Resolvers {
  let gazetteer: Gazetteer | undefined;
  let actors: ActorIndex | undefined;
  return {
    get gazetteer() {
      gazetteer ??= gazetteerWith(imported);
      return gazetteer;
    },
    get actors() {
      actors ??= createActorIndex(registry);
      return actors;
    },
  };
}

export async function loadResolvers(store: Store, actorsFile?: string): Promise<Resolvers> {
  return resolversFrom(await loadResolveData(store, actorsFile));
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

/** Extraction, then the document's incidents: everything ingest learns from a text, without I/O. */
export function createAnalyser(resolvers: Resolvers): (doc: ReadDocument) => Analysis {
  return (doc) => {
    const { result, passages } = extractRead(doc);
    return { extraction: result, incidents: buildIncidents(doc.text, result, passages, resolvers) };
  };
}
