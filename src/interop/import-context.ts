import type { ActorRef, Claim, DeathCategory, ResolvedPlace } from '../core/incident.js';
import { type ActorIndex, type ActorResolution, resolutionOn, resolveActor } from '../resolve/actors.js';
import type { FilePlace } from './place-lookup.js';

/** What turning one row into an incident needs besides the row. */
export interface ImportContext {
  /** 'ucdp-ged 19.1', 'acled': stored on every incident and as the claimant of its numbers. */
  dataset: string;
  actors: ActorIndex;
  lookupPlace(place: FilePlace): ResolvedPlace;
}

export type SideActor = ActorRef & { side: 'a' | 'b' };

// Descriptor and phonetic matches are reliable enough for a coder's names; weak aliases ("IS",
// "Afghanistan") are not, so those actors keep their name without a registry id.
const MIN_CONFIDENCE = 0.8;

// A dataset names the same few dozen actors on every row: each name is resolved once per index,
// and only the reading on the row's date is done per row. Bounded for files of many names.
const resolvedNames = new WeakMap<ActorIndex, Map<string, ActorResolution | null>>();
const MAX_NAMES = 50_000;

function resolveName(name: string, actors: ActorIndex, date: string): ActorResolution | null {
  let names = resolvedNames.get(actors);
  if (!names) {
    names = new Map();
    resolvedNames.set(actors, names);
  }
  let found = names.get(name);
  if (found === undefined) {
    if (names.size >= MAX_NAMES) names.clear();
    found = resolveActor(name, actors);
    names.set(name, found);
  }
  return found === null ? null : resolutionOn(found, actors, date);
}

/**
 * An actor as the file names it, linked to the registry where the name resolves: a generic name
 * takes the actor it stood for on the date ("Government of Afghanistan" in 2010 is the ANSF), as
 * extraction does. `inter` is the file's own code when it gives one.
 */
export function sideActor(
  name: string,
  side: 'a' | 'b',
  date: string,
  ctx: ImportContext,
  inter: number | null = null,
): SideActor {
  const found = resolveName(name, ctx.actors, date);
  const known = found !== null && found.confidence >= MIN_CONFIDENCE ? found : null;
  const code = inter ?? known?.inter ?? null;
  return { actor_id: known ? (known.stands_for?.id ?? known.id) : null, name, inter: code, state: code === 1, side };
}

/** One number the dataset states, as a claim whose claimant is the dataset itself. */
export function datasetClaim(
  ctx: ImportContext,
  category: DeathCategory,
  low: number,
  high: number,
  source: string | null,
  statement: string,
): Claim {
  return {
    figure_id: null,
    document_id: null,
    kind: 'killed',
    low,
    high,
    qualifier: low === high ? 'exact' : 'range',
    vague: null,
    category,
    claimant: ctx.dataset,
    source,
    evidence: { start: 0, end: statement.length, text: statement },
    sum_group: null,
  };
}
