/** Everything a view shows lives in the URL, so a link reproduces it and back/forward walk through it. */
export const FILTER_KEYS = ['from', 'to', 'place', 'actor', 'type', 'document'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const VIEWS = ['home', 'incident', 'document', 'documents', 'upload', 'audit', 'signin'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface AppState {
  filters: Filters;
  /** How the timeline splits its bars. */
  split: 'type' | 'actor';
  view: ViewName;
  id: number | null;
  /** A highlighted span in the document view: "start-end". */
  hl: string | null;
}

export function parseState(search: string): AppState {
  const q = new URLSearchParams(search);
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const v = q.get(key)?.trim();
    if (v) filters[key] = v;
  }
  const view = q.get('view') ?? 'home';
  const id = Number(q.get('id'));
  return {
    filters,
    split: q.get('split') === 'actor' ? 'actor' : 'type',
    view: (VIEWS as readonly string[]).includes(view) ? (view as ViewName) : 'home',
    id: Number.isInteger(id) && id > 0 ? id : null,
    hl: q.get('hl'),
  };
}

export function toSearch(state: AppState): string {
  const q = new URLSearchParams();
  if (state.view !== 'home') q.set('view', state.view);
  if (state.id !== null) q.set('id', String(state.id));
  if (state.hl) q.set('hl', state.hl);
  for (const key of FILTER_KEYS) {
    const v = state.filters[key];
    if (v) q.set(key, v);
  }
  if (state.split !== 'type') q.set('split', state.split);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function href(state: Partial<AppState>, base: AppState): string {
  return `./${toSearch({ ...base, id: null, hl: null, ...state })}`;
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return FILTER_KEYS.every((k) => (a[k] ?? '') === (b[k] ?? ''));
}
