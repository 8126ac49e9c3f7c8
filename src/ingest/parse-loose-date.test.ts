import { describe, expect, it } from 'vitest';
import { parseLooseDate } from './parse-loose-date.js';

describe('parseLooseDate', () => {
  it.each([
    ['2 March 2023', '2023-03-02'],
    ['2nd March, 2023', '2023-03-02'],
    ['March 2, 2023', '2023-03-02'],
    ['Sept. 30, 2022', '2022-09-30'],
    ['Published on 30 Sep 2022 at 10:00', '2022-09-30'],
    ['2022-05-14T11:20:00+04:30', '2022-05-14'],
    ['D:2022-05-14', '2022-05-14'],
    ['By a correspondent | 20.08.2023, 13:40', '2023-08-20'],
  ])('%s -> %s', (input, expected) => {
    expect(parseLooseDate(input)).toBe(expected);
  });

  it.each([
    'Sept. 30',
    '31 June 2022',
    '31.02.2023',
    'version 1.2.2023.5',
    '2022-13-01',
    'yesterday',
    '1234567-01-01x',
    '',
  ])('%s -> null', (input) => {
    expect(parseLooseDate(input)).toBeNull();
  });
});
