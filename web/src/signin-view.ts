import { api, setCsrfToken } from './api.js';
import type { Ctx } from './context.js';
import { clear, h } from './dom.js';
import type { User } from './types.js';

export function renderSignIn(el: HTMLElement, ctx: Ctx, signedIn: (user: User) => void): void {
  const name = h('input', { id: 'login-name', name: 'name', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    {
      class: 'signin',
      'aria-labelledby': 'view-title',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          const r = await api<{ user: User; csrf_token: string }>('login', {
            json: { name: name.value, password: password.value },
          });
          setCsrfToken(r.csrf_token);
          signedIn(r.user);
        } catch (err) {
          error.textContent = err instanceof Error ? err.message : String(err);
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'login-name' }, 'Name'), name),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Password'), password),
    error,
    h('button', { type: 'submit' }, 'Sign in'),
  );
  clear(
    el,
    h('h2', { id: 'view-title' }, 'Sign in'),
    h(
      'p',
      { class: 'muted' },
      'Analysts sign in to review figures and incidents, see the audit history and add reports. Accounts are made with `tally users add`.',
    ),
    form,
  );
  queueMicrotask(() => (ctx.user ? null : name.focus()));
}
