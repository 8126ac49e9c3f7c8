import { describe, expect, it } from 'vitest';
import { holdsSensitive, redactSensitive, rememberIfClean, seesSensitive } from './redact.js';

describe('redaction of sensitive notes', () => {
  it('replaces notes marked sensitive at any depth and leaves the rest', () => {
    const payload = {
      items: [
        { id: 1, review: { note: 'witness: A. Karimi', note_sensitive: true } },
        { id: 2, review: { note: 'check the date', note_sensitive: false } },
      ],
      before: { 'incident:1': { note: 'names the victim', note_sensitive: true, values: { deaths: { best: 3 } } } },
    };
    const out = redactSensitive(payload);
    expect(out.items[0]?.review.note).toBe('[redacted]');
    expect(out.items[1]?.review.note).toBe('check the date');
    expect(out.before['incident:1']?.note).toBe('[redacted]');
    expect(out.before['incident:1']?.values.deaths.best).toBe(3);
    expect(payload.items[0]?.review.note).toBe('witness: A. Karimi');
  });

  it('lets analysts and admins see sensitive fields, not viewers or anonymous readers', () => {
    expect([null, 'viewer', 'analyst', 'admin'].map((r) => seesSensitive(r as never))).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('looking for sensitive notes before redacting', () => {
  it('finds a sensitive note at any depth, in arrays and records alike', () => {
    expect(holdsSensitive({ items: [{ id: 1, review: { note: 'x', note_sensitive: true } }] })).toBe(true);
    expect(holdsSensitive({ before: { 'incident:1': { values: [{ note: 'x', note_sensitive: true }] } } })).toBe(true);
    expect(holdsSensitive([[{ note: 'x', note_sensitive: true }]])).toBe(true);
  });

  it('finds none where redaction would change nothing', () => {
    const payloads = [
      { items: [{ id: 2, review: { note: 'check the date', note_sensitive: false } }], next_cursor: null },
      { note: null, note_sensitive: true },
      { rows: [{ key: '2006-01', best: 3 }], total: { key: null } },
      null,
      'text',
    ];
    for (const payload of payloads) {
      expect(holdsSensitive(payload)).toBe(false);
      expect(redactSensitive(payload)).toEqual(payload);
    }
  });
});

describe('values remembered as holding no sensitive note', () => {
  it('are skipped, and a value holding one is never remembered as clean', () => {
    const clean = { id: 1, review: { note: 'check the date', note_sensitive: false } };
    const noted = { id: 2, review: { note: 'witness: A. Karimi', note_sensitive: true } };
    rememberIfClean(clean);
    rememberIfClean(noted);
    expect(holdsSensitive({ items: [clean] })).toBe(false);
    expect(holdsSensitive({ items: [clean, noted] })).toBe(true);
  });
});
