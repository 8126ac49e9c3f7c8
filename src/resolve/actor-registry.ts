/**
 * The actor registry: parties to the conflict, their units and their people, with aliases.
 *
 * Shipped as data/actors.json; users extend it with a file of the same shape, merged over the shipped
 * one by id. Types follow ACLED's actor categories (each with its `inter` code) and map onto the
 * UCDP distinction between governments, organised groups and civilians.
 */
import { z } from 'zod';
import { InvalidInputError } from '../core/errors.js';
import { nameWords } from './place-names.js';

export const ACTOR_TYPES = [
  'state_forces',
  'rebel_group',
  'political_militia',
  'identity_militia',
  'rioters',
  'protesters',
  'civilians',
  'external_forces',
] as const;
export const ActorType = z.enum(ACTOR_TYPES);
export type ActorType = z.infer<typeof ActorType>;

/** ACLED `inter` codes: 1 state forces ... 8 external/other forces. */
export const INTER_CODES: Record<ActorType, number> = {
  state_forces: 1,
  rebel_group: 2,
  political_militia: 3,
  identity_militia: 4,
  rioters: 5,
  protesters: 6,
  civilians: 7,
  external_forces: 8,
};

/** UCDP's view: governments (own or foreign), organised non-state groups, informal groups, civilians. */
export type UcdpActorClass = 'government' | 'organized' | 'informal' | 'civilians';
export function ucdpClassOf(type: ActorType): UcdpActorClass {
  switch (type) {
    case 'state_forces':
    case 'external_forces':
      return 'government';
    case 'rebel_group':
    case 'political_militia':
      return 'organized';
    case 'identity_militia':
    case 'rioters':
    case 'protesters':
      return 'informal';
    case 'civilians':
      return 'civilians';
  }
}

const IsoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

/**
 * A span of time in which the actor had another type (the Taliban governed 1996-2001 and since
 * August 2021) or, for a generic name like "Government of Afghanistan", stood for another actor.
 */
export const ActorPeriod = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  type: ActorType.optional(),
  as: z.string().optional(),
  note: z.string().optional(),
});
export type ActorPeriod = z.infer<typeof ActorPeriod>;

export const Actor = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and hyphens'),
  name: z.string().min(1),
  kind: z.enum(['group', 'unit', 'person']),
  /** Required for groups; units and persons take their group's type when they have none. */
  type: ActorType.optional(),
  aliases: z.array(z.string().min(1)),
  /** Names that usually mean this actor but not always (Daesh, Massoud, Pakistan): lower confidence. */
  weak_aliases: z.array(z.string().min(1)).optional(),
  /**
   * Countries (ISO 3166-1 alpha-2) whose reports mean this actor by its weak aliases: the bare
   * "Islamic State" of an Afghan report is IS-KP, of a Libyan one not. Without it, everywhere.
   */
  weak_in: z.array(z.string().length(2)).optional(),
  /**
   * Names any state's reports give their own forces or rulers ("government forces", "security
   * forces", "the regime"): this actor in reports from its `country` only, at a weak alias's
   * confidence. The same name may be the generic alias of one actor per country.
   */
  generic_aliases: z.array(z.string().min(1)).optional(),
  member_of: z.string().optional(),
  role: z.string().optional(),
  /** ISO 3166-1 alpha-2 of a foreign actor's home country. */
  country: z.string().length(2).optional(),
  periods: z.array(ActorPeriod).optional(),
  note: z.string().optional(),
});
export type Actor = z.infer<typeof Actor>;

export const ActorRegistryFile = z.object({
  version: z.literal(1),
  description: z.string().optional(),
  actors: z.array(Actor),
});
export type ActorRegistryFile = z.infer<typeof ActorRegistryFile>;

/**
 * The key an alias is matched by as written: letters and digits only, so "IS-KP" = "ISKP" and
 * "U.S." = "US"; a leading "the" dropped; a possessive kept as part of the name.
 */
export function actorAliasKey(alias: string): string {
  const w = nameWords(alias.replace(/['’]s\b/g, 's'));
  return (w[0] === 'the' ? w.slice(1) : w).join('');
}

/**
 * Parse and check a registry: groups have a type, links point at actors that exist, ids are unique.
 * A user's file may link to the shipped actors (`known`): "the government" standing for "ansf".
 */
export function parseActorRegistry(
  value: unknown,
  where: string,
  known: ReadonlySet<string> = new Set(),
): ActorRegistryFile {
  const parsed = ActorRegistryFile.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(`${where}: ${issue?.path.join('.') ?? ''}`, issue?.message ?? 'not an actor registry');
  }
  checkRegistry(parsed.data, where, known);
  return parsed.data;
}

function checkRegistry(registry: ActorRegistryFile, where: string, known: ReadonlySet<string> = new Set()): void {
  const ids = new Set<string>(known);
  const own = new Set<string>();
  for (const a of registry.actors) {
    if (own.has(a.id)) throw new InvalidInputError(where, `actor id "${a.id}" appears twice`);
    own.add(a.id);
    ids.add(a.id);
  }
  for (const a of registry.actors) {
    if (a.kind === 'group' && a.type === undefined) throw new InvalidInputError(where, `group "${a.id}" has no type`);
    if (a.generic_aliases?.length && a.country === undefined)
      throw new InvalidInputError(where, `actor "${a.id}" has generic aliases but no country they are said in`);
    const links = [a.member_of, ...(a.periods ?? []).map((p) => p.as)].filter((x): x is string => x !== undefined);
    for (const link of links) {
      if (!ids.has(link)) throw new InvalidInputError(where, `actor "${a.id}" refers to unknown actor "${link}"`);
    }
  }
}

/**
 * Merge a user's registry over the shipped one. A user actor with a shipped id keeps the shipped aliases
 * and adds its own, and its other fields win; new ids are appended. An alias the user gives to one actor
 * is taken away from any other, so a user can re-point a name.
 */
export function mergeActorRegistries(base: ActorRegistryFile, user: ActorRegistryFile): ActorRegistryFile {
  const userAliases = new Map<string, string>();
  for (const a of user.actors)
    for (const alias of [...a.aliases, ...(a.weak_aliases ?? []), ...(a.generic_aliases ?? [])])
      userAliases.set(actorAliasKey(alias), a.id);
  // Compared by key, so giving "Daesh" to another actor also takes "Da'esh" away.
  const keep = (id: string) => (alias: string) => (userAliases.get(actorAliasKey(alias)) ?? id) === id;
  const merged = new Map<string, Actor>();
  for (const a of base.actors) {
    merged.set(a.id, {
      ...a,
      aliases: a.aliases.filter(keep(a.id)),
      weak_aliases: a.weak_aliases?.filter(keep(a.id)),
      generic_aliases: a.generic_aliases?.filter(keep(a.id)),
    });
  }
  for (const a of user.actors) {
    const prior = merged.get(a.id);
    if (prior === undefined) {
      merged.set(a.id, a);
      continue;
    }
    merged.set(a.id, {
      ...prior,
      ...a,
      aliases: [...new Set([...prior.aliases, ...a.aliases])],
      weak_aliases: [...new Set([...(prior.weak_aliases ?? []), ...(a.weak_aliases ?? [])])],
      generic_aliases: [...new Set([...(prior.generic_aliases ?? []), ...(a.generic_aliases ?? [])])],
    });
  }
  const result: ActorRegistryFile = { version: 1, actors: [...merged.values()] };
  if (base.description !== undefined) result.description = base.description;
  checkRegistry(result, 'merged actor registry');
  return result;
}

/** Add an alias to an actor (what `tally actors alias` writes to the user's file). */
export function addActorAlias(registry: ActorRegistryFile, id: string, alias: string): ActorRegistryFile {
  if (!registry.actors.some((a) => a.id === id)) throw new InvalidInputError('actor', `no actor with id "${id}"`);
  return mergeActorRegistries(registry, {
    version: 1,
    actors: [{ ...(registry.actors.find((a) => a.id === id) as Actor), aliases: [alias] }],
  });
}

/**
 * Add a period to an actor (what `tally actors period` writes to the user's file): for a generic name
 * ("the government", "security forces"), the actor it stands for from one date to another; for a
 * group, the type it had then. The period must say one of the two, and must not overlap another of
 * the actor's periods that says the same kind of thing.
 */
export function addActorPeriod(registry: ActorRegistryFile, id: string, period: ActorPeriod): ActorRegistryFile {
  const actor = registry.actors.find((a) => a.id === id);
  if (actor === undefined) throw new InvalidInputError('actor', `no actor with id "${id}"`);
  const parsed = ActorPeriod.safeParse(period);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(`period.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'not a period');
  }
  const p = parsed.data;
  if (p.as === undefined && p.type === undefined)
    throw new InvalidInputError('period', 'say what the name stands for (--as ACTOR) or the type it had (--type TYPE)');
  if (p.from !== undefined && p.to !== undefined && p.to < p.from)
    throw new InvalidInputError('period', `ends (${p.to}) before it starts (${p.from})`);
  const clash = (actor.periods ?? []).find(
    (q) =>
      (q.as !== undefined) === (p.as !== undefined) &&
      (q.to === undefined || p.from === undefined || p.from <= q.to) &&
      (p.to === undefined || q.from === undefined || q.from <= p.to),
  );
  if (clash !== undefined) {
    throw new InvalidInputError(
      'period',
      `overlaps the period ${clash.from ?? '…'} to ${clash.to ?? '…'} of "${id}"; edit the actors file to change it`,
    );
  }
  const periods = [...(actor.periods ?? []), p].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
  const actors = registry.actors.map((a) => (a.id === id ? { ...a, periods } : a));
  const result: ActorRegistryFile = { ...registry, actors };
  checkRegistry(result, 'actor registry');
  return result;
}

/** The type an actor had on a date (ISO, any precision); its own type, or its group's, without a date. */
export function actorTypeOn(actor: Actor, date: string | undefined, byId: ReadonlyMap<string, Actor>): ActorType {
  if (date !== undefined) {
    const period = periodOn(actor, date);
    if (period?.type !== undefined) return period.type;
  }
  if (actor.type !== undefined) return actor.type;
  const group = actor.member_of === undefined ? undefined : byId.get(actor.member_of);
  // Registries are checked for dangling links and groups always carry a type, so this ends.
  return group === undefined ? 'rebel_group' : actorTypeOn(group, date, byId);
}

/** The period of an actor that contains a date; partial dates compare by their known prefix. */
export function periodOn(actor: Actor, date: string): ActorPeriod | undefined {
  return actor.periods?.find(
    (p) =>
      (p.from === undefined || date.slice(0, p.from.length) >= p.from) &&
      (p.to === undefined || date.slice(0, p.to.length) <= p.to),
  );
}
