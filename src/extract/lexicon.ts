import type { FigureKind } from '../core/figure.js';

/** Word lists of the figure grammar. All lower case; plurals are found by `lookupNoun`. */

export const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** People who can be counted; the fighters among them can also make up a strength. */
export const COMBATANT_NOUNS = words(`
  troop troops fighter fighters soldier soldiers man men militant militants militiaman militiamen militia militias
  insurgent insurgents rebel rebels personnel police policeman policemen policewoman guard guards
  volunteer volunteers mercenary mercenaries recruit recruits reservist reservists serviceman servicemen servicemember
  servicemembers conscript conscripts paratrooper paratroopers marine marines commando commandos gunman gunmen jihadist
  jihadists mujahideen mujahidin warrior warriors tribesman tribesmen combatant combatants force forces guerrilla
  guerrillas cadet cadets officer officers reinforcements sniper snipers operative operatives loyalist loyalists
  peshmerga taliban talibs partisans partisan defenders defender attackers attacker assailants assailant raiders
  bodyguard bodyguards infantry infantrymen riflemen rifleman tankmen gunners crew crewmen airmen sailors seamen pilots
  special-forces agents security-personnel members follower followers
`);

export const PERSON_NOUNS = words(`
  people persons person individual individuals civilian civilians noncombatant noncombatants non-combatants resident
  residents local locals villager villagers inhabitant inhabitants citizen citizens child children kid kids boy boys
  girl girls woman women student students pupil pupils schoolgirl schoolgirls schoolboy schoolboys schoolchildren
  worshipper worshippers worshipers pilgrim pilgrims passenger passengers worker workers employee employees staff
  staffers journalist journalists reporter reporters doctor doctors nurse nurses medic medics paramedic paramedics
  teacher teachers farmer farmers shepherd shepherds miner miners official officials commander commanders leader leaders
  elder elders cleric clerics prisoner prisoners detainee detainees captive captives hostage hostages inmate inmates
  refugee refugees migrant migrants asylum-seekers idps idp evacuee evacuees returnee returnees victim victims body
  bodies corpse corpses relative relatives family families household households others infant infants baby babies
  toddler toddlers teenager teenagers adolescent adolescents youth youths minor minors elderly patient patients
  protester protesters protestors demonstrator demonstrators mourner mourners guest guests shopper shoppers trainee
  trainees humanitarians peacekeeper peacekeepers diplomat diplomats contractor contractors engineer engineers
  suspect suspects spy spies laborer laborers labourer labourers driver drivers truckers traders shopkeepers vendors
  pows pow abductees survivors wounded dead injured displaced fatalities casualties deaths lives souls
  hazaras hazara pashtuns tajiks uzbeks turkmens arabs kurds yazidis yezidis iraqis syrians yemenis ukrainians russians
  sudanese afghans pakistanis americans iranians houthis houthi shiites shias sunnis christians muslims israelis
  palestinians saudis chechens foreigners nationals uyghurs rohingya masalit fur zaghawa alawites druze turkmen
  americans britons westerners europeans africans shia sikhs hindus bystander bystanders passer-by passers-by passersby
  onlooker onlookers neighbour neighbours neighbor neighbors pedestrian pedestrians customer customers motorist
  motorists commuter commuters fisherman fishermen herder herders nomad nomads son sons daughter daughters brother
  brothers sister sisters mother mothers father fathers husband husbands wife wives cousin cousins
`);

/** Counted things that are not people. A number whose noun is one of these is no figure. */
export const THING_NOUNS = words(`
  attack attacks strike strikes airstrike airstrikes air-strikes raid raids bombing bombings explosion explosions
  blast blasts incident incidents clash clashes battle battles offensive offensives operation operations assault assaults
  ambush ambushes counter-attack counter-attacks counterattack counterattacks skirmish skirmishes engagement engagements
  day days week weeks month months year years hour hours minute minutes second seconds night nights decade decades
  century centuries time times round rounds occasion occasions wave waves phase phases stage stages
  district districts province provinces village villages town towns city cities area areas region regions country
  countries governorate governorates oblast oblasts state states side sides front fronts frontline frontlines position
  positions checkpoint checkpoints outpost outposts base bases post posts direction directions route routes road roads
  bridge bridges valley valleys mountain mountains street streets neighbourhood neighbourhoods neighborhood
  neighborhoods quarter quarters hamlet hamlets settlement settlements locality localities site sites point points
  kilometre kilometres kilometer kilometers km kms mile miles metre metres meter meters feet foot yard yards acre acres
  hectare hectares square
  tank tanks vehicle vehicles truck trucks pickup pickups helicopter helicopters aircraft plane planes jet jets drone
  drones missile missiles rocket rockets shell shells bomb bombs mine mines landmine landmines weapon weapons gun guns
  rifle rifles artillery piece pieces ammunition munitions apc apcs armoured armored howitzer howitzers mortar mortars
  boat boats ship ships vessel vessels car cars bus buses
  package packages parcel parcels ton tons tonne tonnes kg kilogram kilograms litre litres liter liters dollar dollars
  usd euro euros afghanis rupees pounds percent per cent meal meals tent tents convoy convoys container containers item
  items kit kits sack sacks bag bags dose doses vaccine vaccines bed beds facility facilities centre centres center
  centers clinic clinics hospital hospitals school schools mosque mosques church churches shop shops house houses home
  homes building buildings shelter shelters well wells
  grave graves mass-graves location locations violation violations report reports document documents video videos
  statement statements vote votes seat seats demand demands case cases crime crimes atrocity atrocities
  brigade brigades battalion battalions division divisions corps regiment regiments company companies platoon platoons
  squad squads unit units group groups cell cells faction factions party parties organisation organisations
  organization organizations agency agencies
  livestock goat goats sheep cattle cow cows animal animals donkey donkeys horse horses camel camels
  page pages article articles chapter chapters line lines percent-of
`);

/** Nouns that are themselves the count of a casualty kind ("70 killed", "dozens of deaths"). */
export const CASUALTY_NOUNS = new Map<string, FigureKind>([
  ['casualties', 'killed_or_injured'],
  ['casualty', 'killed_or_injured'],
  ['losses', 'killed_or_injured'],
  ['deaths', 'killed'],
  ['death', 'killed'],
  ['dead', 'killed'],
  ['killed', 'killed'],
  ['fatalities', 'killed'],
  ['fatality', 'killed'],
  // "documented 20 killings": each a person killed.
  ['killings', 'killed'],
  ['executions', 'killed'],
  ['murders', 'killed'],
  ['lives', 'killed'],
  ['bodies', 'killed'],
  ['corpses', 'killed'],
  ['injuries', 'injured'],
  ['injured', 'injured'],
  ['wounded', 'injured'],
  ['displaced', 'displaced'],
  ['captured', 'captured'],
  ['pows', 'captured'],
  ['pow', 'captured'],
  ['surrendered', 'surrendered'],
]);

/** People whose noun already says what happened to them, unless a verb says otherwise. */
export const IMPLIED_KIND_NOUNS = new Map<string, FigureKind>([
  ['refugees', 'displaced'],
  ['refugee', 'displaced'],
  ['idps', 'displaced'],
  ['idp', 'displaced'],
  ['evacuees', 'displaced'],
  ['hostages', 'captured'],
  ['captives', 'captured'],
  ['detainees', 'captured'],
  ['abductees', 'captured'],
  ['pows', 'captured'],
]);

/** Verb forms (and participles) that say what happened to the counted people. */
export const KIND_VERBS = new Map<string, FigureKind>();
const addVerbs = (kind: FigureKind, list: string) => {
  for (const w of words(list)) KIND_VERBS.set(w, kind);
};
addVerbs(
  'killed',
  `kill kills killed killing execute executes executed executing massacre massacres massacred massacring slaughter
   slaughters slaughtered slaughtering murder murders murdered murdering behead beheads beheaded beheading eliminate
   eliminates eliminated eliminating neutralised neutralized neutralise neutralize assassinate assassinated slain slew
   die dies died dying perished perish lynched martyred lost lose loses losing`,
);
addVerbs(
  'injured',
  'wound wounds wounded wounding injure injures injured injuring maim maimed maiming hurt hurts hurting',
);
addVerbs(
  'captured',
  `capture captures captured capturing arrest arrests arrested arresting detain detains detained detaining abduct
   abducts abducted abducting kidnap kidnaps kidnapped kidnapping seize seized seizing imprison imprisoned jail jailed
   apprehend apprehended apprehending recapture recaptured recapturing`,
);
addVerbs('displaced', 'displace displaces displaced displacing uprooted');
addVerbs('surrendered', 'surrender surrenders surrendered surrendering');
addVerbs(
  'strength',
  `deploy deploys deployed deploying amass amasses amassed amassing mass massed massing gather gathers gathered gathering
   mobilise mobilised mobilising mobilize mobilized mobilizing dispatch dispatched dispatching field fielded fielding
   station stationed assemble assembled concentrate concentrated numbering numbered totalling totaling recruited
   recruit recruiting reinforced`,
);

/** Strength verbs that need a fighter noun after them ("sent 500 troops", never "sent 80 packages"). */
export const WEAK_STRENGTH_VERBS = words(
  'sent send sends sending had has have having brought bring brings led lead leads kept keeps keeping maintained maintains maintaining commanded commands counted boasted fielded involving involved comprising comprised consisting',
);

/** Verbs that also take ordinary objects: they count only when the noun is a person. */
export const PERSON_ONLY_VERBS = words(
  'seize seized seizing capture captures captured capturing recapture recaptured recapturing lost lose loses losing',
);

/** Nouns naming a casualty event: "the massacre of 600", "the surrender of 245 fighters". */
export const EVENT_NOUNS = new Map<string, FigureKind>([
  ['massacre', 'killed'],
  ['killing', 'killed'],
  ['killings', 'killed'],
  ['execution', 'killed'],
  ['executions', 'killed'],
  ['murder', 'killed'],
  ['murders', 'killed'],
  ['deaths', 'killed'],
  ['death', 'killed'],
  ['lives', 'killed'],
  ['bodies', 'killed'],
  ['remains', 'killed'],
  ['slaughter', 'killed'],
  ['capture', 'captured'],
  ['arrest', 'captured'],
  ['arrests', 'captured'],
  ['detention', 'captured'],
  ['abduction', 'captured'],
  ['abductions', 'captured'],
  ['kidnapping', 'captured'],
  ['displacement', 'displaced'],
  ['surrender', 'surrendered'],
  ['deployment', 'strength'],
  ['injuries', 'injured'],
  ['injury', 'injured'],
  ['wounding', 'injured'],
]);

/** Releasing people does not count them as captured (or displaced) again. */
export const RELEASE_VERBS = words(
  'released release releasing freed free freeing exchanged swapped repatriated rescued pardoned handed',
);

export const FLEE_VERBS = words('fled flee flees fleeing escaped escape escaping retreated withdrew withdrawn');

/** Words after which a number names something ("district 13", "Resolution 2254"). */
export const NUMBERED_NOUNS = words(`
  district no nos number route resolution article page pages chapter section highway road sector zone unit flight
  level grade room phase class category ward block building row station terminal gate platform vol volume issue
  hill km kilometre kilometer regiment squadron brigade battalion division corps camp checkpoint base post square
  paragraph item annex table figure footnote note rule code model type mark version series episode season
  act law decree order plan year years age aged ages
`);

/** Capitalised words after a number that make it a unit's name: "055 Brigade", "203 Mansoori Corps". */
export const NAME_AFTER_NUMBER = words(`
  brigade battalion division corps regiment squadron army group unit fleet wing company platoon
`);

export const AUXILIARIES = words(
  'was were is are be been being had has have having got get gets getting became become becomes remain remained remains',
);

/** Adverbs and hedges that may stand between a subject and its casualty verb. */
export const PREDICATE_FILLERS = words(`
  reportedly allegedly also all both later subsequently summarily severely seriously critically badly lightly
  slightly fatally mortally reported believed thought feared said confirmed known presumed to have then already
  eventually either each mostly apparently instantly immediately now since just only still overall altogether
  officially initially brutally indiscriminately deliberately allegedly wrongfully unlawfully arbitrarily forcibly
  forcefully internally newly further additionally respectively in total reportedly subsequently likely probably
  recently previously being been more found
`);

export const DETERMINERS = words(
  'the a an his her their its our your my these those this that whose which some any other another such',
);

export const CLAUSE_WORDS = words(
  'while whereas but although though because since after before when where who whom which that if unless until whilst yet so',
);

export const PREPOSITIONS = words(
  'in on at from to for by with during near into across against under over within without through throughout toward towards around outside inside between among amid upon via per than like',
);

/** Nouns of a wound: "suffered shrapnel wounds", "treated 62 people for gunshot wounds". */
export const WOUND_NOUNS = words('injuries injury wounds wound burns');

export const NEGATIONS = words("not no never neither nor without n't none nobody");

/** Modals and plans: "threatened to kill 100", "would deploy 5,000". */
export const IRREALIS = words(
  'would will could might may should shall must threatened threaten threatens vowed vow promised promise planned plan plans intended intend intends wanted want wants sought seek seeks asked ask asks urged urge demanded demand requested request tried try attempted attempt hoped hope refused refuse aimed aim expected expect',
);

/** Lookup a lower-cased word, then its singular by dropping -s / -es. */
export function inSet(set: Set<string>, word: string): boolean {
  if (set.has(word)) return true;
  if (word.endsWith('es') && set.has(word.slice(0, -2))) return true;
  if (word.endsWith('s') && set.has(word.slice(0, -1))) return true;
  return false;
}

/** Possessive forms ("Mujahid's", "fighters'") are read as their owner. */
export function stripPossessive(word: string): string {
  if (word.endsWith("'s") || word.endsWith('’s')) return word.slice(0, -2);
  return word;
}

/** The days of the week, Sunday first (the order of Date.getDay). */
export const WEEKDAYS: readonly string[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

/** Words that name a stretch or a time of day: "two days later", "that evening", "overnight". */
export const TIME_UNITS = words(
  'day days night nights morning mornings evening evenings afternoon hour hours minutes week weeks weekend month months year years overnight yesterday today dawn dusk noon midnight',
);

export const MONTHS = new Map<string, number>([
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sep', 9],
  ['sept', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
]);
