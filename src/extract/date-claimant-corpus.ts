/**
 * Short reports written for these tests, in the styles the extractor meets (wire copy with a
 * dateline, NGO press release, UN flash update, live blog, bylined feature), each with the date
 * and the claimant a careful coder would give every figure. `at` is a unique phrase inside the
 * figure's words; `date` is the day the figure refers to (or null: no date may be given);
 * `claimant` is who states it (null: nobody does, and none may be invented).
 */
export interface CorpusFigure {
  at: string;
  date?: string | null;
  claimant?: string | null;
}

export interface CorpusReport {
  name: string;
  text: string;
  figures: CorpusFigure[];
}

export const DATE_CLAIMANT_CORPUS: CorpusReport[] = [
  {
    name: 'wire with a dateline without a year, and a Published line',
    text: `Drone strike kills 14 at market in North Darfur - medics

Published: June 12, 2024

EL FASHER, Sudan, June 12 (Reuters) - A drone strike on a crowded market in El Fasher killed 14 people on Tuesday, medics at the city's main hospital said, the latest in a string of attacks on the besieged city.

The strike also wounded at least 40 people, among them several children, said Adam Yahya, a doctor at the hospital. "We are still counting the wounded," he said.

Local activists said shelling on the Abu Shouk camp the day before had killed 5 people.

Since fighting for the city began in May, more than 700 civilians have been killed, according to the United Nations.

The army and its rivals agreed a truce in March that collapsed within days. Two aid workers were hurt in the latest strike, the first such casualties since the truce in March, a relief group said.
`,
    figures: [
      { at: 'kills 14', date: '2024-06-11', claimant: 'medics' },
      { at: 'killed 14 people', date: '2024-06-11', claimant: "medics at the city's main hospital" },
      { at: 'at least 40 people', date: '2024-06-11', claimant: 'Adam Yahya' },
      { at: 'killed 5 people', date: '2024-06-10', claimant: 'Local activists' },
      { at: 'more than 700 civilians', date: '2024-06-01', claimant: 'United Nations' },
      { at: 'Two aid workers', date: '2024-06-11', claimant: 'relief group' },
    ],
  },
  {
    name: 'wire with a full dateline and a multi-sentence quote',
    text: `HODEIDAH, 9 October 2018 (AFP) — Air strikes on a bus station in western Yemen killed 21 civilians, including eight children, on Monday night, a local health official told AFP.

"Most of them were travellers waiting for the morning bus. Another 30 are being treated for burns," said the official, who asked not to be named.

He added that 3 of the wounded died overnight in hospital.

Last week, an attack on a checkpoint near Hays killed 6 soldiers, the army said.
`,
    figures: [
      { at: 'killed 21 civilians', date: '2018-10-08', claimant: 'local health official' },
      { at: 'eight children', date: '2018-10-08', claimant: 'local health official' },
      { at: 'Another 30', date: '2018-10-08', claimant: 'official' },
      { at: '3 of the wounded', date: '2018-10-09', claimant: 'official' },
      { at: 'killed 6 soldiers', date: '2018-10-03', claimant: 'army' },
    ],
  },
  {
    name: 'NGO press release with a Published line and background history',
    text: `Myanmar: Air strike on village gathering kills dozens

Press release
Published: 14 April 2023

At least 38 civilians, including 10 children, were killed when military jets bombed a gathering in a village in Sagaing Region on 11 April, Amnesty International said today.

Survivors said a helicopter returned half an hour later and fired on people who had come to help, wounding at least 20 more.

In 2021, the military seized power in a coup. Since the coup in February 2021, more than 3,000 civilians have been killed by the security forces, according to the Assistance Association for Political Prisoners (AAPP).
`,
    figures: [
      { at: 'At least 38 civilians', date: '2023-04-11', claimant: 'Amnesty International' },
      { at: '10 children', date: '2023-04-11', claimant: 'Amnesty International' },
      { at: 'at least 20 more', date: '2023-04-11', claimant: 'Survivors' },
      { at: 'more than 3,000 civilians', date: '2023-04-14', claimant: 'AAPP' },
    ],
  },
  {
    name: 'UN flash update with a date in the title line',
    text: `UKRAINE: Kharkiv Oblast Flash Update No. 3 (14 May 2024)

SITUATION OVERVIEW
Since 10 May, more than 8,000 people have been displaced from border communities, the regional administration reported.

In the past 24 hours, attacks killed 4 civilians and injured 19 in Kharkiv city, local authorities said.

Humanitarian partners report that 2 aid workers were injured on 12 May when their convoy was hit near Vovchansk.

A total of 11 people were injured in Zolochiv over the weekend.
`,
    figures: [
      { at: 'more than 8,000 people', date: '2024-05-12', claimant: 'regional administration' },
      { at: 'killed 4 civilians', date: '2024-05-13', claimant: 'local authorities' },
      { at: 'injured 19', date: '2024-05-13', claimant: 'local authorities' },
      { at: '2 aid workers', date: '2024-05-12', claimant: 'Humanitarian partners' },
      { at: '11 people', date: '2024-05-12' },
    ],
  },
  {
    name: 'live blog with an Updated line and times',
    text: `Ukraine war live: strike on Odesa port

Updated: 18 July 2023

09:42 BST
Oleh Kiper, the head of Odesa's regional administration, said 2 port workers were killed and 12 injured in the overnight attack.

08:15 BST
Russia's defence ministry claimed its forces had killed 210 Ukrainian soldiers in the Donetsk region over the past day.
`,
    figures: [
      { at: '2 port workers', date: '2023-07-18', claimant: 'Oleh Kiper' },
      { at: '12 injured', date: '2023-07-18', claimant: 'Oleh Kiper' },
      { at: '210 Ukrainian soldiers', date: '2023-07-17', claimant: "Russia's defence ministry" },
    ],
  },
  {
    name: 'bylined story with a date under the byline',
    text: `Gunmen kill 22 in attack on Burkina Faso village

By Awa Traoré
Sat 2 Dec 2023 14.10 GMT

Gunmen on motorbikes killed at least 22 people in an attack on a village in northern Burkina Faso on Thursday, security sources said.

A resident reached by phone said 6 more people died of their wounds on Friday. "They fired on everyone who ran," she said.

The army said it had killed 40 attackers in a counter-operation earlier this week.
`,
    figures: [
      { at: 'kill 22', date: '2023-11-30' },
      { at: 'at least 22 people', date: '2023-11-30', claimant: 'security sources' },
      { at: '6 more people', date: '2023-12-01', claimant: 'resident' },
      { at: '40 attackers', date: '2023-11-28', claimant: 'army' },
    ],
  },
  {
    name: 'wire with a headline source and a spokesman named after his office',
    text: `Officials: 9 killed as shells hit Congo displacement camp

GOMA, Democratic Republic of Congo, Feb. 8, 2024 (AP) — Shells fired by rebels hit a camp for displaced people outside Goma on Wednesday, killing 9 people, North Kivu governor's spokesman Guillaume Njike said.

In 2012, the rebels briefly seized the city.

Hospital officials said 16 people were wounded by shrapnel.

Two peacekeepers were also wounded, the first such casualties near the city since the ceasefire was signed in November.
`,
    figures: [
      { at: '9 killed', date: '2024-02-07', claimant: 'Officials' },
      { at: 'killing 9 people', date: '2024-02-07', claimant: 'Guillaume Njike' },
      { at: '16 people', date: '2024-02-07', claimant: 'Hospital officials' },
      { at: 'Two peacekeepers', date: '2024-02-07' },
    ],
  },
  {
    name: 'NGO statement with running totals and a year-to-date count',
    text: `Statement by Doctors Without Borders (MSF) on violence in Ituri

Dated: 5 March 2021

Our teams in Bunia treated 57 wounded people last month, the highest number since we opened the clinic in 2019.

So far this year, at least 130 civilians have been killed in attacks on camps in the province, the UN refugee agency said on Friday.

Three of our staff were abducted a week ago and have since been released.
`,
    figures: [
      { at: '57 wounded people', date: '2021-02-15' },
      { at: 'at least 130 civilians', date: '2021-03-01', claimant: 'UN refugee agency' },
      { at: 'Three of our staff', date: '2021-02-26' },
    ],
  },
  {
    name: 'wire whose rival sources answer each other, with the dateline at the foot',
    text: `Junta says 30 rebels killed in clashes near the Thai border

YANGON, April 12 (Reuters) - Myanmar's military said on Friday its troops had killed 30 fighters of an ethnic armed group in fighting near the Thai border this week. A spokesman for the Karen National Union said the figure was exaggerated and put the group's losses at 4. He said 11 soldiers were captured.

Published: 12 April 2024
`,
    figures: [
      { at: 'killed 30 fighters', date: '2024-04-10', claimant: "Myanmar's military" },
      { at: 'losses at 4', date: '2024-04-10', claimant: 'Karen National Union' },
      { at: '11 soldiers', date: '2024-04-10', claimant: 'spokesman for the Karen National Union' },
    ],
  },
  {
    name: 'feature with a weekday and date line under the place, and voices joined by "and"',
    text: `Mogadishu, Somalia — Tuesday, 14 March 2023

A car bomb tore through a busy junction in the capital on Tuesday, killing at least 18 people and wounding 40 others, police and hospital staff said.

"We have received 18 bodies so far," said Abdulkadir Adan, who runs the city's ambulance service. He said his crews had carried 25 of the wounded to hospital.
`,
    figures: [
      { at: 'at least 18 people', date: '2023-03-14', claimant: 'police' },
      { at: 'wounding 40 others', date: '2023-03-14', claimant: 'hospital staff' },
      { at: '18 bodies', date: '2023-03-14', claimant: 'Abdulkadir Adan' },
      { at: '25 of the wounded', date: '2023-03-14', claimant: 'Abdulkadir Adan' },
    ],
  },
];
