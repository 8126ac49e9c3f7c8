const PROVINCES = ['Kunduz', 'Helmand', 'Nangarhar', 'Jowzjan', 'Faryab', 'Balkh'];

const MONTHS = 'January February March April May June July August September October November December'.split(' ');
/** Days the reports of `syntheticReport(i, { spread: true })` fall on, from 1 January 2015. */
const SPREAD_DAYS = 3_650;

/**
 * A short, unique, realistic wire report for bulk tests; `i` makes it distinct. Its date is a day
 * of March 2021, so that reports of one province gather on a few incidents; `spread` dates it on
 * one of ten years of days instead, so that a long run's reports stay a few to an incident.
 */
export function syntheticReport(i: number, options: { spread?: boolean } = {}): string {
  const p = PROVINCES[i % PROVINCES.length] ?? 'Kunduz';
  let date = `${1 + (i % 28)} March 2021`;
  if (options.spread) {
    const day = new Date(Date.UTC(2015, 0, 1 + (Math.floor(i / PROVINCES.length) % SPREAD_DAYS)));
    date = `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
  }
  return [
    `${p.toUpperCase()}, ${date} - At least ${i % 40} civilians were killed and ${i % 17} injured`,
    `when fighting reached the centre of ${p} province, a spokesman for the governor said (report ${i}).`,
    `Local elders said about ${100 + i} families were displaced by the clashes. The Taliban said they had captured ${i % 9} soldiers.`,
    '',
  ].join('\n');
}
