import { api } from './api.js';
import type { Ctx } from './context.js';
import { clear, h } from './dom.js';
import type { DocumentSummary } from './types.js';

export async function renderDocumentsView(el: HTMLElement, ctx: Ctx): Promise<void> {
  const docs = await api<DocumentSummary[]>('documents?limit=1000');
  clear(
    el,
    h('h2', { id: 'view-title' }, 'Documents'),
    docs.length === 0
      ? h('p', { class: 'empty' }, 'No documents yet.')
      : h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Title', 'Published', 'Kind', 'Figures'].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              {},
              docs.map((d) =>
                h(
                  'tr',
                  {},
                  h(
                    'td',
                    {},
                    h(
                      'a',
                      {
                        href: `./?view=document&id=${d.id}`,
                        onclick: (e: Event) => {
                          e.preventDefault();
                          ctx.go({ view: 'document', id: d.id });
                        },
                      },
                      d.title ?? d.source,
                    ),
                  ),
                  h('td', {}, d.published ?? '–'),
                  h('td', {}, d.kind),
                  h('td', { class: 'num' }, String(d.figures)),
                ),
              ),
            ),
          ),
        ),
  );
}
