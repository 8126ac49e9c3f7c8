import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { decodeCursor, encodeCursor } from './incident-query.js';

describe('incident cursors', () => {
  it('round-trips a position for the sort it was made for', () => {
    const cursor = encodeCursor('date', 'desc', { value: '2021-05-14', id: 42 });
    expect(cursor).toMatch(/^[\w-]+$/);
    expect(decodeCursor(cursor, 'date', 'desc')).toEqual({ value: '2021-05-14', id: 42 });
    expect(decodeCursor(encodeCursor('deaths', 'asc', { value: -1, id: 3 }), 'deaths', 'asc')).toEqual({
      value: -1,
      id: 3,
    });
  });

  it('refuses a cursor of another sort or order, and anything it did not issue', () => {
    const cursor = encodeCursor('deaths', 'desc', { value: 12, id: 7 });
    expect(() => decodeCursor(cursor, 'date', 'desc')).toThrow(/sort=deaths&order=desc/);
    expect(() => decodeCursor(cursor, 'deaths', 'asc')).toThrow(InvalidInputError);
    for (const bad of [
      '',
      'not base64!',
      Buffer.from('{"a":1}').toString('base64url'),
      encodeCursor('date', 'asc', { value: 5, id: 1 }),
    ]) {
      expect(() => decodeCursor(bad, 'date', 'asc')).toThrow(/querystring\.cursor/);
    }
  });
});
