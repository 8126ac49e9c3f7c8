const PROVINCES = ['Kunduz', 'Helmand', 'Nangarhar', 'Jowzjan', 'Faryab', 'Balkh'];

/** A short, unique, realistic wire report for bulk tests; `i` makes it distinct. */
export function syntheticReport(i: number): string {
  const p = PROVINCES[i % PROVINCES.length] ?? 'Kunduz';
  return [
    `${p.toUpperCase()}, ${1 + (i % 28)} March 2021 - At least ${i % 40} civilians were killed and ${i % 17} injured`,
    `when fighting reached the centre of ${p} province, a spokesman for the governor said (report ${i}).`,
    `Local elders said about ${100 + i} families were displaced by the clashes. The Taliban said they had captured ${i % 9} soldiers.`,
    '',
  ].join('\n');
}
