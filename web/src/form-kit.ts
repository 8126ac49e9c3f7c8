import { h } from './dom.js';

/** The pieces review forms are made of: labelled controls, and the server's messages beside the field they name. */
export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

let ids = 0;
/** A page-unique id, so a label's `for` and a message's `aria-describedby` always find their element. */
export const uid = (base: string) => `${base}-${++ids}`;

export interface Problem {
  path: string | null;
  problem: string;
}

/**
 * The server names the field of each problem: "body.date.end: start must not be after end; body.reason: say why".
 * Anything else is one problem without a field.
 */
export function parseProblems(message: string): Problem[] {
  const starts = [...message.matchAll(/(?:^|; )((?:body|querystring|params)(?:\.[\w-]+)*): /g)];
  if (starts.length === 0) return [{ path: null, problem: message }];
  return starts.map((m, i) => {
    const from = (m.index ?? 0) + m[0].length;
    const to = starts[i + 1]?.index ?? message.length;
    return { path: m[1] ?? null, problem: message.slice(from, to) };
  });
}

interface Slot {
  paths: string[];
  el: HTMLElement;
  controls: Control[];
}

/** Routes the server's problems to the field that owns each path; the rest go to the form's own message. */
export class FieldErrors {
  readonly general = h('p', { class: 'error', role: 'alert', id: uid('form-error') });
  private readonly slots: Slot[] = [];

  /** A message element for `paths` (and every path under them), described by `controls`. */
  slot(paths: string[], controls: Control[] = []): HTMLElement {
    const el = h('p', { class: 'field-error', id: uid('field-error') });
    for (const control of controls) describe(control, el.id);
    this.slots.push({ paths, el, controls });
    return el;
  }

  clear(): void {
    this.general.textContent = '';
    for (const s of this.slots) {
      s.el.textContent = '';
      for (const c of s.controls) c.removeAttribute('aria-invalid');
    }
  }

  /** Shows the problems; returns the element to move focus to. */
  show(message: string): HTMLElement {
    let first: HTMLElement | null = null;
    const general: string[] = [];
    for (const { path, problem } of parseProblems(message)) {
      const slot = path ? this.owner(path) : null;
      if (!slot) {
        general.push(path && path !== 'body' ? `${path.replace(/^body\./, '')}: ${problem}` : problem);
        continue;
      }
      slot.el.textContent = slot.el.textContent ? `${slot.el.textContent}; ${problem}` : problem;
      for (const c of slot.controls) c.setAttribute('aria-invalid', 'true');
      first ??= slot.controls[0] ?? slot.el;
    }
    this.general.textContent = general.join('; ');
    if (general.length > 0) return this.general;
    return first ?? this.general;
  }

  private owner(path: string): Slot | null {
    let best: { slot: Slot; length: number } | null = null;
    for (const slot of this.slots) {
      for (const p of slot.paths) {
        if ((path === p || path.startsWith(`${p}.`)) && p.length > (best?.length ?? -1))
          best = { slot, length: p.length };
      }
    }
    return best?.slot ?? null;
  }
}

function describe(control: Element, id: string): void {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  control.setAttribute('aria-describedby', [...ids, id].join(' '));
}

/** A hint under several controls, read with each of them. */
export function hint(text: string, controls: Control[]): HTMLElement {
  const el = h('p', { class: 'hint', id: uid('hint') }, text);
  for (const c of controls) describe(c, el.id);
  return el;
}

/** A labelled control, with a hint and a place for the server's message about `paths`. */
export function field(
  label: string,
  control: Control,
  options: { hint?: string; paths?: string[]; errors?: FieldErrors; className?: string } = {},
): HTMLElement {
  control.id ||= uid('field');
  const hint = options.hint ? h('p', { class: 'hint', id: uid('hint') }, options.hint) : null;
  if (hint) describe(control, hint.id);
  const error = options.paths && options.errors ? options.errors.slot(options.paths, [control]) : null;
  return h(
    'div',
    { class: `field${options.className ? ` ${options.className}` : ''}` },
    h('label', { for: control.id }, label),
    control,
    hint,
    error,
  );
}

/** Several controls under one legend, with one place for the server's messages about `paths`. */
export function group(
  legend: string,
  children: (Node | null)[],
  options: { paths?: string[]; errors?: FieldErrors; controls?: Control[]; className?: string } = {},
): HTMLFieldSetElement {
  const error = options.paths && options.errors ? options.errors.slot(options.paths, options.controls ?? []) : null;
  return h(
    'fieldset',
    { class: `group${options.className ? ` ${options.className}` : ''}` },
    h('legend', {}, legend),
    ...children,
    error,
  );
}

export function input(name: string, value: string | number | null | undefined, attrs: Record<string, string> = {}) {
  return h('input', { id: uid(name), name, value: value ?? '', ...attrs });
}

export function numberInput(name: string, value: number | null | undefined): HTMLInputElement {
  return h('input', { id: uid(name), name, type: 'number', min: 0, step: 1, inputmode: 'numeric', value: value ?? '' });
}

export function select(
  name: string,
  value: string | null | undefined,
  options: readonly (string | [string, string])[],
) {
  return h(
    'select',
    { id: uid(name), name },
    options.map((o) => {
      const [v, text] = typeof o === 'string' ? [o, o.replaceAll('_', ' ')] : o;
      return h('option', { value: v, selected: v === (value ?? '') }, text);
    }),
  );
}

/** A form with a title, a reason and save/cancel: `submit` throws the server's error, which lands beside its field. */
export function reviewForm(options: {
  title: string;
  intro?: string;
  submitLabel: string;
  body: (errors: FieldErrors) => (Node | null)[];
  submit: () => Promise<void>;
  onCancel: () => void;
  className?: string;
}): HTMLFormElement {
  const errors = new FieldErrors();
  const titleId = uid('form-title');
  const form = h('form', {
    class: `inline-form${options.className ? ` ${options.className}` : ''}`,
    'aria-labelledby': titleId,
  });
  form.append(
    h('p', { class: 'form-title', id: titleId }, options.title),
    options.intro ? h('p', { class: 'hint form-intro' }, options.intro) : '',
    ...options.body(errors).filter((n): n is Node => n !== null),
    errors.general,
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit' }, options.submitLabel),
      h('button', { type: 'button', class: 'secondary', onclick: options.onCancel }, 'Cancel'),
    ),
  );
  let busy = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    busy = true;
    errors.clear();
    form.setAttribute('aria-busy', 'true');
    try {
      await options.submit();
    } catch (err) {
      const target = errors.show(err instanceof Error ? err.message : String(err));
      if (
        target instanceof HTMLInputElement ||
        target instanceof HTMLSelectElement ||
        target instanceof HTMLTextAreaElement
      )
        target.focus();
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
    }
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      options.onCancel();
    }
  });
  queueMicrotask(() => form.querySelector<HTMLElement>('input, select, textarea')?.focus());
  return form;
}
