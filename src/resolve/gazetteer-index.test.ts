import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { createGazetteer, type Gazetteer, type GazetteerEntry, gazetteerTables } from './gazetteer.js';
import {
  CompiledGazetteerError,
  compiledFingerprint,
  compileGazetteer,
  openCompiledGazetteer,
} from './gazetteer-index.js';
import {
  openShippedIndex,
  readShippedEntriesSync,
  shippedFingerprint,
  writeShippedIndex,
} from './load-resolve-data.js';
import { placeKey } from './place-names.js';

const place = (over: Partial<GazetteerEntry> & Pick<GazetteerEntry, 'id' | 'name'>): GazetteerEntry => ({
  alt_names: [],
  kind: 'town',
  lat: 10,
  lon: 20,
  approximate: false,
  admin1: 'Northland',
  admin2: null,
  country: 'ZZ',
  population: undefined,
  position_basis: 'point',
  source: 'test gazetteer',
  ...over,
});

// Two towns of one spelling, one with a second name; a province; a region reports write in lower
// case; an alias target ("Mazar" finds Mazar-e Sharif); a name with a line break escaped in JSON.
const SMALL: GazetteerEntry[] = [
  place({ id: 't:1', name: 'Qala Nau', alt_names: ['Qal‘eh-ye Now'], population: 12_000 }),
  place({ id: 't:2', name: 'Qala-i-Naw', admin1: 'Southland', lat: -3.5, lon: 100.25 }),
  place({ id: 'p:1', name: 'Northland Province', kind: 'province', approximate: true, position_basis: 'towns' }),
  place({ id: 'r:1', name: 'Upper Valley', kind: 'area', admin1: null, source: 'another list' }),
  place({ id: 'c:1', name: 'Mazar-e Sharif', kind: 'city', country: 'AF', admin1: 'Balkh', position_basis: undefined }),
  place({ id: 't:3', name: 'Odd\nName', alt_names: ['Çağlayan', 'Sharan'] }),
];

/** Every question a caller can ask of a gazetteer, answered by both and compared. */
function expectSameAnswers(built: Gazetteer, opened: Gazetteer, entries: readonly GazetteerEntry[]): number {
  const tables = gazetteerTables(entries);
  let asked = 0;
  for (const key of tables.byKey.keys()) {
    expect(opened.withKey(key), key).toEqual(built.withKey(key));
    asked++;
  }
  for (const folded of tables.byFolded.keys()) {
    expect(opened.withFolded(folded), folded).toEqual(built.withFolded(folded));
    asked++;
  }
  expect(opened.withKey('no such key at all')).toEqual([]);
  expect(opened.withFolded('')).toEqual([]);
  expect(opened.maxWords).toBe(built.maxWords);
  expect([...opened.firstWords]).toEqual([...built.firstWords]);
  expect([...opened.lowercaseNames]).toEqual([...built.lowercaseNames]);
  return asked;
}

describe('compiled gazetteer tables', () => {
  it('answer every key as the built index does, with the same entries in the same order', () => {
    const bytes = compileGazetteer(SMALL, 'fp');
    const opened = openCompiledGazetteer(bytes);
    const built = createGazetteer(SMALL);
    expect(expectSameAnswers(built, opened, SMALL)).toBeGreaterThan(SMALL.length);
    // The alias key holds Mazar-e Sharif; two spellings of Qala Nau share a key.
    expect(opened.withKey(placeKey('Mazar')).map((e) => e.id)).toEqual(['c:1']);
    expect(opened.withKey(placeKey('Qala Nau')).map((e) => e.id)).toEqual(['t:1', 't:2']);
    expect(opened.entries).toEqual(SMALL);
    expect(opened.byId.get('t:3')?.name).toBe('Odd\nName');
    expect(opened.byId.get('r:1')?.source).toBe('another list');
    expect(opened.lowercaseNames.has('upper valley')).toBe(true);
  });

  it('return one object per place however often and by whichever name it is found', () => {
    const opened = openCompiledGazetteer(compileGazetteer(SMALL, 'fp'));
    const [first] = opened.withFolded('qala nau');
    const [again] = opened.withFolded('qala nau');
    expect(first).toBe(again);
    expect(opened.byId.get('t:1')).toBe(first);
    expect(opened.entries[0]).toBe(first);
  });

  it('are the same bytes for the same entries and fingerprint', () => {
    expect(compileGazetteer(SMALL, 'fp').equals(compileGazetteer(SMALL, 'fp'))).toBe(true);
    expect(compiledFingerprint(compileGazetteer(SMALL, 'abc'))).toBe('abc');
  });

  it('refuse bytes that are not a whole compiled file', () => {
    const bytes = compileGazetteer(SMALL, 'fp');
    expect(() => openCompiledGazetteer(Buffer.from('{"entries": []}'))).toThrow(CompiledGazetteerError);
    expect(() => openCompiledGazetteer(bytes.subarray(0, bytes.length - 64))).toThrow(/past the end/);
    expect(compiledFingerprint(Buffer.from('something else'))).toBeNull();
  });

  it('open at any byte offset (a file read into a shared buffer)', () => {
    const bytes = compileGazetteer(SMALL, 'fp');
    const shifted = Buffer.alloc(bytes.length + 3);
    bytes.copy(shifted, 3);
    const opened = openCompiledGazetteer(shifted.subarray(3));
    expectSameAnswers(createGazetteer(SMALL), opened, SMALL);
  });
});

describe('the shipped gazetteer, compiled', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tally-gazetteer-index-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers every one of its keys as the tables built at load do', () => {
    const entries = readShippedEntriesSync();
    const opened = openCompiledGazetteer(compileGazetteer(entries, 'fp'));
    const asked = expectSameAnswers(createGazetteer(entries), opened, entries);
    expect(asked).toBeGreaterThan(entries.length);
  });

  it('is opened only while its fingerprint is that of the data and code', () => {
    const path = join(dir, 'index.bin');
    expect(openShippedIndex(path)).toBeNull();
    writeShippedIndex(path);
    expect(compiledFingerprint(readFileSync(path))).toBe(shippedFingerprint());
    expect(openShippedIndex(path)?.withFolded('kabul').length).toBeGreaterThan(0);
    // Compiled from other data or code: not used, so the tables are built as without a file.
    writeFileSync(path, compileGazetteer(SMALL, 'compiled from something else'));
    expect(openShippedIndex(path)).toBeNull();
  });

  it('names the file when one made for this data is damaged', () => {
    const path = join(dir, 'damaged.bin');
    writeShippedIndex(path);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 1000));
    const error = (() => {
      try {
        openShippedIndex(path);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).where).toBe(path);
    expect((error as Error).message).toMatch(/rebuild/);
  });
});
