import { api } from './api.js';
import type { Ctx } from './context.js';
import { clear, formatNumber, h, labelColumns } from './dom.js';
import { figureText } from './incident-view.js';
import { figureActions } from './review-forms.js';
import type { DocumentDetail, ReviewedFigure } from './types.js';

interface Span {
  start: number;
  end: number;
}

/**
 * The text cut at every figure's edges, each piece a text node: figures become <mark>, and the
 * sentence of the selected figure is wrapped so it stands out. Nothing here parses the text as HTML.
 */
export function highlightText(
  text: string,
  figures: ReviewedFigure[],
  selected: ReviewedFigure | null,
  hl: Span | null,
): HTMLElement {
  const cuts = new Set([0, text.length]);
  const sentence = selected ? selected.sentence : hl;
  for (const f of figures) {
    cuts.add(f.evidence.start);
    cuts.add(f.evidence.end);
  }
  if (sentence) {
    cuts.add(sentence.start);
    cuts.add(sentence.end);
  }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = h('div', {
    class: 'doc-text',
    tabindex: 0,
    'aria-label': 'Document text with extracted figures highlighted',
  });
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    if (a === b) continue;
    const piece = text.slice(a, b);
    const figure = figures.find((f) => f.evidence.start <= a && f.evidence.end >= b);
    let node: HTMLElement | Text = document.createTextNode(piece);
    if (figure) {
      const current = selected?.id === figure.id;
      node = h(
        'mark',
        {
          class: `fig ${figure.review?.status ?? 'unreviewed'}${current ? ' current' : ''}`,
          'data-figure': figure.id,
          title: `${figure.kind}: ${figureText(figure)}${figure.claimant ? `, says ${figure.claimant}` : ''}`,
        },
        piece,
      );
    }
    if (sentence && sentence.start <= a && sentence.end >= b) node = h('span', { class: 'sentence' }, node);
    out.append(node);
  }
  return out;
}

function parseSpan(hl: string | null): Span | null {
  const m = /^(\d+)-(\d+)$/.exec(hl ?? '');
  return m ? { start: Number(m[1]), end: Number(m[2]) } : null;
}

/** One document: its metadata, its text with every figure marked, and the figures with their review. */
export async function renderDocumentView(el: HTMLElement, ctx: Ctx, id: number): Promise<void> {
  const doc = await api<DocumentDetail>(`documents/${id}`);
  const hl = parseSpan(ctx.state.hl);
  const selected = hl
    ? (doc.figures.find((f) => f.evidence.start < hl.end && f.evidence.end > hl.start) ?? null)
    : null;
  const text = highlightText(doc.text, doc.figures, selected, hl);
  const rows = doc.figures.map((f) =>
    h(
      'tr',
      { 'data-figure': f.id, class: selected?.id === f.id ? 'current' : null },
      h(
        'td',
        {},
        h(
          'a',
          {
            href: `./?view=document&id=${id}&hl=${f.evidence.start}-${f.evidence.end}`,
            onclick: (e: Event) => {
              e.preventDefault();
              ctx.go({ view: 'document', id, hl: `${f.evidence.start}-${f.evidence.end}` });
            },
          },
          f.evidence.text,
        ),
      ),
      h('td', {}, f.kind),
      h(
        'td',
        { class: 'figure' },
        figureText(f),
        f.review?.corrected ? h('span', { class: 'badge' }, 'corrected') : null,
      ),
      h('td', { class: 'num' }, formatNumber(f.low)),
      h('td', { class: 'num' }, formatNumber(f.high)),
      h('td', {}, f.claimant ?? 'not stated'),
      h('td', {}, f.review?.status ?? 'unreviewed'),
      ctx.canReview ? h('td', {}, figureActions(f, ctx, `figure “${f.evidence.text}”`)) : null,
    ),
  );
  clear(
    el,
    h('h2', { id: 'view-title' }, doc.title ?? doc.source),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Source'),
      h('dd', {}, doc.source),
      h('dt', {}, 'Published'),
      h(
        'dd',
        {},
        doc.published === null
          ? 'not stated'
          : doc.published_given
            ? `${doc.published} (given at ingest; the text does not say)`
            : doc.published,
      ),
      h('dt', {}, 'Publisher'),
      h('dd', {}, doc.publisher ?? 'not stated'),
      h('dt', {}, 'Format, kind'),
      h('dd', {}, `${doc.format}, ${doc.kind}`),
      h('dt', {}, 'Ingested'),
      h('dd', {}, doc.ingested_at.slice(0, 16).replace('T', ' ')),
    ),
    h(
      'p',
      {},
      h(
        'a',
        {
          href: `./?document=${id}`,
          onclick: (e: Event) => {
            e.preventDefault();
            ctx.go({ view: 'home', filters: { document: String(id) } });
          },
        },
        'Show this document’s incidents on the map',
      ),
    ),
    h('h3', {}, 'Text'),
    selected
      ? h('p', { class: 'muted' }, `Highlighted: the sentence of “${selected.evidence.text}”.`)
      : h('p', { class: 'muted' }, `${doc.figures.length} figures marked in the text.`),
    text,
    h('h3', {}, `Figures (${doc.figures.length})`),
    h(
      'div',
      { class: 'table-scroll' },
      labelColumns(
        h(
          'table',
          { class: 'figures' },
          h('caption', { class: 'sr-only' }, 'Figures extracted from this document'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [
                'Words',
                'Kind',
                'Figure',
                'Low',
                'High',
                'Claimant',
                'Review',
                ...(ctx.canReview ? ['Actions'] : []),
              ].map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          h('tbody', {}, rows),
        ),
      ),
    ),
  );
  const target = text.querySelector('.current, .sentence');
  if (target) target.scrollIntoView({ block: 'center' });
}
