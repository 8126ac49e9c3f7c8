import { type Kysely, sql } from 'kysely';
import { readDataVersion, readDataVersionOn } from '../store/data-version.js';
import { INCIDENT_CHANGES } from '../store/migrations/0021-sqlite-incident-changes.js';
import type { Store } from '../store/open-store.js';
import type { ReviewedIncidentFilter } from '../store/reviewed-incidents.js';
import type { Database } from '../store/schema.js';
import { cellSize, type GridParams, type GridPayload, gridPayload, readGrid, toFixedPoint } from './map-queries.js';

// The map's grid is a scan of every incident its filters match: in SQL, a GROUP BY that sorts them
// all (0.3-0.6 s over 200,000 on 2 cores, five times that over a million), paid again at every zoom,
// pan past the padded view and change of filter. A map index keeps the columns the grid reads, one
// typed array each, and gathers a grid from them in a loop of a few milliseconds. It holds the
// store as of one data stamp. On SQLite a write is followed from the store's log of changed
// incidents (migration 0021): the next grid reads the incidents changed since. Otherwise (after a
// bulk load, on PostgreSQL) the grid is read in SQL again until a new index is built. A build reads
// every incident (0.7 s per 200,000 here), so it starts only when the store has stayed unchanged
// between two grid requests (or for the first one a thread gets): a store written all the time, by
// an ingest, never builds one in vain.

/** Incidents read per query while building: short enough not to hold up the thread's other pages. */
const BUILD_CHUNK = 5_000;

/** Text in a column no row holds. */
const ABSENT = -2;
/** A null text column. */
const NULL = -1;

/** The incidents as of `stamp`, a typed array per column; every text is a code into `texts`. */
interface Snapshot {
  readonly stamp: string;
  /**
   * SQLite: the last entry of the log of changed incidents (0021) the columns hold, from which a
   * later stamp is reached by reading the incidents changed since; null on PostgreSQL.
   */
  readonly seq: number | null;
  /** Rows held: the columns may be longer, with room for incidents to come. */
  readonly size: number;
  /** Rows of incidents deleted since the build, which no filter passes (dateStart is GONE). */
  readonly gone: number;
  readonly id: Int32Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly best: Float64Array;
  readonly dateStart: Int32Array;
  readonly dateEnd: Int32Array;
  readonly admin1: Int32Array;
  readonly admin2: Int32Array;
  readonly gazetteerId: Int32Array;
  readonly eventType: Int32Array;
  readonly dataset: Int32Array;
  readonly status: Int32Array;
  readonly place: Int32Array;
  /** Every text of the columns above, in code-point order: codes compare as their texts do in SQL. */
  readonly texts: readonly string[];
  readonly codes: ReadonlyMap<string, number>;
}

const TEXT_COLUMNS = [
  'date_start',
  'date_end',
  'admin1',
  'admin2',
  'gazetteer_id',
  'event_type',
  'dataset',
  'status',
  'place_name',
] as const;
type TextColumn = (typeof TEXT_COLUMNS)[number];

/** Code-point order, as SQLite's BINARY collation and PostgreSQL's "C" compare text. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 puts surrogates (code points past U+FFFF) before U+E000-U+FFFF; code points after.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (x >= 0xe000 || y >= 0xe000)) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Growable columns while a build reads the store. */
class Builder {
  size = 0;
  #capacity = 1024;
  id = new Int32Array(this.#capacity);
  lon = new Float64Array(this.#capacity);
  lat = new Float64Array(this.#capacity);
  best = new Float64Array(this.#capacity);
  readonly text: Int32Array[] = TEXT_COLUMNS.map(() => new Int32Array(this.#capacity));
  readonly #codes = new Map<string, number>();
  readonly #texts: string[] = [];

  push(row: Record<string, unknown>): void {
    if (this.size === this.#capacity) this.#grow();
    writeRow(this, this.text, this.size++, row, this.#code);
  }

  readonly #code = (text: unknown): number => {
    if (typeof text !== 'string') return NULL;
    let code = this.#codes.get(text);
    if (code === undefined) {
      code = this.#texts.length;
      this.#texts.push(text);
      this.#codes.set(text, code);
    }
    return code;
  };

  #grow(): void {
    this.#capacity *= 2;
    this.id = resized(this.id, this.#capacity);
    this.lon = resized(this.lon, this.#capacity);
    this.lat = resized(this.lat, this.#capacity);
    this.best = resized(this.best, this.#capacity);
    for (let c = 0; c < this.text.length; c++) this.text[c] = resized(this.text[c] as Int32Array, this.#capacity);
  }

  /** The columns with their text codes put in code-point order of the texts. */
  finish(stamp: string, seq: number | null): Snapshot {
    const order = this.#texts
      .map((_, n) => n)
      .sort((a, b) => compareCodePoints(this.#texts[a] as string, this.#texts[b] as string));
    const rank = new Int32Array(order.length);
    for (let r = 0; r < order.length; r++) rank[order[r] as number] = r;
    const texts = order.map((n) => this.#texts[n] as string);
    const n = this.size;
    const text = this.text.map((column) => {
      const out = column.slice(0, n);
      renumber(out, rank);
      return out;
    });
    const columns = { id: this.id.slice(0, n), lon: this.lon.slice(0, n), lat: this.lat.slice(0, n) };
    return snapshotOf(stamp, seq, n, 0, { ...columns, best: this.best.slice(0, n) }, text, texts);
  }
}

/** The number columns a snapshot holds beside its text columns. */
interface NumberColumns {
  id: Int32Array;
  lon: Float64Array;
  lat: Float64Array;
  best: Float64Array;
}

/** A snapshot of these columns, the text ones in TEXT_COLUMNS order, coded in `texts`. */
function snapshotOf(
  stamp: string,
  seq: number | null,
  size: number,
  gone: number,
  numbers: NumberColumns,
  text: readonly Int32Array[],
  texts: readonly string[],
  codes: ReadonlyMap<string, number> = new Map(texts.map((t, r) => [t, r])),
): Snapshot {
  const [dateStart, dateEnd, admin1, admin2, gazetteerId, eventType, dataset, status, place] = text as [
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  return {
    stamp,
    seq,
    size,
    gone,
    ...numbers,
    dateStart,
    dateEnd,
    admin1,
    admin2,
    gazetteerId,
    eventType,
    dataset,
    status,
    place,
    texts,
    codes,
  };
}

/** A nullable number column's value in a Float64Array: null is NaN, as the grid reads it. */
const numberOrNaN = (value: unknown) => (value === null ? Number.NaN : Number(value));

/** `a` in an array of `length` (the same when it is that long already). */
function resized<T extends Int32Array | Float64Array>(a: T, length: number): T {
  if (a.length === length) return a;
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a.subarray(0, Math.min(a.length, length)));
  return b;
}

/** An incident's row of the store written into row `at` of the columns, its texts coded by `codeOf`. */
function writeRow(
  numbers: NumberColumns,
  text: readonly Int32Array[],
  at: number,
  row: Record<string, unknown>,
  codeOf: (text: unknown) => number,
): void {
  numbers.id[at] = Number(row.id);
  numbers.lon[at] = numberOrNaN(row.lon);
  numbers.lat[at] = numberOrNaN(row.lat);
  numbers.best[at] = numberOrNaN(row.deaths_best);
  for (let c = 0; c < TEXT_COLUMNS.length; c++) {
    (text[c] as Int32Array)[at] = codeOf(row[TEXT_COLUMNS[c] as TextColumn]);
  }
}

/** The columns of an incident the index holds. */
const READ_COLUMNS = ['id', 'lon', 'lat', 'deaths_best', ...TEXT_COLUMNS] as const;

/** Every incident, a chunk at a time, into `builder`. */
async function readIncidents(db: Kysely<Database>, builder: Builder, chunk: number): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('incidents')
      .select(READ_COLUMNS)
      .where('id', '>', after)
      .orderBy('id')
      .limit(chunk)
      .execute();
    for (const row of rows) builder.push(row as unknown as Record<string, unknown>);
    if (rows.length < chunk) return;
    after = Number(rows[rows.length - 1]?.id);
    // The thread's other pages go in between.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The store's incidents as of one stamp, or null when that cannot be had. On PostgreSQL the chunks
 * are read in one repeatable-read transaction (on one of the thread's connections; its pages go on
 * over the other), whose snapshot is the stamp. SQLite's one connection is not held that long: the
 * stamp is read before and after, and a build the store changed under is dropped.
 */
async function buildSnapshot(store: Store, chunk: number): Promise<Snapshot | null> {
  const builder = new Builder();
  if (store.dialect.name === 'postgres') {
    const stamp = await store.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const seen = await readDataVersionOn(trx, 'postgres');
        await readIncidents(trx, builder, chunk);
        return seen;
      });
    return builder.finish(stamp, null);
  }
  const stamp = await readDataVersion(store);
  const seq = await lastChange(store);
  await readIncidents(store.db, builder, chunk);
  return (await readDataVersion(store)) === stamp ? builder.finish(stamp, seq) : null;
}

/** The newest entry of SQLite's log of changed incidents (0 for none), or null without the log. */
async function lastChange(store: Store): Promise<number | null> {
  try {
    const { rows } = await sql<{
      seq: number | null;
    }>`select max(seq) as seq from ${sql.table(INCIDENT_CHANGES)}`.execute(store.db);
    return Number(rows[0]?.seq ?? 0);
  } catch {
    // A store this server did not migrate: every change means a new build.
    return null;
  }
}

/** Reads of the changes since a snapshot, while the store keeps being written under them. */
const REFRESH_ATTEMPTS = 3;

/** dateStart of a deleted incident's row: after every `to` bound, so no filter passes it. */
const GONE = 0x7fffffff;

/**
 * Changes read since a snapshot: at most an eighth of its incidents (at least 10,000); more, a bulk
 * load, or a log cut back past the snapshot's entry ask for a new build instead.
 */
const changesAtMost = (s: Snapshot) => Math.max(10_000, s.size >> 3);

/**
 * A snapshot brought up to the store's stamp from SQLite's log of changed incidents (0021): the
 * incidents changed since its entry are read again, deleted ones marked GONE, new ones appended (ids
 * only grow), new texts given codes in their order; `stamp` is the store's, read before the log.
 * 'moved' when the store was written meanwhile
 * (the next request tries again), 'rebuild' when the log cannot bring it up to date.
 */
async function refreshSnapshot(store: Store, s: Snapshot, stamp: string): Promise<Snapshot | 'moved' | 'rebuild'> {
  if (s.seq === null) return 'rebuild';
  const most = changesAtMost(s);
  const { rows: log } = await sql<{ seq: number; incident_id: number | null }>`select seq, incident_id
    from ${sql.table(INCIDENT_CHANGES)} where seq > ${s.seq} order by seq limit ${most + 1}`.execute(store.db);
  if (log.length > most || (log.length > 0 && Number(log[0]?.seq) !== s.seq + 1)) return 'rebuild';
  const ids = new Set<number>();
  for (const entry of log) {
    if (entry.incident_id === null) return 'rebuild';
    ids.add(Number(entry.incident_id));
  }
  const changed = new Map<number, Record<string, unknown> | null>([...ids].map((id) => [id, null]));
  if (ids.size > 0) {
    const rows = await store.db
      .selectFrom('incidents')
      .select(READ_COLUMNS)
      .where('id', 'in', sql<number>`(select value from json_each(${JSON.stringify([...ids])}))`)
      .execute();
    for (const row of rows) changed.set(Number(row.id), row as unknown as Record<string, unknown>);
  }
  if ((await readDataVersion(store)) !== stamp) return 'moved';
  const seq = log.length > 0 ? Number(log[log.length - 1]?.seq) : s.seq;
  return applyChanges(s, changed, stamp, seq) ?? 'rebuild';
}

/** The row holding incident `id` (ids are in order), or -1. */
function rowOf(ids: Int32Array, size: number, id: number): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ids[mid] as number) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < size && ids[lo] === id ? lo : -1;
}

/** Each code of `column` as `rank` renumbers it; NULL and GONE are not codes of a text. */
function renumber(column: Int32Array, rank: Int32Array): void {
  const codes = rank.length;
  for (let i = 0; i < column.length; i++) {
    const code = column[i] as number;
    if (code >= 0 && code < codes) column[i] = rank[code] as number;
  }
}

/** `s` with the changed incidents written in (null: deleted), or null when a new build is due. */
function applyChanges(
  s: Snapshot,
  changed: ReadonlyMap<number, Record<string, unknown> | null>,
  stamp: string,
  seq: number,
): Snapshot | null {
  // Texts no row held yet: every code is renumbered so that codes still compare as texts do.
  const fresh = new Set<string>();
  for (const row of changed.values()) {
    if (row === null) continue;
    for (const c of TEXT_COLUMNS) {
      const text = row[c];
      if (typeof text === 'string' && !s.codes.has(text)) fresh.add(text);
    }
  }
  let { texts, codes } = s;
  const text = [s.dateStart, s.dateEnd, s.admin1, s.admin2, s.gazetteerId, s.eventType, s.dataset, s.status, s.place];
  if (fresh.size > 0) {
    // The new texts merged into the old, which are in order already: one pass, not a sort of all.
    const incoming = [...fresh].sort(compareCodePoints);
    const merged: string[] = [];
    const rank = new Int32Array(s.texts.length);
    let old = 0;
    for (const text of incoming) {
      while (old < s.texts.length && compareCodePoints(s.texts[old] as string, text) < 0) {
        rank[old] = merged.length;
        merged.push(s.texts[old++] as string);
      }
      merged.push(text);
    }
    while (old < s.texts.length) {
      rank[old] = merged.length;
      merged.push(s.texts[old++] as string);
    }
    texts = merged;
    const next = new Map(texts.map((t, r) => [t, r]));
    // In place, as every change is written: the snapshot they held is let go for the one returned.
    for (const column of text) renumber(column, rank);
    codes = next;
  }
  const codeOf = (value: unknown) => (typeof value === 'string' ? (codes.get(value) as number) : NULL);
  const last = s.size > 0 ? (s.id[s.size - 1] as number) : 0;
  const added: [number, Record<string, unknown>][] = [];
  const writes: [number, Record<string, unknown>][] = [];
  let gone = s.gone;
  for (const [id, row] of changed) {
    const at = rowOf(s.id, s.size, id);
    if (at < 0) {
      if (row === null) continue;
      // A new incident below the last one held: ids came out of order, which a build sorts out.
      if (id < last) return null;
      added.push([id, row]);
    } else if (row === null) {
      if ((text[0] as Int32Array)[at] !== GONE) gone += 1;
      (text[0] as Int32Array)[at] = GONE;
    } else writes.push([at, row]);
  }
  if (gone > s.size >> 3 && gone > 1_000) return null;
  added.sort((a, b) => a[0] - b[0]);
  const size = s.size + added.length;
  // Room for an eighth more: an ingest's every commit then appends without copying every column.
  const room = size <= s.id.length ? s.id.length : size + (size >> 3);
  const numbers = {
    id: resized(s.id, room),
    lon: resized(s.lon, room),
    lat: resized(s.lat, room),
    best: resized(s.best, room),
  };
  const nextText = text.map((column) => resized(column, room));
  for (const [k, [, row]] of added.entries()) writes.push([s.size + k, row]);
  for (const [at, row] of writes) writeRow(numbers, nextText, at, row, codeOf);
  return snapshotOf(stamp, seq, size, gone, numbers, nextText, texts, codes);
}

/** The first code whose text is after `text`, or at it too when `at` (code-point order). */
function firstCode(texts: readonly string[], text: string, at: boolean): number {
  let lo = 0;
  let hi = texts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const order = compareCodePoints(texts[mid] as string, text);
    if (order < 0 || (order === 0 && !at)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const UNCOUNTED = ['rejected', 'merged', 'void'];

/** A filter as codes and bounds over a snapshot's columns; null for one the index cannot read. */
interface Compiled {
  /** date_end at or after it (code). */
  from: number;
  /** date_start at or before it (code). */
  to: number;
  admin1: number | null;
  admin2: number | null;
  gazetteerId: number | null;
  eventType: number | null;
  dataset: number | null;
  minDeaths: number | null;
  /**
   * 1 for each status code that passes, at code + 1 (a null status, at 0, passes no test, as in
   * SQL); null when every status does.
   */
  statusOk: Uint8Array | null;
}

function compile(s: Snapshot, filter: ReviewedIncidentFilter): Compiled | null {
  // Sides and sources live in other tables: those grids are read in SQL.
  if (filter.actor !== undefined || filter.document !== undefined) return null;
  const code = (text: string | undefined | null) => (text ? (s.codes.get(text) ?? ABSENT) : null);
  const status = filter.status ?? 'active';
  let statusOk: Uint8Array | null = null;
  if (status !== 'all') {
    const ok = new Uint8Array(s.texts.length + 1);
    const mark = (text: string, pass: 0 | 1) => {
      const at = s.codes.get(text);
      if (at !== undefined) ok[at + 1] = pass;
    };
    if (status === 'active') {
      // Any text may be a status: only the uncounted ones fail.
      ok.fill(1, 1);
      for (const t of UNCOUNTED) mark(t, 0);
    } else mark(status, 1);
    statusOk = ok;
  }
  return {
    from: filter.from ? firstCode(s.texts, filter.from, true) : -1,
    to: filter.to ? firstCode(s.texts, filter.to, false) - 1 : s.texts.length,
    admin1: code(filter.place?.admin1),
    admin2: code(filter.place?.admin2),
    gazetteerId: code(filter.place?.gazetteer_id),
    eventType: code(filter.eventType),
    dataset: code(filter.dataset),
    minDeaths: filter.minDeaths ?? null,
    statusOk,
  };
}

/**
 * Cells of a view at most this many (columns x rows of its box): their slots are found by position
 * in an array (a view the page asks for spans about 64 x 32); a grid of a larger box or of none
 * finds them through Maps. Over a million incidents, a grid of every one took 46-52 ms through
 * Maps of cell objects, 23-25 ms this way.
 */
const DENSE_CELLS = 1 << 16;

/** Where each cell of a grid is gathered: a slot per cell, in the order cells were first met. */
class CellSlots {
  /** The slot of each cell of the box, column by column (-1: none yet); null for a Map's. */
  readonly #dense: Int32Array | null;
  /** Slots by column, then row. */
  readonly #sparse = new Map<number, Map<number, number>>();
  readonly #gx0: number;
  readonly #gy0: number;
  readonly #rows: number;
  count = 0;
  readonly gx: number[] = [];
  readonly gy: number[] = [];

  constructor(size: number, box: GridParams['bbox']) {
    const gx0 = box ? Math.floor(box.w / size) : 0;
    const gy0 = box ? Math.floor(box.s / size) : 0;
    const columns = box ? Math.floor(box.e / size) - gx0 + 1 : 0;
    const rows = box ? Math.floor(box.n / size) - gy0 + 1 : 0;
    this.#gx0 = gx0;
    this.#gy0 = gy0;
    this.#rows = rows;
    // The route refuses a box whose west is east of its east; one that came here anyway goes to Maps.
    const dense = box !== undefined && columns > 0 && rows > 0 && columns * rows <= DENSE_CELLS;
    this.#dense = dense ? new Int32Array(columns * rows).fill(-1) : null;
  }

  /** The slot of cell (gx, gy), -1 - a new slot's number when the cell is met for the first time. */
  slot(gx: number, gy: number): number {
    if (this.#dense !== null) {
      // Inside the box: x / size is monotonic, so a member's cell lies between the box's corners'.
      const at = (gx - this.#gx0) * this.#rows + (gy - this.#gy0);
      const slot = this.#dense[at] as number;
      if (slot >= 0) return slot;
      this.#dense[at] = this.count;
    } else {
      let column = this.#sparse.get(gx);
      if (column === undefined) {
        column = new Map();
        this.#sparse.set(gx, column);
      }
      const slot = column.get(gy);
      if (slot !== undefined) return slot;
      column.set(gy, this.count);
    }
    this.gx.push(gx);
    this.gy.push(gy);
    return -1 - this.count++;
  }

  /** The slots in readGrid's order: by column of cells, then row. */
  ordered(): number[] {
    return Array.from({ length: this.count }, (_, k) => k).sort(
      (a, b) => (this.gx[a] as number) - (this.gx[b] as number) || (this.gy[a] as number) - (this.gy[b] as number),
    );
  }
}

/** readGrid's answer from a snapshot: the same cells, totals and extent. */
function gridFrom(s: Snapshot, f: Compiled, q: GridParams): GridPayload {
  const size = cellSize(q.zoom);
  const box = q.bbox;
  const slots = new CellSlots(size, box);
  // Each cell's figures, by slot. Coordinates are summed as toFixedPoint: exact, in any order.
  const n: number[] = [];
  const lonSum: number[] = [];
  const latSum: number[] = [];
  const bestSum: number[] = [];
  const withBest: number[] = [];
  const firstId: number[] = [];
  const typeMin: number[] = [];
  const typeMax: number[] = [];
  const lastDate: number[] = [];
  const firstPlace: number[] = [];
  const west: number[] = [];
  const south: number[] = [];
  const east: number[] = [];
  const north: number[] = [];
  let total = 0;
  let mapped = 0;
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  // A text no incident holds matches none: nothing to read.
  const scanned = [f.admin1, f.admin2, f.gazetteerId, f.eventType, f.dataset].includes(ABSENT) ? 0 : s.size;
  // The loop's columns and bounds in locals, not read from their objects at every row: a province's
  // grid over a million incidents took 10.1 ms that way, 8.6 this way.
  const { dateStart, dateEnd, admin1, admin2, gazetteerId, eventType, dataset, status: statuses } = s;
  const { from, to, minDeaths, statusOk } = f;
  const [wantAdmin1, wantAdmin2, wantPlace, wantType, wantDataset] = [
    f.admin1 ?? NULL,
    f.admin2 ?? NULL,
    f.gazetteerId ?? NULL,
    f.eventType ?? NULL,
    f.dataset ?? NULL,
  ];
  for (let i = 0; i < scanned; i++) {
    if ((dateEnd[i] as number) < from || (dateStart[i] as number) > to) continue;
    if (wantAdmin1 !== NULL && admin1[i] !== wantAdmin1) continue;
    if (wantAdmin2 !== NULL && admin2[i] !== wantAdmin2) continue;
    if (wantPlace !== NULL && gazetteerId[i] !== wantPlace) continue;
    if (wantType !== NULL && eventType[i] !== wantType) continue;
    if (wantDataset !== NULL && dataset[i] !== wantDataset) continue;
    const best = s.best[i] as number;
    // NaN (no estimate) is never at least anything, as NULL is not in SQL.
    if (minDeaths !== null && !(best >= minDeaths)) continue;
    if (statusOk !== null && statusOk[(statuses[i] as number) + 1] === 0) continue;
    total += 1;
    const lon = s.lon[i] as number;
    const lat = s.lat[i] as number;
    if (!Number.isNaN(lon)) {
      mapped += 1;
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
    }
    if (!Number.isNaN(lat)) {
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
    if (Number.isNaN(lon) || Number.isNaN(lat)) continue;
    if (box && (lon < box.w || lon > box.e || lat < box.s || lat > box.n)) continue;
    const id = s.id[i] as number;
    const type = s.eventType[i] as number;
    const date = s.dateStart[i] as number;
    const place = s.place[i] as number;
    const hasBest = !Number.isNaN(best);
    let c = slots.slot(Math.floor(lon / size), Math.floor(lat / size));
    if (c < 0) {
      c = -1 - c;
      n[c] = 1;
      lonSum[c] = toFixedPoint(lon);
      latSum[c] = toFixedPoint(lat);
      bestSum[c] = hasBest ? best : 0;
      withBest[c] = hasBest ? 1 : 0;
      firstId[c] = id;
      typeMin[c] = type;
      typeMax[c] = type;
      lastDate[c] = date;
      firstPlace[c] = place;
      west[c] = lon;
      east[c] = lon;
      south[c] = lat;
      north[c] = lat;
      continue;
    }
    (n[c] as number)++;
    (lonSum[c] as number) += toFixedPoint(lon);
    (latSum[c] as number) += toFixedPoint(lat);
    if (hasBest) {
      (bestSum[c] as number) += best;
      (withBest[c] as number)++;
    }
    if (id < (firstId[c] as number)) firstId[c] = id;
    if (type < (typeMin[c] as number)) typeMin[c] = type;
    if (type > (typeMax[c] as number)) typeMax[c] = type;
    if (date > (lastDate[c] as number)) lastDate[c] = date;
    // min() leaves out nulls: a cell's name is its first named incident's in order.
    if (place !== NULL && (firstPlace[c] === NULL || place < (firstPlace[c] as number))) firstPlace[c] = place;
    if (lon < (west[c] as number)) west[c] = lon;
    if (lon > (east[c] as number)) east[c] = lon;
    if (lat < (south[c] as number)) south[c] = lat;
    if (lat > (north[c] as number)) north[c] = lat;
  }
  const text = (code: number) => s.texts[code] as string;
  return gridPayload(
    q.zoom,
    slots.ordered().map((c) => {
      const count = n[c] as number;
      const place = firstPlace[c] as number;
      return {
        lon: (lonSum[c] as number) / count,
        lat: (latSum[c] as number) / count,
        n: count,
        best: withBest[c] === 0 ? null : (bestSum[c] as number),
        id: firstId[c] as number,
        typeMin: text(typeMin[c] as number),
        typeMax: text(typeMax[c] as number),
        date: text(lastDate[c] as number),
        place: place === NULL ? null : text(place),
        w: west[c] as number,
        s: south[c] as number,
        e: east[c] as number,
        north: north[c] as number,
      };
    }),
    {
      total,
      mapped,
      extent:
        mapped === 0
          ? null
          : [
              minLon,
              minLat === Number.POSITIVE_INFINITY ? null : minLat,
              maxLon,
              maxLat === Number.NEGATIVE_INFINITY ? null : maxLat,
            ],
    },
  );
}

export interface MapIndex {
  /**
   * The grid as readGrid writes it, gathered from the index when it holds the store as of the
   * current stamp and can read the filter, else read in SQL (and a build may start).
   */
  grid(filter: ReviewedIncidentFilter, params: GridParams): Promise<GridPayload>;
  /** Incidents held, the stamp they hold and the builds started so far, or null: for tests and benchmarks. */
  held(): { size: number; stamp: string; builds: number } | null;
  /**
   * The grid from what the index holds, whatever the store's stamp is now; null when it holds
   * nothing or cannot read the filter. For tests: a PostgreSQL server busy elsewhere moves the stamp.
   */
  gridHeld(filter: ReviewedIncidentFilter, params: GridParams): GridPayload | null;
  /** Resolves once no build is running. */
  settled(): Promise<void>;
}

/** A map index of `store`, empty until its first build; `chunk` incidents are read per query. */
export function createMapIndex(store: Store, { chunk = BUILD_CHUNK } = {}): MapIndex {
  let snapshot: Snapshot | null = null;
  let building: Promise<void> | null = null;
  let builds = 0;
  let lastAsked: string | null = null;

  // A build or a refresh runs one at a time; requests meanwhile wait for it.
  const run = (work: Promise<void>) => {
    building = work.finally(() => {
      building = null;
    });
  };

  const build = () => {
    builds += 1;
    run(
      buildSnapshot(store, chunk).then(
        (built) => {
          if (built) snapshot = built;
        },
        // A failed build leaves the grid to SQL, slower but right; the server's log says why.
        (error: unknown) => process.emitWarning(`the map index was not built: ${(error as Error).message}`),
      ),
    );
  };

  // Brings the index up to the store's stamp (`stamp`, just read) from the log of changed
  // incidents. 'moved' keeps what is held for the next request to try again.
  const refresh = (held: Snapshot, stamp: string) => {
    const attempt = async () => {
      // A store written while the changes were read is read again, from its stamp then: an ingest
      // commits every few hundred reports, a refresh takes milliseconds.
      let result = await refreshSnapshot(store, held, stamp);
      for (let again = 0; again < REFRESH_ATTEMPTS - 1 && result === 'moved'; again++) {
        result = await refreshSnapshot(store, held, await readDataVersion(store));
      }
      return result;
    };
    run(
      attempt().then(
        (result) => {
          if (result === 'rebuild') snapshot = null;
          else if (result !== 'moved') snapshot = result;
        },
        (error: unknown) => {
          snapshot = null;
          process.emitWarning(`the map index was not brought up to date: ${(error as Error).message}`);
        },
      ),
    );
  };

  return {
    async grid(filter, params) {
      const stamp = await readDataVersion(store);
      // Written since the index was built: on SQLite the incidents changed since are read again (a
      // few milliseconds for a review or an ingest's batch, where a build over a million incidents
      // took 3.1-3.7 s and grids meanwhile went to SQL).
      if (snapshot !== null && snapshot.stamp !== stamp && snapshot.seq !== null && building === null) {
        refresh(snapshot, stamp);
      }
      if (snapshot?.stamp !== stamp) {
        // A grid asked while a build runs waits for it, and so does the one that starts it: on this
        // thread its SQL would hold the build up (better-sqlite3 answers synchronously), so every
        // grid asked meanwhile waited for both. Over a million incidents the build took 3.1-3.5 s,
        // one grid in SQL 0.5-2.8 s, and the grids after it 6 s.
        if (building !== null) await building;
        else if (builds === 0 || lastAsked === stamp) {
          build();
          await building;
        }
        lastAsked = stamp;
      }
      const held = snapshot?.stamp === stamp ? snapshot : null;
      if (held === null) {
        // What a stale index held is let go at once, unless the log can still bring it up to date.
        if (snapshot !== null && snapshot.seq === null && building === null) snapshot = null;
      } else {
        const compiled = compile(held, filter);
        if (compiled !== null) return gridFrom(held, compiled, params);
      }
      return readGrid(store.db, filter, params);
    },
    held: () => (snapshot === null ? null : { size: snapshot.size - snapshot.gone, stamp: snapshot.stamp, builds }),
    gridHeld: (filter, params) => {
      const compiled = snapshot === null ? null : compile(snapshot, filter);
      return snapshot === null || compiled === null ? null : gridFrom(snapshot, compiled, params);
    },
    settled: async () => {
      while (building !== null) await building;
    },
  };
}
