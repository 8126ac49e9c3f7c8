import { api } from './api.js';
import type { Ctx } from './context.js';
import { h } from './dom.js';

const QUALIFIERS = ['exact', 'at_least', 'up_to', 'about', 'range', 'vague', 'none'] as const;

interface FieldSpec {
  name: string;
  label: string;
  type?: 'number' | 'text' | 'select';
  value?: string;
  options?: readonly string[];
  required?: boolean;
}

let formCount = 0;

/** A small inline form: labelled fields, a required reason, submit and cancel. */
export function inlineForm(
  title: string,
  fields: FieldSpec[],
  submitLabel: string,
  onSubmit: (values: Record<string, string>) => Promise<void>,
  onCancel: () => void,
): HTMLFormElement {
  formCount += 1;
  const prefix = `form${formCount}`;
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'inline-form', 'aria-label': title });
  form.append(h('p', { class: 'form-title' }, title));
  for (const f of fields) {
    const id = `${prefix}-${f.name}`;
    const control =
      f.type === 'select'
        ? h(
            'select',
            { id, name: f.name },
            (f.options ?? []).map((o) => h('option', { value: o, selected: o === f.value }, o)),
          )
        : h('input', {
            id,
            name: f.name,
            type: f.type ?? 'text',
            value: f.value ?? '',
            min: f.type === 'number' ? 0 : undefined,
            required: f.required,
          });
    controls.set(f.name, control);
    form.append(h('div', { class: 'field' }, h('label', { for: id }, f.label), control));
  }
  form.append(
    error,
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit' }, submitLabel),
      h('button', { type: 'button', class: 'secondary', onclick: onCancel }, 'Cancel'),
    ),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values: Record<string, string> = {};
    for (const [name, control] of controls) values[name] = control.value.trim();
    try {
      await onSubmit(values);
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
    }
  });
  queueMicrotask(() => controls.values().next().value?.focus());
  return form;
}

export const count = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));

/** Accept, correct or reject one figure: each is a review row and an audit entry on the server. */
export function figureActions(
  figure: { id: number; low: number | null; high: number | null; qualifier: string },
  ctx: Ctx,
  label: string,
): HTMLElement {
  const box = h('div', { class: 'actions', role: 'group', 'aria-label': `Review ${label}` });
  const reset = () => box.replaceChildren(...buttons());
  const done = (message: string) => {
    ctx.notify(message, 'ok');
    ctx.dataChanged();
    ctx.refresh();
  };
  const buttons = () => [
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        onclick: async () => {
          try {
            await api(`figures/${figure.id}/accept`, { json: {} });
            done(`Figure ${figure.id} accepted.`);
          } catch (err) {
            ctx.notify(String(err instanceof Error ? err.message : err), 'error');
          }
        },
      },
      'Accept',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        onclick: () =>
          box.replaceChildren(
            inlineForm(
              `Correct ${label}`,
              [
                { name: 'low', label: 'Low', type: 'number', value: figure.low?.toString() ?? '' },
                { name: 'high', label: 'High', type: 'number', value: figure.high?.toString() ?? '' },
                { name: 'qualifier', label: 'Qualifier', type: 'select', value: figure.qualifier, options: QUALIFIERS },
                { name: 'reason', label: 'Reason', required: true },
              ],
              'Save correction',
              async (v) => {
                await api(`figures/${figure.id}/correct`, {
                  json: { low: count(v.low), high: count(v.high), qualifier: v.qualifier, reason: v.reason },
                });
                done(`Figure ${figure.id} corrected.`);
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
        class: 'small danger',
        onclick: () =>
          box.replaceChildren(
            inlineForm(
              `Reject ${label}`,
              [{ name: 'reason', label: 'Reason', required: true }],
              'Reject',
              async (v) => {
                await api(`figures/${figure.id}/reject`, { json: { reason: v.reason } });
                done(`Figure ${figure.id} rejected.`);
              },
              reset,
            ),
          ),
      },
      'Reject…',
    ),
  ];
  reset();
  return box;
}
