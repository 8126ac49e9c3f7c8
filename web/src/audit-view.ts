import { api } from './api.js';
import type { Ctx } from './context.js';
import { clear, formatEstimate, h } from './dom.js';
import { inlineForm } from './review-forms.js';
import type { AuditEntry } from './types.js';

function entityLink(entry: AuditEntry, ctx: Ctx): HTMLElement | string {
  const label = `${entry.entity_type} ${entry.entity_id}`;
  if (entry.entity_type === 'incident' || entry.entity_type === 'document') {
    const view = entry.entity_type;
    return h(
      'a',
      {
        href: `./?view=${view}&id=${entry.entity_id}`,
        onclick: (e: Event) => {
          e.preventDefault();
          ctx.go({ view, id: entry.entity_id });
        },
      },
      label,
    );
  }
  return label;
}

const LABELS: Record<string, string> = {
  side_a: 'side A',
  side_b: 'side B',
  event_type: 'event type',
  sub_event_type: 'sub-event type',
  violence_type: 'type of violence',
  deaths_by: 'deaths by side',
};

function show(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return 'unknown';
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  if (key === 'date') {
    const range = o.start === o.end ? String(o.start) : `${o.start} to ${o.end}`;
    return `${range} (${o.precision})`;
  }
  if ('low' in o && 'best' in o && 'high' in o) {
    return formatEstimate(o.low as number | null, o.best as number | null, o.high as number | null);
  }
  if (typeof o.name === 'string') return o.name;
  return Object.entries(o)
    .filter(([, x]) => x !== null)
    .map(([k, x]) => `${k.replace('_', ' ')} ${x}`)
    .join(', ');
}

/** What a review change did, field by field: "date: 2021-03-14 → 2021-03-12 (day)". */
export function describeChange(entry: AuditEntry): string[] {
  const out: string[] = [];
  const keys = Object.keys(entry.after).filter((k) => /^(figure|incident):/.test(k));
  for (const key of keys) {
    const before = (entry.before[key] ?? {}) as Record<string, unknown>;
    const after = (entry.after[key] ?? {}) as Record<string, unknown>;
    const prefix = keys.length > 1 ? `${key.replace(':', ' ')}: ` : '';
    if (before.status !== after.status)
      out.push(`${prefix}status: ${show('status', before.status)} → ${show('status', after.status)}`);
    const bv = (before.values ?? {}) as Record<string, unknown>;
    const av = (after.values ?? {}) as Record<string, unknown>;
    for (const k of new Set([...Object.keys(bv), ...Object.keys(av)])) {
      if (JSON.stringify(bv[k]) === JSON.stringify(av[k])) continue;
      out.push(`${prefix}${LABELS[k] ?? k}: ${show(k, bv[k])} → ${show(k, av[k])}`);
    }
    if (before.note !== after.note || before.note_sensitive !== after.note_sensitive) {
      out.push(`${prefix}note ${after.note_sensitive ? '(sensitive) ' : ''}changed`);
    }
  }
  return out;
}

/** Audit entries, newest first; review changes can be reverted (the revert is an entry too). */
export function renderAuditList(entries: AuditEntry[], ctx: Ctx): HTMLElement {
  if (entries.length === 0) return h('p', { class: 'empty' }, 'No changes recorded.');
  return h(
    'ol',
    { class: 'audit' },
    entries.map((e) => {
      const slot = h('div', { class: 'actions' });
      // What the server can put back: review changes and reverts of them (see app/revert-change.ts).
      const revertable = ctx.canReview && e.reverted_by.length === 0 && /^(revert$|figure\.|incident\.)/.test(e.action);
      const reset = () =>
        slot.replaceChildren(
          revertable
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'small',
                  onclick: () =>
                    slot.replaceChildren(
                      inlineForm(
                        `Revert change ${e.id}`,
                        [{ name: 'reason', label: 'Reason', required: true }],
                        'Revert',
                        async (v) => {
                          await api(`audit/${e.id}/revert`, { json: { reason: v.reason } });
                          ctx.notify(`Change ${e.id} reverted.`, 'ok');
                          ctx.dataChanged();
                          ctx.refresh();
                        },
                        reset,
                      ),
                    ),
                },
                'Revert…',
              )
            : '',
        );
      reset();
      return h(
        'li',
        { 'data-audit': e.id },
        h('span', { class: 'audit-action' }, e.action),
        ' ',
        entityLink(e, ctx),
        h('span', { class: 'muted' }, ` by ${e.user}, ${e.at.slice(0, 19).replace('T', ' ')} (#${e.id})`),
        e.reason ? h('div', {}, 'Why: ', e.reason) : null,
        ((changes) =>
          changes.length
            ? h(
                'ul',
                { class: 'changes' },
                changes.map((c) => h('li', {}, c)),
              )
            : null)(describeChange(e)),
        e.reverts ? h('div', { class: 'muted' }, `reverts #${e.reverts}`) : null,
        e.reverted_by.length ? h('div', { class: 'muted' }, `reverted by #${e.reverted_by.join(', #')}`) : null,
        slot,
      );
    }),
  );
}

export async function renderAuditView(el: HTMLElement, ctx: Ctx): Promise<void> {
  const entries = await api<AuditEntry[]>('audit?limit=200');
  clear(
    el,
    h('h2', { id: 'view-title' }, 'Audit history'),
    h('p', { class: 'muted' }, 'Every change, newest first.'),
    renderAuditList(entries, ctx),
  );
}
