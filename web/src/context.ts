import type { AppState } from './state.js';
import type { User } from './types.js';

/** What every view gets from the page: where it is, who is signed in, and how to move on. */
export interface Ctx {
  state: AppState;
  user: User | null;
  canReview: boolean;
  go(next: Partial<AppState>, options?: { keepFilters?: boolean }): void;
  notify(message: string, kind?: 'ok' | 'error'): void;
  /** Show the current view again, after a change. */
  refresh(): void;
  /** The store changed: map, timeline and table load again. */
  dataChanged(): void;
}
