import type { GazetteerEntry } from './gazetteer.js';
import { foldPlaceName } from './place-names.js';

/**
 * National capitals, by ISO 3166-1 alpha-2, as reports spell them. A capital speaks for its
 * government ("Moscow said", "officials in Kabul"); any other city speaks for itself ("officials in
 * Mykolaiv say two people were killed" is news from Mykolaiv). The seat of government where it is not
 * the capital in law (The Hague, Abidjan), and a former capital still used so (Yangon), count too.
 */
const CAPITALS: Readonly<Record<string, readonly string[]>> = {
  AE: ['Abu Dhabi'],
  AF: ['Kabul'],
  AM: ['Yerevan'],
  AO: ['Luanda'],
  AZ: ['Baku'],
  BD: ['Dhaka'],
  BE: ['Brussels'],
  BF: ['Ouagadougou'],
  BH: ['Manama'],
  BI: ['Gitega', 'Bujumbura'],
  BJ: ['Porto-Novo', 'Cotonou'],
  BY: ['Minsk'],
  CA: ['Ottawa'],
  CD: ['Kinshasa'],
  CF: ['Bangui'],
  CI: ['Yamoussoukro', 'Abidjan'],
  CM: ['Yaounde'],
  CN: ['Beijing'],
  CO: ['Bogota'],
  DE: ['Berlin'],
  DZ: ['Algiers'],
  EG: ['Cairo'],
  ER: ['Asmara'],
  ET: ['Addis Ababa'],
  FR: ['Paris'],
  GB: ['London'],
  GE: ['Tbilisi'],
  GN: ['Conakry'],
  HT: ['Port-au-Prince'],
  ID: ['Jakarta'],
  IL: ['Jerusalem', 'Tel Aviv'],
  IN: ['New Delhi'],
  IQ: ['Baghdad'],
  IR: ['Tehran'],
  JO: ['Amman'],
  JP: ['Tokyo'],
  KE: ['Nairobi'],
  KG: ['Bishkek'],
  KP: ['Pyongyang'],
  KR: ['Seoul'],
  KW: ['Kuwait City'],
  KZ: ['Astana'],
  LB: ['Beirut'],
  LY: ['Tripoli'],
  MA: ['Rabat'],
  MD: ['Chisinau'],
  ML: ['Bamako'],
  MM: ['Naypyidaw', 'Nay Pyi Taw', 'Yangon'],
  MR: ['Nouakchott'],
  MX: ['Mexico City'],
  MZ: ['Maputo'],
  NE: ['Niamey'],
  NG: ['Abuja'],
  NL: ['Amsterdam', 'The Hague'],
  OM: ['Muscat'],
  PH: ['Manila'],
  PK: ['Islamabad'],
  PS: ['Ramallah'],
  QA: ['Doha'],
  RU: ['Moscow'],
  RW: ['Kigali'],
  SA: ['Riyadh'],
  SD: ['Khartoum', 'Port Sudan'],
  SN: ['Dakar'],
  SO: ['Mogadishu'],
  SS: ['Juba'],
  SY: ['Damascus'],
  TD: ["N'Djamena"],
  TH: ['Bangkok'],
  TJ: ['Dushanbe'],
  TM: ['Ashgabat'],
  TN: ['Tunis'],
  TR: ['Ankara'],
  TZ: ['Dodoma', 'Dar es Salaam'],
  UA: ['Kyiv'],
  UG: ['Kampala'],
  US: ['Washington'],
  UZ: ['Tashkent'],
  VE: ['Caracas'],
  YE: ['Sanaa', "Sana'a", 'Aden'],
};

const FOLDED = new Map(Object.entries(CAPITALS).map(([cc, names]) => [cc, new Set(names.map(foldPlaceName))]));

/** Whether an entry is a town that is its country's capital (or seat of government). */
export function isCapital(e: GazetteerEntry): boolean {
  if (e.kind !== 'city' && e.kind !== 'town') return false;
  const names = FOLDED.get(e.country);
  return names !== undefined && [e.name, ...e.alt_names].some((n) => names.has(foldPlaceName(n)));
}
