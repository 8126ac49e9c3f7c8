import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import pc from 'picocolors';
import { createAnalyser, loadResolveData, loadResolvers, resolversFrom } from '../../app/analyse-document.js';
import { addUser, changeUser, createApiToken, hasAdmin, removeUser, revokeToken } from '../../app/manage-accounts.js';
import { type ReextractOutcome, reextractDocuments } from '../../app/reextract-documents.js';
import { type Agent, Role } from '../../core/account.js';
import { parseInput } from '../../core/validate.js';
import { readDocument } from '../../ingest/read-document.js';
import type { PageThreads } from '../../serve/page-threads.js';
import { DEFAULT_SERVER_CONFIG } from '../../serve/server-types.js';
import { listApiTokens } from '../../store/credentials-store.js';
import { openStore, SERVER_MAP_MB, type Store } from '../../store/open-store.js';
import { listUsers } from '../../store/users-store.js';
import { resolveServeConfig, type ServeFlags } from '../config.js';
import { formatTable, printJson } from '../format.js';
import { newPassword } from './prompt.js';

export interface CommandContext {
  run(work: () => Promise<number>): void;
  db(cmd: Command): string;
  actors(cmd: Command): string;
  int(name: string, min?: number): (value: string) => number;
}

/** The command line acts without an account; the audit trail names the local login instead. */
export function cliAgent(): Agent {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // Some containers run as a uid with no passwd entry.
  }
  return { userId: null, name: `cli:${name}` };
}

async function withStore<T>(db: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const now = () => new Date().toISOString();

/** Where `npm run build` puts the page: the same place whether this file runs from src/ (tsx) or dist/. */
const WEB_ROOT = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/** `tally serve`, `tally users …`, `tally tokens …` and `tally reextract`. */
export function registerServerCommands(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .description('serve the JSON API (and the page, if built) over HTTP; OpenAPI docs at /api/docs')
    .option('--port <n>', 'port to listen on', ctx.int('--port', 0), 8080)
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option(
      '--public-reads',
      'let anyone read without an account (env TALLY_PUBLIC_READS); writes still need an analyst',
    )
    .option('--trust-proxy', 'behind a reverse proxy: trust X-Forwarded-* (env TALLY_TRUST_PROXY)')
    .option(
      '--rate-limit <n>',
      'requests a minute per account, or per address when not signed in; 0 for none (env TALLY_RATE_LIMIT, default 600)',
      ctx.int('--rate-limit', 0),
    )
    .option(
      '--page-threads <n>',
      "threads that read and write incident pages and the map's answers (env TALLY_PAGE_THREADS; default: one per core, at most 4; 0 writes them on the thread that answers HTTP)",
      ctx.int('--page-threads', 0),
    )
    .option('--verbose', 'log every request')
    .action((flags, cmd: Command) => ctx.run(() => runServe(ctx.db(cmd), ctx.actors(cmd), flags)));

  const users = program.command('users').description('accounts: viewers read, analysts review, admins manage accounts');
  users
    .command('add')
    .argument('<name>')
    .requiredOption('--role <role>', 'viewer, analyst or admin')
    .option('--password-stdin', 'read the password from standard input instead of asking')
    .description('add an account (asks for its password; there is no default)')
    .action((name: string, flags, cmd: Command) =>
      ctx.run(() =>
        withStore(ctx.db(cmd), async (store) => {
          const role = parseInput(Role, flags.role, '--role');
          const password = await newPassword(flags.passwordStdin === true);
          const user = await addUser({ store, now }, cliAgent(), { name, role, password });
          process.stdout.write(`added ${user.name} (${user.role})\n`);
          return 0;
        }),
      ),
    );
  users
    .command('list')
    .option('--json', 'print JSON')
    .action((flags, cmd: Command) =>
      ctx.run(() =>
        withStore(ctx.db(cmd), async (store) => {
          const all = await listUsers(store);
          if (flags.json) printJson(all);
          else
            process.stdout.write(
              `${formatTable(
                ['id', 'name', 'role', 'created'],
                all.map((u) => [u.id, u.name, u.role, u.created_at]),
              )}\n`,
            );
          return 0;
        }),
      ),
    );
  users
    .command('remove')
    .argument('<name>')
    .description('remove an account with its sessions and tokens (the last admin cannot be removed)')
    .action((name: string, _flags, cmd: Command) =>
      ctx.run(() =>
        withStore(ctx.db(cmd), async (store) => {
          await removeUser({ store, now }, cliAgent(), name);
          process.stdout.write(`removed ${name}\n`);
          return 0;
        }),
      ),
    );
  users
    .command('passwd')
    .argument('<name>')
    .option('--password-stdin', 'read the password from standard input instead of asking')
    .description("set an account's password (signs it out everywhere)")
    .action((name: string, flags, cmd: Command) =>
      ctx.run(() =>
        withStore(ctx.db(cmd), async (store) => {
          const password = await newPassword(flags.passwordStdin === true);
          await changeUser({ store, now }, cliAgent(), name, { password });
          process.stdout.write(`password of ${name} changed\n`);
          return 0;
        }),
      ),
    );

  const tokens = program.command('tokens').description('API tokens for scripts: Authorization: Bearer tly_…');
  tokens
    .command('create')
    .requiredOption('--user <name>', 'whose token: it acts with that account’s role')
    .option('--name <label>', 'what the token is for', 'cli')
    .description('create a token and print it once (only its hash is kept)')
    .action((flags, cmd: Command) =>
      ctx.run(() =>
        withStore(ctx.db(cmd), async (store) => {
          const token = await createApiToken({ store, now }, cliAgent(), { user: flags.user, name: flags.name });
          process.stderr.write(`token ${token.id} for ${token.user} (${token.name}); it is shown this once:\n`);
          process.stdout.write(`${token.token}\n`);
          return 0;
        }),
      ),
    );
  tokens
    .command('list')
    .option('--user <name>', 'only this user’s tokens')
    .option('--json', 'print JSON')
    .action((flags, cmd: Command) =>
      ctx.run(() =>
        withStore(ctx.db(cmd), async (store) => {
          const all = await listApiTokens(store, { user: flags.user });
          if (flags.json) printJson(all);
          else {
            const rows = all.map((t) => [t.id, t.user, t.name, t.created_at, t.last_used_at ?? '', t.revoked_at ?? '']);
            process.stdout.write(`${formatTable(['id', 'user', 'name', 'created', 'last used', 'revoked'], rows)}\n`);
          }
          return 0;
        }),
      ),
    );
  tokens
    .command('revoke')
    .argument('<id>', 'token id, as `tally tokens list` shows it', ctx.int('id', 1))
    .description('revoke a token: refused from the next request on')
    .action((id: number, _flags, cmd: Command) =>
      ctx.run(() =>
        withStore(ctx.db(cmd), async (store) => {
          const token = await revokeToken({ store, now }, cliAgent(), id);
          process.stdout.write(`revoked token ${token.id} of ${token.user} (${token.name})\n`);
          return 0;
        }),
      ),
    );

  program
    .command('reextract')
    .description('run the current extractor over stored documents; older extractions and every review are kept')
    .option('--document <id>', 'only this document', ctx.int('--document', 1))
    .option('--force', 're-run even where the newest extraction is by the current extractor version')
    .option('--json', 'print JSON')
    .action((flags, cmd: Command) => ctx.run(() => runReextract(ctx.db(cmd), ctx.actors(cmd), flags)));
}

async function runServe(db: string, actors: string, flags: ServeFlags & { verbose?: boolean }): Promise<number> {
  const config = resolveServeConfig(flags, process.env);
  const store = await openStore(db, { mapMb: SERVER_MAP_MB });
  let pages: PageThreads | null = null;
  try {
    const data = await loadResolveData(store, actors);
    const resolvers = resolversFrom(data);
    if (!(await hasAdmin(store))) {
      process.stderr.write(
        `${pc.yellow('no admin account yet.')} Create the first one (you will be asked for its password):\n  tally users add NAME --role admin\n`,
      );
    }
    // Loaded here, so that every other command starts without the server's modules.
    const { buildServer } = await import('../../serve/build-server.js');
    const { createPageThreads, defaultPageThreads } = await import('../../serve/page-threads.js');
    const threads = store.dialect.location === ':memory:' ? 0 : (config.pageThreads ?? defaultPageThreads());
    if (threads > 0) {
      const { CACHED_INCIDENTS } = await import('../../serve/incident-cache.js');
      pages = createPageThreads(threads, { db, resolve: data }, CACHED_INCIDENTS, (error) =>
        process.stderr.write(
          `${pc.yellow(error.message)}; incident pages are written on the main thread from now on\n`,
        ),
      );
    }
    const app = await buildServer({
      store,
      resolvers,
      pages,
      read: readDocument,
      analyse: createAnalyser(resolvers),
      now,
      config: {
        ...DEFAULT_SERVER_CONFIG,
        publicReads: config.publicReads,
        trustProxy: config.trustProxy,
        rateLimit: { ...DEFAULT_SERVER_CONFIG.rateLimit, max: config.rateLimit },
        logLevel: flags.verbose ? 'info' : 'warn',
        webRoot: WEB_ROOT,
      },
    });
    const where = await app.listen({ port: config.port, host: config.host });
    process.stderr.write(
      `Tally serving ${store.dialect.location} at ${where} (page: ${existsSync(WEB_ROOT) ? `${where}/` : 'not built, run npm run build'}; docs: ${where}/api/docs; reads ${config.publicReads ? 'public' : 'need an account'})\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await app.close();
    return 0;
  } finally {
    await pages?.close();
    await store.close();
  }
}

async function runReextract(
  db: string,
  actors: string,
  flags: { document?: number; force?: boolean; json?: boolean },
): Promise<number> {
  return withStore(db, async (store) => {
    const analyse = createAnalyser(await loadResolvers(store, actors));
    const outcomes: ReextractOutcome[] = [];
    for await (const o of reextractDocuments({ store, analyse, now }, cliAgent(), flags)) {
      outcomes.push(o);
      if (flags.json) continue;
      if (o.status === 'failed') process.stderr.write(`${pc.red('failed')} ${o.error}\n`);
      if (o.status === 'extracted' && o.reviewsUnanchored.length > 0) {
        process.stderr.write(
          `document ${o.document}: reviews ${o.reviewsUnanchored.join(', ')} match no figure of the new extraction (kept; see /api/audit)\n`,
        );
      }
    }
    const count = (s: ReextractOutcome['status']) => outcomes.filter((o) => o.status === s).length;
    const carried = outcomes.reduce((n, o) => n + (o.status === 'extracted' ? o.reviewsCarried : 0), 0);
    if (flags.json) printJson(outcomes);
    else {
      process.stdout.write(
        `${count('extracted')} re-extracted, ${count('current')} already current, ${count('failed')} failed; ${carried} reviews carried over\n`,
      );
    }
    return count('failed') > 0 ? 1 : 0;
  });
}
