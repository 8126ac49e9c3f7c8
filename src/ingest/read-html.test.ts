import { describe, expect, it } from 'vitest';
import { normalizeLanguageTag, splitSiteSuffix } from './html-metadata.js';
import { type HtmlReading, readHtml } from './read-html.js';

function read(html: string): HtmlReading {
  const result = readHtml(html);
  if (!result.ok) throw new Error(result.problem);
  return result.reading;
}

const LONG_PARAGRAPH =
  'Fighters loyal to the provincial commander attacked checkpoints on the edge of the city before dawn, and the fighting lasted well into the afternoon, residents said. ';

describe('readHtml', () => {
  it('reads the article: title, headings as lines, paragraphs apart by blank lines', () => {
    const reading = read(`<!DOCTYPE html><html lang="en-gb"><head><title>Fighting in Kunduz - Wikipedia</title></head>
      <body><nav><a href="/">Main page</a></nav><div id="content"><h1>Fighting in Kunduz</h1>
      <p>${LONG_PARAGRAPH.repeat(3)}</p><h2>Casualties</h2><p>At least <b>nine</b> people were killed.<sup class="reference">[2]</sup></p>
      <ul><li>Five soldiers</li><li>Four civilians</li></ul></div></body></html>`);
    expect(reading.title).toBe('Fighting in Kunduz');
    expect(reading.publisher).toBe('Wikipedia');
    expect(reading.language).toBe('en-GB');
    expect(reading.text).toBe(
      `Fighting in Kunduz\n\n${LONG_PARAGRAPH.repeat(3).trim()}\n\n== Casualties ==\n\nAt least nine people were killed.\n\n- Five soldiers\n- Four civilians`,
    );
  });

  it('never lets script or style reach the text, and keeps "<script>" written as words', () => {
    const reading = read(`<html><head><style>p { color: red }</style><script>document.write("evil")</script></head>
      <body><article><p>${LONG_PARAGRAPH}</p><p>The post said &lt;script&gt;alert(1)&lt;/script&gt; was found.</p>
      <script>var killed = 500;</script><noscript>Enable JavaScript</noscript></article></body></html>`);
    expect(reading.text).toContain('The post said <script>alert(1)</script> was found.');
    expect(reading.text).not.toMatch(/evil|killed = 500|color: red|Enable JavaScript/);
  });

  it('reads the metadata a news page gives about itself', () => {
    const reading = read(`<html lang="ps"><head><title>Ignored | Site</title>
      <meta property="og:title" content="Blast kills nine in Jalalabad"><meta property="og:site_name" content="Example News">
      <meta property="og:type" content="article"><meta property="article:published_time" content="2022-05-14T11:20:00+04:30">
      </head><body><p>${LONG_PARAGRAPH}</p></body></html>`);
    expect(reading).toMatchObject({
      title: 'Blast kills nine in Jalalabad',
      publisher: 'Example News',
      published: '2022-05-14',
      language: 'ps',
      article: true,
      infobox: false,
    });
  });

  it('falls back to <time datetime>, meta date and JSON-LD', () => {
    expect(
      read(`<html><body><time datetime="2021-08-10">10 August</time><p>${LONG_PARAGRAPH}</p></body></html>`).published,
    ).toBe('2021-08-10');
    expect(
      read(`<html><head><meta name="date" content="3 May 2020"></head><body><p>${LONG_PARAGRAPH}</p></body></html>`)
        .published,
    ).toBe('2020-05-03');
    const ld =
      '{"@type":"NewsArticle","datePublished":"2019-01-02","publisher":{"name":"LD News"},"headline":"From LD"}';
    expect(
      read(
        `<html><head><script type="application/ld+json">${ld}</script></head><body><p>${LONG_PARAGRAPH}</p></body></html>`,
      ),
    ).toMatchObject({
      published: '2019-01-02',
      publisher: 'LD News',
      title: 'From LD',
      article: true,
    });
  });

  it('puts an infobox table before the article text, cell by cell', () => {
    const reading = read(`<html><head><title>Siege of X</title></head><body>
      <table class="infobox"><tr><th>Date</th><td>4 March 2019</td></tr><tr><th>Casualties</th><td>9 killed<br>21 wounded</td></tr></table>
      <p>${LONG_PARAGRAPH.repeat(2)}</p></body></html>`);
    expect(reading.infobox).toBe(true);
    expect(reading.text).toBe(
      `Siege of X\n\nInfobox\n- Date: 4 March 2019\n- Casualties: 9 killed, 21 wounded\n\n${LONG_PARAGRAPH.repeat(2).trim()}`,
    );
  });

  it('reads a fragment without <html>, and a page Readability finds no article in', () => {
    expect(read('<p>Only one short line.</p>').text).toBe('Only one short line.');
    expect(read('<div><span>Kabul</span> <span>12 killed</span></div><div>Second</div>').text).toBe(
      'Kabul 12 killed\n\nSecond',
    );
  });

  it('renders other tables row by row', () => {
    const reading = read(
      `<body><p>${LONG_PARAGRAPH}</p><table><tr><th>Province</th><th>Killed</th></tr><tr><td>Kunduz</td><td>9</td></tr></table></body>`,
    );
    expect(reading.text).toContain('Province | Killed\nKunduz | 9');
  });

  it('reads markup whose only <html> tag sits in an unclosed comment (found by the fuzz test)', () => {
    expect(readHtml('<!--<html><tr><th>k</th><td>v</td></tr>')).toEqual({
      ok: false,
      problem: expect.stringContaining('no text found'),
    });
  });

  it('reports a page with no text', () => {
    expect(readHtml('<html><body><img src="scan.png"><script>var a = 1;</script></body></html>')).toEqual({
      ok: false,
      problem: expect.stringContaining('no text found after removing markup'),
    });
  });
});

describe('readHtml on what fuzzing found', () => {
  it('reads text nested 100,000 elements deep instead of overflowing the stack', () => {
    const deep = read(`<html><body>${'<div>'.repeat(100_000)}Militants killed 5 people.</body></html>`);
    expect(deep.text).toBe('Militants killed 5 people.');
    const lists = read(`<html><body>${'<ul><li>'.repeat(30_000)}Militants killed 5 people.</body></html>`);
    expect(lists.text).toContain('Militants killed 5 people.');
  });

  it('does not hang on a comment or body <title> whose text looks like markup', () => {
    // linkedom writes both back unescaped; Readability's re-parse then put a doctype inside <body>
    // and looped forever trying to move it.
    expect(readHtml('<d><![CDATA[--><!DOCTYPE h')).toMatchObject({ ok: false });
    const titled = read('<p>a<title>&lt;/title&gt;&lt;!DOCTYPE x&gt;</title></p>');
    expect(titled.text).toContain('a');
    expect(read(`<p>${LONG_PARAGRAPH}<!-- x --><!DOCTYPE h --></p>`).text).toBe(LONG_PARAGRAPH.trim());
  });

  it('refuses more elements than a page has, before laying them out', () => {
    const result = readHtml(`<ul>${'<li>x'.repeat(250_000)}</ul>`);
    expect(result).toEqual({
      ok: false,
      problem: '250,001 elements of markup, more than the 200,000 a page may have (a data export saved as HTML?)',
    });
  });
});

describe('splitSiteSuffix', () => {
  it('strips a known or named site, keeps a real subtitle', () => {
    expect(splitSiteSuffix('Battle of Darzab - Wikipedia', null)).toEqual({
      title: 'Battle of Darzab',
      site: 'Wikipedia',
    });
    expect(splitSiteSuffix('Blast in Kabul | Example Times', 'Example Times')).toEqual({
      title: 'Blast in Kabul',
      site: 'Example Times',
    });
    expect(splitSiteSuffix('Afghanistan - Flash Update No. 3', null)).toEqual({
      title: 'Afghanistan - Flash Update No. 3',
      site: null,
    });
  });
});

describe('normalizeLanguageTag', () => {
  it.each([
    ['en', 'en'],
    ['en_gb', 'en-GB'],
    ['FA-af', 'fa-AF'],
    ['uz-latn-af', 'uz-Latn-AF'],
    ['en, fr', 'en'],
    ['', null],
    ['english', null],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeLanguageTag(input)).toBe(expected);
  });
});
