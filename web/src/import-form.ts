import type { ImportResult } from '../../src/core/api.js';
import { api } from './api.js';
import type { Ctx } from './context.js';
import { clear, formatNumber, h } from './dom.js';

const rows = (n: number) => `${formatNumber(n)} ${n === 1 ? 'row' : 'rows'}`;

function renderResult(el: HTMLElement, r: ImportResult): void {
  const updated = r.updated > 0 ? `, ${formatNumber(r.updated)} of them already stored and updated in place` : '';
  const more = r.failed - r.errors.length;
  clear(
    el,
    h('h3', { tabindex: -1 }, `Imported ${rows(r.imported)} as “${r.dataset}”`),
    h('p', {}, `${r.format === 'ged' ? 'UCDP GED' : 'ACLED'} file: ${rows(r.failed)} failed${updated}.`),
    r.errors.length > 0 &&
      h(
        'ul',
        { class: 'import-errors' },
        r.errors.map((e) => h('li', {}, `Line ${e.line ?? '?'}: ${e.message}`)),
        more > 0 && h('li', {}, `… and ${formatNumber(more)} more`),
      ),
  );
  el.querySelector('h3')?.focus();
}

/** For analysts: import a UCDP GED or ACLED CSV, as `tally import` does, and show what went in. */
export function renderImportForm(el: HTMLElement, ctx: Ctx): void {
  if (!ctx.canReview) return;
  const result = h('div', { class: 'import-result', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert' });
  const file = h('input', { id: 'imp-file', name: 'file', type: 'file', accept: '.csv,text/csv' });
  const version = h('input', {
    id: 'imp-version',
    name: 'dataset_version',
    type: 'text',
    maxlength: 20,
    placeholder: 'e.g. 19.1',
  });
  const form = h(
    'form',
    {
      class: 'import-form',
      'aria-labelledby': 'imp-title',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const chosen = file.files?.[0];
        error.textContent = '';
        if (!chosen) {
          error.textContent = 'Choose a file first.';
          return;
        }
        // The release goes first: the server reads the file as it arrives.
        const body = new FormData();
        if (version.value.trim()) body.append('dataset_version', version.value.trim());
        body.append('file', chosen, chosen.name);
        clear(result, h('p', {}, 'Importing…'));
        try {
          renderResult(result, await api<ImportResult>('import', { form: body }));
          ctx.dataChanged();
        } catch (err) {
          result.replaceChildren();
          error.textContent = err instanceof Error ? err.message : String(err);
        }
      },
    },
    h('h3', { id: 'imp-title' }, 'A dataset'),
    h(
      'p',
      { class: 'muted' },
      'A UCDP GED or ACLED CSV, told apart by its columns. Rows already imported are updated in place.',
    ),
    h('div', { class: 'field' }, h('label', { for: 'imp-file' }, 'UCDP GED or ACLED CSV'), file),
    h('div', { class: 'field' }, h('label', { for: 'imp-version' }, 'Release (optional)'), version),
    h('button', { type: 'submit' }, 'Import'),
  );
  el.append(h('section', { class: 'import-section' }, form, error, result));
}
