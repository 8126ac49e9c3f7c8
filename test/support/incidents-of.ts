import { beforeAll } from 'vitest';
import { extractDocumentDetailed } from '../../src/extract/extract-document.js';
import { buildIncidents, type Resolvers } from '../../src/merge/build-incidents.js';
import type { DraftIncident } from '../../src/merge/incident-draft.js';
import { createActorIndex } from '../../src/resolve/actors.js';
import { loadActorRegistry, loadShippedGazetteer } from '../../src/resolve/load-resolve-data.js';

/**
 * The incidents one text makes, with the shipped gazetteer and actors, loaded once before the
 * calling file's tests: call at the top of a test file.
 */
export function incidentsFromText(): (text: string, published?: string | null) => DraftIncident[] {
  let resolvers: Resolvers;
  beforeAll(async () => {
    resolvers = { gazetteer: await loadShippedGazetteer(), actors: createActorIndex(await loadActorRegistry()) };
  });
  return (text, published = null) => {
    const { result, passages } = extractDocumentDetailed(text, { published });
    return buildIncidents(text, result, passages, resolvers);
  };
}
