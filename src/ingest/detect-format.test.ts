import { describe, expect, it } from 'vitest';
import { detectTextFormat, extensionOf, isPdf, looksLikeHtml } from './detect-format.js';

describe('isPdf', () => {
  it('finds the %PDF- header at the start or after a little junk', () => {
    expect(isPdf(new TextEncoder().encode('%PDF-1.7\n...'))).toBe(true);
    expect(isPdf(new TextEncoder().encode('\r\n\r\n%PDF-1.4'))).toBe(true);
    expect(isPdf(new TextEncoder().encode('a report about %PDF files'))).toBe(false);
    expect(isPdf(new Uint8Array([0x25, 0x50]))).toBe(false);
  });
});

describe('detectTextFormat', () => {
  it('reads a full page as HTML whatever its name', () => {
    expect(detectTextFormat('<!DOCTYPE html><html><body><p>x</p></body></html>', 'saved.txt')).toBe('html');
    expect(detectTextFormat('\n  <html lang="fa"><body>متن</body></html>', 'report')).toBe('html');
    expect(detectTextFormat('<!-- saved --><head><title>t</title></head><body>x</body>', 'a.md')).toBe('html');
  });

  it('reads a fragment that is mostly block markup as HTML', () => {
    const fragment = '<h1>Blast in Kabul</h1>\n<p>At least five people were killed.</p>\n<p>Police said.</p>';
    expect(detectTextFormat(fragment, 'fragment.txt')).toBe('html');
  });

  it('keeps a text file with an embedded infobox table among prose as text', () => {
    const text = [
      '= Battle of Example =',
      '',
      '<table class="infobox"><tr><th>Date</th><td>1 May 2020</td></tr><tr><th>Place</th><td>Kunduz</td></tr></table>',
      '',
      'The battle was fought over three days in the north of the province, and dozens were reported killed.',
      'Another paragraph with more words about the fighting and the displaced families who fled.',
    ].join('\n');
    expect(detectTextFormat(text, 'battle.txt')).toBe('text');
  });

  it('keeps text that starts with a table but is mostly prose as text', () => {
    const text = `<table><tr><th>Killed</th><td>12</td></tr></table>\n${'Prose about the attack and its victims. '.repeat(10)}`;
    expect(looksLikeHtml(text)).toBe(false);
  });

  it('keeps prose that mentions tags as words as text', () => {
    expect(detectTextFormat('The page hid a <script> tag and a <div> in its <body> text.', 'note.txt')).toBe('text');
  });

  it('uses .html as a tie-breaker only when there is some markup', () => {
    expect(detectTextFormat('Just words, <b>one</b> tag.', 'page.html')).toBe('html');
    expect(detectTextFormat('Just words.', 'page.html')).toBe('text');
  });

  it('reads Markdown by extension or by a heading', () => {
    expect(detectTextFormat('Plain words', 'statement.md')).toBe('markdown');
    expect(detectTextFormat('Plain words', 'statement.markdown')).toBe('markdown');
    expect(detectTextFormat('Intro\n\n## Summary\nWords', 'statement.txt')).toBe('markdown');
    expect(detectTextFormat('#hashtag is not a heading', 'note.txt')).toBe('text');
  });

  it('falls back to text', () => {
    expect(detectTextFormat('= Title =\n\n== Section ==\nWords', 'wiki.txt')).toBe('text');
  });
});

describe('extensionOf', () => {
  it('takes the last extension of the base name, lower-cased', () => {
    expect(extensionOf('a/b.c/Report.HTML')).toBe('html');
    expect(extensionOf('a/b.c/README')).toBe('');
    expect(extensionOf('<stdin>')).toBe('');
  });
});

describe('looksLikeHtml on what fuzzing found', () => {
  it('measures closing tags for elements that are not open in linear time', () => {
    // Each "</span>" used to scan the whole stack of open <div>s: minutes for a 3 MB file.
    expect(looksLikeHtml(`<p>${'<div>'.repeat(200_000)}${'</span>'.repeat(200_000)}`)).toBe(true);
    expect(looksLikeHtml(`<p>words</p>${'</b>'.repeat(200_000)} and loose prose after it`)).toBe(true);
    expect(looksLikeHtml('<p>a</p><div><span>b</div></span> and a lot of loose prose standing after the markup')).toBe(
      false,
    );
  });
});
