import { describe, expect, it } from 'vitest';
import { readConflictDates } from './conflict-dates.js';

function dates(value: string) {
  const r = readConflictDates(value, { base: 'date', side: null, start: 0, end: value.length });
  return [r.start, r.end];
}

describe('conflict dates from the Date value', () => {
  it.each([
    ['24 April – 14 October 2015', '2015-04-24', '2015-10-14'],
    ['1–14 October 1996', '1996-10-01', '1996-10-14'],
    ['28 December 2014 – 3 January 2015', '2014-12-28', '2015-01-03'],
    ['October 2015 (2 weeks)', '2015-10-01', '2015-10-31'],
    ['12 May 2011 (1 day)', '2011-05-12', '2011-05-12'],
    ['12 June – 3 August 2023(1 month and 22 days)', '2023-06-12', '2023-08-03'],
    ['c. 1997', '1997-01-01', '1997-12-31'],
    ['2014–2016', '2014-01-01', '2016-12-31'],
    ['1994–95', '1994-01-01', '1995-12-31'],
    ['Spring 1995', '1995-03-01', '1995-05-31'],
    ['Spring–summer 2016', '2016-03-01', '2016-08-31'],
    ['March 3–9, 2019', '2019-03-03', '2019-03-09'],
    ['July 12 – August 1, 2018', '2018-07-12', '2018-08-01'],
    ['May 22, 1997 – August 8, 1998', '1997-05-22', '1998-08-08'],
    ['3 March 2019 – present', '2019-03-03', null],
    ['9 May 2003 (2003-05-09) – 14 May 2003 (2003-05-14), (5 days)', '2003-05-09', '2003-05-14'],
    ['September 2015 – ongoing\n(9 years)', '2015-09-01', null],
    ['17 October 2016 – 9 July 2017[1]', '2016-10-17', '2017-07-09'],
    ['{{Start date|2015|04|24|df=y}} – {{End date|2015|10|14|df=y}}', '2015-04-24', '2015-10-14'],
    ['{{start and end dates|2012|9|28|2012|10|2}}', '2012-09-28', '2012-10-02'],
    [
      '24 April – 14 October 2017<br />({{Age in months, weeks and days|month1=04|day1=24|year1=2017|month2=10|day2=14|year2=2017}})',
      '2017-04-24',
      '2017-10-14',
    ],
  ])('%s', (value, start, end) => {
    expect(dates(value)).toEqual([start, end]);
  });

  it('reads nothing from a value without a date', () => {
    expect(dates('Ongoing')).toEqual([null, null]);
  });
});
