/**
 * Country names and codes as UCDP and ACLED write them, for the countries the field's reports cover.
 * Tally stores ISO 3166-1 alpha-2 ('AF'); a country missing here exports its stored value as the
 * name and leaves the codes empty rather than guessing them.
 *
 * `gw` is the Gleditsch-Ward number GED puts in country_id (Yemen is 678 there, not the Correlates
 * of War 679); `ucdp` the name GED uses ("Yemen (North Yemen)"); `iso` ACLED's numeric ISO 3166-1.
 */
export interface CountryCodes {
  alpha2: string;
  ucdp: string;
  gw: number;
  ucdpRegion: 'Africa' | 'Americas' | 'Asia' | 'Europe' | 'Middle East';
  acled: string;
  iso: number;
  acledRegion: string;
  /** Other spellings seen in files (short names, older names). */
  aliases?: readonly string[];
}

export const COUNTRIES: readonly CountryCodes[] = [
  {
    alpha2: 'AF',
    ucdp: 'Afghanistan',
    gw: 700,
    ucdpRegion: 'Asia',
    acled: 'Afghanistan',
    iso: 4,
    acledRegion: 'South Asia',
  },
  {
    alpha2: 'IQ',
    ucdp: 'Iraq',
    gw: 645,
    ucdpRegion: 'Middle East',
    acled: 'Iraq',
    iso: 368,
    acledRegion: 'Middle East',
  },
  {
    alpha2: 'SY',
    ucdp: 'Syria',
    gw: 652,
    ucdpRegion: 'Middle East',
    acled: 'Syria',
    iso: 760,
    acledRegion: 'Middle East',
  },
  {
    alpha2: 'YE',
    ucdp: 'Yemen (North Yemen)',
    gw: 678,
    ucdpRegion: 'Middle East',
    acled: 'Yemen',
    iso: 887,
    acledRegion: 'Middle East',
  },
  { alpha2: 'UA', ucdp: 'Ukraine', gw: 369, ucdpRegion: 'Europe', acled: 'Ukraine', iso: 804, acledRegion: 'Europe' },
  {
    alpha2: 'RU',
    ucdp: 'Russia (Soviet Union)',
    gw: 365,
    ucdpRegion: 'Europe',
    acled: 'Russia',
    iso: 643,
    acledRegion: 'Europe',
  },
  {
    alpha2: 'SD',
    ucdp: 'Sudan',
    gw: 625,
    ucdpRegion: 'Africa',
    acled: 'Sudan',
    iso: 729,
    acledRegion: 'Northern Africa',
  },
  {
    alpha2: 'SS',
    ucdp: 'South Sudan',
    gw: 626,
    ucdpRegion: 'Africa',
    acled: 'South Sudan',
    iso: 728,
    acledRegion: 'Eastern Africa',
  },
  {
    alpha2: 'SO',
    ucdp: 'Somalia',
    gw: 520,
    ucdpRegion: 'Africa',
    acled: 'Somalia',
    iso: 706,
    acledRegion: 'Eastern Africa',
  },
  {
    alpha2: 'ET',
    ucdp: 'Ethiopia',
    gw: 530,
    ucdpRegion: 'Africa',
    acled: 'Ethiopia',
    iso: 231,
    acledRegion: 'Eastern Africa',
  },
  {
    alpha2: 'LY',
    ucdp: 'Libya',
    gw: 620,
    ucdpRegion: 'Africa',
    acled: 'Libya',
    iso: 434,
    acledRegion: 'Northern Africa',
  },
  {
    alpha2: 'NG',
    ucdp: 'Nigeria',
    gw: 475,
    ucdpRegion: 'Africa',
    acled: 'Nigeria',
    iso: 566,
    acledRegion: 'Western Africa',
  },
  { alpha2: 'ML', ucdp: 'Mali', gw: 432, ucdpRegion: 'Africa', acled: 'Mali', iso: 466, acledRegion: 'Western Africa' },
  {
    alpha2: 'BF',
    ucdp: 'Burkina Faso',
    gw: 439,
    ucdpRegion: 'Africa',
    acled: 'Burkina Faso',
    iso: 854,
    acledRegion: 'Western Africa',
  },
  {
    alpha2: 'NE',
    ucdp: 'Niger',
    gw: 436,
    ucdpRegion: 'Africa',
    acled: 'Niger',
    iso: 562,
    acledRegion: 'Western Africa',
  },
  {
    alpha2: 'CD',
    ucdp: 'DR Congo (Zaire)',
    gw: 490,
    ucdpRegion: 'Africa',
    acled: 'Democratic Republic of Congo',
    iso: 180,
    acledRegion: 'Middle Africa',
    aliases: ['DR Congo', 'Democratic Republic of the Congo'],
  },
  {
    alpha2: 'CF',
    ucdp: 'Central African Republic',
    gw: 482,
    ucdpRegion: 'Africa',
    acled: 'Central African Republic',
    iso: 140,
    acledRegion: 'Middle Africa',
  },
  {
    alpha2: 'CM',
    ucdp: 'Cameroon',
    gw: 471,
    ucdpRegion: 'Africa',
    acled: 'Cameroon',
    iso: 120,
    acledRegion: 'Middle Africa',
  },
  {
    alpha2: 'MZ',
    ucdp: 'Mozambique',
    gw: 541,
    ucdpRegion: 'Africa',
    acled: 'Mozambique',
    iso: 508,
    acledRegion: 'Southern Africa',
  },
  {
    alpha2: 'PK',
    ucdp: 'Pakistan',
    gw: 770,
    ucdpRegion: 'Asia',
    acled: 'Pakistan',
    iso: 586,
    acledRegion: 'South Asia',
  },
  { alpha2: 'IN', ucdp: 'India', gw: 750, ucdpRegion: 'Asia', acled: 'India', iso: 356, acledRegion: 'South Asia' },
  {
    alpha2: 'MM',
    ucdp: 'Myanmar (Burma)',
    gw: 775,
    ucdpRegion: 'Asia',
    acled: 'Myanmar',
    iso: 104,
    acledRegion: 'Southeast Asia',
    aliases: ['Burma'],
  },
  {
    alpha2: 'PH',
    ucdp: 'Philippines',
    gw: 840,
    ucdpRegion: 'Asia',
    acled: 'Philippines',
    iso: 608,
    acledRegion: 'Southeast Asia',
  },
  {
    alpha2: 'IL',
    ucdp: 'Israel',
    gw: 666,
    ucdpRegion: 'Middle East',
    acled: 'Israel',
    iso: 376,
    acledRegion: 'Middle East',
  },
  {
    alpha2: 'LB',
    ucdp: 'Lebanon',
    gw: 660,
    ucdpRegion: 'Middle East',
    acled: 'Lebanon',
    iso: 422,
    acledRegion: 'Middle East',
  },
  {
    alpha2: 'CO',
    ucdp: 'Colombia',
    gw: 100,
    ucdpRegion: 'Americas',
    acled: 'Colombia',
    iso: 170,
    acledRegion: 'South America',
  },
  {
    alpha2: 'MX',
    ucdp: 'Mexico',
    gw: 70,
    ucdpRegion: 'Americas',
    acled: 'Mexico',
    iso: 484,
    acledRegion: 'Central America',
  },
];

const fold = (name: string) => name.trim().toLowerCase();
const byAlpha2 = new Map(COUNTRIES.map((c) => [c.alpha2, c]));
const byName = new Map<string, CountryCodes>();
for (const c of COUNTRIES) {
  for (const name of [c.ucdp, c.acled, c.ucdp.replace(/\s*\(.*\)$/, ''), ...(c.aliases ?? [])])
    byName.set(fold(name), c);
}
const byIso = new Map(COUNTRIES.map((c) => [c.iso, c]));

export function countryByCode(alpha2: string | null | undefined): CountryCodes | undefined {
  return alpha2 ? byAlpha2.get(alpha2.toUpperCase()) : undefined;
}

/** A country as a file names it ("Yemen (North Yemen)", "Yemen", "Democratic Republic of Congo"). */
export function countryByName(name: string | null | undefined): CountryCodes | undefined {
  return name ? byName.get(fold(name)) : undefined;
}

export function countryByIso(iso: number | null | undefined): CountryCodes | undefined {
  return iso === null || iso === undefined ? undefined : byIso.get(iso);
}

/** GED's gwno for a side named "Government of X", the only sides that have one. */
export function gwOfSide(side: string | null): number | null {
  const m = side ? /^Government of (.+)$/.exec(side.trim()) : null;
  if (!m || (m[1] as string).includes(',')) return null;
  return countryByName(m[1])?.gw ?? null;
}
