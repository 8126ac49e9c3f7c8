import { api, query } from './api.js';
import type { Ctx } from './context.js';
import { clear, formatEstimate, h } from './dom.js';
import { forgetDocuments } from './filters-form.js';
import type { PointRow } from './types.js';

interface IngestResult {
  name: string;
  status: 'ingested' | 'unchanged';
  id: number;
  figures: number | null;
}

/** Upload a file or paste text; the server extracts it, and the page shows what came out. */
export function renderUploadView(el: HTMLElement, ctx: Ctx): void {
  const result = h('div', { class: 'ingest-result', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert' });
  const show = async (r: IngestResult) => {
    forgetDocuments();
    ctx.dataChanged();
    const incidents = await api<{ rows: PointRow[] }>(`incidents/points${query({ document: r.id })}`);
    clear(
      result,
      h('h3', {}, r.status === 'ingested' ? `Ingested document ${r.id}` : `Already stored as document ${r.id}`),
      h('p', {}, `${r.name}: ${r.figures ?? 'no new'} figures, ${incidents.rows.length} incidents.`),
      h(
        'p',
        {},
        h(
          'a',
          {
            href: `./?view=document&id=${r.id}`,
            onclick: (e: Event) => {
              e.preventDefault();
              ctx.go({ view: 'document', id: r.id });
            },
          },
          'Read it with its figures highlighted',
        ),
        ' · ',
        h(
          'a',
          {
            href: `./?document=${r.id}`,
            onclick: (e: Event) => {
              e.preventDefault();
              ctx.go({ view: 'home', filters: { document: String(r.id) } });
            },
          },
          'Show its incidents on the map',
        ),
      ),
      h(
        'ul',
        { class: 'new-incidents' },
        incidents.rows.map(([id, , , low, best, high, type, date, place]) =>
          h(
            'li',
            {},
            h(
              'a',
              {
                href: `./?view=incident&id=${id}`,
                onclick: (e: Event) => {
                  e.preventDefault();
                  ctx.go({ view: 'incident', id });
                },
              },
              `Incident ${id}: ${date}, ${place ?? 'place unknown'}`,
            ),
            ` — ${type}, deaths ${formatEstimate(low, best, high)}`,
          ),
        ),
      ),
    );
    result.querySelector('h3')?.setAttribute('tabindex', '-1');
    (result.querySelector('h3') as HTMLElement | null)?.focus();
  };
  const run = async (work: () => Promise<IngestResult>) => {
    error.textContent = '';
    clear(result, h('p', {}, 'Extracting…'));
    try {
      await show(await work());
    } catch (err) {
      result.replaceChildren();
      error.textContent = err instanceof Error ? err.message : String(err);
    }
  };

  const file = h('input', {
    id: 'up-file',
    name: 'file',
    type: 'file',
    accept: '.txt,.md,.html,.htm,.pdf,text/*,application/pdf',
  });
  // A copied wire's dateline often has no year ("GAO, June 5 (Reuters)"): the day it was published dates it.
  const publishedInput = (id: string) => h('input', { id, name: 'published', type: 'date' });
  const publishedLabel = 'Published on (optional; used when the text does not say)';
  const filePublished = publishedInput('up-file-published');
  const fileForm = h(
    'form',
    {
      'aria-labelledby': 'up-file-title',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const chosen = file.files?.[0];
        if (!chosen) {
          error.textContent = 'Choose a file first.';
          return;
        }
        const form = new FormData();
        // Fields before the file: the server reads the file as it streams in.
        if (filePublished.value) form.append('published', filePublished.value);
        form.append('file', chosen, chosen.name);
        void run(() => api<IngestResult>('documents/upload', { form }));
      },
    },
    h('h3', { id: 'up-file-title' }, 'A file'),
    h('div', { class: 'field' }, h('label', { for: 'up-file' }, 'Text, Markdown, HTML or PDF'), file),
    h('div', { class: 'field' }, h('label', { for: 'up-file-published' }, publishedLabel), filePublished),
    h('button', { type: 'submit' }, 'Upload and extract'),
  );
  const title = h('input', { id: 'up-title', name: 'title', type: 'text', maxlength: 500 });
  const source = h('input', {
    id: 'up-source',
    name: 'source',
    type: 'text',
    maxlength: 1000,
    placeholder: 'URL or reference',
  });
  const text = h('textarea', { id: 'up-text', name: 'text', rows: 10, required: true });
  const published = publishedInput('up-published');
  const pasteForm = h(
    'form',
    {
      'aria-labelledby': 'up-paste-title',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const body: Record<string, string> = { text: text.value };
        if (title.value.trim()) body.title = title.value.trim();
        if (source.value.trim()) body.source = source.value.trim();
        if (published.value) body.published = published.value;
        void run(() => api<IngestResult>('documents', { json: body }));
      },
    },
    h('h3', { id: 'up-paste-title' }, 'Pasted text'),
    h('div', { class: 'field' }, h('label', { for: 'up-title' }, 'Title (optional)'), title),
    h('div', { class: 'field' }, h('label', { for: 'up-source' }, 'Source (optional)'), source),
    h('div', { class: 'field' }, h('label', { for: 'up-published' }, publishedLabel), published),
    h('div', { class: 'field' }, h('label', { for: 'up-text' }, 'Report text'), text),
    h('button', { type: 'submit' }, 'Ingest and extract'),
  );
  clear(
    el,
    h('h2', { id: 'view-title' }, 'Add a report'),
    h(
      'p',
      { class: 'muted' },
      'The report is stored with its figures and grouped into incidents, as `tally ingest` does.',
    ),
    h('div', { class: 'upload-grid' }, fileForm, pasteForm),
    error,
    result,
  );
}
