import { describe, expect, it } from 'vitest';
import { parseCommander, splitCombatants, splitList, splitNames } from './markup-cleanup.js';

describe('markup cleanup', () => {
  it('drops image sizes, skin classes, link brackets, footnotes and empty items', () => {
    expect(splitList(', 23px Mohammad Mohaqiq, , [[Abdul Rashid Dostum|Dostum]][3], ,')).toEqual([
      'Mohammad Mohaqiq',
      'Dostum',
    ]);
    expect(splitList('class=skin-invert|20px Khorasan Province')).toEqual(['Khorasan Province']);
    expect(splitList('skin-invert|20px]] Khorasan Province ----')).toEqual(['Khorasan Province']);
  });

  it('splits on breaks, rules, bullets and semicolons but not inside numbers or parentheses', () => {
    expect(splitList('Afghanistan<hr> ISIS–K')).toEqual(['Afghanistan', 'ISIS–K']);
    expect(splitList('Taliban, * 203 Mansoori Corps, ** Badri 313 Battalion')).toEqual([
      'Taliban',
      '203 Mansoori Corps',
      'Badri 313 Battalion',
    ]);
    expect(splitList('about 3,000 killed; Mullah Omar (leader, 1996–2001)')).toEqual([
      'about 3,000 killed',
      'Mullah Omar (leader, 1996–2001)',
    ]);
  });

  it('moves "Supported by" parties aside', () => {
    expect(splitCombatants("Mahdi Mujahid's forces, Supported by:, , HWIMA, Hezbe Wahdat")).toEqual({
      combatants: ["Mahdi Mujahid's forces"],
      supporters: ['HWIMA', 'Hezbe Wahdat'],
    });
  });

  it('moves parties aside after support said with a hedge ("Allegedly supported by:", "Reportedly backed by")', () => {
    expect(splitCombatants('Jund al-Qasr; Allegedly supported by:; Eritrea')).toEqual({
      combatants: ['Jund al-Qasr'],
      supporters: ['Eritrea'],
    });
    expect(splitCombatants('Kaya Front, Reportedly backed by: Chad').supporters).toEqual(['Chad']);
  });

  it('keeps allies as belligerents without taking the "Allies:" label for one', () => {
    expect(splitCombatants('Government of National Accord, Allies:, Turkey')).toEqual({
      combatants: ['Government of National Accord', 'Turkey'],
      supporters: [],
    });
  });

  it('reads a coalition named before its first member ("KFOR: Germany, Italy") as two parties', () => {
    expect(splitCombatants('Multinational Division: Poland, Ukraine, Spain; Iraqi Army')).toEqual({
      combatants: ['Multinational Division', 'Poland', 'Ukraine', 'Spain', 'Iraqi Army'],
      supporters: [],
    });
  });

  it('moves parties after the kind of support they gave aside ("Air support:", "Naval support:")', () => {
    expect(splitCombatants('Government of National Accord, Air support:, United States')).toEqual({
      combatants: ['Government of National Accord'],
      supporters: ['United States'],
    });
    expect(splitCombatants('Yemeni government, Naval support: Saudi Arabia, Egypt')).toEqual({
      combatants: ['Yemeni government'],
      supporters: ['Saudi Arabia', 'Egypt'],
    });
  });

  it.each([
    ['Mahdi MujahidKIA', 'Mahdi Mujahid', 'KIA'],
    ['Ismail KhanPOW', 'Ismail Khan', 'POW'],
    ['Haji Murad †', 'Haji Murad', 'KIA'],
    ['Ali Darwish (POW)', 'Ali Darwish', 'POW'],
    ['Abdulkhaliq al-Qahtani (k.i.a.)', 'Abdulkhaliq al-Qahtani', 'KIA'],
    ['Fadi Mahmoud (executed)', 'Fadi Mahmoud', 'executed'],
    ['Nasser al-Humaiqani (WIA)', 'Nasser al-Humaiqani', 'WIA'],
    ['Omar Haddad {{KIA}}', 'Omar Haddad', 'KIA'],
    ['Omar Haddad {{KIA2}}', 'Omar Haddad', 'KIA'],
    ['Omar Haddad {{PKIA}}', 'Omar Haddad', 'KIA'],
    ['Omar Haddad {{Died of wounds}}', 'Omar Haddad', 'DOW'],
    ['Omar Haddad {{Executed}}', 'Omar Haddad', 'executed'],
    ['"Sibghatullah"', 'Sibghatullah', null],
    ['Mullah Omar (Supreme Leader)', 'Mullah Omar', null],
    // A mark that says when: the status, and not the year.
    ['Abu Bakr Salem (KIA 2016)', 'Abu Bakr Salem', 'KIA'],
    ['Karim Yousef (POW, 12 May 1997)', 'Karim Yousef', 'POW'],
    ['Saleh Idris (executed in 2001)', 'Saleh Idris', 'executed'],
    ['Musa Kareem (Governor 2012–2014)', 'Musa Kareem', null],
  ])('%s', (raw, name, status) => {
    const item = splitList(raw)[0] ?? '';
    expect(parseCommander(item)).toEqual({ name, status });
  });
});

describe('names glued by a copy that dropped line breaks', () => {
  it('splits a cell where a lower-case letter meets a capitalised word', () => {
    expect(splitNames('Mullah BurjanHaji ShakirKIA')).toEqual(['Mullah Burjan', 'Haji ShakirKIA']);
    expect(splitCombatants('Jabhat Fatah al-ShamSupported by:Turkey')).toEqual({
      combatants: ['Jabhat Fatah al-Sham'],
      supporters: ['Turkey'],
    });
  });

  it('keeps names that are capitalised inside', () => {
    expect(splitNames('Stanley McChrystal, Douglas MacArthur, Betsy DeVos')).toEqual([
      'Stanley McChrystal',
      'Douglas MacArthur',
      'Betsy DeVos',
    ]);
  });
});

describe('commander status forms', () => {
  it.each([
    ['Taha al-Madani killed in action', 'Taha al-Madani', 'KIA'],
    ['Nawshirwan Amin Died of wounds', 'Nawshirwan Amin', 'DOW'],
    ['Rustam Vakhitov (Disputed)', 'Rustam Vakhitov', null],
    ['Kamal Idris KIA (disputed)', 'Kamal Idris', 'KIA'],
    ['Salih Adam†', 'Salih Adam', 'KIA'],
    ['Hamdan Yousif(POW)', 'Hamdan Yousif', 'POW'],
    ['Col. Thet Naing (WIA)', 'Thet Naing', 'WIA'],
    ['Ali Jabal executed', 'Ali Jabal', 'executed'],
  ])('%s', (raw, name, status) => {
    expect(parseCommander(raw)).toEqual({ name, status });
  });
});

describe('status icons', () => {
  it('reads the status an icon names in its alt text and drops other images', () => {
    const cell =
      'Haji Karim <img src="x.png" alt="Killed in action"><br><img src="flag.png" alt="Flag of Iraq"> Ali Saleh';
    expect(splitNames(cell).map(parseCommander)).toEqual([
      { name: 'Haji Karim', status: 'KIA' },
      { name: 'Ali Saleh', status: null },
    ]);
  });
});

describe('a status word glued to a name', () => {
  it('is the status, not a commander of its own', () => {
    expect(splitNames('Hassan AbdiSurrendered, Yusuf Warsame, Omar DiriyeExecuted').map(parseCommander)).toEqual([
      { name: 'Hassan Abdi', status: 'surrendered' },
      { name: 'Yusuf Warsame', status: null },
      { name: 'Omar Diriye', status: 'executed' },
    ]);
    expect(parseCommander('Ali Dheere (surrendered)')).toEqual({ name: 'Ali Dheere', status: 'surrendered' });
    expect(parseCommander('Aden Hashi wounded')).toEqual({ name: 'Aden Hashi', status: 'WIA' });
  });
});

describe('commander ranks', () => {
  it('drops a military rank before a full name', () => {
    expect(parseCommander('Brig. Gen. Tun Tun Myint †')).toEqual({ name: 'Tun Tun Myint', status: 'KIA' });
    expect(parseCommander('Col. Abdoulaye Keïta (POW)')).toEqual({ name: 'Abdoulaye Keïta', status: 'POW' });
    expect(parseCommander('Lt. Col. Maria Ruiz')?.name).toBe('Maria Ruiz');
  });

  it('drops an office of state before a full name, and keeps it before a surname alone', () => {
    expect(parseCommander('President Hamid Farouqi')?.name).toBe('Hamid Farouqi');
    expect(parseCommander('Defence Minister Nadia Sultani')?.name).toBe('Nadia Sultani');
    expect(parseCommander('Vice President Omar Daudzai (until 2019)')?.name).toBe('Omar Daudzai');
    expect(parseCommander('President Farouqi')?.name).toBe('President Farouqi');
  });

  it('drops ranks written with an ordinal or without their dots', () => {
    expect(parseCommander('1st Lt. Dana Whitfield')?.name).toBe('Dana Whitfield');
    expect(parseCommander('2nd Lt Omar Farouk')?.name).toBe('Omar Farouk');
    expect(parseCommander('Lt Gen Ruth Okafor')?.name).toBe('Ruth Okafor');
    expect(parseCommander('Staff Sgt. Leo Brandt (WIA)')).toEqual({ name: 'Leo Brandt', status: 'WIA' });
  });

  it('keeps religious titles and a rank that is all there is of the name', () => {
    expect(parseCommander('Mullah Omar')?.name).toBe('Mullah Omar');
    expect(parseCommander('Haji Murad')?.name).toBe('Haji Murad');
    expect(parseCommander('Marshal Tito')?.name).toBe('Marshal Tito');
  });
});
