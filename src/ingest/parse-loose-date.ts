const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/;
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
// 20.08.2023: day, month and year between dots, as European and local sources write them.
const DOTTED = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]\d)/;

/**
 * The first full calendar date in a short string ("2 March 2023", "Sept. 30, 2022", "2023-03-02",
 * "2023-03-02T10:00:00Z", "20.08.2023, 13:40") as YYYY-MM-DD; null when there is none or it has no year.
 */
export function parseLooseDate(value: string): string | null {
  const iso = ISO.exec(value);
  if (iso) return toIso(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = DAY_MONTH_YEAR.exec(value);
  if (dmy) return toIso(Number(dmy[3]), monthNumber(dmy[2]), Number(dmy[1]));
  const mdy = MONTH_DAY_YEAR.exec(value);
  if (mdy) return toIso(Number(mdy[3]), monthNumber(mdy[1]), Number(mdy[2]));
  const dotted = DOTTED.exec(value);
  if (dotted) return toIso(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  return null;
}

function monthNumber(name: string | undefined): number {
  const key = (name ?? '').toLowerCase().replace('.', '');
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)] ?? 0;
}

function toIso(year: number, month: number, day: number): string | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
