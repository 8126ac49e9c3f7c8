import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { loadResolvers } from '../../app/analyse-document.js';
import { InvalidInputError } from '../../core/errors.js';
import { describeFsError } from '../../ingest/collect-files.js';
import { ACTOR_TYPES, type ActorType, addActorAlias, addActorPeriod } from '../../resolve/actor-registry.js';
import { GAZETTEER_FORMATS, type GazetteerFormat, importGazetteer } from '../../resolve/gazetteer-import.js';
import type { AdminNames } from '../../resolve/geonames-dump.js';
import { loadActorRegistry, readShippedEntries } from '../../resolve/load-resolve-data.js';
import { resolvePlace } from '../../resolve/resolve-place.js';
import { savePlaces } from '../../store/gazetteer-store.js';
import { openStore } from '../../store/open-store.js';
import { formatTable, printJson } from '../format.js';

async function* fileLines(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new InvalidInputError(path, describeFsError(error));
  }
  yield* createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
}

// Shipped admin units carry their GeoNames codes in their ids ("geonames:adm1:AF.33"), so a dump
// of towns alone (cities1000.txt style, no ADM rows) still gets province and district names.
async function knownAdminNames(): Promise<AdminNames> {
  const admin1 = new Map<string, string>();
  const admin2 = new Map<string, string>();
  for (const e of await readShippedEntries()) {
    const m = /^geonames:adm([12]):(.+)$/.exec(e.id);
    if (m?.[1] === '1') admin1.set(m[2] as string, e.name);
    else if (m?.[1] === '2') admin2.set(m[2] as string, e.name);
  }
  return { admin1, admin2 };
}

/** `tally gazetteer import FILE`: all lines valid, or nothing imported. */
export async function runGazetteerImport(
  db: string,
  file: string,
  flags: { format?: string; country?: string; json?: boolean },
): Promise<number> {
  if (flags.format !== undefined && !(GAZETTEER_FORMATS as readonly string[]).includes(flags.format)) {
    throw new InvalidInputError('--format', `expected one of ${GAZETTEER_FORMATS.join(', ')}, got "${flags.format}"`);
  }
  const result = await importGazetteer(fileLines(file), {
    file,
    adminNames: await knownAdminNames(),
    ...(flags.format ? { format: flags.format as GazetteerFormat } : {}),
    ...(flags.country ? { country: flags.country.toUpperCase() } : {}),
  });
  const store = await openStore(db);
  try {
    const saved = await savePlaces(store, result.entries, new Date().toISOString());
    if (flags.json) printJson({ format: result.format, imported: saved, skipped: result.skipped });
    else
      process.stdout.write(
        `${saved} places imported from ${file} (${result.format}${result.skipped ? `, ${result.skipped} rows of other feature classes skipped` : ''})\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

/** `tally gazetteer search NAME`: how a name resolves, best first, with why. */
export async function runGazetteerSearch(
  db: string,
  name: string,
  flags: { json?: boolean; actors: string },
): Promise<number> {
  const store = await openStore(db);
  try {
    const { gazetteer } = await loadResolvers(store, flags.actors);
    const candidates = resolvePlace(name, {}, gazetteer).slice(0, 10);
    if (flags.json) {
      printJson(candidates.map((c) => ({ ...c.entry, where_prec: c.where_prec, match: c.match, reasons: c.reasons })));
      return 0;
    }
    const rows = candidates.map((c) => [
      c.entry.name,
      c.entry.kind,
      c.entry.admin2 ?? '',
      c.entry.admin1 ?? '',
      c.entry.country,
      `${c.entry.lat.toFixed(4)}, ${c.entry.lon.toFixed(4)}${c.entry.approximate ? ' ~' : ''}`,
      c.where_prec,
      c.entry.id,
    ]);
    process.stdout.write(
      `${formatTable(['name', 'kind', 'district', 'province', 'country', 'position', 'where_prec', 'id'], rows)}\n`,
    );
    return candidates.length > 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

/** `tally actors`: the registry, shipped and the user's additions merged. */
export async function runActors(flags: { json?: boolean; actors: string }): Promise<number> {
  const registry = await loadActorRegistry(flags.actors);
  if (flags.json) {
    printJson(registry.actors);
    return 0;
  }
  const rows = registry.actors.map((a) => [a.id, a.kind, a.type ?? '', a.name, a.aliases.slice(0, 4).join('; ')]);
  process.stdout.write(`${formatTable(['id', 'kind', 'type', 'name', 'aliases'], rows, 70)}\n`);
  return 0;
}

/**
 * `tally actors period ID --from --to (--as ACTOR | --type TYPE)`: what a name meant from one date to
 * another, kept in the user's registry file like an alias.
 */
export async function runActorPeriod(
  id: string,
  flags: { actors: string; from?: string; to?: string; as?: string; type?: string; note?: string },
): Promise<number> {
  if (flags.type !== undefined && !(ACTOR_TYPES as readonly string[]).includes(flags.type)) {
    throw new InvalidInputError('--type', `expected one of ${ACTOR_TYPES.join(', ')}, got "${flags.type}"`);
  }
  const shipped = await loadActorRegistry();
  const merged = await loadActorRegistry(flags.actors);
  const updated = addActorPeriod(merged, id, {
    ...(flags.from === undefined ? {} : { from: flags.from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
    ...(flags.as === undefined ? {} : { as: flags.as }),
    ...(flags.type === undefined ? {} : { type: flags.type as ActorType }),
    ...(flags.note === undefined ? {} : { note: flags.note }),
  });
  await writeOwnActors(shipped, updated, flags.actors);
  const what = flags.as !== undefined ? `stands for ${flags.as}` : `is ${flags.type}`;
  process.stdout.write(
    `${id} ${what} from ${flags.from ?? 'the start'} to ${flags.to ?? 'now'} (saved in ${flags.actors})\n`,
  );
  return 0;
}

// Only what differs from the shipped registry is kept in the user's file.
async function writeOwnActors(
  shipped: Awaited<ReturnType<typeof loadActorRegistry>>,
  updated: Awaited<ReturnType<typeof loadActorRegistry>>,
  file: string,
): Promise<void> {
  const own = updated.actors.filter(
    (a) => JSON.stringify(a) !== JSON.stringify(shipped.actors.find((s) => s.id === a.id)),
  );
  await writeFile(file, `${JSON.stringify({ version: 1, actors: own }, null, 2)}\n`);
}

/** `tally actors alias ID ALIAS`: the alias goes into the user's registry file, never the shipped one. */
export async function runActorAlias(id: string, alias: string, flags: { actors: string }): Promise<number> {
  const shipped = await loadActorRegistry();
  const merged = await loadActorRegistry(flags.actors);
  await writeOwnActors(shipped, addActorAlias(merged, id, alias), flags.actors);
  process.stdout.write(`"${alias}" now resolves to ${id} (saved in ${flags.actors})\n`);
  return 0;
}
