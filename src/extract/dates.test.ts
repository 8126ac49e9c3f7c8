import { describe, expect, it } from 'vitest';
import { collectFullDays, DateContext } from './date-values.js';
import { findDates } from './dates.js';
import { extractDocument } from './extract-document.js';
import { tokenize } from './tokens.js';

function dates(text: string, ctx = new DateContext(null, 2022)) {
  const tokens = tokenize(text);
  return findDates(tokens, 0, tokens.length, ctx).map((m) => m.value);
}

describe('dates', () => {
  it.each([
    ['23 June 2022', '2022-06-23', '2022-06-23', 'day'],
    ['June 23, 2022', '2022-06-23', '2022-06-23', 'day'],
    ['On 3 July', '2022-07-03', '2022-07-03', 'day'],
    ['the 15th of April 2018', '2018-04-15', '2018-04-15', 'day'],
    ['2022-10-02', '2022-10-02', '2022-10-02', 'day'],
    ['in July 1998', '1998-07-01', '1998-07-31', 'month'],
    ['early July', '2022-07-01', '2022-07-10', 'range'],
    ['mid-July', '2022-07-11', '2022-07-20', 'range'],
    ['late July', '2022-07-21', '2022-07-31', 'range'],
    ['late 2001', '2001-09-01', '2001-12-31', 'range'],
    ['the summer of 2014', '2014-06-01', '2014-08-31', 'range'],
    ['in 1997', '1997-01-01', '1997-12-31', 'year'],
    ['May to July 1997', '1997-05-01', '1997-07-31', 'range'],
    ['between May and July 1997', '1997-05-01', '1997-07-31', 'range'],
    ['12 July – 1 August 2018', '2018-07-12', '2018-08-01', 'range'],
    ['12–15 July 2018', '2018-07-12', '2018-07-15', 'range'],
    ['December 1997 to February 1998', '1997-12-01', '1998-02-28', 'range'],
    ['1992–1996', '1992-01-01', '1996-12-31', 'range'],
    ['on 15.04.2018', '2018-04-15', '2018-04-15', 'day'],
    ['on June 5-6, 2016', '2016-06-05', '2016-06-06', 'range'],
    ['from March 3 to 7, 2016', '2016-03-03', '2016-03-07', 'range'],
    ['on 30 June and 1 July 2016', '2016-06-30', '2016-07-01', 'range'],
    ['on Sept. 14, 2016', '2016-09-14', '2016-09-14', 'day'],
    ['on Aug. 2, 2016', '2016-08-02', '2016-08-02', 'day'],
  ])('%s', (text, start, end, precision) => {
    expect(dates(text)[0]).toEqual({ start, end, precision });
  });

  it('reads a month and two of its days before a verb as a range, and as a day and a count before a noun', () => {
    for (const text of ['Shelling on October 9-11 killed 8', 'Raids from October 9 to 11 left 8 dead']) {
      expect(dates(text)).toEqual([{ start: '2022-10-09', end: '2022-10-11', precision: 'range' }]);
    }
    expect(dates('between October 9 and 11 wounded at least 30')[0]?.end).toBe('2022-10-11');
    expect(dates('on October 9 - 11 killed, 30 wounded')[0]?.end).toBe('2022-10-09');
    expect(dates('on October 9 to 11 villagers died')[0]?.end).toBe('2022-10-09');
  });

  it('keeps two days joined by "and" apart unless one follows the other', () => {
    expect(dates('on 3 May 2016 and 7 May 2016').map((d) => d?.start)).toEqual(['2016-05-03', '2016-05-07']);
    expect(dates('on June 5 and 8 people died').map((d) => d?.start)).toEqual(['2022-06-05']);
  });

  it('reads no day from a dotted number that is no date', () => {
    expect(dates('a 15.04 percent rise in 2018').map((d) => d?.start)).toEqual(['2018-01-01']);
    expect(dates('on 31.02.2018')).toEqual([{ start: '2018-01-01', end: '2018-12-31', precision: 'year' }]);
  });

  it('takes the year of a date without one from the text before it', () => {
    const ctx = new DateContext(null, null);
    expect(dates('On 25 June 1996 it began. On 3 July it ended.', ctx).map((d) => d?.start)).toEqual([
      '1996-06-25',
      '1996-07-03',
    ]);
  });

  it('keeps the year of the story when a clause recalls another year', () => {
    const text = [
      'On 14 January 2023, gunmen killed 7 miners near Mach. A group had carried out a similar attack in 2021.',
      '',
      '12 March saw a bombing in Quetta that killed 2 policemen. A similar bombing on 9 May 2020 had killed 5.',
      '',
      'On 20 April, a bomb killed 4 pilgrims in Mastung.',
    ].join('\n');
    expect(extractDocument(text).figures.map((f) => [f.low, f.date?.start])).toEqual([
      [7, '2023-01-14'],
      [2, '2023-03-12'],
      [5, '2020-05-09'],
      [4, '2023-04-20'],
    ]);
    // Without a clause that recalls it, a year named in passing still moves the story on.
    expect(dates('In 2019 the town was retaken. On 3 July, 4 soldiers died.')).toContainEqual(
      expect.objectContaining({ start: '2019-07-03' }),
    );
  });

  it('places a date without a year before the publication date', () => {
    const ctx = new DateContext('2023-02-10', null);
    expect(dates('on 28 December', ctx)[0]?.start).toBe('2022-12-28');
    expect(dates('on 3 February', new DateContext('2023-02-10', null))[0]?.start).toBe('2023-02-03');
  });

  it('lets the conflict dates choose the year of a month that runs into the next', () => {
    const ctx = new DateContext(null, 2016, { start: '2016-10-17', end: '2017-07-20' });
    expect(dates('On 1 November 2016 they entered; by mid-January it was over.', ctx).map((d) => d?.start)).toEqual([
      '2016-11-01',
      '2017-01-11',
    ]);
  });

  it('takes the year a document states in full for the same day elsewhere', () => {
    const ctx = new DateContext(null, 2021);
    ctx.fullDays = collectFullDays('Retrieved 2022-10-03. (2022-09-30). "Blast in Kabul". On 6 September 2021 ...');
    expect(dates('30 September was a bombing.', ctx)[0]?.start).toBe('2022-09-30');
    expect(dates('On 5 September they left.', ctx)[0]?.start).toBe('2021-09-05');
  });

  it('reads "May" as a month only where a date can stand', () => {
    expect(dates('Officials may release 20 people.')).toEqual([]);
    expect(dates('In May the siege began.')[0]?.start).toBe('2022-05-01');
  });

  it('does not take a count of people for a year', () => {
    expect(dates('They deployed 2000 troops.')).toEqual([]);
  });
});

describe('a year inside a code', () => {
  it('dates nothing: a report numbered "AFG-2019-0412" is not about 2019 as a whole', () => {
    const text = [
      'Incident report SOM-2017-0088',
      '',
      'Published: 20 October 2017',
      '',
      'Date of incident: 14 October 2017',
      '',
      'A truck bomb killed at least 300 people at a busy junction in Mogadishu.',
      '',
      'Hospital staff said 220 bodies had been identified by the evening.',
    ].join('\n');
    expect(extractDocument(text).figures.map((f) => f.date?.start)).toEqual(['2017-10-14', '2017-10-14']);
  });

  it('still reads a year after "mid-" or "pre-"', () => {
    const [figure] = extractDocument(
      'Published: 3 May 2024\n\nIn mid-2019 at least 40 people were killed in the district.',
    ).figures;
    expect([figure?.date?.start, figure?.date?.end]).toEqual(['2019-05-01', '2019-08-31']);
  });
});
