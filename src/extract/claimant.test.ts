import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.js';

const claimantOf = (text: string) => extractDocument(text).figures.map((f) => f.claimant);

describe('claimants', () => {
  it.each([
    ['As of 1 July, 23 civilians had been killed, according to Rukhshana Media.', 'Rukhshana Media'],
    ['On 2 July, Hasht-e Subh estimated that 150 civilians had been killed.', 'Hasht-e Subh'],
    ['The Taliban stated that they had killed 153 militants.', 'Taliban'],
    [
      "The spokesman of the province's governor claimed that 70 fighters were killed.",
      "spokesman of the province's governor",
    ],
    ['A local civilian, on the other side, claimed that 200 fighters had been killed.', 'local civilian'],
    [
      "According to United Nations Assistance Mission in Afghanistan (UNAMA)'s statistics, at least 35 students died.",
      'United Nations Assistance Mission in Afghanistan (UNAMA)',
    ],
    ['The town was held by 600 fighters according to estimates of the Afghan government.', 'Afghan government'],
    ['At least 12 people were killed, police said.', 'police'],
    ['Airwars assessed that between 8 and 15 civilians were likely killed in the strike.', 'Airwars'],
    ['Investigators calculated that 300 people had been killed in the camp.', 'Investigators'],
    ['Seven people died, said Asadullah Nadim, a local official.', 'Asadullah Nadim'],
    [
      "Zabihullah Mujahid, the Islamic Emirate's spokesman, said that 20 fighters were killed.",
      "Zabihullah Mujahid, Islamic Emirate's spokesman",
    ],
    [
      'Islamic State commander Mawlavi Rahman later claimed that the Taliban had amassed 2,000 fighters.',
      'Islamic State commander Mawlavi Rahman',
    ],
    ['Five soldiers were wounded, per the ministry.', 'ministry'],
  ])('%s', (text, claimant) => {
    expect(claimantOf(text)).toEqual([claimant]);
  });

  it('is no claim when "an estimated" or "a reported" qualifies the number', () => {
    expect(claimantOf('The Taliban gathered an estimated 500 fighters.')).toEqual([null]);
    expect(claimantOf('They formed a front with a reported 6,000+ troops.')).toEqual([null]);
  });

  it('is no claim when "claimed" means killed', () => {
    expect(claimantOf('A string of attacks have claimed dozens of lives.')).toEqual([null]);
  });

  it('carries the last named claimant over a pronoun', () => {
    expect(claimantOf('The ministry said 5 soldiers died. It said 3 more were wounded.')).toEqual([
      'ministry',
      'ministry',
    ]);
  });
});

describe('claimants in news prose', () => {
  it.each([
    ["The army's spokesman Brig. Yahya Saree said 14 soldiers were killed.", "army's spokesman Brig. Yahya Saree"],
    ['Local sources said 8 fighters were captured.', 'Local sources'],
    ['A UN spokesperson, Ana Ruiz, said 20 civilians were killed.', 'UN spokesperson, Ana Ruiz'],
    ['The spokesman, who declined to be named, said 14 soldiers were killed.', 'spokesman'],
    ['A local radio station cited a clinic nurse as saying 30 people were wounded.', 'clinic nurse'],
    [
      'A medic in Marib, who spoke on condition of anonymity because he was not allowed to talk to the press, put the toll at 19.',
      'medic in Marib',
    ],
    ['According to a statement from the Ministry of Health, 45 people were killed.', 'Ministry of Health'],
    ['Bombs killed 18 people, police and hospital staff said.', 'police and hospital staff'],
    ['NAIROBI, May 2 (Reuters) - The UN refugee agency says 5,000 people fled.', 'UN refugee agency'],
    ['Hospital officials said 23 people were wounded.', 'Hospital officials'],
    ['Witnesses told reporters that 6 protesters were shot dead.', 'Witnesses'],
    ['At least 9 people were killed, a police spokesman said.', 'police spokesman'],
    ['The strike wounded 31 people, among them 4 children, said Dr Amal Hassan.', 'Dr Amal Hassan'],
    ['The Syrian Observatory for Human Rights reported that 17 fighters died.', 'Syrian Observatory for Human Rights'],
    ['The health ministry in Gaza, which is run by Hamas, put the death toll at 58.', 'health ministry in Gaza'],
    ['Regional media, quoting the governor, said 14 people had been killed.', 'Regional media'],
    ['Figures compiled by Airwars show that 1,600 civilians died in Raqqa.', 'Airwars'],
    ["UNAMA's figures show 3,804 civilians were killed last year.", 'UNAMA'],
    [
      'Data from the Uppsala Conflict Data Program suggest that 600 people were killed.',
      'Uppsala Conflict Data Program',
    ],
    ['An AFP tally based on official sources puts the toll at 1,300 dead.', 'AFP'],
    [
      'A member of a village militia that works with the army said gunmen killed two soldiers.',
      'member of a village militia',
    ],
    ['An official who spoke on condition of anonymity said 12 people were killed.', 'official'],
    ['Residents who fled the town said at least 15 people were killed.', 'Residents'],
  ])('%s', (text, claimant) => {
    expect(claimantOf(text)[0]).toBe(claimant);
  });

  it('reads a name alone in brackets after a count as its source, but not a short form or a dateline agency', () => {
    expect(claimantOf('Civilian deaths: 260+ (SOHR)')).toEqual(['SOHR']);
    expect(claimantOf('At least 30 dead (Syrian Observatory) in Deir ez-Zor.')).toEqual(['Syrian Observatory']);
    expect(claimantOf('The raid killed 12 members of the Pakistani Taliban (TTP).')).toEqual([null]);
    expect(claimantOf('GAO, Mali, June 30 (Reuters) - A bomb killed 18 people.')).toEqual([null]);
  });

  it('gives the figures after ", saying" to the speaker named, else to the subject of the sentence', () => {
    expect(claimantOf('The Taliban denied the report, saying only 4 of their fighters had died.')).toEqual(['Taliban']);
    expect(claimantOf('Police blamed the insurgents, saying 12 officers were killed.')).toEqual(['Police']);
    expect(
      claimantOf(
        'The dead included children, the agency chief Ali Musa said in a statement, adding that 19 were injured.',
      ),
    ).toEqual(['agency chief Ali Musa']);
  });

  it('reads the agent of a passive claim verb, not the agent of a killing', () => {
    expect(claimantOf('The number of dead was put at 45 by local officials.')).toEqual(['local officials']);
    expect(claimantOf('The toll was confirmed by the health ministry: 23 dead.')).toEqual(['health ministry']);
    expect(claimantOf('Twelve civilians were reported killed by an airstrike.')).toEqual([null]);
  });

  it('takes no claimant from figures, a video or research that show something without a source', () => {
    expect(claimantOf('Official figures show 45 soldiers died. The video shows 12 bodies lying in a ditch.')).toEqual([
      null,
      null,
    ]);
  });

  it('reads "put the toll at" as a statement whose speaker came before', () => {
    expect(
      claimantOf('A spokesman for the rebels said the army lied and put their losses at 4 fighters killed.'),
    ).toEqual(['spokesman for the rebels']);
  });

  it('is whoever gives or changes a toll, never an event that raised it', () => {
    expect(claimantOf('A rebel radio station gave a far higher toll of 61 dead.')).toEqual(['rebel radio station']);
    expect(claimantOf('The regional health bureau later revised its figure to 212 killed.')).toEqual([
      'regional health bureau',
    ]);
    expect(claimantOf('Civil defence workers raised the number of dead to 19 on Sunday.')).toEqual([
      'Civil defence workers',
    ]);
    expect(claimantOf('The collapse of a second building raised the toll to 45.')).toEqual([null]);
    expect(claimantOf('Renewed shelling has raised the number of people displaced to 90,000.')).toEqual([null]);
  });

  it('takes no claim from a denied or negated verb, and a finding from "found" and its count', () => {
    expect(claimantOf('Local media listed 14 deaths that the army had not acknowledged.')).toEqual([null]);
    expect(claimantOf("The governor didn't confirm that 12 guards died.")).toEqual([null]);
    expect(claimantOf('A review by the Ombudsman found at least 44 deaths in custody.')).toEqual([
      'review by the Ombudsman',
    ]);
    expect(claimantOf('As per the health office, 19 soldiers died.')).toEqual(['health office']);
  });

  it('is whoever received or treated the dead and wounded it counts', () => {
    expect(claimantOf('The Red Crescent clinic received 23 wounded and 4 dead on Friday.')).toEqual([
      'Red Crescent clinic',
      'Red Crescent clinic',
    ]);
    expect(claimantOf('Surgeons treated 57 injured people overnight.')).toEqual(['Surgeons']);
    // "said it had received": the hospital that said so, not "hospital said it".
    expect(claimantOf('The district hospital said it had received 22 bodies.')).toEqual(['district hospital']);
    // Without a count, "received" claims nothing: the speaker is the one who said it.
    expect(claimantOf('The ward, which received reinforcements, said 8 people died.')).toEqual(['ward']);
  });

  it('is the one a relative clause is about: "..., who said"', () => {
    expect(claimantOf('The army figure was rejected by tribal elders, who said 52 had died.')).toEqual([
      'tribal elders',
    ]);
    expect(claimantOf('Aid workers met the camp manager, who said that 7 children had died.')).toEqual([
      'camp manager',
    ]);
  });

  it('leaves out when the source spoke', () => {
    expect(
      claimantOf('According to figures released by the interior ministry on Sunday night, 16 guards died.'),
    ).toEqual(['interior ministry']);
    expect(claimantOf('According to a statement by the governor on 4 May, 6 people were killed.')).toEqual([
      'governor',
    ]);
  });

  it('reads a possessive before a claim or a count as its source', () => {
    expect(claimantOf("Officials dismissed the militants' claim that 25 policemen had been killed.")).toEqual([
      'militants',
    ]);
    expect(claimantOf("The navy's count of 14 dead sailors was disputed.")).toEqual(['navy']);
    expect(claimantOf("The observers' assessment found that as many as 70 villagers were killed.")).toEqual([
      'observers',
    ]);
  });

  it('steps over a long aside between the speaker and the verb', () => {
    expect(
      claimantOf(
        'The movement, in a message posted on its official channel late at night, said it had killed 12 soldiers.',
      ),
    ).toEqual(['movement']);
  });

  it('finds the speaker after a time that opens the sentence', () => {
    expect(claimantOf('On Thursday the interior ministry said 17 border guards had died.')).toEqual([
      'interior ministry',
    ]);
    expect(claimantOf('The next evening the district chief told reporters that 6 farmers were wounded.')).toEqual([
      'district chief',
    ]);
    expect(claimantOf('Later that night the rebels said they had captured 45 soldiers.')).toEqual(['rebels']);
    expect(claimantOf('Three days later a Red Crescent official said 23 bodies had been recovered.')).toEqual([
      'Red Crescent official',
    ]);
  });

  it('leaves out how and when at first the source spoke', () => {
    expect(claimantOf('The army at first said that a drone had killed nine fighters at the checkpoint.')).toEqual([
      'army',
    ]);
    expect(claimantOf('Five guards died, the governor in a televised statement said.')).toEqual(['governor']);
    expect(claimantOf('The mayor at the time said 14 people had been wounded by the blast.')).toEqual(['mayor']);
    expect(claimantOf('The rebels in a post on Telegram said 30 soldiers were captured.')).toEqual(['rebels']);
  });

  it('reads "its estimate" as a noun, the claim being the verb of its clause', () => {
    expect(
      claimantOf('The governorate lowered its estimate of the dead to 31, saying two lists had overlapped.'),
    ).toEqual(['governorate']);
  });

  it('resolves "he added" to the last named speaker, never to a pronoun', () => {
    expect(claimantOf('Governor Ali Musa said 10 people were killed. He added that 25 more were wounded.')).toEqual([
      'Governor Ali Musa',
      'Governor Ali Musa',
    ]);
    expect(claimantOf('He said 4 people were wounded.')).toEqual([null]);
  });
});

describe('a speaker after the verb', () => {
  it('is not the outlet a source spoke to', () => {
    expect(claimantOf('Ahmed Nur, a resident, told Reuters that 5 people were shot dead.')).toEqual([
      'Ahmed Nur, resident',
    ]);
  });
});

describe('a speaker described between commas', () => {
  it('keeps a role written without its article with the name', () => {
    expect(
      claimantOf('Yusuf Adamu, chairman of the local vigilance group, told reporters that 11 farmers were killed.'),
    ).toEqual(['Yusuf Adamu, chairman of the local vigilance group']);
    expect(claimantOf('Olena Koval, head of the regional military administration, said 3 people died.')).toEqual([
      'Olena Koval, head of the regional military administration',
    ]);
  });

  it('steps over an aside or an age to the speaker', () => {
    expect(claimantOf('A medical source, speaking on condition of anonymity, said 16 soldiers were killed.')).toEqual([
      'medical source',
    ]);
    expect(claimantOf('The militia, asked about the ambush, said 7 of its men died.')).toEqual(['militia']);
    expect(claimantOf('Amina Bello, 52, a trader, said 4 of her neighbours were shot dead.')).toEqual([
      'Amina Bello, trader',
    ]);
  });

  it('never takes the clause after "said" for the speaker named before the comma', () => {
    expect(
      claimantOf(
        'Lina Farouk, a spokeswoman for the health directorate, said the shelling lasted all night and that 17 people died.',
      ),
    ).toEqual(['Lina Farouk, spokeswoman for the health directorate']);
  });

  it('never takes what was said after the verb for its speaker', () => {
    // Before: the claimant was "convoy was hit by a drone".
    expect(
      claimantOf(
        'Rami Haddad, spokesman for the civil defence, said the convoy was hit by a drone. He said 6 rescuers died.',
      ),
    ).toEqual(['Rami Haddad, spokesman for the civil defence']);
  });
});

describe('a speaker after a closing quote', () => {
  it('may open with "a"', () => {
    expect(claimantOf('"Eleven people died in the shelling," said a nurse at the clinic.')).toEqual(['nurse']);
  });
});

describe('"reports" after a preposition', () => {
  it('is a noun, not the verb of a claim', () => {
    expect(
      claimantOf('The UN envoy said he was alarmed by reports that more than 60 civilians had been killed.'),
    ).toEqual(['UN envoy']);
    expect(claimantOf('Unconfirmed reports said 5 soldiers died.')).toEqual(['Unconfirmed reports']);
    // The object of a verb: nobody in the sentence claims the 40.
    expect(claimantOf('The agency could not verify reports that 40 villagers had died.')).toEqual([null]);
  });

  it("is the bracketed source after each count, with what it gave ('figures', 'estimate') left out", () => {
    expect(claimantOf('Fighting killed 40 (Army estimate) and left 12 dead (UN figures) on 2 May.')).toEqual([
      'Army',
      'UN',
    ]);
    expect(claimantOf('- Casualties2: 350 killed (per NRF), 40 killed (Taliban figures)')).toEqual(['NRF', 'Taliban']);
  });

  it('is a source written in lower case in brackets when a word for a source ends it', () => {
    expect(
      claimantOf('- Casualties3: 9 civilians killed, 25+ wounded (hospital sources), 4 captured (mostly women)'),
    ).toEqual([null, 'hospital sources', null]);
  });

  it("is no source when the brackets name the state whose dead a coalition's line counts", () => {
    expect(claimantOf('- Casualties1: 8 killed (Australia), 3 killed (Netherlands), 21 wounded (UK figures)')).toEqual([
      null,
      null,
      'UK',
    ]);
  });

  it('is who attributed deaths to a party, and the keeper of records that show a count', () => {
    expect(claimantOf('Monitors attributed 23 of the deaths to the militia.')).toEqual(['Monitors']);
    // A participle: the deaths are attributed, nobody in the sentence speaks.
    expect(claimantOf('Nine deaths attributed to the militia were never investigated.')).toEqual([null]);
    expect(claimantOf('Morgue records show that 44 people died.')).toEqual(['Morgue records']);
  });

  it('is the agent of "as reported by", and no one for "as reported earlier"', () => {
    expect(claimantOf('As reported by Radio Okapi, at least 6 people were killed.')).toEqual(['Radio Okapi']);
    expect(claimantOf('As reported earlier, 6 people were killed.')).toEqual([null]);
  });

  it('is the one an agency quoted "as saying", not the agency', () => {
    expect(claimantOf('The agency quoted a district official as saying that 25 people had died.')).toEqual([
      'district official',
    ]);
    expect(claimantOf('Radio Dabanga quoted witness Adam Musa as saying 12 men were shot dead.')).toEqual([
      'witness Adam Musa',
    ]);
  });

  it('is who "put" their own count at a number, beside another side\'s', () => {
    expect(claimantOf('The army said 27 rebels were killed, while the rebels put their losses at five.')).toEqual([
      'army',
      'rebels',
    ]);
  });
});

describe('a speaker named before', () => {
  it('is who "the statement" and "the spokesman" stand for', () => {
    expect(
      claimantOf(
        'The interior ministry said in a statement that 22 gunmen were killed. Nine policemen were hurt, the statement added.',
      ),
    ).toEqual(['interior ministry', 'interior ministry']);
    expect(
      claimantOf(
        'Carlos Mejía, a spokesman for the army, said 5 guerrillas died. Two soldiers were wounded, the spokesman added.',
      ),
    ).toEqual(['Carlos Mejía, spokesman for the army', 'Carlos Mejía, spokesman for the army']);
  });

  it('is the subject of the clause for "and said"', () => {
    expect(
      claimantOf(
        'The army said 80 rebels were killed; a rebel commander dismissed the figure and said his side lost 9 men.',
      ),
    ).toEqual(['army', 'rebel commander']);
    expect(
      claimantOf('A police officer in Bunia gave a lower toll of 6 dead and said the attackers had fled.'),
    ).toEqual(['police officer in Bunia']);
  });

  it('is the first verb\'s subject, name between commas and all, for "and said"', () => {
    expect(
      claimantOf('A spokesman for the Houthis, Yahya Saree, dismissed the account and said only 7 fighters had died.'),
    ).toEqual(['spokesman for the Houthis, Yahya Saree']);
  });
});

describe('a speaker after a time that opens the sentence', () => {
  it('is read without the time', () => {
    expect(claimantOf('Last week the interior ministry said 31 police had died in the ambush.')).toEqual([
      'interior ministry',
    ]);
    expect(claimantOf('Late on Friday the coastguard said it had rescued 80 people and found 12 bodies.')).toEqual([
      'coastguard',
    ]);
  });

  it('keeps voices joined by "and"', () => {
    expect(claimantOf('State media and survivors said 14 people were killed in the blast.')).toEqual([
      'State media and survivors',
    ]);
  });
});

describe('a toll given in the passive, and a source reached by phone', () => {
  it('names who gave the toll and leaves out how the source was reached', () => {
    expect(claimantOf('A toll of 31 dead was given by the provincial health director.')).toEqual([
      'provincial health director',
    ]);
    expect(claimantOf('Villagers contacted by telephone said at least 9 herders died.')).toEqual(['Villagers']);
    expect(claimantOf('Villagers contacted by AFP said at least 9 herders died.')).toEqual([
      'Villagers contacted by AFP',
    ]);
    // The agent of the killing is no source.
    expect(claimantOf('Nine herders were killed by gunmen.')).toEqual([null]);
  });
});

describe('a list of the dead kept by a source', () => {
  it('names the keeper of the figures that list them', () => {
    expect(claimantOf('Official figures released by the Iraqi health ministry listed 52 policemen dead.')).toEqual([
      'Iraqi health ministry',
    ]);
  });
});

describe("a body's own statement", () => {
  const RELEASE = [
    'Yemen: Children killed in Taiz',
    '',
    'Press release | 3 March 2019',
    '',
    "SANA'A - The United Nations Children's Fund (UNICEF) said today that 7 children were killed in Taiz this week.",
    '',
    'On 1 March, a shell hit a school yard, killing 4 pupils. The Fund has also received credible reports that 2,000 families fled the Salah district.',
    '',
    'According to local health officials, 16 people were injured.',
  ].join('\n');

  it('gives the body the figures no one else is said to give', () => {
    expect(claimantOf(RELEASE)).toEqual([
      "United Nations Children's Fund (UNICEF)",
      "United Nations Children's Fund (UNICEF)",
      "United Nations Children's Fund (UNICEF)",
      'local health officials',
    ]);
  });

  it('takes the issuer from "Statement by ..." over a body quoted in it', () => {
    const text = [
      'Statement by the Resident Coordinator for Libya on the shelling of Tajoura',
      '',
      'Tripoli, 5 July 2019',
      '',
      'I am shocked by reports that dozens of migrants were killed.',
      '',
      'According to the Ministry of Health, 44 people were killed.',
    ].join('\n');
    expect(claimantOf(text)).toEqual(['Resident Coordinator for Libya', 'Ministry of Health']);
  });

  it("takes the issuer from the body's name above the statement's head", () => {
    const text = [
      'Kunar Relief Coordination Forum',
      'Flash Update No. 2: Floods and fighting in Asadabad',
      'Published: 14 June 2022',
      '',
      'An estimated 900 families have been displaced since Sunday.',
      '',
      'On 12 June, a mortar round hit a market; police said 5 civilians were killed, while the Ministry of Interior said 9 militants died.',
      '',
      '- Food: 400 displaced families received rations on 13 June.',
    ].join('\n');
    expect(claimantOf(text)).toEqual([
      'Kunar Relief Coordination Forum',
      'police',
      'Ministry of Interior',
      'Kunar Relief Coordination Forum',
    ]);
  });

  it('takes the issuer from the publisher beside the day, under a title that ends in "Flash Update"', () => {
    const text = [
      'Chad: Fighting in Abéché – Flash Update No. 2',
      '',
      'UNHCR | 3 February 2024',
      '',
      '• On 1 February, shelling hit the central market, killing 5 traders.',
      '• According to the regional hospital, 31 people were wounded.',
    ].join('\n');
    expect(claimantOf(text)).toEqual(['UNHCR', 'regional hospital']);
  });

  it('is no default in a news report', () => {
    expect(
      claimantOf('KABUL, May 3 (Reuters) - Gunmen killed 7 guards at a mine, the ministry said. Later 2 more died.'),
    ).toEqual(['ministry', null]);
    expect(claimantOf('Published: 3 May 2024\n\nGunmen killed 7 guards at a mine.')).toEqual([null]);
    // A statement quoted in the lead does not make the report one.
    expect(
      claimantOf('KABUL - UNAMA said in a statement that 4 guards died. Gunmen also killed 7 miners nearby.'),
    ).toEqual(['UNAMA', null]);
  });
});

describe('a source in a relative clause after a disputed figure', () => {
  it('is the one "which says" the other number', () => {
    expect(claimantOf('Army figures show 31 dead, a toll rejected by the separatists, which say 70 died.')).toEqual([
      'Army',
      'separatists',
    ]);
  });
});

describe('an accusation', () => {
  it("is the accuser's claim of the count it accuses another of", () => {
    expect(claimantOf('Amnesty International accused the militia of executing 19 farmers near Beni.')).toEqual([
      'Amnesty International',
    ]);
    expect(claimantOf('The ministry accuses the rebels of abducting 45 schoolgirls.')).toEqual(['ministry']);
  });

  it('names no one when the accused are the subject', () => {
    expect(claimantOf('Gunmen accused of killing 6 protesters appeared in court.')).toEqual([null]);
    expect(claimantOf('The men were accused of killing 11 herders.')).toEqual([null]);
  });
});

describe('a statement by a body', () => {
  const STATEMENT = [
    'Geneva, 4 June 2023 - The Office of the High Commissioner for Human Rights (OHCHR) deplores attacks in Darfur.',
    '',
    'Information gathered by the Office indicates that:',
    '',
    '- On 28 May, gunmen attacked a market in Kutum, killing 9 traders.',
    '- On 30 May, shelling hit a camp near Kabkabiya, injuring 14 people.',
    '',
    'Another 6 people died of their wounds in hospital.',
    '',
    'The Office said a further 20 had been abducted.',
  ].join('\n');

  it("gives the items of a list the speaker that introduced it, and the body's defined name to its short one", () => {
    const body = 'Office of the High Commissioner for Human Rights (OHCHR)';
    expect(claimantOf(STATEMENT)).toEqual([body, body, null, body]);
  });

  it('gives a list no speaker when the line that opens it names none', () => {
    expect(claimantOf('The incidents were these:\n\n- On 2 May, a mine killed 3 farmers.')).toEqual([null]);
  });
});

describe('a claim verb written with a capital inside a name', () => {
  it('is part of the name ("United States", "Said"), not the verb of a claim', () => {
    expect(claimantOf('Losses: 14 killed, 20 wounded (United States)')).toEqual([null, null]);
    expect(claimantOf('Governor Said Rahim told reporters that 9 civilians died.')).toEqual(['Governor Said Rahim']);
    expect(claimantOf('The Gulf States reported that 3 sailors were killed.')).toEqual(['Gulf States']);
  });

  it('is still a verb in a headline written in title case', () => {
    expect(claimantOf('Army Says 40 Killed In Raid On Base')).toEqual(['Army']);
  });
});

describe('a speaker after the verb, described rather than named', () => {
  it('is "a 52-year-old farmer", "an elderly resident", and never the article alone', () => {
    expect(claimantOf('"They fired at us," said a 52-year-old farmer whose two sons were killed.')).toEqual([
      '52-year-old farmer',
    ]);
    expect(claimantOf('Nine people died in the raid, said an elderly resident of the village.')).toEqual([
      'elderly resident of the village',
    ]);
  });

  it('is who compiled a list of the dead', () => {
    expect(
      claimantOf('Residents compiled a list of 45 people killed; officials put the toll at more than 80.'),
    ).toEqual(['Residents', 'officials']);
  });
});

describe('a speaker told by what stands for it', () => {
  it('is the organisation that speaks of "our teams"', () => {
    expect(claimantOf('Our medics treated 31 wounded people at the clinic, the Red Cross said.')).toEqual([
      'Red Cross',
    ]);
  });

  it('is the organisation named before "the organisation"', () => {
    expect(
      claimantOf(
        'Amnesty International said on Tuesday that abuses were widespread. The organisation documented the killing of 14 villagers in Tigray.',
      ),
    ).toEqual(['Amnesty International']);
  });

  it('is the source, not whoever read it', () => {
    expect(claimantOf('A police report seen by AFP says 19 prisoners were killed in the riot.')).toEqual([
      'police report',
    ]);
    expect(claimantOf('Morgue records reviewed by Human Rights Watch show that 52 detainees died in custody.')).toEqual(
      ['Morgue records'],
    );
  });
});
