import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { CalendarDay } from '../core/document.js';
import { ConflictError, InvalidInputError, NotFoundError, StoreError } from '../core/errors.js';
import { DEFAULT_MAX_BYTES } from '../ingest/read-document.js';
import { ACTOR_TYPES } from '../resolve/actor-registry.js';
import { registerServerCommands } from './commands/server-commands.js';
import { DEFAULT_CHROMIUM, resolveConfig } from './config.js';

/**
 * Each command's module is loaded when the command runs: loading every command's (the server, the
 * HTML and PDF readers, the report, the importers) took as long as ingesting a thousand reports.
 */
const load = {
  db: () => import('./commands/db-commands.js'),
  document: () => import('./commands/document-commands.js'),
  explain: () => import('./commands/explain-command.js'),
  figure: () => import('./commands/figure-commands.js'),
  grade: () => import('./commands/grade-commands.js'),
  incident: () => import('./commands/incident-commands.js'),
  ingest: () => import('./commands/ingest-command.js'),
  interop: () => import('./commands/interop-commands.js'),
  queue: () => import('./commands/queue-commands.js'),
  report: () => import('./commands/report-commands.js'),
  resolve: () => import('./commands/resolve-commands.js'),
};

/** Exit codes, in the one place that decides them. */
export const EXIT = {
  ok: 0,
  itemsFailed: 1,
  invalidInput: 2,
  notFound: 3,
  store: 4,
  conflict: 5,
  internal: 70,
} as const;

/** The filters `tally incidents` and `tally export` share, so an export selects what a listing shows. */
function incidentFilterOptions(command: Command): Command {
  return command
    .option('--from <date>', 'only incidents ending on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'only incidents starting on or before this date (YYYY-MM-DD)')
    .option('--place <name>', 'only incidents at this place or inside it (a province takes in its districts)')
    .option('--actor <name>', 'only incidents involving this actor (registry id or name)')
    .option('--type <event type>', 'only this ACLED event type, e.g. "Battles"')
    .option('--min-deaths <n>', 'only incidents whose best estimate reaches this', int('--min-deaths'))
    .option('--dataset <name>', 'only this dataset: "tally" for extracted incidents, "ucdp-ged 19.1", "acled"')
    .option('--grade <grade>', 'only incidents graded confirmed, fair, weak, contested or discounted');
}

/** A calendar day, YYYY-MM-DD, refused with the reason when it is not one. */
function day(name: string) {
  return (value: string) => {
    const parsed = CalendarDay.safeParse(value);
    if (!parsed.success) throw new InvalidArgumentError(`${name}: ${parsed.error.issues[0]?.message}, got "${value}".`);
    return parsed.data;
  };
}

const PUBLISHED_HELP =
  'the day the inputs were published (YYYY-MM-DD), for those whose text does not say: a wire copied without its date line dates nothing without a year; a date the text states wins';

function int(name: string, min = 0) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}.`);
    return n;
  };
}

export function buildProgram(run: (work: () => Promise<number>) => void): Command {
  const program = new Command('tally')
    .description('Turn reports about armed conflict into a sourced database of incidents and casualty figures.')
    .addOption(
      new Option('--db <url>', 'SQLite file or postgres:// URL (default ./tally.db; env TALLY_DB, DATABASE_URL)'),
    )
    .addOption(
      new Option(
        '--actors <file>',
        'your actor registry, merged over the shipped one (default ./tally-actors.json; env TALLY_ACTORS)',
      ),
    )
    .showHelpAfterError()
    .exitOverride();
  const config = (cmd: Command) => resolveConfig(cmd.optsWithGlobals(), process.env);
  const db = (cmd: Command) => config(cmd).db;

  program
    .command('ingest')
    .description('store reports (files, folders, - for standard input) and extract their figures')
    .argument('<paths...>', 'files or folders to ingest; - reads standard input')
    .option('--json', 'print one JSON object with every outcome')
    .option('--max-bytes <n>', 'refuse inputs larger than this', int('--max-bytes', 1), DEFAULT_MAX_BYTES)
    .option('--queue', 'only put the inputs on the queue, for `tally worker` processes to ingest')
    .option(
      '--jobs <n>',
      'threads in all: one stores, in input order, the others read, extract and resolve (default: one per core, at most one per 4 MB of input)',
      int('--jobs', 1),
    )
    .option('--published <date>', PUBLISHED_HELP, day('--published'))
    .action((paths: string[], flags, cmd: Command) =>
      run(async () =>
        flags.queue
          ? (await load.queue()).runEnqueue(db(cmd), paths, flags)
          : (await load.ingest()).runIngest(db(cmd), paths, { ...flags, actors: config(cmd).actors }),
      ),
    );

  program
    .command('worker')
    .description('ingest queued documents until stopped; run any number, on any machine that reaches the store')
    .option('--exit-when-empty', 'stop once nothing is queued or running')
    .option('--lease <seconds>', 'how long a job stays claimed without a heartbeat', int('--lease', 1), 60)
    .option('--poll <ms>', 'how long to wait when the queue is empty', int('--poll', 10), 1000)
    .option('--max-bytes <n>', 'refuse inputs larger than this', int('--max-bytes', 1), DEFAULT_MAX_BYTES)
    .action((flags, cmd: Command) =>
      run(async () => (await load.queue()).runWorkerCommand(db(cmd), { ...flags, actors: config(cmd).actors })),
    );

  const queue = program.command('queue').description('the ingest queue');
  queue
    .command('status')
    .description('progress of queued ingest: done, running, queued, failed, and which workers')
    .option('--json', 'print JSON')
    .action((flags, cmd: Command) => run(async () => (await load.queue()).runQueueStatus(db(cmd), flags)));

  program
    .command('documents')
    .description('list stored documents')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most this many', int('--limit', 1), 1000)
    .option('--offset <n>', 'skip this many', int('--offset'), 0)
    .action((flags, cmd: Command) => run(async () => (await load.document()).runDocuments(db(cmd), flags)));

  const show = program.command('show').description('show one stored item in full');
  show
    .command('document')
    .argument('<id>', 'document id', int('id', 1))
    .option('--json', 'print JSON')
    .action((id: number, flags, cmd: Command) =>
      run(async () => (await load.document()).runShowDocument(db(cmd), id, flags)),
    );

  show
    .command('incident')
    .argument('<id>', 'incident id', int('id', 1))
    .option('--json', 'print JSON')
    .action((id: number, flags, cmd: Command) =>
      run(async () => (await load.incident()).runShowIncident(db(cmd), id, { ...flags, actors: config(cmd).actors })),
    );

  program
    .command('extract')
    .description('extract figures and the conflict infobox from one file without storing anything')
    .argument('<file>')
    .option('--json', 'print the extraction as JSON')
    .option('--published <date>', PUBLISHED_HELP, day('--published'))
    .action((file: string, flags) => run(async () => (await load.figure()).runExtract(file, flags)));

  program
    .command('figures')
    .description('list stored figures')
    .option('--document <id>', 'only this document', int('--document', 1))
    .option('--kind <kind>', 'killed, injured, killed_or_injured, captured, displaced, strength, surrendered')
    .option('--min <n>', 'only figures reaching at least this value', int('--min'))
    .option('--claimant <text>', 'only figures whose claimant contains this text')
    .option('--limit <n>', 'at most this many', int('--limit', 1), 1000)
    .option('--json', 'print JSON')
    .action((flags, cmd: Command) => run(async () => (await load.figure()).runFigures(db(cmd), flags)));

  incidentFilterOptions(
    program.command('incidents').description('list incidents: what happened where and when, with every claim about it'),
  )
    .option('--limit <n>', 'at most this many', int('--limit', 1), 10_000)
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .option('--explain <id>', 'why each source is part of incident ID (dates, places, kind of event, parties)')
    .action((flags, cmd: Command) =>
      run(async () =>
        flags.explain !== undefined
          ? (await load.explain()).runIncidentExplain(db(cmd), flags.explain, flags)
          : (await load.incident()).runIncidents(db(cmd), { ...flags, actors: config(cmd).actors }),
      ),
    );

  incidentFilterOptions(
    program
      .command('export')
      .description('write incidents as UCDP GED CSV, ACLED CSV, GeoJSON, JSON Lines or CSV, streamed'),
  )
    .requiredOption('--format <format>', 'ged, acled, geojson, jsonl or csv')
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--redact', 'write [redacted] for notes marked sensitive, as viewers get them from the API')
    .action((flags, cmd: Command) =>
      run(async () => (await load.interop()).runExport(db(cmd), { ...flags, actors: config(cmd).actors })),
    );

  incidentFilterOptions(
    program
      .command('report')
      .description('write the incidents a filter selects as one printable, footnoted, offline HTML report (and PDF)'),
  )
    .option('--out <file>', 'write the HTML report to this file')
    .option('--pdf <file>', "also print it to PDF (A4) through chromium's print")
    .option('--title <text>', 'the title on the cover', 'Incident report')
    .option('--chromium <path>', 'the chromium to print with', DEFAULT_CHROMIUM)
    .action((flags, cmd: Command) =>
      run(async () => (await load.report()).runReport(db(cmd), { ...flags, actors: config(cmd).actors })),
    );

  program
    .command('grade')
    .description("set an incident's grade over the rule's, with a note (`rule` clears it); audited")
    .argument('<incident>', 'incident id', int('incident', 1))
    .argument('<grade>', 'confirmed, fair, weak, contested, discounted, or rule')
    .option('--note <text>', 'why, for the team')
    .option('--sensitive', 'the note is sensitive: viewers and exports with --redact see [redacted]')
    .option('--reason <text>', 'the reason recorded in the audit trail')
    .option('--json', 'print JSON')
    .action((id: number, grade: string, flags, cmd: Command) =>
      run(async () => (await load.grade()).runGrade(db(cmd), id, grade, { ...flags, actors: config(cmd).actors })),
    );

  program
    .command('sources')
    .description("documents' source types (UN/NGO, news, party, encyclopedia, social media), agencies and why")
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most this many', int('--limit', 1), 1000)
    .option('--offset <n>', 'skip this many', int('--offset'), 0)
    .action((flags, cmd: Command) => run(async () => (await load.grade()).runSources(db(cmd), flags)));

  program
    .command('source')
    .description("correct a document's source type (`guess` restores the guess); audited")
    .argument('<document>', 'document id', int('document', 1))
    .argument('<type>', 'un_ngo, news, party, encyclopedia, social_media, unknown, or guess')
    .option('--note <text>', 'why, for the team')
    .option('--sensitive', 'the note is sensitive')
    .option('--reason <text>', 'the reason recorded in the audit trail')
    .option('--json', 'print JSON')
    .action((id: number, type: string, flags, cmd: Command) =>
      run(async () => (await load.grade()).runSourceType(db(cmd), id, type, flags)),
    );

  program
    .command('import')
    .description('import a UCDP GED or ACLED CSV (told apart by its columns); bad rows are reported by line')
    .argument('<file>', 'the CSV file, with a header row; - reads standard input')
    .option('--dataset-version <version>', 'the release, e.g. 19.1 (GED file names like ged191 give it too)')
    .option('--json', 'print the summary as JSON')
    .action((file: string, flags, cmd: Command) =>
      run(async () => (await load.interop()).runImport(db(cmd), file, { ...flags, actors: config(cmd).actors })),
    );

  const gazetteer = program.command('gazetteer').description('the places Tally resolves names to');
  gazetteer
    .command('import')
    .description('import a GeoNames dump, or a CSV / GeoJSON of places; a malformed line rejects the whole file')
    .argument('<file>')
    .option('--format <format>', 'geonames, csv or geojson (default: detected)')
    .option('--country <code>', 'ISO 3166-1 alpha-2 country for rows that name none')
    .option('--json', 'print JSON')
    .action((file: string, flags, cmd: Command) =>
      run(async () => (await load.resolve()).runGazetteerImport(db(cmd), file, flags)),
    );
  gazetteer
    .command('search')
    .description('how a place name resolves, best candidate first')
    .argument('<name>')
    .option('--json', 'print JSON')
    .action((name: string, flags, cmd: Command) =>
      run(async () =>
        (await load.resolve()).runGazetteerSearch(db(cmd), name, { ...flags, actors: config(cmd).actors }),
      ),
    );

  const actors = program.command('actors').description('the registry of parties and people, with their aliases');
  actors
    .command('list', { isDefault: true })
    .description('list actors (shipped, with your additions)')
    .option('--json', 'print JSON')
    .action((flags, cmd: Command) =>
      run(async () => (await load.resolve()).runActors({ ...flags, actors: config(cmd).actors })),
    );
  actors
    .command('alias')
    .description("add an alias to an actor (kept in the user's registry file)")
    .argument('<id>', 'actor id, as `tally actors` lists it')
    .argument('<alias>')
    .action((id: string, alias: string, _flags, cmd: Command) =>
      run(async () => (await load.resolve()).runActorAlias(id, alias, { actors: config(cmd).actors })),
    );
  actors
    .command('period')
    .description('what a name meant from one date to another: the actor it stands for, or its type then')
    .argument('<id>', 'actor id, as `tally actors` lists it')
    .option('--from <date>', 'first day (YYYY, YYYY-MM or YYYY-MM-DD); open when left out')
    .option('--to <date>', 'last day; open when left out')
    .option('--as <actor>', 'the actor the name stands for then (an id)')
    .option('--type <type>', `the type it had then: ${ACTOR_TYPES.join(', ')}`)
    .option('--note <text>', 'why')
    .action((id: string, flags, cmd: Command) =>
      run(async () => (await load.resolve()).runActorPeriod(id, { ...flags, actors: config(cmd).actors })),
    );

  registerServerCommands(program, { run, db, actors: (cmd) => config(cmd).actors, int });

  const dbCommand = program.command('db').description('the store itself');
  dbCommand
    .command('status')
    .description('where the store is, its schema version and what it holds')
    .option('--json', 'print JSON')
    .action((flags, cmd: Command) => run(async () => (await load.db()).runDbStatus(db(cmd), flags)));

  return program;
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof InvalidInputError) return EXIT.invalidInput;
  if (error instanceof NotFoundError) return EXIT.notFound;
  if (error instanceof StoreError) return EXIT.store;
  if (error instanceof ConflictError) return EXIT.conflict;
  return EXIT.internal;
}

/** Exit once what was written has left: process.exit would cut a piped stdout short. */
async function exit(code: number): Promise<never> {
  await Promise.all(
    [process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))),
  );
  process.exit(code);
}

/** The CLI entry: the only place that ends the process. */
export async function main(argv: string[]): Promise<void> {
  let work: (() => Promise<number>) | null = null;
  const program = buildProgram((w) => {
    work = w;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) await exit(error.exitCode === 0 ? 0 : EXIT.invalidInput);
    throw error;
  }
  // Set by the action commander ran; TypeScript cannot see the callback assign it.
  const job = work as (() => Promise<number>) | null;
  if (!job) return exit(EXIT.ok);
  try {
    await exit(await job());
  } catch (error) {
    const code = exitCodeFor(error);
    const message = code === EXIT.internal ? ((error as Error).stack ?? String(error)) : (error as Error).message;
    process.stderr.write(`${pc.red('error')} ${message}\n`);
    await exit(code);
  }
}
