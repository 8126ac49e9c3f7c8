import { openStore, readStoreStatus } from '../../store/open-store.js';
import { printJson } from '../format.js';

export async function runDbStatus(db: string, flags: { json?: boolean }): Promise<number> {
  const store = await openStore(db);
  try {
    const status = await readStoreStatus(store);
    if (flags.json) {
      printJson(status);
      return 0;
    }
    process.stdout.write(
      `${[
        `store      ${status.dialect} at ${status.location}`,
        `schema     ${status.schemaVersion ?? 'empty'} (${status.migrationsApplied} applied, ${status.migrationsPending} pending)`,
        `documents  ${status.documents}`,
        `figures    ${status.figures}`,
      ].join('\n')}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
