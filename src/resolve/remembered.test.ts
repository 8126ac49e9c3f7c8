import { describe, expect, it } from 'vitest';
import { remembered } from './remembered.js';

describe('remembered', () => {
  it('computes each key once and gives the same answer after', () => {
    const asked: string[] = [];
    const upper = remembered((k) => {
      asked.push(k);
      return k.toUpperCase();
    });
    expect([upper('kunduz'), upper('balkh'), upper('kunduz')]).toEqual(['KUNDUZ', 'BALKH', 'KUNDUZ']);
    expect(asked).toEqual(['kunduz', 'balkh']);
  });

  it('remembers an empty answer as an answer', () => {
    let calls = 0;
    const none = remembered(() => {
      calls += 1;
      return '';
    });
    none('x');
    none('x');
    expect(calls).toBe(1);
  });

  it('forgets everything past its limit, and still answers right', () => {
    const asked: string[] = [];
    const length = remembered((k) => {
      asked.push(k);
      return k.length;
    }, 2);
    length('a');
    length('bb');
    length('ccc'); // the third key starts a new memory
    expect(length('a')).toBe(1);
    expect(asked).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});
