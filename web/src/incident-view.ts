import { api } from './api.js';
import { renderAuditList } from './audit-view.js';
import { VIOLENCE_TYPES } from './codebook.js';
import type { Ctx } from './context.js';
import { clear, formatEstimate, formatNumber, h, labelColumns } from './dom.js';
import { incidentCorrectionForm } from './incident-correction.js';
import { actionBox, figureActions, inlineForm } from './review-forms.js';
import type { AuditEntry, DocumentSummary, ReviewedFigure, ReviewedIncident } from './types.js';

const QUALIFIER_WORDS: Record<string, string> = {
  exact: '',
  at_least: 'at least',
  up_to: 'up to',
  about: 'about',
  range: 'between',
  vague: '',
  none: '',
};

export function figureText(c: {
  low: number | null;
  high: number | null;
  qualifier: string;
  vague: string | null;
}): string {
  if (c.qualifier === 'vague') return c.vague ?? 'unstated';
  const numbers =
    c.low !== null && c.high !== null && c.low !== c.high ? `${c.low}–${c.high}` : String(c.low ?? c.high ?? '?');
  return [QUALIFIER_WORDS[c.qualifier] ?? c.qualifier, numbers].filter(Boolean).join(' ');
}

function docLink(ctx: Ctx, id: number | null, start: number, end: number, label: string): HTMLElement {
  if (id === null) return h('span', {}, label);
  return h(
    'a',
    {
      href: `./?view=document&id=${id}&hl=${start}-${end}`,
      onclick: (e: Event) => {
        e.preventDefault();
        ctx.go({ view: 'document', id, hl: `${start}-${end}` });
      },
    },
    label,
  );
}

/** One incident: its values, every claim side by side with a link to its sentence, review and history. */
export async function renderIncidentView(el: HTMLElement, ctx: Ctx, id: number): Promise<void> {
  const [incident, docs] = await Promise.all([
    api<ReviewedIncident>(`incidents/${id}`),
    api<DocumentSummary[]>('documents?limit=1000').catch(() => [] as DocumentSummary[]),
  ]);
  const titles = new Map(docs.map((d) => [d.id, d.title ?? d.source]));
  const place = incident.place;
  const status = incident.review?.status ?? 'unreviewed';
  const split = new Set<number>();

  const claimRows = incident.claims.map((c) =>
    h(
      'tr',
      { 'data-claim': c.id },
      ctx.canReview
        ? h(
            'td',
            {},
            h('input', {
              type: 'checkbox',
              'aria-label': `Select claim ${c.id} to split off`,
              onchange: (e: Event) => {
                if ((e.target as HTMLInputElement).checked) split.add(c.id);
                else split.delete(c.id);
              },
            }),
          )
        : null,
      h(
        'td',
        {},
        c.document_id === null
          ? (c.source ?? 'imported dataset')
          : docLink(
              ctx,
              c.document_id,
              c.evidence.start,
              c.evidence.end,
              titles.get(c.document_id) ?? `Document ${c.document_id}`,
            ),
      ),
      h(
        'td',
        {},
        c.claimant ?? 'not stated',
        // A party to the incident speaking: what the grade weighs differently (methodology, section 7).
        c.claimant && incident.grade?.party_claimants.includes(c.claimant)
          ? h('span', { class: 'badge' }, 'party')
          : null,
      ),
      h('td', {}, `${c.kind}, ${c.category.replace('_', ' ')}`),
      h(
        'td',
        { class: 'figure' },
        figureText(c),
        c.figure_review?.corrected ? h('span', { class: 'badge' }, 'corrected') : null,
        // "17 soldiers and 36 volunteers": counts of different people the estimate adds.
        c.sum_group !== null
          ? h(
              'span',
              { class: 'badge', title: 'told beside other counts in one sentence: the estimate adds them' },
              'added',
            )
          : null,
      ),
      h('td', { class: 'num' }, formatNumber(c.low)),
      h('td', { class: 'num' }, formatNumber(c.high)),
      h(
        'td',
        {},
        h(
          'q',
          {},
          c.document_id === null
            ? c.evidence.text
            : docLink(ctx, c.document_id, c.evidence.start, c.evidence.end, c.evidence.text),
        ),
        h('div', { class: 'muted' }, c.figure_review?.status ?? 'unreviewed'),
        ctx.canReview && c.figure_id !== null
          ? figureActions({ id: c.figure_id }, ctx, `claim “${c.evidence.text}”`, () =>
              api<ReviewedFigure>(`figures/${c.figure_id}`),
            )
          : null,
      ),
    ),
  );

  const actions = ctx.canReview ? incidentActions(incident, ctx, split) : null;
  let history: HTMLElement | null = null;
  if (ctx.canReview) {
    history = h('section', { 'aria-labelledby': 'inc-history' }, h('h3', { id: 'inc-history' }, 'History'));
    const entries = await api<AuditEntry[]>(`audit?entity_type=incident&entity_id=${id}&limit=50`);
    history.append(renderAuditList(entries, ctx));
  }

  clear(
    el,
    h(
      'p',
      {},
      h(
        'a',
        {
          href: './',
          onclick: (e: Event) => {
            e.preventDefault();
            ctx.go({ view: 'home' }, { keepFilters: true });
          },
        },
        '← Back to the map',
      ),
    ),
    h(
      'h2',
      { id: 'view-title' },
      `Incident ${incident.id}: ${incident.date.start}${incident.date.end !== incident.date.start ? ` to ${incident.date.end}` : ''}, ${place?.name ?? 'place unknown'}`,
    ),
    h('p', { class: 'summary' }, incident.summary),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Deaths (low · best · high)'),
      h('dd', { class: 'deaths' }, formatEstimate(incident.deaths.low, incident.deaths.best, incident.deaths.high)),
      ...gradeFacts(incident),
      h('dt', {}, 'Event type'),
      h('dd', {}, `${incident.event_type}: ${incident.sub_event_type}`),
      h('dt', {}, 'Type of violence (UCDP)'),
      h('dd', {}, VIOLENCE_TYPES.find(([code]) => code === String(incident.violence_type ?? ''))?.[1] ?? 'not coded'),
      h('dt', {}, 'Sides'),
      h('dd', {}, [incident.side_a, incident.side_b].filter(Boolean).join(' vs ') || 'unknown'),
      h('dt', {}, 'Place'),
      h(
        'dd',
        {},
        place
          ? `${place.name}${place.admin1 && place.admin1 !== place.name ? `, ${place.admin1}` : ''} (where_prec ${place.where_prec}${place.approximate ? ', approximate' : ''})`
          : 'unknown',
      ),
      h('dt', {}, 'Review'),
      h(
        'dd',
        {},
        status,
        incident.review ? ` by ${incident.review.by}, ${incident.review.at.slice(0, 16).replace('T', ' ')}` : '',
        incident.review?.note ? ` — ${incident.review.note}` : '',
      ),
      h('dt', {}, 'Dataset'),
      h('dd', {}, incident.dataset),
    ),
    actions,
    h('h3', {}, `Claims (${incident.claims.length})`),
    h(
      'div',
      { class: 'table-scroll' },
      labelColumns(
        h(
          'table',
          { class: 'claims' },
          h('caption', { class: 'sr-only' }, 'Every source’s claim about this incident'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              (ctx.canReview
                ? ['Split', 'Source', 'Claimant', 'Counts', 'Figure', 'Low', 'High', 'Evidence']
                : ['Source', 'Claimant', 'Counts', 'Figure', 'Low', 'High', 'Evidence']
              ).map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          h('tbody', {}, claimRows),
        ),
      ),
    ),
    h('h3', {}, `Source passages (${incident.sources.length})`),
    h(
      'ul',
      { class: 'passages' },
      incident.sources.map((s) =>
        h(
          'li',
          {},
          h('blockquote', {}, s.text),
          docLink(
            ctx,
            s.document_id,
            s.start,
            s.end,
            s.document_id === null ? 'imported' : `in ${titles.get(s.document_id) ?? `document ${s.document_id}`}`,
          ),
        ),
      ),
    ),
    history,
  );
}

function incidentActions(incident: ReviewedIncident, ctx: Ctx, split: Set<number>): HTMLElement {
  const actions = actionBox('Review this incident', 'actions incident-actions');
  const done = (message: string, goTo?: number) => {
    ctx.notify(message, 'ok');
    ctx.dataChanged();
    if (goTo && goTo !== incident.id) ctx.go({ view: 'incident', id: goTo });
    else ctx.refresh();
  };
  const fail = (err: unknown) => ctx.notify(err instanceof Error ? err.message : String(err), 'error');
  const reset = () => actions.reset(buttons());
  const show = (form: HTMLFormElement) => actions.show(form);
  const buttons = () => [
    h(
      'button',
      {
        type: 'button',
        onclick: () =>
          api(`incidents/${incident.id}/accept`, { json: {} }).then(() => done('Incident accepted.'), fail),
      },
      'Accept',
    ),
    h(
      'button',
      {
        type: 'button',
        onclick: () =>
          show(
            incidentCorrectionForm(
              incident,
              async (body, noteOnly) => {
                if (noteOnly) {
                  await api(`incidents/${incident.id}/note`, { json: body });
                  done('Note saved.');
                } else {
                  await api(`incidents/${incident.id}/correct`, { json: body });
                  done('Incident corrected.');
                }
              },
              reset,
            ),
          ),
      },
      'Correct…',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        onclick: () =>
          show(
            inlineForm(
              'Reject this incident',
              [{ name: 'reason', label: 'Reason', required: true }],
              'Reject',
              async (v) => {
                await api(`incidents/${incident.id}/reject`, { json: { reason: v.reason } });
                done('Incident rejected.');
              },
              reset,
            ),
          ),
      },
      'Reject…',
    ),
    h(
      'button',
      {
        type: 'button',
        onclick: () =>
          show(
            inlineForm(
              'Merge another incident into this one',
              [
                { name: 'source', label: 'Incident number to fold in', type: 'number', required: true },
                { name: 'reason', label: 'Reason', required: true },
              ],
              'Merge',
              async (v) => {
                await api('incidents/merge', {
                  json: { target: incident.id, source: Number(v.source), reason: v.reason },
                });
                done(`Incident ${v.source} merged into ${incident.id}.`);
              },
              reset,
            ),
          ),
      },
      'Merge…',
    ),
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          if (split.size === 0) {
            ctx.notify('Select the claims to split off first (the checkboxes in the claims table).', 'error');
            return;
          }
          show(
            inlineForm(
              `Split ${split.size} claim(s) into a new incident`,
              [{ name: 'reason', label: 'Reason', required: true }],
              'Split',
              async (v) => {
                const r = await api<{ created: { id: number } }>(`incidents/${incident.id}/split`, {
                  json: { claims: [...split], reason: v.reason },
                });
                done(`Split into incident ${r.created.id}.`, r.created.id);
              },
              reset,
            ),
          );
        },
      },
      'Split…',
    ),
  ];
  reset();
  return actions.box;
}

/** The grade as a badge, with the count of independent sources and why (docs/methodology.md, section 7). */
function gradeFacts(incident: ReviewedIncident): HTMLElement[] {
  const g = incident.grade;
  if (!g) return [];
  const override = g.override
    ? ` Set by ${g.override.by} on ${g.override.at.slice(0, 10)}; the rule gives ${g.computed}.${g.override.note ? ` Note: ${g.override.note}` : ''}`
    : '';
  return [
    h('dt', {}, 'Grade'),
    h(
      'dd',
      { class: 'grade' },
      h('span', { class: `grade-badge grade-${g.grade}` }, g.grade),
      ` ${g.sources} independent source${g.sources === 1 ? '' : 's'}: ${g.reason}.${override}`,
    ),
  ];
}
