import { describe, expect, it } from 'vitest';
import { readReportDate } from './dateline-reference.js';
import { extractDocument } from './extract-document.js';

const dayOf = (text: string) => {
  const found = readReportDate(text);
  return found && [found.from, `${found.day.y}-${found.day.m}-${found.day.d}`];
};

describe('the day a report speaks from', () => {
  it('reads a wire dateline with its year', () => {
    expect(dayOf('MOSUL, Iraq, 3 March 2019 (AFP) — Car bombs killed 8 people.')).toEqual(['dateline', '2019-3-3']);
    expect(dayOf('ALEPPO, Syria, Oct. 14, 2016 (AP) — Air strikes killed 20.')).toEqual(['dateline', '2016-10-14']);
  });

  it('reads a dateline that names the weekday before the day', () => {
    expect(dayOf('MOGADISHU, Saturday 4 March 2023 (Wire) - Two bombs went off.')).toEqual(['dateline', '2023-3-4']);
    expect(dayOf('Blasts in Somalia\n\nMOGADISHU, Sat., March 4, 2023 - Two bombs went off.')).toEqual([
      'dateline',
      '2023-3-4',
    ]);
    // The weekdays of the story count back from it.
    const figures = extractDocument(
      'MOGADISHU, Saturday 4 March 2023 (Wire) - Gunmen shot dead four traders in Afgooye on Thursday, police said.',
    ).figures;
    expect(figures.map((f) => f.date?.start)).toEqual(['2023-03-02']);
  });

  it('reads a dateline closed by a colon, or with a dash between the place and the day', () => {
    expect(dayOf('Herat, 2 April 2022 (Pajhwok): Two shops burned.')).toEqual(['dateline', '2022-4-2']);
    expect(dayOf('HERAT, Afghanistan — April 2, 2022 — Two shops burned.')).toEqual(['dateline', '2022-4-2']);
    // A colon after a day in prose is no dateline.
    expect(dayOf('A short history\n\nThe town fell twice. In 2001, 3 May: the first time.')).toBeNull();
  });

  it('gives a dateline without a year the year of the Published line', () => {
    expect(dayOf('Published: 2 January 2020\n\nTRIPOLI, Dec. 30 (Reuters) - Shelling killed 4.')).toEqual([
      'dateline',
      '2019-12-30',
    ]);
  });

  it('completes a yearless dateline with the page metadata date', () => {
    const found = readReportDate('TRIPOLI, Dec. 30 (Reuters) - Shelling killed 4.', { y: 2020, m: 1, d: 2 });
    expect(found?.day).toEqual({ y: 2019, m: 12, d: 30 });
  });

  it('leaves a yearless dateline unread when nothing gives its year', () => {
    expect(dayOf('TRIPOLI, Dec. 30 (Reuters) - Shelling killed 4.')).toBeNull();
  });

  it("reads a place and a day on a line of their own as the report's dateline", () => {
    expect(dayOf('Statement on the attack\n\nPort Sudan, 2 February 2025\n\nShells hit the market.')).toEqual([
      'byline',
      '2025-2-2',
    ]);
    expect(dayOf('Kyiv, 20.08.2023\n\nA missile struck the square.')).toEqual(['byline', '2023-8-20']);
  });

  it('reads Published and Updated lines', () => {
    expect(dayOf('Sahel update\nPublished on 4 May 2022\n\nText.')).toEqual(['published', '2022-5-4']);
    expect(dayOf('Live updates\nLast updated: 9 August 2021\n\nText of the blog, which runs on.')).toEqual([
      'title',
      '2021-8-9',
    ]);
  });

  it('reads a date standing alone under the byline', () => {
    const text = 'Fighting closes roads in Tigray\n\nBy Hanna Bekele\nMon 8 Nov 2021 09.30 GMT\n\nRoads were shut.';
    expect(dayOf(text)).toEqual(['byline', '2021-11-8']);
  });

  it('reads a date beside the name of its publisher, on either side of a bar', () => {
    const text =
      'Ten guards killed in Raqqa\n\nKurdish Monitoring Centre | 9 May 2021\n\nGunmen killed ten guards yesterday.';
    expect(dayOf(text)).toEqual(['byline', '2021-5-9']);
    expect(dayOf('Ten guards killed\n\n9 May 2021 · Kurdish Monitoring Centre\n\nGunmen killed ten guards.')).toEqual([
      'byline',
      '2021-5-9',
    ]);
    // "yesterday" counts back from it, and the line dates no event of its own.
    expect(extractDocument(text).figures.map((f) => f.date?.start)).toEqual(['2021-05-08', '2021-05-08']);
  });

  it('takes no date from an infobox line or a sentence of the story', () => {
    expect(dayOf('Siege of a town\n\n- Date: 3 May 2015 – 9 June 2015\n- Place: somewhere')).toBeNull();
    const story = `Talks stall\n\n${'Fighters from both sides met again near the river to talk about the prisoners they hold. '.repeat(2)}On 3 May 2015 talks failed.`;
    expect(dayOf(story)).toBeNull();
    // An article's short first sentence, under its title, is prose: it dates the story, not the page.
    expect(dayOf('= Siege of Sirte (2016) =\n\nThe siege began on 12 May 2016.\n\nIt lasted months.')).toBeNull();
    expect(dayOf('Sirte blast kills 4, 12 May 2016\n\nA bomb went off.')).toEqual(['title', '2016-5-12']);
  });

  it('counts "two days later" from the last day an article dated, after a first sentence that dates its start', () => {
    const text =
      '= Siege of Sirte (2016) =\n\nThe siege began on 12 May 2016.\n\nOn 20 May, 30 fighters were killed. Two days later, 12 more died.';
    expect(extractDocument(text).figures.map((f) => [f.low, f.date?.start])).toEqual([
      [30, '2016-05-20'],
      [12, '2016-05-22'],
    ]);
  });
});

describe('a dateline without a year', () => {
  it('takes its year from the latest full date the story names', () => {
    expect(dayOf('SANAA, Jan. 3 (Reuters) - Since 28 December 2018, air strikes have killed 30.')).toEqual([
      'dateline',
      '2019-1-3',
    ]);
    expect(dayOf('KHARTOUM, May 20 (Reuters) - Talks that began on 6 May 2023 stalled.')).toEqual([
      'dateline',
      '2023-5-20',
    ]);
  });
});

describe('a yearless day or month the report looks back to', () => {
  it('falls in the year before when it comes after the dateline day', () => {
    const text =
      'DAMASCUS, 3 March 2017 - Shelling killed 6 civilians in Douma on Monday. On 14 November, a car bomb killed 22 people in Azaz. Last October, 9 fishermen were killed by a mine.';
    expect(extractDocument(text).figures.map((f) => [f.low, f.date?.start, f.date?.end])).toEqual([
      [6, '2017-02-27', '2017-02-27'],
      [22, '2016-11-14', '2016-11-14'],
      [9, '2016-10-01', '2016-10-31'],
    ]);
  });

  it('stays in the report year when it comes before the dateline day', () => {
    const text = 'DAMASCUS, 3 March 2017 - On 14 January, a car bomb killed 22 people in Azaz.';
    expect(extractDocument(text).figures.map((f) => f.date?.start)).toEqual(['2017-01-14']);
  });
});

describe("a page's title year", () => {
  it('dates the yearless days of a page that names its year only in its title', () => {
    const text =
      '= Timeline of the siege of Avalon (March 2031) =\n\n== 4 March ==\n* Shelling killed 14 people in the old town.\n\n== 6 March ==\n* On 5 March, 9 soldiers were killed at the bridge.';
    expect(extractDocument(text).figures.map((f) => [f.low, f.date?.start])).toEqual([
      [14, '2031-03-04'],
      [9, '2031-03-05'],
    ]);
  });
});

describe('a running period on a page without a day of its own', () => {
  it('runs "since 2014" to the end of the conflict the infobox dates', () => {
    const text =
      '= Battle of Raqqa (2017) =\n\nInfobox\n- Conflict: Battle of Raqqa\n- Date: 6 June – 17 October 2017\n\nAfter the battle the SDF said 650 of its fighters had been killed in the city since 2014.';
    const killed = extractDocument(text).figures.find((f) => f.low === 650);
    expect([killed?.date?.start, killed?.date?.end]).toEqual(['2014-01-01', '2017-10-17']);
  });
});

describe("a rights group's dateline in brackets", () => {
  it("is the report's day, and the first toll it dates is the story, however long before", () => {
    const text = [
      'Sudan: Paramilitaries Killed Dozens in Village',
      '',
      '(Kampala, 12 June 2024) – Paramilitary fighters killed at least 36 villagers in Wad Madani on March 3, 2024, the group said today.',
      '',
      'Witnesses said 12 of the dead were children.',
      '',
      'The state health ministry said in May that 40 people had been killed in the attack.',
    ].join('\n');
    expect(dayOf(text)).toEqual(['dateline', '2024-6-12']);
    // The headline's "Dozens" tells the story too.
    expect(extractDocument(text).figures.map((f) => [f.low, f.date?.start])).toEqual([
      [null, '2024-03-03'],
      [36, '2024-03-03'],
      [12, '2024-03-03'],
      [40, '2024-05-01'],
    ]);
  });

  it('keeps the time inside what a source said as the event\'s: "it is reported that between May and July"', () => {
    const [figure] = extractDocument(
      'It is reported that between May and July 1997 the commander executed 300 prisoners.',
    ).figures;
    expect([figure?.date?.start, figure?.date?.end]).toEqual(['1997-05-01', '1997-07-31']);
  });
});
