import { api } from './api.js';
import { FIGURE_KIND_LIST, PRECISION_LIST, QUALIFIER_LIST } from './codebook.js';
import type { Ctx } from './context.js';
import { h } from './dom.js';
import { type Control, field, group, input, numberInput, reviewForm, select } from './form-kit.js';
import type { ReviewedFigure } from './types.js';

interface FieldSpec {
  name: string;
  label: string;
  type?: 'number' | 'text';
  value?: string;
  required?: boolean;
}

/** A small form of a few fields and a reason; the server's messages land beside the field they name. */
export function inlineForm(
  title: string,
  fields: FieldSpec[],
  submitLabel: string,
  onSubmit: (values: Record<string, string>) => Promise<void>,
  onCancel: () => void,
): HTMLFormElement {
  const controls = new Map<string, HTMLInputElement>();
  return reviewForm({
    title,
    submitLabel,
    onCancel,
    body: (errors) =>
      fields.map((f) => {
        const control =
          f.type === 'number'
            ? numberInput(f.name, f.value === undefined || f.value === '' ? null : Number(f.value))
            : input(f.name, f.value);
        control.required = f.required ?? false;
        controls.set(f.name, control);
        return field(f.label, control, { paths: [`body.${f.name}`], errors });
      }),
    submit: async () => {
      const values: Record<string, string> = {};
      for (const [name, control] of controls) values[name] = control.value.trim();
      await onSubmit(values);
    },
  });
}

export const count = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));
const text = (v: string): string | null => (v.trim() === '' ? null : v.trim());

/**
 * Review buttons that open a form: below the buttons, or in a row of its own under a table row so
 * it has the table's width. Closing it puts focus back on the button that opened it.
 */
export function actionBox(
  label: string,
  className = 'actions',
): {
  box: HTMLElement;
  show(form: HTMLFormElement): void;
  reset(buttons: HTMLElement[]): void;
} {
  const box = h('div', { class: className, role: 'group', 'aria-label': label });
  const slot = h('div', { class: 'form-slot' });
  let opener: string | null = null;
  let row: HTMLTableRowElement | null = null;
  const close = () => {
    row?.remove();
    row = null;
    slot.replaceChildren();
  };
  return {
    box,
    show(form) {
      close();
      opener = document.activeElement instanceof HTMLButtonElement ? document.activeElement.textContent : null;
      const tr = box.closest('tr');
      if (tr) {
        row = h('tr', { class: 'form-row' }, h('td', { colspan: tr.cells.length }, form));
        tr.after(row);
      } else {
        slot.replaceChildren(form);
        box.after(slot);
      }
    },
    reset(buttons) {
      const hadFocus =
        box.contains(document.activeElement) ||
        Boolean(row?.contains(document.activeElement)) ||
        slot.contains(document.activeElement);
      close();
      box.replaceChildren(...buttons);
      if (hadFocus && opener) buttons.find((b) => b.textContent === opener)?.focus();
      opener = null;
    },
  };
}

/** Every value of a figure an analyst may correct; only what changed is sent. */
export function figureCorrectionForm(
  f: ReviewedFigure,
  label: string,
  save: (body: Record<string, unknown>, noteOnly: boolean) => Promise<void>,
  onCancel: () => void,
): HTMLFormElement {
  const kind = select('kind', f.kind, FIGURE_KIND_LIST);
  const low = numberInput('low', f.low);
  const high = numberInput('high', f.high);
  const qualifier = select('qualifier', f.qualifier, QUALIFIER_LIST);
  const vague = input('vague', f.vague, { maxlength: '500' });
  const start = input('date-start', f.date?.start, { type: 'date' });
  const end = input('date-end', f.date?.end, { type: 'date' });
  const precision = select('date-precision', f.date?.precision ?? 'day', PRECISION_LIST);
  const place = input('place', f.place, { maxlength: '500' });
  const actor = input('actor', f.actor, { maxlength: '500' });
  const perpetrator = input('perpetrator', f.perpetrator, { maxlength: '500' });
  const claimant = input('claimant', f.claimant, { maxlength: '500' });
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 10_000 }, f.review?.note ?? '');
  const sensitive = h('input', {
    type: 'checkbox',
    name: 'note_sensitive',
    checked: f.review?.note_sensitive ?? false,
  });
  const reason = input('reason', '', { required: 'true', maxlength: '2000' });

  const values = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const put = (key: string, now: unknown, was: unknown) => {
      if (JSON.stringify(now) !== JSON.stringify(was)) out[key] = now;
    };
    put('kind', kind.value, f.kind);
    put('low', count(low.value), f.low);
    put('high', count(high.value), f.high);
    put('qualifier', qualifier.value, f.qualifier);
    put('vague', text(vague.value), f.vague);
    const date =
      start.value || end.value
        ? { start: start.value, end: end.value || start.value, precision: precision.value }
        : null;
    put('date', date, f.date ? { start: f.date.start, end: f.date.end, precision: f.date.precision } : null);
    put('place', text(place.value), f.place);
    put('actor', text(actor.value), f.actor);
    put('perpetrator', text(perpetrator.value), f.perpetrator);
    put('claimant', text(claimant.value), f.claimant);
    return out;
  };
  return reviewForm({
    title: `Correct ${label}`,
    intro: 'Change what the extractor got wrong; what you leave stays as it is, and the extraction is kept.',
    submitLabel: 'Save correction',
    className: 'wide-form',
    onCancel,
    body: (errors) => {
      const at = (text: string, control: Control, path: string, hint?: string) =>
        field(text, control, { paths: [path], errors, hint });
      return [
        group('What is counted', [
          at('Kind', kind, 'body.kind'),
          at('Low', low, 'body.low'),
          at('High', high, 'body.high'),
          at('Qualifier', qualifier, 'body.qualifier'),
          at('Vague word', vague, 'body.vague', 'for “dozens”, “hundreds”: with the qualifier vague'),
        ]),
        group(
          'Date',
          [
            at('From', start, 'body.date.start'),
            at('To', end, 'body.date.end'),
            at('Precision', precision, 'body.date.precision'),
          ],
          { paths: ['body.date'], errors, controls: [start, end, precision] },
        ),
        group('Who and where', [
          at('Place', place, 'body.place'),
          at('Actor (whose dead)', actor, 'body.actor'),
          at('Perpetrator', perpetrator, 'body.perpetrator'),
          at('Claimant', claimant, 'body.claimant'),
        ]),
        group(
          'Note for the team',
          [
            field('Note', note, { paths: ['body.note'], errors, className: 'wide' }),
            h('label', { class: 'check' }, sensitive, ' Sensitive: only analysts and admins see it'),
          ],
          { className: 'note-group' },
        ),
        at('Reason for the change', reason, 'body.reason'),
      ];
    },
    submit: async () => {
      const body = values();
      const noteNow = text(note.value);
      const noteChanged =
        noteNow !== (f.review?.note ?? null) || sensitive.checked !== (f.review?.note_sensitive ?? false);
      if (noteChanged) Object.assign(body, { note: noteNow, note_sensitive: sensitive.checked });
      const noteOnly = noteChanged && Object.keys(body).every((k) => k === 'note' || k === 'note_sensitive');
      await save({ ...body, reason: reason.value }, noteOnly);
    },
  });
}

/**
 * Accept, correct or reject one figure: each is a review row and an audit entry on the server.
 * `load` gives the figure with every value (a claim in an incident carries only some).
 */
export function figureActions(
  figure: { id: number } & Partial<ReviewedFigure>,
  ctx: Ctx,
  label: string,
  load: () => Promise<ReviewedFigure> = async () => figure as ReviewedFigure,
): HTMLElement {
  const actions = actionBox(`Review ${label}`);
  const done = (message: string) => {
    ctx.notify(message, 'ok');
    ctx.dataChanged();
    ctx.refresh();
  };
  const reset = () => actions.reset(buttons());
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
        onclick: async () => {
          try {
            const full = await load();
            actions.show(
              figureCorrectionForm(
                full,
                label,
                async (body, noteOnly) => {
                  if (noteOnly) {
                    await api(`figures/${figure.id}/note`, { json: body });
                    done(`Note on figure ${figure.id} saved.`);
                  } else {
                    await api(`figures/${figure.id}/correct`, { json: body });
                    done(`Figure ${figure.id} corrected.`);
                  }
                },
                reset,
              ),
            );
          } catch (err) {
            ctx.notify(String(err instanceof Error ? err.message : err), 'error');
          }
        },
      },
      'Correct…',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'small danger',
        onclick: () =>
          actions.show(
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
  return actions.box;
}
