import { remembered } from '../resolve/remembered.js';

/** A side of the incident as the grade needs it: the actor, and whether it is a state's forces. */
export interface PartySide {
  side: 'a' | 'b';
  actor_id: string | null;
  name: string;
  state: boolean;
}

/** Registry actor ids named in a text (through the actor registry's aliases). */
export type FindActors = (text: string) => string[];

// A government speaking through an office: "the defence ministry", "provincial police", "the governor's
// spokesman". Bodies that count rather than fight (health departments, hospitals, the UN) are not here.
const STATE_OFFICE =
  /\b(?:ministry|ministries|minister|army|military|armed forces|defen[cs]e|police|governor|governor's|government|interior|security forces|air force|general staff|presidential|presidency|kremlin|pentagon)\b/i;
const NOT_A_PARTY =
  /\b(?:UN|United Nations|UNAMA|OCHA|NGO|Red Cross|Red Crescent|ICRC|MSF|hospital|doctors?|medics?|residents?|witness(?:es)?|elders?|relatives|villagers|journalists?|monitor|observatory|human rights)\b/i;

/**
 * The incident side whose voice a claimant is, or null when the claimant is no party to the incident.
 * A claimant is a party when the registry resolves it to an actor on a side, when it names a side's
 * actor, or when it is a state office ("the defence ministry") and one side is a state's forces.
 */
export function claimantSide(
  claimant: string | null,
  sides: readonly PartySide[],
  findActors?: FindActors,
): 'a' | 'b' | null {
  if (!claimant || claimant.trim() === '' || sides.length === 0) return null;
  if (findActors) {
    const ids = new Set(findActors(claimant));
    const hit = sides.find((s) => s.actor_id !== null && ids.has(s.actor_id));
    if (hit) return hit.side;
  }
  const text = folded(claimant);
  const named = sides.find((s) => wholeWords(s.name)?.test(text) === true);
  if (named) return named.side;
  if (STATE_OFFICE.test(claimant) && !NOT_A_PARTY.test(claimant)) {
    const states = sides.filter((s) => s.state);
    const sidesOfStates = new Set(states.map((s) => s.side));
    // Both sides states (an interstate war): the office alone cannot tell which one speaks.
    const [state] = states;
    if (sidesOfStates.size === 1 && state) return state.side;
  }
  return null;
}

// A page of incidents asks the same few claimants about the same few parties again and again, and
// folding a name and compiling its pattern cost more than the test: 100 patterns a page of 50
// imported incidents. Both are pure functions of the text, remembered (bounded) for each.
const folded = remembered(fold, 5_000);

/** A party's folded name as whole words of a folded text, or null when too short to tell. */
const wholeWords = remembered((name: string): RegExp | null => {
  const key = fold(name);
  return key.length >= 2 ? new RegExp(`(?:^|\\W)${escapeRegExp(key)}(?:\\W|$)`) : null;
}, 5_000);

function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]s\b/g, '')
    .replace(/[-–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
