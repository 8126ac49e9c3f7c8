import { type Kysely, type Selectable, sql } from 'kysely';
import type { Claim } from '../core/incident.js';
import { moreSpecific } from '../merge/classify-event.js';
import { type CountedClaim, countsTowardDeaths, DEATH_KIND, estimateDeaths } from '../merge/estimate.js';
import type { DraftIncident } from '../merge/incident-draft.js';
import {
  explainMatch,
  type IncidentKey,
  pickPlacelessMatch,
  pickUndatedMatch,
  sameIncident,
} from '../merge/match-incidents.js';
import type { DeathClaimsMemory } from './death-claims-memory.js';
import type { StoreDialect } from './dialect.js';
import type { HeldBackRowsOf } from './held-back-rows.js';
import { DEATH_COLUMNS, placeColumns } from './incident-columns.js';
import { writeExtractedValues } from './incident-effective.js';
import { insertRowsReturning } from './insert-rows.js';
import { SHORT_SPAN_DAYS } from './migrations/0009-incident-spans.js';
import { EXTRACTED_DATASET } from './migrations/0020-tally-match-indexes.js';
import { runShaped, type ValueOf } from './query-shapes.js';
import type { Database, IncidentClaimTable, IncidentRow } from './schema.js';

type Db = Kysely<Database>;

/** Days already shifted, by shift: matching asks for the same few dates again and again. */
const shifted = new Map<number, Map<string, string>>();
const SHIFTED_DATES = 10_000;

function shiftDay(iso: string, days: number): string {
  let byDate = shifted.get(days);
  if (byDate === undefined) {
    byDate = new Map();
    shifted.set(days, byDate);
  }
  let day = byDate.get(iso);
  if (day === undefined) {
    // Parsing and printing a date took 1.6 us a call: 1.3% of the storing thread's time (20,000 reports, 2 threads).
    day = new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
    if (byDate.size >= SHIFTED_DATES) byDate.clear();
    byDate.set(iso, day);
  }
  return day;
}

function keyOfDraft(d: DraftIncident): IncidentKey {
  return {
    date_start: d.date.start,
    date_end: d.date.end,
    gazetteer_id: d.place?.gazetteer_id ?? null,
    lat: d.place?.lat ?? null,
    lon: d.place?.lon ?? null,
    admin1: d.place?.admin1 ?? null,
    admin2: d.place?.admin2 ?? null,
    where_prec: d.place?.where_prec ?? null,
    actor_ids: [d.side_a, d.side_b].flatMap((a) => (a?.actor_id && a.actor_id !== 'civilians' ? [a.actor_id] : [])),
    event_type: d.event_type,
    place_name: d.place?.name ?? null,
  };
}

/**
 * A stored incident as the matcher compares it, with the sides a later report may settle and its
 * parties as stored, which a report that merges in adds to.
 */
type Candidate = IncidentKey & { id: number; side_a: string | null; side_b: string | null; parties: IncidentParty[] };

/** Candidates as the matcher compares them, their parties read with them (MatchedRow.parties). */
function candidateKeys(rows: MatchedRow[]): Candidate[] {
  return rows.map((r) => {
    const of = (JSON.parse(r.parties) as [string, string | null, string][]).map(([side, actor_id, name]) => ({
      side,
      actor_id,
      name,
    }));
    return {
      id: r.id,
      date_start: r.date_start,
      date_end: r.date_end,
      gazetteer_id: r.gazetteer_id,
      lat: r.lat,
      lon: r.lon,
      admin1: r.admin1,
      admin2: r.admin2,
      where_prec: r.where_prec,
      event_type: r.event_type,
      place_name: r.place_name,
      side_a: r.side_a,
      side_b: r.side_b,
      actor_ids: of.filter((a) => a.actor_id && a.actor_id !== 'civilians').map((a) => a.actor_id as string),
      parties: of,
    };
  });
}

// How many stored incidents one report is compared with; the first by id when more would qualify.
const MAX_CANDIDATES = 500;

// What the matcher compares and a merge settles; a row's summary and evidence are not read.
const MATCHED_COLUMNS = [
  'id',
  'date_start',
  'date_end',
  'gazetteer_id',
  'lat',
  'lon',
  'admin1',
  'admin2',
  'where_prec',
  'event_type',
  'place_name',
  'side_a',
  'side_b',
] as const;

/** A stored incident as matching reads it, with its parties as JSON text: [[side, actor_id, name], ...]. */
type MatchedRow = Pick<IncidentRow, (typeof MATCHED_COLUMNS)[number]> & { parties: string };

/**
 * Which stored incidents a draft is compared with: those of its province, of its place (known by
 * no province), of any place (a draft that names none), or those no report has placed yet.
 */
type Scope = 'admin1' | 'place' | 'any' | 'unplaced';

/**
 * Incidents of a scope a document may merge into: extracted, not merged away, not already its own.
 * Every value comes through `value`, so the SQL of a scope is built once (query-shapes.ts). Each
 * comes with its parties, in the order they were written: on PostgreSQL a query of their own was
 * one more wait for the server a draft.
 */
function openIncidents(trx: Db, dialect: StoreDialect, scope: Scope, value: ValueOf, scopeSlot = 'scope') {
  const parties = dialect.jsonRows([sql.ref('a.side'), sql.ref('a.actor_id'), sql.ref('a.name')], sql.ref('a.id'));
  const open = trx
    .selectFrom('incidents')
    .select(MATCHED_COLUMNS)
    .select(sql<string>`(select ${parties} from incident_actors as a where a.incident_id = incidents.id)`.as('parties'))
    // As a literal: the matching indexes hold this dataset's rows only (0020), which a planner can
    // only know from the statement's own text.
    .where('dataset', '=', sql.lit(EXTRACTED_DATASET))
    // A merged-away incident's claims count for the one it was merged into, which matches by itself.
    .where('status', 'not in', ['merged', 'void'])
    // A document's own incidents are distinct by its own reading; only other documents' may merge in.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('incident_sources as s')
            .select('s.id')
            .whereRef('s.incident_id', '=', 'incidents.id')
            .where('s.document_id', '=', value<number>('document')),
        ),
      ),
    );
  if (scope === 'admin1') return open.where('admin1', '=', value<string>(scopeSlot));
  if (scope === 'place') return open.where('gazetteer_id', '=', value<string>(scopeSlot));
  if (scope === 'unplaced') return open.where('admin1', 'is', null).where('gazetteer_id', 'is', null);
  return open;
}

/** Where a draft looks for the stored incidents it may retell. */
interface Search {
  key: IncidentKey;
  scope: Scope;
  scopeValue: string | null;
}

function searchOf(draft: DraftIncident): Search {
  const key = keyOfDraft(draft);
  const scope: Scope = key.admin1 !== null ? 'admin1' : key.gazetteer_id !== null ? 'place' : 'any';
  return { key, scope, scopeValue: key.admin1 ?? key.gazetteer_id };
}

/** A placed draft's scope and the incidents no report has placed yet, which it may also tell. */
const scopesOf = (s: Search): readonly Scope[] => (s.scope === 'any' ? ['any'] : [s.scope, 'unplaced']);

/**
 * Dated searches in one query, at most this many: each is four branches of a UNION ALL, and SQLite
 * allows 500.
 */
const SEARCHES_PER_QUERY = 32;

/**
 * For each dated search, the incidents of its scopes whose dates come within a day of its key's,
 * read for several searches in one query (on PostgreSQL each query is a wait for the server). A
 * short incident (0009's flag: a month or less) that reaches the key's start began at most a month
 * before it, so those are read from a bounded range of start dates; long ones apart. Either way the
 * index seeks instead of walking a province's whole history. Sorted later (firstCandidates): with an
 * ORDER BY, SQLite's planner preferred an index by date over every province.
 */
async function overlappingEach(
  trx: Db,
  dialect: StoreDialect,
  searches: readonly Search[],
  documentId: number,
): Promise<MatchedRow[][]> {
  const each = searches.map((): MatchedRow[] => []);
  for (let start = 0; start < searches.length; start += SEARCHES_PER_QUERY) {
    const part = searches.slice(start, start + SEARCHES_PER_QUERY);
    const values: Record<string, unknown> = { document: documentId };
    part.forEach((s, k) => {
      const from = shiftDay(s.key.date_start, -1);
      values[`scope${k}`] = s.scopeValue;
      values[`from${k}`] = from;
      values[`to${k}`] = shiftDay(s.key.date_end, 1);
      values[`shortFrom${k}`] = shiftDay(from, -SHORT_SPAN_DAYS);
    });
    const rows = await runShaped<MatchedRow & { search: number }>(
      trx,
      `incident-match:${part.map((s) => scopesOf(s).join('+')).join(',')}`,
      (value) => {
        const branches = part.flatMap((s, k) =>
          scopesOf(s).flatMap((scope) => {
            const ranged = openIncidents(trx, dialect, scope, value, `scope${k}`)
              .select(sql.lit(k).as('search'))
              .where('date_start', '<=', value<string>(`to${k}`))
              .where('date_end', '>=', value<string>(`from${k}`));
            return [
              ranged.where('long_span', '=', 0).where('date_start', '>=', value<string>(`shortFrom${k}`)),
              ranged.where('long_span', '=', 1),
            ];
          }),
        );
        const [first, ...rest] = branches as [(typeof branches)[number], ...typeof branches];
        return rest.reduce((query, branch) => query.unionAll(branch), first);
      },
      values,
    );
    for (const r of rows) each[start + Number(r.search)]?.push(r);
  }
  return each;
}

/** The first candidates by id, the document's own set aside. */
function firstCandidates(rows: MatchedRow[], own: OwnIncidents): MatchedRow[] {
  return withoutOwn(rows, own)
    .sort((a, b) => a.id - b.id)
    .slice(0, MAX_CANDIDATES);
}

/**
 * The document being stored, and the incidents its drafts so far gave sources to: those its writes
 * still hold back (Pending), which the query's own test for the document's sources cannot see yet.
 */
interface OwnIncidents {
  documentId: number;
  ids: ReadonlySet<number>;
}

function withoutOwn(rows: MatchedRow[], own: OwnIncidents): MatchedRow[] {
  return own.ids.size === 0 ? rows : rows.filter((r) => !own.ids.has(r.id));
}

/**
 * The stored incident an undated draft retells, if any: undated, it can only join one of its scope,
 * the first by id that agrees with it.
 */
async function undatedMatch(trx: Db, dialect: StoreDialect, search: Search, own: OwnIncidents) {
  if (search.scope === 'any') return null;
  // As many more as the document's own incidents, which are set aside after.
  const rows = await runShaped<MatchedRow>(
    trx,
    `incident-match-undated:${search.scope}`,
    (value) => openIncidents(trx, dialect, search.scope, value).orderBy('id').limit(value<number>('limit')),
    { document: own.documentId, scope: search.scopeValue, limit: MAX_CANDIDATES + own.ids.size },
  );
  return pickUndatedMatch(search.key, candidateKeys(withoutOwn(rows, own).slice(0, MAX_CANDIDATES)));
}

/** The stored incident a dated draft retells among its search's rows (overlappingEach), if any. */
function datedMatch(search: Search, rows: MatchedRow[], own: OwnIncidents): Candidate | null {
  const { key } = search;
  if (search.scope === 'any') return pickPlacelessMatch(key, candidateKeys(firstCandidates(rows, own)));
  // An unplaced incident has neither a province nor a place; every row of the scope has one of them.
  const placed = firstCandidates(
    rows.filter((r) => r.admin1 !== null || r.gazetteer_id !== null),
    own,
  );
  const unplaced = firstCandidates(
    rows.filter((r) => r.admin1 === null && r.gazetteer_id === null),
    own,
  );
  // Failing a match in its scope: a stored incident no report has placed yet, that this placed
  // report tells (the one of its dates, kind and parties).
  const keys = candidateKeys([...placed, ...unplaced]);
  return (
    keys.slice(0, placed.length).find((k) => sameIncident(key, k)) ?? pickPlacelessMatch(key, keys.slice(placed.length))
  );
}

/** Why the draft is in the incident: what it told, and for a merge what agreed with the incident. */
function mergeReason(draft: DraftIncident, match: IncidentKey | null) {
  const key = keyOfDraft(draft);
  return {
    how: match === null ? 'founded' : draft.undated ? 'undated' : 'merged',
    reason: JSON.stringify({
      report: {
        date: draft.undated ? null : { start: draft.date.start, end: draft.date.end },
        place: draft.place?.name ?? null,
        event_type: draft.event_type,
        side_a: draft.side_a?.name ?? null,
        side_b: draft.side_b?.name ?? null,
        attribution: draft.attribution ?? null,
      },
      match: match === null ? null : explainMatch(key, match),
    }),
  };
}

/**
 * Store a document's incidents, each merged into an incident already stored when it is the same
 * event, else new. Undated drafts only join; alone they say too little to stand as incidents.
 * Call inside the document's transaction; `figureIds[i]` is the stored id of extraction figure i.
 */
export async function saveIncidents(
  trx: Db,
  dialect: StoreDialect,
  documentId: number,
  drafts: DraftIncident[],
  figureIds: number[],
  now: string,
  recompute?: Set<number>,
  memory?: DeathClaimsMemory,
): Promise<number[]> {
  if (drafts.length === 0) return [];
  await dialect.lockIncidentMerging(trx);
  const touched = new Set<number>();
  // Incidents this document founded, whose deaths were written with the row: only a later draft
  // of the same document joining one makes it need recomputing.
  const founded = new Set<number>();
  // Incidents a draft joined with deaths of its own: the estimate reads only those (estimateDeaths),
  // so a join that brings none leaves it as it was.
  const moreDeaths = new Set<number>();
  const pending = new PendingRows();
  const own = { documentId, ids: new Set<number>() };
  const searches = drafts.map(searchOf);
  // When every draft gives its incident a source, each incident a draft places is the document's own
  // from then on (OwnIncidents), which no later draft of it matches: every dated draft's candidates
  // are read up front, in one query for the document instead of one a draft, and the incidents it
  // founds are written together after its last draft (numbered -1, -2, ... until then). A draft
  // without a source would not make its incident the document's own, and a later draft could match
  // what it founded: such a document reads and writes draft by draft.
  const ownByItself = drafts.every((d) => d.sources.length > 0);
  const dated = drafts.flatMap((d, i) => (d.undated ? [] : [i]));
  const ahead = new Map<number, MatchedRow[]>();
  if (ownByItself) {
    const found = await overlappingEach(
      trx,
      dialect,
      dated.map((i) => searches[i] as Search),
      documentId,
    );
    for (const [n, i] of dated.entries()) ahead.set(i, found[n] as MatchedRow[]);
  }
  const founding: Founding[] = [];
  // What memory is told, in draft order, once the founded incidents have their ids.
  const told: { id: number; claims: CountedClaim[]; founded: boolean }[] = [];
  for (const [i, draft] of drafts.entries()) {
    const search = searches[i] as Search;
    const rows = draft.undated
      ? null
      : (ahead.get(i) ?? ((await overlappingEach(trx, dialect, [search], documentId))[0] as MatchedRow[]));
    const match = rows === null ? await undatedMatch(trx, dialect, search, own) : datedMatch(search, rows, own);
    if (match === null && draft.undated) continue;
    const claims = claimRows(draft, documentId, figureIds);
    let id: number;
    if (match !== null) id = match.id;
    else if (ownByItself) id = -founding.push({ draft, claims });
    else [id] = (await insertIncidents(trx, [{ draft, claims }], now)) as [number];
    if (match === null) founded.add(id);
    else {
      founded.delete(id);
      if (claims.some(countsTowardDeaths)) moreDeaths.add(id);
    }
    pending.merges.push({ incident_id: id, document_id: documentId, ...mergeReason(draft, match), created_at: now });
    const actors = addSourcesAndClaims(pending, id, documentId, draft, claims, match?.parties ?? []);
    if (draft.sources.length > 0) own.ids.add(id);
    told.push({ id, claims: claims.map(countedClaim), founded: match === null });
    if (match !== null) await settleSides(trx, pending, match, actors, draft);
    touched.add(id);
  }
  const ids = founding.length > 0 ? await insertIncidents(trx, founding, now) : [];
  const real = (id: number) => (id < 0 ? (ids[-id - 1] as number) : id);
  if (ids.length > 0) pending.renumber(real);
  for (const t of told) memory?.added(real(t.id), t.claims, t.founded);
  await pending.write(trx, dialect);
  const stale = [...touched].filter((id) => !founded.has(id) && moreDeaths.has(id));
  if (recompute) for (const id of stale) recompute.add(id);
  else await recomputeIncidents(trx, dialect, stale, memory);
  return [...touched].map(real);
}

const UNIDENTIFIED_ID = 'unidentified-armed-group';
const UNIDENTIFIED_NAME = 'Unidentified armed group';

/**
 * A later report that names who did it (a claim, an attribution, the narration) names the perpetrator
 * the first report could not: side A "Unidentified armed group", or none, gives way to it, and a
 * target the first report left out is filled in. A more specific kind of event (a bombing where the
 * first report told only of deaths) replaces a vaguer one.
 */
async function settleSides(
  trx: Db,
  pending: PendingRows,
  // As findMatch read it: nothing since has written the incident's row.
  row: Candidate,
  actors: readonly IncidentParty[],
  draft: DraftIncident,
): Promise<void> {
  const id = row.id;
  // `actors` are all the incident's parties now, so the delete runs only where it removes a row.
  const sideA = actors.filter((a) => a.side === 'a');
  if (
    sideA.some((a) => a.actor_id === UNIDENTIFIED_ID) &&
    sideA.some((a) => a.actor_id !== null && a.actor_id !== UNIDENTIFIED_ID)
  ) {
    // This draft's own "unidentified" party, not written yet, goes as the stored one does.
    pending.dropActor(id, 'a', UNIDENTIFIED_ID);
    await runShaped(
      trx,
      'incident-unidentified-delete',
      (value) =>
        trx
          .deleteFrom('incident_actors')
          .where('incident_id', '=', value<number>('incident'))
          .where('side', '=', 'a')
          .where('actor_id', '=', UNIDENTIFIED_ID),
      { incident: id },
    );
  }
  // The first report placed it nowhere ("in the centre of the country"); this one says where.
  if (row.admin1 === null && row.gazetteer_id === null && draft.place !== null)
    await writeExtractedValues(trx, id, placeColumns(draft.place));
  const values: {
    side_a?: string;
    side_b?: string;
    event_type?: string;
    sub_event_type?: string;
    violence_type?: number | null;
  } = {};
  // The more specific reading of the event wins, as it does between the sentences of one report.
  if (moreSpecific(draft, { event_type: row.event_type as DraftIncident['event_type'] })) {
    values.event_type = draft.event_type;
    values.sub_event_type = draft.sub_event_type;
    values.violence_type = draft.violence_type;
  }
  const named = draft.side_a;
  if (named && named.actor_id !== UNIDENTIFIED_ID && (row.side_a === null || row.side_a === UNIDENTIFIED_NAME))
    values.side_a = named.name;
  const target = draft.side_b;
  if (target && row.side_b === null && target.name !== (values.side_a ?? row.side_a)) values.side_b = target.name;
  if (Object.keys(values).length > 0) await writeExtractedValues(trx, id, values);
}

/** A draft that founds an incident, with its claims as stored. */
interface Founding {
  draft: DraftIncident;
  claims: ClaimRow[];
}

/** Incidents at most in one insert: within both engines' bounds on parameters. */
const INCIDENTS_PER_INSERT = 400;

/**
 * New incidents, each with its deaths estimated from its first report's claims as a recompute
 * would; their ids, in the order given. Ids are handed out in the order rows are inserted, so the
 * ids an insert returns, sorted, are its rows' in order.
 */
async function insertIncidents(trx: Db, list: readonly Founding[], now: string): Promise<number[]> {
  const rows = list.map(({ draft: d, claims }) => ({
    date_start: d.date.start,
    date_end: d.date.end,
    date_precision: d.date.precision,
    ...placeColumns(d.place),
    event_type: d.event_type,
    sub_event_type: d.sub_event_type,
    violence_type: d.violence_type,
    side_a: d.side_a?.name ?? null,
    side_b: d.side_b?.name ?? null,
    summary: d.summary.slice(0, 1000),
    dataset: EXTRACTED_DATASET,
    dataset_id: null,
    created_at: now,
    ...deathColumns(estimateDeaths(claims.map(countedClaim))),
  }));
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += INCIDENTS_PER_INSERT) {
    const written = await insertRowsReturning(trx, 'incidents', rows.slice(i, i + INCIDENTS_PER_INSERT), ['id']);
    if (written.length !== Math.min(INCIDENTS_PER_INSERT, rows.length - i)) throw new Error('no incident row returned');
    ids.push(...written.map((r) => r.id).sort((x, y) => x - y));
  }
  return ids;
}

type ClaimRow = Omit<Selectable<IncidentClaimTable>, 'id' | 'incident_id'>;

/** The draft's claims as stored: one per figure, the first that names it. */
function claimRows(d: DraftIncident, documentId: number, figureIds: number[]): ClaimRow[] {
  const seen = new Set<number>();
  return d.claims
    .filter((c) => !seen.has(c.figure) && seen.add(c.figure))
    .map((c) => ({
      figure_id: figureIds[c.figure] ?? null,
      document_id: documentId,
      kind: c.kind,
      low: c.low,
      high: c.high,
      qualifier: c.qualifier,
      vague: c.vague,
      category: c.category,
      claimant: c.claimant,
      source: null,
      evidence_start: c.evidence.start,
      evidence_end: c.evidence.end,
      evidence_text: c.evidence.text,
      sum_group: c.sum_group === null ? null : (figureIds[c.sum_group] ?? null),
    }));
}

/**
 * A document's merges, sources, parties and claims (the tables whose rows only a later document
 * reads), held back and written once its last draft is placed: four inserts for the document
 * instead of four a draft, and on PostgreSQL, where each statement waits for the server, one
 * (StoreDialect.writeHeldBack). No draft reads what an earlier draft of its document wrote: a
 * document's own incidents never match its later drafts (OwnIncidents), and so each incident gains
 * parties at most once a document. Each table's rows keep their order, and so their ids.
 */
class PendingRows {
  readonly merges: HeldBackRowsOf<'incident_merges'> = [];
  readonly sources: HeldBackRowsOf<'incident_sources'> = [];
  readonly actors: HeldBackRowsOf<'incident_actors'> = [];
  readonly claims: HeldBackRowsOf<'incident_claims'> = [];

  /** Incident ids given anew: the ids of incidents written after their rows were held back. */
  renumber(real: (id: number) => number): void {
    for (const list of [this.merges, this.sources, this.actors, this.claims]) {
      for (const row of list) row.incident_id = real(row.incident_id as number);
    }
  }

  dropActor(incident: number, side: string, actorId: string): void {
    const at = this.actors.findIndex((a) => a.incident_id === incident && a.side === side && a.actor_id === actorId);
    if (at !== -1) this.actors.splice(at, 1);
  }

  async write(trx: Db, dialect: StoreDialect): Promise<void> {
    await dialect.writeHeldBack(trx, {
      incident_merges: this.merges,
      incident_sources: this.sources,
      incident_actors: this.actors,
      incident_claims: this.claims,
    });
  }
}

/**
 * The draft's sources, new parties and claims, held back for the incident; its parties now. A new
 * incident has no parties yet; one matched has those the matcher read, which nothing has changed since.
 */
function addSourcesAndClaims(
  pending: PendingRows,
  id: number,
  documentId: number,
  d: DraftIncident,
  claims: ClaimRow[],
  existing: readonly IncidentParty[],
): IncidentParty[] {
  for (const s of d.sources)
    pending.sources.push({ incident_id: id, document_id: documentId, start: s.start, end: s.end, text: s.text });
  const actors = (
    [
      ['a', d.side_a],
      ['b', d.side_b],
    ] as const
  ).filter(([, a]) => a && !existing.some((e) => (e.actor_id ?? e.name) === (a.actor_id ?? a.name)));
  const added = actors.map(([side, a]) => ({ side, actor_id: a?.actor_id ?? null, name: a?.name ?? '' }));
  for (const a of added) pending.actors.push({ incident_id: id, ...a });
  for (const c of claims) pending.claims.push({ incident_id: id, ...c });
  return [...existing, ...added];
}

/** A party of an incident as stored. */
interface IncidentParty {
  side: string;
  actor_id: string | null;
  name: string;
}

function deathColumns(e: ReturnType<typeof estimateDeaths>) {
  return {
    deaths_low: e.total.low,
    deaths_best: e.total.best,
    deaths_high: e.total.high,
    deaths_a: e.side_a.best,
    deaths_b: e.side_b.best,
    deaths_civilians: e.civilians.best,
    deaths_unknown: e.unknown.best,
  };
}

type CountedRow = Pick<
  Selectable<IncidentClaimTable>,
  'incident_id' | 'kind' | 'category' | 'low' | 'high' | 'vague' | 'sum_group'
>;

/**
 * Recompute incidents' death estimates from every claim extracted into each, their claims read a few
 * hundred incidents at a time (or taken from `memory` where it holds them); once an incident has
 * been reviewed, its snapshot takes them and the effective values are derived again. A batch of
 * documents recomputes each incident it touched once, after its last document. The rows whose
 * deaths change are written together (StoreDialect.updateRows): on PostgreSQL one statement for
 * them all, where each was a wait for the server.
 */
export async function recomputeIncidents(
  trx: Db,
  dialect: StoreDialect,
  ids: readonly number[],
  memory?: DeathClaimsMemory,
): Promise<void> {
  for (const part of idLists(ids)) {
    const claims = await countedClaimsOf(trx, part, memory);
    // The deaths as stored, and whether a review has set a snapshot apart.
    const stored = await runShaped<DeathRow>(
      trx,
      `incident-recompute-deaths:${part.length}`,
      (value) =>
        trx
          .selectFrom('incidents as i')
          .leftJoin('incident_extractions as e', 'e.incident_id', 'i.id')
          .select(['i.id', 'e.incident_id as snapshot', ...DEATH_COLUMNS.map((c) => `i.${c}` as const)])
          .where(
            'i.id',
            'in',
            part.map((_, i) => value<number>(`id${i}`)),
          ),
      slotValues(part),
    );
    const rowsById = new Map(stored.map((r) => [r.id, r]));
    const changed: unknown[][] = [];
    for (const id of new Set(part)) {
      const values = deathColumns(estimateDeaths(claims.get(id) ?? []));
      const row = rowsById.get(id);
      if (row?.snapshot != null) await writeExtractedValues(trx, id, values);
      // A report that repeats what was known leaves the deaths as they were: no write, no totals trigger.
      else if (row !== undefined && DEATH_COLUMNS.some((c) => row[c] !== values[c]))
        changed.push([id, ...DEATH_COLUMNS.map((c) => values[c])]);
    }
    if (changed.length > 0) await dialect.updateRows(trx, 'incidents', ['id', ...DEATH_COLUMNS], changed);
  }
}

/**
 * The killed claims of each of `ids`, from `memory` where it holds them and otherwise read, a few
 * hundred incidents at a time. Only what the estimate reads: a much-reported incident holds
 * hundreds of claims and their evidence. The other kinds are passed over inside the index (0017),
 * not read out.
 */
async function countedClaimsOf(
  trx: Db,
  ids: readonly number[],
  memory: DeathClaimsMemory | undefined,
): Promise<Map<number, readonly CountedClaim[]>> {
  const claims = new Map<number, readonly CountedClaim[]>();
  const unknown: number[] = [];
  for (const id of new Set(ids)) {
    const held = memory?.claimsOf(id);
    if (held === undefined) unknown.push(id);
    else claims.set(id, held);
  }
  for (const part of idLists(unknown)) {
    const rows = await runShaped<CountedRow>(
      trx,
      `incident-recompute:${part.length}`,
      (value) =>
        trx
          .selectFrom('incident_claims')
          .select(['incident_id', 'kind', 'category', 'low', 'high', 'vague', 'sum_group'])
          .where(
            'incident_id',
            'in',
            part.map((_, i) => value<number>(`id${i}`)),
          )
          .where('kind', '=', value<string>('kind'))
          .orderBy('incident_id')
          .orderBy('id'),
      { ...slotValues(part), kind: DEATH_KIND },
    );
    const read = new Map<number, CountedClaim[]>(part.map((id) => [id, []]));
    for (const r of rows) read.get(r.incident_id)?.push(countedClaim(r));
    for (const [id, list] of read) {
      claims.set(id, list);
      memory?.learned(id, list);
    }
  }
  return claims;
}

type DeathRow = Pick<IncidentRow, 'id' | (typeof DEATH_COLUMNS)[number]> & { snapshot: number | null };

// IN lists are padded to one of a few lengths (repeating the last id), so that a few SQL shapes serve
// every batch instead of one per length.
const ID_LIST_LENGTHS = [1, 4, 16, 64, 256] as const;

function idLists(ids: readonly number[]): number[][] {
  const max = ID_LIST_LENGTHS[ID_LIST_LENGTHS.length - 1] as number;
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += max) {
    const part = ids.slice(i, i + max);
    const length = ID_LIST_LENGTHS.find((n) => n >= part.length) as number;
    while (part.length < length) part.push(part[part.length - 1] as number);
    out.push(part);
  }
  return out;
}

function slotValues(ids: readonly number[]): Record<string, number> {
  const values: Record<string, number> = {};
  ids.forEach((id, i) => {
    values[`id${i}`] = id;
  });
  return values;
}

/** A stored claim as the death estimate reads it. */
function countedClaim(
  r: Pick<Selectable<IncidentClaimTable>, 'kind' | 'category' | 'low' | 'high' | 'vague' | 'sum_group'>,
): CountedClaim {
  return {
    kind: r.kind as Claim['kind'],
    category: r.category as Claim['category'],
    low: r.low,
    high: r.high,
    vague: r.vague,
    sum_group: r.sum_group,
  };
}

export function rowToClaim(r: Omit<Selectable<IncidentClaimTable>, 'id' | 'incident_id'>): Claim {
  return {
    figure_id: r.figure_id,
    document_id: r.document_id,
    kind: r.kind as Claim['kind'],
    low: r.low,
    high: r.high,
    qualifier: r.qualifier as Claim['qualifier'],
    vague: r.vague,
    category: r.category as Claim['category'],
    claimant: r.claimant,
    source: r.source,
    evidence: { start: r.evidence_start, end: r.evidence_end, text: r.evidence_text },
    sum_group: r.sum_group,
  };
}
