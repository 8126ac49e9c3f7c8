import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { DomDocument, DomElement } from './dom-types.js';
import { cellValue, findInfoboxTables, readInfobox, renderInfobox } from './html-infobox.js';

function body(html: string): DomElement {
  const document = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document as DomDocument;
  return document.body as DomElement;
}

function cell(html: string): DomElement {
  return body(`<table><tr><td>${html}</td></tr></table>`).querySelector('td') as DomElement;
}

describe('cellValue', () => {
  it('joins lines, list items and paragraphs with ", "', () => {
    expect(cellValue(cell('Taliban<br>ISKP<br/> <br>'))).toBe('Taliban, ISKP');
    expect(cellValue(cell('Government<ul><li>Army</li><li>Police</li></ul>'))).toBe('Government, Army, Police');
    expect(cellValue(cell('<p>one</p><div>two</div>'))).toBe('one, two');
  });

  it('drops images, footnote marks, hidden text, style and script', () => {
    const html =
      '<img src="flag.png" alt="Flag"> Afghanistan<sup class="reference">[1]</sup><sup>[a]</sup>' +
      '<span style="display:none">sortkey</span><style>.x{}</style><script>var x = "<b>";</script>';
    expect(cellValue(cell(html))).toBe('Afghanistan');
  });

  it('keeps inline pieces glued as they display', () => {
    expect(cellValue(cell('Haji Karim Bek<abbr title="Killed in action">KIA</abbr>'))).toBe('Haji Karim BekKIA');
    expect(cellValue(cell('8,000–<b>12,000</b>'))).toBe('8,000–12,000');
  });
});

describe('readInfobox', () => {
  it('reads a conflict infobox cell by cell, sides in columns numbered like the template', () => {
    const root = body(`<table class="infobox vevent">
      <caption>Siege of Example</caption>
      <tr><td colspan="2"><img src="map.png"><br>Map of the area</td></tr>
      <tr><td colspan="2">Part of the War in Afghanistan</td></tr>
      <tr><th>Date</th><td>12 July – 1 August 2018</td></tr>
      <tr><th>Location</th><td>Darzab District, Jowzjan</td></tr>
      <tr><th colspan="2">Belligerents</th></tr>
      <tr><td>Taliban</td><td>Islamic State – Khorasan Province</td></tr>
      <tr><th colspan="2">Commanders and leaders</th></tr>
      <tr><td>Mullah A<br>Haji B<abbr>KIA</abbr></td><td>Mawlawi C</td></tr>
      <tr><th colspan="2">Casualties and losses</th></tr>
      <tr><td>17 killed<sup class="reference">[4]</sup></td><td>153 killed<br>134 captured</td></tr>
      <tr><td colspan="2">Thousands of civilians displaced</td></tr>
    </table>`);
    const [table] = findInfoboxTables(root);
    expect(renderInfobox(readInfobox(table as DomElement))).toBe(
      [
        'Infobox',
        '- Conflict: Siege of Example',
        '- Partof: the War in Afghanistan',
        '- Date: 12 July – 1 August 2018',
        '- Place: Darzab District, Jowzjan',
        '- Combatant1: Taliban',
        '- Combatant2: Islamic State – Khorasan Province',
        '- Commander1: Mullah A, Haji BKIA',
        '- Commander2: Mawlawi C',
        '- Casualties1: 17 killed',
        '- Casualties2: 153 killed, 134 captured',
        '- Casualties3: Thousands of civilians displaced',
      ].join('\n'),
    );
  });

  it('takes a first full-width header row as the subject name', () => {
    const root = body(
      '<table class="infobox"><tr><th colspan="2">Kunduz Province</th></tr><tr><th>Capital</th><td>Kunduz</td></tr></table>',
    );
    expect(readInfobox(findInfoboxTables(root)[0] as DomElement)).toEqual([
      { key: 'Name', value: 'Kunduz Province' },
      { key: 'Capital', value: 'Kunduz' },
    ]);
  });
});

describe('readInfobox on what fuzzing found', () => {
  it('makes no entry with an empty key or value', () => {
    const table = (rows: string) =>
      body(`<table class="infobox vevent">${rows}</table>`).querySelector('table') as DomElement;
    // "Part of" with nothing after it, and cells that are only punctuation, used to give "- Partof: ".
    expect(readInfobox(table('<tr><td colspan="2">Part of</td></tr>'))).toEqual([]);
    expect(readInfobox(table('<tr><td>:</td><td>0</td></tr>'))).toEqual([]);
    expect(readInfobox(table('<tr><th>x</th></tr><tr><th>:</th></tr><tr><td>a</td><td>b</td></tr>'))).toEqual([
      { key: 'Name', value: 'x' },
      { key: 'a', value: 'b' },
    ]);
  });
});

describe('findInfoboxTables', () => {
  it('finds a classless key/value table before the first paragraph, not a data table after it', () => {
    const root =
      body(`<div><table id="kv"><tr><th>Date</th><td>4 March 2019</td></tr><tr><th>Place</th><td>Sancharak</td></tr></table></div>
      <p>The offensive began in March.</p>
      <table id="late"><tr><th>Killed</th><td>9</td></tr><tr><th>Wounded</th><td>21</td></tr></table>`);
    expect(findInfoboxTables(root).map((t) => t.getAttribute('id'))).toEqual(['kv']);
  });

  it('ignores a data table with a header row, and a nested table inside an infobox', () => {
    const root =
      body(`<table id="data"><tr><th>Province</th><th>Killed</th></tr><tr><td>Kunduz</td><td>9</td></tr></table>
      <table class="infobox" id="box"><tr><th>Date</th><td><table class="infobox"><tr><td>x</td></tr></table></td></tr></table>`);
    expect(findInfoboxTables(root).map((t) => t.getAttribute('id'))).toEqual(['box']);
  });
});

describe('status icons in a cell', () => {
  it('keeps the status an icon names and drops flags', () => {
    const html =
      'Omar Rashid<img alt="Killed in action" src="k.png"><br><img alt="" src="f.png"> Samir Daoud<img title="Prisoner of war" src="p.png">';
    expect(cellValue(cell(html))).toBe('Omar Rashid KIA, Samir Daoud (POW)');
  });
});

describe('civil-conflict infobox sections', () => {
  it('numbers Parties, Lead figures and Number per side like the military template', () => {
    const root = body(`<table class="infobox">
      <tr><th colspan="2">2019 Khartoum protests</th></tr>
      <tr><th>Date</th><td>3 June 2019</td></tr>
      <tr><th colspan="2">Parties to the civil conflict</th></tr>
      <tr><td>Protesters</td><td>Transitional Military Council</td></tr>
      <tr><th colspan="2">Lead figures</th></tr>
      <tr><td>Mohamed Naji</td><td>Abdel Fattah al-Burhan</td></tr>
      <tr><th colspan="2">Number</th></tr>
      <tr><td>Thousands</td><td>c. 10,000</td></tr>
    </table>`);
    const keys = readInfobox(findInfoboxTables(root)[0] as DomElement).map((e) => e.key);
    expect(keys).toEqual([
      'Conflict',
      'Date',
      'Combatant1',
      'Combatant2',
      'Commander1',
      'Commander2',
      'Strength1',
      'Strength2',
    ]);
  });
});
