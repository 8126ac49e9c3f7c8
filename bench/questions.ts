/** The questions every engine answers in the store bench: the same filters, the same order. */
export const QUESTIONS = {
  province: 'Helmand',
  provinces: ['Helmand', 'Kandahar'],
  eventType: 'Battles',
  from: '2006-01-01',
  to: '2012-12-31',
  pageSize: 50,
} as const;

/** GED writes provinces as "Helmand province"; Tally matches them to the gazetteer's "Helmand". */
export const gedProvince = (name: string) => `${name} province`;

/** One group of a deaths aggregate, as every engine reports it. */
export interface Group {
  key: string | null;
  incidents: number;
  best: number | null;
}
