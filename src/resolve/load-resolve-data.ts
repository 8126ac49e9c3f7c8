/**
 * The one place that reads resolution data from disk: the shipped gazetteer and actor registry (and a
 * user's actor file merged over it). Everything else in src/resolve takes data as arguments.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { InvalidInputError, shorten } from '../core/errors.js';
import { type ActorRegistryFile, mergeActorRegistries, parseActorRegistry } from './actor-registry.js';
import { createGazetteer, type Gazetteer, type GazetteerEntry, GazetteerFile } from './gazetteer.js';
import { expandWorldGazetteer } from './gazetteer-compact.js';
import { compiledFingerprint, compileGazetteer, openCompiledGazetteer } from './gazetteer-index.js';

// Two levels up from src/resolve (or dist/resolve) is the package root, where data/ ships.
export const SHIPPED_GAZETTEER_PATH = fileURLToPath(new URL('../../data/gazetteer-af.json', import.meta.url));
export const SHIPPED_WORLD_GAZETTEER_PATH = fileURLToPath(
  new URL('../../data/gazetteer-world.json.gz', import.meta.url),
);
/**
 * The shipped gazetteer's tables, compiled by the build (scripts/compile-gazetteer.js) into
 * dist/gazetteer-index.bin; the built code and the sources (tests, benches) both open it.
 */
export const SHIPPED_INDEX_PATH = fileURLToPath(new URL('../../dist/gazetteer-index.bin', import.meta.url));
export const SHIPPED_ACTORS_PATH = fileURLToPath(new URL('../../data/actors.json', import.meta.url));

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(path, `not valid JSON (${shorten(String((error as Error).message))})`);
  }
}

async function readJson(path: string): Promise<unknown> {
  return parseJson(await readFile(path, 'utf8'), path);
}

function parseGazetteerFile(raw: unknown, path: string): GazetteerFile {
  const parsed = GazetteerFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(`${path}: ${issue?.path.join('.') ?? ''}`, issue?.message ?? 'not a gazetteer file');
  }
  return parsed.data;
}

/** Read and validate a gazetteer file in the shipped format. */
export async function readGazetteerFile(path: string): Promise<GazetteerFile> {
  return parseGazetteerFile(await readJson(path), path);
}

/**
 * JSON.parse of the world file, row by row where it is written one row per line (as the build script
 * writes it): one parse of the whole text held ~100 MB of small arrays at once; rows are ~100 bytes.
 */
function parseRowsJson(text: string): unknown {
  const towns = text.indexOf('\n  "towns": [\n');
  if (towns < 0) return JSON.parse(text);
  const head = JSON.parse(`${text.slice(0, towns).replace(/,\s*$/, '')}\n}`) as Record<string, unknown>;
  const rows: unknown[] = [];
  const end = text.lastIndexOf('\n  ]');
  let at = text.indexOf('\n', towns + 1) + 1;
  while (at > 0 && at < end) {
    const next = text.indexOf('\n', at);
    const line = text.slice(at, next < 0 ? text.length : next).trim();
    if (line !== '') rows.push(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line));
    at = next + 1;
  }
  if (!/^\s*\]\s*\}\s*$/.test(text.slice(end))) throw new Error('the towns array is not closed');
  head.towns = rows;
  return head;
}

/** Entries of the compact world file (gzipped JSON rows). */
export async function readWorldGazetteerFile(path: string): Promise<GazetteerEntry[]> {
  return expandWorldFile(await readFile(path), path);
}

function expandWorldFile(bytes: Buffer, path: string): GazetteerEntry[] {
  let text: string;
  try {
    text = gunzipSync(bytes).toString('utf8');
  } catch (error) {
    throw new InvalidInputError(path, `not a gzip file (${shorten(String((error as Error).message))})`);
  }
  let raw: unknown;
  try {
    raw = parseRowsJson(text);
  } catch (error) {
    throw new InvalidInputError(path, `not valid JSON (${shorten(String((error as Error).message))})`);
  }
  try {
    return expandWorldGazetteer(raw, path);
  } catch (error) {
    throw new InvalidInputError(path, (error as Error).message.replace(`${path}: `, ''));
  }
}

let shippedEntries: GazetteerEntry[] | null = null;
let shippedIndex: Gazetteer | null = null;
let shippedIndexError: Error | null = null;

/**
 * Every shipped place: the detailed Afghan file and the world file (which leaves Afghanistan to it).
 * Read once per process, and only when a caller needs places (synchronously, so a command that never
 * places anything never pays for the world); callers must not mutate the entries.
 */
export function readShippedEntriesSync(): GazetteerEntry[] {
  if (shippedEntries === null) {
    const af = parseGazetteerFile(
      parseJson(readFileSync(SHIPPED_GAZETTEER_PATH, 'utf8'), SHIPPED_GAZETTEER_PATH),
      SHIPPED_GAZETTEER_PATH,
    );
    const world = expandWorldFile(readFileSync(SHIPPED_WORLD_GAZETTEER_PATH), SHIPPED_WORLD_GAZETTEER_PATH);
    shippedEntries = [...af.entries, ...world];
  }
  return shippedEntries;
}

export async function readShippedEntries(): Promise<GazetteerEntry[]> {
  return readShippedEntriesSync();
}

// The sources of the modules that turn the shipped files into tables: after an edit to any of them a
// compiled file is stale until the next build, and the tables are built at load meanwhile.
const TABLE_CODE = [
  'place-names',
  'remembered',
  'gazetteer',
  'gazetteer-compact',
  'gazetteer-index',
  'load-resolve-data',
];

/** What the shipped tables are built from: the two data files and the code, hashed; null if one is unreadable. */
export function shippedFingerprint(): string | null {
  const hash = createHash('sha256');
  try {
    for (const path of [SHIPPED_GAZETTEER_PATH, SHIPPED_WORLD_GAZETTEER_PATH]) hash.update(readFileSync(path));
    for (const name of TABLE_CODE) hash.update(readFileSync(new URL(`../../src/resolve/${name}.ts`, import.meta.url)));
  } catch {
    return null;
  }
  return hash.digest('hex');
}

/**
 * The compiled shipped tables at `path`, or null when there is no such file or it was compiled from
 * other data or code (then the caller builds the tables, as it would without one). A file that claims
 * to be current but is damaged is an error: it names the file and says to rebuild.
 */
export function openShippedIndex(path = SHIPPED_INDEX_PATH): Gazetteer | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return null;
  }
  const fingerprint = shippedFingerprint();
  if (fingerprint === null || compiledFingerprint(bytes) !== fingerprint) return null;
  try {
    return openCompiledGazetteer(bytes);
  } catch (error) {
    throw new InvalidInputError(path, `${(error as Error).message}; rebuild it with npm run build`);
  }
}

/** Compile the shipped tables to `path` (written whole, then renamed over any older file). */
export function writeShippedIndex(path = SHIPPED_INDEX_PATH): { entries: number; bytes: number } {
  const fingerprint = shippedFingerprint();
  if (fingerprint === null) throw new Error('cannot read the shipped gazetteer or the code that indexes it');
  const entries = readShippedEntriesSync();
  const bytes = compileGazetteer(entries, fingerprint);
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, path);
  return { entries: entries.length, bytes: bytes.length };
}

/**
 * The shipped places with a store's imported ones over them (an import wins on the same id), indexed.
 * Without imports the one shipped index is built once per process and shared.
 */
export function gazetteerWith(imported: readonly GazetteerEntry[]): Gazetteer {
  if (imported.length === 0) {
    // A damaged compiled file fails every caller with the same error, read once.
    if (shippedIndexError !== null) throw shippedIndexError;
    try {
      shippedIndex ??= openShippedIndex() ?? createGazetteer(readShippedEntriesSync());
    } catch (error) {
      shippedIndexError = error as Error;
      throw error;
    }
    return shippedIndex;
  }
  const ids = new Set(imported.map((e) => e.id));
  return createGazetteer([...readShippedEntriesSync().filter((e) => !ids.has(e.id)), ...imported]);
}

/** The shipped gazetteer (detailed Afghan file plus the world), indexed. */
export async function loadShippedGazetteer(): Promise<Gazetteer> {
  return gazetteerWith([]);
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
  const shippedIds = new Set(shipped.actors.map((a) => a.id));
  return mergeActorRegistries(shipped, parseActorRegistry(user, userFile, shippedIds));
}
