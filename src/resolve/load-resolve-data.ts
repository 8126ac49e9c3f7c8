/**
 * The one place that reads resolution data from disk: the shipped gazetteer and actor registry (and a
 * user's actor file merged over it). Everything else in src/resolve takes data as arguments.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { InvalidInputError, shorten } from '../core/errors.js';
import { type ActorRegistryFile, mergeActorRegistries, parseActorRegistry } from './actor-registry.js';
import { createGazetteer, type Gazetteer, GazetteerFile } from './gazetteer.js';

// Two levels up from src/resolve (or dist/resolve) is the package root, where data/ ships.
export const SHIPPED_GAZETTEER_PATH = fileURLToPath(new URL('../../data/gazetteer-af.json', import.meta.url));
export const SHIPPED_ACTORS_PATH = fileURLToPath(new URL('../../data/actors.json', import.meta.url));

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(path, `not valid JSON (${shorten(String((error as Error).message))})`);
  }
}

/** Read and validate a gazetteer file in the shipped format. */
export async function readGazetteerFile(path: string): Promise<GazetteerFile> {
  const parsed = GazetteerFile.safeParse(await readJson(path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(`${path}: ${issue?.path.join('.') ?? ''}`, issue?.message ?? 'not a gazetteer file');
  }
  return parsed.data;
}

/** The shipped Afghan baseline, indexed. */
export async function loadShippedGazetteer(): Promise<Gazetteer> {
  return createGazetteer((await readGazetteerFile(SHIPPED_GAZETTEER_PATH)).entries);
}

/**
 * The shipped actor registry, with the user's file merged over it when one is given and exists
 * (a user who has not added anything yet has no file, which is not an error).
 */
export async function loadActorRegistry(userFile?: string): Promise<ActorRegistryFile> {
  const shipped = parseActorRegistry(await readJson(SHIPPED_ACTORS_PATH), SHIPPED_ACTORS_PATH);
  if (userFile === undefined) return shipped;
  let user: unknown;
  try {
    user = await readJson(userFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return shipped;
    throw error;
  }
  return mergeActorRegistries(shipped, parseActorRegistry(user, userFile));
}
