import { api } from './api.js';
import type { Ctx } from './context.js';
import { clear, h } from './dom.js';
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

/** Audit entries, newest first; review changes can be reverted (the revert is an entry too). */
export function renderAuditList(entries: AuditEntry[], ctx: Ctx): HTMLElement {
  if (entries.length === 0) return h('p', { class: 'empty' }, 'No changes recorded.');
  return h(
    'ol',
    { class: 'audit' },
    entries.map((e) => {
      const slot = h('div', { class: 'actions' });
      const revertable = ctx.canReview && e.reverted_by.length === 0 && !e.action.startsWith('document.');
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
