import './style.css';
import { ApiError, api, query, setCsrfToken } from './api.js';
import { renderAuditView } from './audit-view.js';
import type { Ctx } from './context.js';
import { renderDocumentView } from './document-view.js';
import { renderDocumentsView } from './documents-view.js';
import { byId, clear, h } from './dom.js';
import { renderExportMenu } from './export-menu.js';
import { renderFilters } from './filters-form.js';
import { renderImportForm } from './import-form.js';
import { renderIncidentTable, type TablePage } from './incident-table.js';
import { renderIncidentView } from './incident-view.js';
import { renderLegend } from './map-legend.js';
import { createMap, type MapView } from './map-view.js';
import { renderSignIn } from './signin-view.js';
import { type AppState, type Filters, parseState, sameFilters, toSearch } from './state.js';
import { loadTimeline, renderTimeline, type TimelineData } from './timeline.js';
import type { Me, User } from './types.js';
import { renderUploadView } from './upload-view.js';

let state: AppState = parseState(location.search);
let me: Me = { user: null, via: 'anonymous', public_reads: false };
let mapView: MapView | null = null;
let loaded: { filters: Filters; split: string } | null = null;
let loadSeq = 0;
let timeline: TimelineData | null = null;
const TABLE_PAGE = 50;

const canReview = () => me.user?.role === 'analyst' || me.user?.role === 'admin';

function notify(message: string, kind: 'ok' | 'error' = 'ok'): void {
  const el = byId('status');
  clear(el, h('p', { class: kind === 'error' ? 'error' : 'ok' }, message));
}

function go(next: Partial<AppState>, _options: { keepFilters?: boolean } = {}): void {
  state = { ...state, id: null, hl: null, ...next };
  clear(byId('status'));
  history.pushState(null, '', `./${toSearch(state)}`);
  void render(true);
}

function ctx(): Ctx {
  return {
    state,
    user: me.user,
    canReview: canReview(),
    go,
    notify,
    refresh: () => void render(false),
    dataChanged: () => {
      loaded = null;
    },
  };
}

function renderAccount(): void {
  const el = byId('account');
  if (me.user) {
    clear(
      el,
      h('span', { class: 'who' }, `${me.user.name} (${me.user.role})`),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          onclick: async () => {
            await api('logout', { json: {} }).catch(() => null);
            setCsrfToken(null);
            me = { ...me, user: null, via: 'anonymous' };
            notify('Signed out.');
            loaded = null;
            go({ view: 'home' });
          },
        },
        'Sign out',
      ),
    );
  } else {
    clear(
      el,
      h(
        'a',
        {
          href: './?view=signin',
          onclick: (e: Event) => {
            e.preventDefault();
            go({ view: 'signin' });
          },
        },
        'Sign in',
      ),
    );
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]')) {
    const view = link.dataset.view;
    link.hidden = link.hasAttribute('data-analyst') && !canReview();
    if (view === state.view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function loadDashboard(): Promise<void> {
  const seq = ++loadSeq;
  const filters = state.filters;
  const split = state.split;
  loaded = { filters, split };
  const tableEl = byId('table');
  tableEl.setAttribute('aria-busy', 'true');
  try {
    const page = (more: Record<string, string | number>) =>
      api<TablePage>(`incidents/points${query({ ...filters, ...more, limit: TABLE_PAGE })}`);
    // One document's incidents are few: the timeline sums them here (the aggregates know no document).
    const documentPoints = async () =>
      (await api<TablePage>(`incidents/points${query({ ...filters, limit: 20_000 })}`)).rows;
    // Map, table and timeline ask at once and each shows as soon as its answer is in.
    const timelineData = loadTimeline(filters, split, documentPoints);
    timelineData.catch(() => undefined);
    const [stats, first] = await Promise.all([
      mapView ? mapView.setFilters(filters, Object.keys(filters).length > 0) : null,
      page({}),
    ]);
    if (seq !== loadSeq) return;
    const counts = stats ?? { total: first.rows.length, mapped: first.rows.length, extent: null };
    renderIncidentTable(
      tableEl,
      first,
      counts,
      ([id, , , , , , , date]) => page({ before_date: date, before_id: id }),
      (id) => go({ view: 'incident', id }),
    );
    tableEl.removeAttribute('aria-busy');
    performance.mark('tally:table-drawn');
    const data = await timelineData;
    if (seq !== loadSeq) return;
    timeline = data;
    drawTimeline();
    document.body.dataset.loaded = String(seq);
    performance.mark('tally:dashboard-loaded');
  } catch (err) {
    loaded = null;
    notify(err instanceof Error ? err.message : String(err), 'error');
  }
}

function drawTimeline(): void {
  if (!timeline) return;
  renderTimeline(byId('timeline'), timeline, state.filters, (from, to) =>
    go({ view: 'home', filters: { ...state.filters, from, to } }),
  );
}

async function render(navigated: boolean): Promise<void> {
  renderAccount();
  const home = state.view === 'home';
  const mustSignIn = !me.public_reads && !me.user;
  const view = mustSignIn && state.view !== 'signin' ? 'signin' : state.view;
  byId('dashboard').hidden = !home || mustSignIn;
  byId('filters').hidden = !home || mustSignIn;
  const viewEl = byId('view');
  viewEl.hidden = home && !mustSignIn;
  if (home && !mustSignIn) {
    if (!mapView) {
      mapView = createMap(byId('map'), byId('map-keys'), (id) => go({ view: 'incident', id }));
      renderLegend(byId('legend'));
    } else mapView.resize();
    await renderFilters(byId('filters'), state, (filters, split) => go({ view: 'home', filters, split }));
    renderExportMenu(byId('export-menu'), state.filters);
    if (!loaded || !sameFilters(loaded.filters, state.filters) || loaded.split !== state.split) await loadDashboard();
    else drawTimeline();
    return;
  }
  const c = ctx();
  try {
    clear(viewEl, h('p', { class: 'muted' }, 'Loading…'));
    if (view === 'signin') {
      if (mustSignIn) notify('Reads on this server need an account: sign in.');
      renderSignIn(viewEl, c, (user: User) => {
        me = { ...me, user, via: 'session' };
        loaded = null;
        go({ view: 'home' });
        notify(`Signed in as ${user.name}.`);
      });
    } else if (view === 'incident' && state.id) await renderIncidentView(viewEl, c, state.id);
    else if (view === 'document' && state.id) await renderDocumentView(viewEl, c, state.id);
    else if (view === 'documents') await renderDocumentsView(viewEl, c);
    else if (view === 'upload') {
      renderUploadView(viewEl, c);
      renderImportForm(viewEl, c);
    } else if (view === 'audit') await renderAuditView(viewEl, c);
    else clear(viewEl, h('p', {}, 'Nothing to show here.'));
  } catch (err) {
    const message =
      err instanceof ApiError && err.status === 401
        ? 'Sign in to see this.'
        : err instanceof Error
          ? err.message
          : String(err);
    clear(viewEl, h('h2', { id: 'view-title' }, 'Could not show this'), h('p', { class: 'error' }, message));
  }
  if (navigated) {
    const title = document.getElementById('view-title');
    if (title) {
      title.setAttribute('tabindex', '-1');
      if (!viewEl.contains(document.activeElement) || document.activeElement === document.body) title.focus();
    }
  }
}

async function start(): Promise<void> {
  try {
    me = await api<Me>('me');
  } catch {
    // The API is down or refuses: the page still shows its frame and the error below.
  }
  document.body.addEventListener('click', (e) => {
    const link = (e.target as Element).closest<HTMLAnchorElement>('nav a[data-view]');
    if (!link || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    go({ view: (link.dataset.view ?? 'home') as AppState['view'] });
  });
  window.addEventListener('popstate', () => {
    state = parseState(location.search);
    void render(true);
  });
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => {
      if (state.view === 'home') drawTimeline();
    }, 150);
  });
  await render(false);
  document.body.dataset.ready = 'true';
}

void start();
