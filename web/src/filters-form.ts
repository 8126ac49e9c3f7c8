import { api } from './api.js';
import { EVENT_TYPES } from './colors.js';
import { clear, h } from './dom.js';
import type { AppState, Filters } from './state.js';
import type { DocumentSummary } from './types.js';

interface ActorOption {
  id: string;
  name: string;
}

let actors: ActorOption[] | null = null;
let documents: DocumentSummary[] | null = null;

export function forgetDocuments(): void {
  documents = null;
}

function field(label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}

function select(id: string, name: string, value: string | undefined, options: [string, string][]): HTMLSelectElement {
  const el = h('select', { id, name }, h('option', { value: '' }, 'Any'));
  for (const [v, label] of options) el.append(h('option', { value: v, selected: v === value }, label));
  // A value from a shared link that is not in the list still shows.
  if (value && !options.some(([v]) => v === value)) el.append(h('option', { value, selected: true }, value));
  return el;
}

/** The filter form: every control writes the URL, and the URL drives map, timeline and table. */
export async function renderFilters(
  el: HTMLElement,
  state: AppState,
  apply: (filters: Filters, split: 'type' | 'actor') => void,
): Promise<void> {
  try {
    actors ??= await api<ActorOption[]>('actors?limit=100');
    documents ??= await api<DocumentSummary[]>('documents?limit=1000');
  } catch {
    actors ??= [];
    documents ??= [];
  }
  const f = state.filters;
  const from = h('input', { id: 'f-from', name: 'from', type: 'date', value: f.from ?? '' });
  const to = h('input', { id: 'f-to', name: 'to', type: 'date', value: f.to ?? '' });
  const place = h('input', {
    id: 'f-place',
    name: 'place',
    type: 'search',
    value: f.place ?? '',
    placeholder: 'province, district or town',
    autocomplete: 'off',
  });
  const actor = select(
    'f-actor',
    'actor',
    f.actor,
    actors.map((a) => [a.id, a.name]),
  );
  const type = select(
    'f-type',
    'type',
    f.type,
    EVENT_TYPES.map((t) => [t, t]),
  );
  const doc = select(
    'f-document',
    'document',
    f.document,
    documents.map((d) => [String(d.id), `#${d.id} ${d.title ?? d.source}`]),
  );
  const splitType = h('input', {
    type: 'radio',
    name: 'split',
    value: 'type',
    id: 'f-split-type',
    checked: state.split === 'type',
  });
  const splitActor = h('input', {
    type: 'radio',
    name: 'split',
    value: 'actor',
    id: 'f-split-actor',
    checked: state.split === 'actor',
  });
  const read = (): Filters => {
    const out: Filters = {};
    for (const [k, v] of [
      ['from', from.value],
      ['to', to.value],
      ['place', place.value.trim()],
      ['actor', actor.value],
      ['type', type.value],
      ['document', doc.value],
    ] as const) {
      if (v) out[k] = v;
    }
    return out;
  };
  const submit = () => apply(read(), splitActor.checked ? 'actor' : 'type');
  const form = h(
    'form',
    {
      class: 'filter-form',
      'aria-label': 'Filter incidents',
      onsubmit: (e: Event) => {
        e.preventDefault();
        submit();
      },
    },
    h('div', { class: 'dates' }, field('From', from), field('To', to)),
    field('Place', place),
    field('Actor', actor),
    field('Event type', type),
    field('Source document', doc),
    h(
      'fieldset',
      { class: 'split' },
      h('legend', {}, 'Split the timeline by'),
      h('label', { for: 'f-split-type' }, splitType, ' event type'),
      h('label', { for: 'f-split-actor' }, splitActor, ' actor'),
    ),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit' }, 'Apply'),
      h('button', { type: 'button', class: 'secondary', onclick: () => apply({}, 'type') }, 'Clear'),
    ),
  );
  for (const control of [actor, type, doc, splitType, splitActor, from, to]) control.addEventListener('change', submit);
  clear(el, h('h2', { id: 'filters-title' }, 'Filters'), form);
}
