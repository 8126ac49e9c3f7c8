/**
 * A gazetteer's lookup tables compiled to one file, so a process opens them instead of building them.
 *
 * Building the shipped index (118,000 places, 180,000 spellings) costs a second of every process that
 * places anything: unzipping and parsing the world file, folding every name, filling the maps. The
 * compiled file holds the tables createGazetteer would build, already folded and sorted:
 *
 *   magic line, header JSON line, then sections at 4-byte boundaries:
 *   rows         one JSON array per entry, newline-separated (an entry is parsed when first asked for)
 *   rowStarts    u32 byte offset of each row, and the end
 *   keys/folded  the tables' keys, sorted, newline-separated; starts (u32, one per key and the end)
 *                into posts (u32 entry numbers, in the order the table holds them)
 *   firstWords   words newline-separated, and a u8 word count for each
 *
 * Opening it reads the file and splits the key lists: no entry is built until a lookup returns it, and
 * the same entry object is returned every time. The header carries a fingerprint of what the tables
 * were built from (the data files and the code that folds names); a caller opens the file only when
 * the fingerprint is still its own.
 */
import { endianness } from 'node:os';
import { type Gazetteer, type GazetteerEntry, type GazetteerTables, gazetteerTables, hitList } from './gazetteer.js';
import { gazetteerEntry } from './gazetteer-compact.js';

const MAGIC = 'tally-gazetteer-index 1\n';

type Section = 'rows' | 'rowStarts' | 'keys' | 'keyStarts' | 'keyPosts' | 'folded' | 'foldedStarts' | 'foldedPosts';
type WordSection = 'firstWords' | 'firstWordCounts';

interface Header {
  readonly fingerprint: string;
  readonly endianness: string;
  readonly entries: number;
  readonly longestName: number;
  readonly sources: readonly string[];
  readonly lowercaseNames: readonly string[];
  /** Section name -> [byte offset from the start of the file, byte length]. */
  readonly sections: Readonly<Record<Section | WordSection, readonly [number, number]>>;
}

/**
 * An entry as gazetteerEntry takes it, with the source as its number in the header's list and
 * null for what is not known (JSON has no undefined).
 */
type Row = Parameters<typeof gazetteerEntry>;

const NONE: readonly GazetteerEntry[] = [];

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function noNewline(text: string, what: string): string {
  if (text.includes('\n'))
    throw new Error(`cannot compile a gazetteer ${what} with a line break: ${JSON.stringify(text)}`);
  return text;
}

function table(
  map: GazetteerTables['byKey'],
  numberOf: ReadonlyMap<GazetteerEntry, number>,
): { keys: Buffer; starts: Uint32Array; posts: Uint32Array } {
  const keys = [...map.keys()].sort(byCodeUnits);
  const starts = new Uint32Array(keys.length + 1);
  const posts: number[] = [];
  keys.forEach((key, k) => {
    starts[k] = posts.length;
    for (const entry of hitList(map.get(key))) posts.push(numberOf.get(entry) as number);
  });
  starts[keys.length] = posts.length;
  return {
    keys: Buffer.from(keys.map((k) => noNewline(k, 'key')).join('\n'), 'utf8'),
    starts,
    posts: Uint32Array.from(posts),
  };
}

function rowOf(e: GazetteerEntry, sourceNo: number): unknown[] {
  const known = [e.id, e.name, e.alt_names, e.kind, e.lat, e.lon, e.approximate, e.admin1, e.admin2, e.country];
  return [...known, e.position_basis ?? null, sourceNo, e.population ?? null];
}

/** The compiled file of these entries' tables. Pure: the same entries and fingerprint give the same bytes. */
export function compileGazetteer(entries: readonly GazetteerEntry[], fingerprint: string): Buffer {
  const tables = gazetteerTables(entries);
  const numberOf = new Map<GazetteerEntry, number>();
  const sources: string[] = [];
  const sourceNo = new Map<string, number>();
  const rowStarts = new Uint32Array(entries.length + 1);
  const rowParts: Buffer[] = [];
  let at = 0;
  entries.forEach((e, i) => {
    numberOf.set(e, i);
    let s = sourceNo.get(e.source);
    if (s === undefined) {
      s = sources.push(e.source) - 1;
      sourceNo.set(e.source, s);
    }
    // JSON escapes line breaks inside strings, so a row is one line.
    const row = Buffer.from(`${JSON.stringify(rowOf(e, s))}\n`, 'utf8');
    rowStarts[i] = at;
    rowParts.push(row);
    at += row.length;
  });
  rowStarts[entries.length] = at;
  const keys = table(tables.byKey, numberOf);
  const folded = table(tables.byFolded, numberOf);
  const words = [...tables.firstWords];
  const counts = Uint8Array.from(
    words.map(([word, n]) => {
      if (n > 255) throw new Error(`cannot compile a name of ${n} words starting with ${word}`);
      return n;
    }),
  );
  const bodies: Record<Section | WordSection, ArrayBufferView> = {
    rows: Buffer.concat(rowParts),
    rowStarts,
    keys: keys.keys,
    keyStarts: keys.starts,
    keyPosts: keys.posts,
    folded: folded.keys,
    foldedStarts: folded.starts,
    foldedPosts: folded.posts,
    firstWords: Buffer.from(words.map(([w]) => noNewline(w, 'word')).join('\n'), 'utf8'),
    firstWordCounts: counts,
  };
  // The header's length decides where the sections start; offsets are written relative to the body
  // and the body starts at the first 4-byte boundary after the header line.
  const sections: Record<string, [number, number]> = {};
  let offset = 0;
  for (const [name, body] of Object.entries(bodies)) {
    sections[name] = [offset, body.byteLength];
    offset += Math.ceil(body.byteLength / 4) * 4;
  }
  const header: Header = {
    fingerprint,
    endianness: endianness(),
    entries: entries.length,
    longestName: tables.longestName,
    sources,
    lowercaseNames: [...tables.lowercaseNames],
    sections: sections as unknown as Header['sections'],
  };
  const head = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8');
  const bodyStart = Math.ceil(head.length / 4) * 4;
  const out = Buffer.alloc(bodyStart + offset);
  head.copy(out, 0);
  for (const [name, body] of Object.entries(bodies)) {
    const [start] = sections[name] as [number, number];
    out.set(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), bodyStart + start);
  }
  return out;
}

/** The fingerprint a compiled file was made for, or null when the bytes are not a compiled gazetteer. */
export function compiledFingerprint(bytes: Uint8Array): string | null {
  return readHeader(bytes)?.header.fingerprint ?? null;
}

function readHeader(bytes: Uint8Array): { header: Header; bodyStart: number; buf: Buffer } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.toString('utf8', 0, MAGIC.length) !== MAGIC) return null;
  const end = buf.indexOf(10, MAGIC.length);
  if (end < 0) return null;
  try {
    const header = JSON.parse(buf.toString('utf8', MAGIC.length, end)) as Header;
    return { header, bodyStart: Math.ceil((end + 1) / 4) * 4, buf };
  } catch {
    return null;
  }
}

/** Thrown by openCompiledGazetteer: the bytes are not a whole compiled file for this machine. */
export class CompiledGazetteerError extends Error {
  override name = 'CompiledGazetteerError';
}

/**
 * Open compiled tables as a Gazetteer that answers like createGazetteer over the same entries: the same
 * entries (equal, and the same object on every lookup), in the same order, for every key.
 */
export function openCompiledGazetteer(bytes: Uint8Array): Gazetteer {
  const read = readHeader(bytes);
  if (read === null) throw new CompiledGazetteerError('not a compiled gazetteer');
  const { header, bodyStart, buf } = read;
  if (header.endianness !== endianness()) throw new CompiledGazetteerError('compiled on a machine of other byte order');
  const slice = (name: Section | WordSection): Buffer => {
    const place = header.sections[name];
    if (place === undefined) throw new CompiledGazetteerError(`no ${name} section`);
    const [start, length] = place;
    if (bodyStart + start + length > buf.length)
      throw new CompiledGazetteerError(`${name} runs past the end of the file`);
    return buf.subarray(bodyStart + start, bodyStart + start + length);
  };
  const text = (name: Section | WordSection): string => slice(name).toString('utf8');
  const u32 = (name: Section): Uint32Array => {
    const part = slice(name);
    if (part.byteOffset % 4 === 0) return new Uint32Array(part.buffer, part.byteOffset, part.byteLength / 4);
    const copy = new Uint32Array(part.byteLength / 4);
    new Uint8Array(copy.buffer).set(part);
    return copy;
  };

  const count = header.entries;
  const rows = slice('rows');
  const rowStarts = u32('rowStarts');
  if (rowStarts.length !== count + 1) throw new CompiledGazetteerError('row offsets do not match the entry count');
  const made: (GazetteerEntry | undefined)[] = new Array(count);
  const entryAt = (i: number): GazetteerEntry => {
    let e = made[i];
    if (e === undefined) {
      const row = JSON.parse(rows.toString('utf8', rowStarts[i] as number, rowStarts[i + 1] as number));
      row[10] ??= undefined;
      row[11] = header.sources[row[11]];
      row[12] ??= undefined;
      e = gazetteerEntry(...(row as Row));
      made[i] = e;
    }
    return e;
  };

  const lookup = (keysName: Section, startsName: Section, postsName: Section) => {
    const keys = text(keysName).split('\n');
    const starts = u32(startsName);
    const posts = u32(postsName);
    if (starts.length !== keys.length + 1) throw new CompiledGazetteerError(`${keysName} and their offsets differ`);
    return (key: string): readonly GazetteerEntry[] => {
      let lo = 0;
      let hi = keys.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const at = keys[mid] as string;
        if (at < key) lo = mid + 1;
        else if (at > key) hi = mid - 1;
        else {
          const list: GazetteerEntry[] = [];
          for (let p = starts[mid] as number; p < (starts[mid + 1] as number); p++)
            list.push(entryAt(posts[p] as number));
          return list;
        }
      }
      return NONE;
    };
  };

  const withKey = lookup('keys', 'keyStarts', 'keyPosts');
  const withFolded = lookup('folded', 'foldedStarts', 'foldedPosts');
  const counts = slice('firstWordCounts');
  const wordText = slice('firstWords');
  let lines = 1;
  for (let at = wordText.indexOf(10); at !== -1; at = wordText.indexOf(10, at + 1)) lines += 1;
  if (counts.length !== lines) throw new CompiledGazetteerError('first words and their counts differ');
  // Built when a text is first scanned for place names: a dataset import and most server
  // requests only look names up, and the 83,000 words took 40-60 ms of every thread's start.
  let firstWords: Map<string, number> | undefined;

  let all: GazetteerEntry[] | undefined;
  let byId: Map<string, GazetteerEntry> | undefined;
  const entries = (): GazetteerEntry[] => {
    all ??= Array.from({ length: count }, (_, i) => entryAt(i));
    return all;
  };
  return {
    // Whole lists are built only for the few callers that walk every place.
    get entries() {
      return entries();
    },
    get byId() {
      byId ??= new Map(entries().map((e) => [e.id, e]));
      return byId;
    },
    withKey,
    withFolded,
    maxWords: header.longestName + 1,
    get firstWords() {
      firstWords ??= new Map(
        text('firstWords')
          .split('\n')
          .map((word, i) => [word, counts[i] as number]),
      );
      return firstWords;
    },
    lowercaseNames: new Set(header.lowercaseNames),
  };
}
