import { describe, expect, it } from 'vitest';
import type { DateRange } from '../core/figure.js';
import { type Day, findRelativeDates } from './date-relative.js';
import { tokenize } from './tokens.js';

// Wednesday 12 June 2024.
const WEDNESDAY: Day = { y: 2024, m: 6, d: 12 };

function relative(text: string, ref: Day | null = WEDNESDAY, anchor: DateRange | null = null) {
  const tokens = tokenize(text);
  return findRelativeDates(tokens, 0, tokens.length, ref, anchor).map((m) => m.value && [m.value.start, m.value.end]);
}

describe('relative dates', () => {
  it.each([
    ['Shells hit the town on Tuesday.', '2024-06-11', '2024-06-11'],
    ['The raid came on Tuesday night.', '2024-06-11', '2024-06-11'],
    ['It began on Wednesday morning.', '2024-06-12', '2024-06-12'],
    ['Troops withdrew last Wednesday.', '2024-06-05', '2024-06-05'],
    ['Gunmen struck yesterday.', '2024-06-11', '2024-06-11'],
    ["The toll from yesterday's strike rose.", '2024-06-11', '2024-06-11'],
    ["Tuesday's attack killed four.", '2024-06-11', '2024-06-11'],
    ['The camp was shelled overnight.', '2024-06-11', '2024-06-12'],
    ['The camp was shelled last night.', '2024-06-11', '2024-06-12'],
    ['An ambush last week killed four.', '2024-06-03', '2024-06-09'],
    ['Clashes erupted earlier this week.', '2024-06-10', '2024-06-12'],
    ['Fighting flared earlier this month.', '2024-06-01', '2024-06-12'],
    ['Rebels took the town last month.', '2024-05-01', '2024-05-31'],
    ['A raid last August killed 35.', '2023-08-01', '2023-08-31'],
    ['Last March a bomb killed nine.', '2024-03-01', '2024-03-31'],
    ['The convoy was hit a week ago.', '2024-06-04', '2024-06-06'],
    ['The convoy was hit three days ago.', '2024-06-09', '2024-06-09'],
    ['In the last three days, 40 people died.', '2024-06-09', '2024-06-12'],
    ['In the past 24 hours, 9 people died.', '2024-06-11', '2024-06-12'],
    ['So far this year, 300 people have died.', '2024-01-01', '2024-06-12'],
    ['Two died over the weekend.', '2024-06-08', '2024-06-09'],
    ['Since the start of the year, 9 have died.', '2024-01-01', '2024-06-12'],
  ])('%s', (text, start, end) => {
    expect(relative(text)).toEqual([[start, end]]);
  });

  it('counts "the day before" and "the next day" from the event the text last dated', () => {
    const monday: DateRange = { start: '2019-03-04', end: '2019-03-04', precision: 'day' };
    expect(relative('Five had died the day before.', null, monday)).toEqual([['2019-03-03', '2019-03-03']]);
    expect(relative('Three more died the following day.', null, monday)).toEqual([['2019-03-05', '2019-03-05']]);
    expect(relative('Five had died the day before.', null, null)).toEqual([]);
  });

  it('counts "the previous evening", "the night before" and "the following afternoon" from it too', () => {
    const monday: DateRange = { start: '2019-03-04', end: '2019-03-04', precision: 'day' };
    expect(relative('The previous evening, a shell killed two.', null, monday)).toEqual([['2019-03-03', '2019-03-03']]);
    expect(relative('The night before, gunmen shot a guard.', null, monday)).toEqual([['2019-03-03', '2019-03-03']]);
    expect(relative('The following afternoon, a mine killed one.', null, monday)).toEqual([
      ['2019-03-05', '2019-03-05'],
    ]);
  });

  it('reads "later in the week" as "later that week"', () => {
    const friday: DateRange = { start: '2019-03-01', end: '2019-03-01', precision: 'day' };
    expect(relative('Later in the week, 6 policemen died.', null, friday)).toEqual([['2019-03-02', '2019-03-03']]);
  });

  it('reads a run of weekdays as the last such run before the report', () => {
    expect(relative('Between Monday and Tuesday, 9 died.')).toEqual([['2024-06-10', '2024-06-11']]);
    expect(relative('From Friday to Sunday the town was shelled.')).toEqual([['2024-06-07', '2024-06-09']]);
    // Two days joined by "and" without "between" are two days, read one by one.
    expect(relative('Shells fell on Monday and Tuesday.')).toEqual([
      ['2024-06-10', '2024-06-10'],
      ['2024-06-11', '2024-06-11'],
    ]);
  });

  it('counts days from the last day of a short run of days, or back from its first', () => {
    const run: DateRange = { start: '2017-10-09', end: '2017-10-12', precision: 'range' };
    expect(relative('The next day 40 more were detained.', null, run)).toEqual([['2017-10-13', '2017-10-13']]);
    expect(relative('Two days later, 6 died.', null, run)).toEqual([['2017-10-14', '2017-10-14']]);
    expect(relative('The day before, 3 were shot.', null, run)).toEqual([['2017-10-08', '2017-10-08']]);
    expect(relative('Three days into the siege, 9 died.', null, run)).toEqual([['2017-10-12', '2017-10-12']]);
    // A run of weeks is too long to count a day from.
    const weeks: DateRange = { start: '2017-10-01', end: '2017-10-25', precision: 'range' };
    expect(relative('The next day 40 more were detained.', null, weeks)).toEqual([]);
  });

  it('counts days, weeks, months and years "later" or "earlier" from the event the text last dated', () => {
    const monday: DateRange = { start: '2019-03-04', end: '2019-03-04', precision: 'day' };
    expect(relative('Two days later, 6 died.', null, monday)).toEqual([['2019-03-06', '2019-03-06']]);
    expect(relative('Three days earlier, 5 had been wounded.', null, monday)).toEqual([['2019-03-01', '2019-03-01']]);
    expect(relative('A week later, 10 were killed.', null, monday)).toEqual([['2019-03-10', '2019-03-12']]);
    expect(relative('Three months later the town fell.', null, monday)).toEqual([['2019-06-01', '2019-06-30']]);
    expect(relative('Two years later the town fell.', null, monday)).toEqual([['2021-01-01', '2021-12-31']]);
    const march: DateRange = { start: '2019-03-01', end: '2019-03-31', precision: 'month' };
    // Days counted from a month would be a guess: the sentence keeps the month it inherits.
    expect(relative('Two days later, 6 died.', null, march)).toEqual([]);
    expect(relative('Two days later, 6 died.', null, null)).toEqual([]);
  });

  it('counts "two days after the attack" and "two days after that" as "two days later"', () => {
    const monday: DateRange = { start: '2019-03-04', end: '2019-03-04', precision: 'day' };
    expect(relative('Two days after the attack, 6 died.', null, monday)).toEqual([['2019-03-06', '2019-03-06']]);
    expect(relative('A week after the massacre, 10 bodies were found.', null, monday)).toEqual([
      ['2019-03-10', '2019-03-12'],
    ]);
    expect(relative('Two days after that, 6 died.', null, monday)).toEqual([['2019-03-06', '2019-03-06']]);
    // After an event the text has not told ("the election"), or a clause ("after that 6 died"), no count.
    expect(relative('Two days after the election, 6 died.', null, monday)).toEqual([]);
    expect(relative('Two days after that 6 died.', null, monday)).toEqual([]);
  });

  it('reads "that night", "later that day" and "the same day" as the day the text last dated', () => {
    const monday: DateRange = { start: '2019-03-04', end: '2019-03-04', precision: 'day' };
    expect(relative('That night, 3 were wounded.', null, monday)).toEqual([['2019-03-04', '2019-03-04']]);
    expect(relative('Later that day, 6 died in hospital.', null, monday)).toEqual([['2019-03-04', '2019-03-04']]);
    expect(relative('The same day, 2 soldiers were killed.', null, monday)).toEqual([['2019-03-04', '2019-03-04']]);
    expect(relative('That attack killed 3.', null, monday)).toEqual([]);
  });

  it('reads the week, month or year after, or the rest of, the period the text last dated', () => {
    // Monday 4 March 2019.
    const monday: DateRange = { start: '2019-03-04', end: '2019-03-04', precision: 'day' };
    expect(relative('The following week, 14 died.', null, monday)).toEqual([['2019-03-11', '2019-03-17']]);
    expect(relative('The next month, 20 died.', null, monday)).toEqual([['2019-04-01', '2019-04-30']]);
    expect(relative('The following year, 500 died.', null, monday)).toEqual([['2020-01-01', '2020-12-31']]);
    expect(relative('Later that month, 30 were captured.', null, monday)).toEqual([['2019-03-05', '2019-03-31']]);
    expect(relative('That year, 500 soldiers died.', null, monday)).toEqual([['2019-01-01', '2019-12-31']]);
    expect(relative('Two weeks into the offensive, 80 had died.', null, monday)).toEqual([
      ['2019-03-17', '2019-03-19'],
    ]);
    const march: DateRange = { start: '2019-03-01', end: '2019-03-31', precision: 'month' };
    // A week counted from a month would be a guess.
    expect(relative('The following week, 14 died.', null, march)).toEqual([]);
  });

  it('reads the end, start or middle of the month or year the text last dated', () => {
    const monday: DateRange = { start: '2019-03-04', end: '2019-03-04', precision: 'day' };
    expect(relative('By the end of the month, 300 had fled.', null, monday)).toEqual([['2019-03-21', '2019-03-31']]);
    expect(relative('At the start of the year, 12 died.', null, monday)).toEqual([['2019-01-01', '2019-04-30']]);
    expect(relative('By the end of the month, 300 had fled.')).toEqual([['2024-06-21', '2024-06-30']]);
    expect(relative('By the end of the talks, nothing had changed.', null, monday)).toEqual([]);
  });

  it('reads "the first week of April" as seven days of April, not all of it nor the week before the report', () => {
    const monday: DateRange = { start: '2019-03-04', end: '2019-03-04', precision: 'day' };
    expect(relative('During the first week of April, 50 died.', null, monday)).toEqual([['2019-04-01', '2019-04-07']]);
    expect(relative('In the last week of May 2017, 30 died.')).toEqual([['2017-05-25', '2017-05-31']]);
    expect(relative('In the past week, 30 died.')).toEqual([['2024-06-05', '2024-06-12']]);
  });

  it("reads a quarter or a half of the year named, else of the report's year", () => {
    expect(relative('In the first quarter, 1,092 civilians were hurt.')).toEqual([['2024-01-01', '2024-03-31']]);
    expect(relative('In the second half of 2023, 400 died.')).toEqual([['2023-07-01', '2023-12-31']]);
    expect(relative('In the last quarter of 2022, 90 died.')).toEqual([['2022-10-01', '2022-12-31']]);
    expect(relative('In the third half, 90 died.')).toEqual([]);
  });

  it('reads no day into "an overnight raid"', () => {
    expect(relative('An overnight raid killed 3.')).toEqual([]);
    expect(relative('Three died overnight in hospital.')).toEqual([['2024-06-11', '2024-06-12']]);
  });

  it('gives no day without a report date to count from', () => {
    expect(relative('Shells hit the town on Tuesday.', null)).toEqual([]);
  });

  it('reads no day into "next Friday" or "every Sunday"', () => {
    expect(relative('Talks resume next Friday.')).toEqual([]);
    expect(relative('Markets open every Sunday.')).toEqual([]);
  });
});

describe('a day of the month told alone', () => {
  const MAY_20: DateRange = { start: '2016-05-20', end: '2016-05-20', precision: 'day' };
  const MAY: DateRange = { start: '2016-05-01', end: '2016-05-31', precision: 'month' };

  it('is that day of the month last dated, or of the next when it has passed', () => {
    expect(relative('On the 28th, the convoy was ambushed.', null, MAY_20)).toEqual([['2016-05-28', '2016-05-28']]);
    expect(relative('On the 3rd two more died.', null, MAY_20)).toEqual([['2016-06-03', '2016-06-03']]);
    expect(relative('By the 14th the town had fallen.', null, MAY)).toEqual([['2016-05-14', '2016-05-14']]);
  });

  it('is no day before a unit it numbers, a month, or with nothing dated before', () => {
    expect(relative('On the 3rd Battalion fell the heaviest losses.', null, MAY_20)).toEqual([]);
    expect(relative('On the 28th of May the convoy left.', null, MAY_20)).toEqual([]);
    expect(relative('On the 28th, the convoy was ambushed.', null, null)).toEqual([]);
  });
});

describe('a part of a named month', () => {
  const MAY_20: DateRange = { start: '2016-05-20', end: '2016-05-20', precision: 'day' };

  it('is that part of its days, not of the year', () => {
    expect(relative('In the first half of July, 9 civilians died.', null, MAY_20)).toEqual([
      ['2016-07-01', '2016-07-15'],
    ]);
    expect(relative('In the second half of February 2015 the town fell.', WEDNESDAY)).toEqual([
      ['2015-02-15', '2015-02-28'],
    ]);
    expect(relative('In the first half of 2015 the town fell.', WEDNESDAY)).toEqual([['2015-01-01', '2015-06-30']]);
  });
});
