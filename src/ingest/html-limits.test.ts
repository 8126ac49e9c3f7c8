import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { DomDocument } from './dom-types.js';
import { limitNesting, tidyTree } from './html-limits.js';

describe('limitNesting', () => {
  it('leaves an ordinary page as it is, counting its elements and depth', () => {
    const page =
      '<html><body><div class="a > b"><p>One<p>Two<ul><li>x<li>y</ul></div><!-- <div><div> --></body></html>';
    expect(limitNesting(page)).toEqual({ html: page, elements: 8, depth: 5 });
  });

  it('follows the implicit closes: a long list of unclosed items is wide, not deep', () => {
    const list = `<table><tr><td>a${'<tr><td>b'.repeat(500)}</table><ul>${'<li>item'.repeat(500)}</ul>`;
    expect(limitNesting(list, 10).html).toBe(list);
  });

  it('does not count tags inside scripts, styles, comments or quoted attributes', () => {
    const page = `<script>${'<div>'.repeat(50)}</script><p title="${'<div>'.repeat(50)}">x</p><!--${'<div>'.repeat(50)}-->`;
    expect(limitNesting(page, 10)).toMatchObject({ html: page, depth: 1 });
  });

  it('takes out elements deeper than the limit with their closing tags, keeping the text', () => {
    const { html, depth } = limitNesting(`${'<div>'.repeat(5)}deep${'</div>'.repeat(5)}<p>after</p>`, 3);
    expect(depth).toBe(3);
    expect(html).toBe('<div><div><div>  deep  </div></div></div><p>after</p>');
  });
});

describe('tidyTree', () => {
  it('removes comments and folds elements past the limit into their text', () => {
    const document = parseHTML(
      '<html><body><!-- note --><div><div><div><p>a</p><script>no</script><p>b</p></div></div></div></body></html>',
    ).document as DomDocument;
    tidyTree(document, 4);
    expect((document.body as unknown as { innerHTML: string }).innerHTML).toBe('<div><div>a b</div></div>');
  });
});
