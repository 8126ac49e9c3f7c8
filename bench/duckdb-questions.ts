// Not a dependency: `npm run bench` installs @duckdb/node-api first (its lock entries break npm ci).
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { medianMs, timed } from './bench-support.js';
import type { DuckDbFigures } from './duckdb-figures.js';
import { type Group, gedProvince, QUESTIONS } from './questions.js';

// GED's type of violence gives Tally's event type (docs/methodology.md, "Imported datasets").
const EVENT_TYPE = `case when type_of_violence = 3 then 'Violence against civilians' else 'Battles' end`;
const SUMS = 'count(*)::INTEGER as incidents, sum(best)::INTEGER as best';

async function rows(c: DuckDBConnection, sql: string, values: (string | number)[] = []) {
  return (await c.runAndReadAll(sql, values)).getRowObjectsJS();
}

const groups = (r: Record<string, unknown>[]): Group[] =>
  r.map((x) => ({
    key: (x.key as string | null) ?? null,
    incidents: Number(x.incidents),
    best: x.best === null ? null : Number(x.best),
  }));

/** The same questions over the same CSV, loaded into DuckDB's in-memory columnar table, as an analyst would. */
export async function askDuckDb(csv: string, runs: number): Promise<DuckDbFigures> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const [, load_ms] = await timed(() =>
    c.run(`create table ged as select * from read_csv('${csv.replace(/'/g, "''")}', header = true)`),
  );
  const q = QUESTIONS;
  const pageSql = `select id from ged where adm_1 = $1 and ${EVENT_TYPE} = $2 and date_end >= $3::DATE and date_start <= $4::DATE
    and (date_start > $5::DATE or (date_start = $5::DATE and id > $6)) order by date_start, id limit ${q.pageSize}`;
  const firstPage = async () =>
    rows(
      c,
      `select id, date_start::VARCHAR as d from ged where adm_1 = $1 and ${EVENT_TYPE} = $2 and date_end >= $3::DATE and date_start <= $4::DATE
       order by date_start, id limit ${q.pageSize}`,
      [gedProvince(q.province), q.eventType, q.from, q.to],
    );
  const first = await firstPage();
  const last = first.at(-1) as { id: number; d: string };
  const pageArgs = [gedProvince(q.province), q.eventType, q.from, q.to, last.d, Number(last.id)];
  const page = async () => rows(c, pageSql, pageArgs);
  const monthSql = (n: number) =>
    `select strftime(date_start, '%Y-%m') as key, ${SUMS} from ged where adm_1 in (${Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ')}) group by key order by key`;
  const one = async () => rows(c, monthSql(1), [gedProvince(q.province)]);
  const two = async () => rows(c, monthSql(2), q.provinces.map(gedProvince));
  const byType = async () => rows(c, `select ${EVENT_TYPE} as key, ${SUMS} from ged group by key order by key`);
  const figures: DuckDbFigures = {
    load_ms,
    first_page_ms: await medianMs(runs, firstPage),
    page_ms: await medianMs(runs, page),
    month_one_province_ms: await medianMs(runs, one),
    month_two_provinces_ms: await medianMs(runs, two),
    by_type_ms: await medianMs(runs, byType),
    answers: {
      page: (await page()).map((r) => Number(r.id)),
      month_one_province: groups(await one()),
      by_type: groups(await byType()),
    },
  };
  c.closeSync();
  instance.closeSync();
  return figures;
}
