import { createReadStream } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { readCsvRecords } from '../src/interop/csv-records.js';
import { removeSqliteFiles } from './bench-support.js';

/**
 * The floor an import is measured against: the same CSV reader, then one prepared INSERT per row
 * of every column as text into one table with two indexes, in one transaction. No checking, no
 * places or actors, no incidents: what storing the file costs at the least.
 */
export async function importFloor(csv: string, path: string): Promise<{ rows: number; ms: number }> {
  removeSqliteFiles(path);
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const started = performance.now();
  let insert: BetterSqlite3.Statement | null = null;
  let rows = 0;
  db.exec('begin');
  for await (const record of readCsvRecords(createReadStream(csv))) {
    if (record.error !== undefined) continue;
    if (!insert) {
      db.exec(`create table ged (${record.fields.map((c) => `"${c.replace(/"/g, '')}" text`).join(', ')})`);
      db.exec('create index ged_id on ged (id)');
      db.exec('create index ged_date on ged (date_start)');
      insert = db.prepare(`insert into ged values (${record.fields.map(() => '?').join(', ')})`);
      continue;
    }
    insert.run(record.fields);
    rows += 1;
  }
  db.exec('commit');
  const ms = performance.now() - started;
  db.close();
  removeSqliteFiles(path);
  return { rows, ms: Math.round(ms) };
}
