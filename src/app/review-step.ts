import { InvalidInputError } from '../core/errors.js';

/** What figure and incident review states have in common. */
interface ReviewState {
  status: string;
  note: string | null;
  note_sensitive: boolean;
}

interface ReviewAction {
  type: 'accept' | 'reject' | 'note' | 'correct';
  body: { note?: string | null; note_sensitive?: boolean };
}

/**
 * The review steps figures and incidents share: accept (a corrected item stays corrected), reject
 * and note, each keeping the note unless the action sets it. Corrections differ and are the
 * caller's; `withNote` gives the note fields they carry.
 */
export function sharedReviewStep<S extends ReviewState>(
  current: S,
  action: ReviewAction & { type: 'accept' | 'reject' | 'note' },
): S {
  const note = withNote(current, action);
  switch (action.type) {
    case 'accept':
      return { ...current, ...note, status: current.status === 'corrected' ? 'corrected' : 'accepted' };
    case 'reject':
      return { ...current, ...note, status: 'rejected' };
    case 'note':
      return { ...current, ...note };
  }
}

export function withNote(current: ReviewState, action: ReviewAction): Pick<ReviewState, 'note' | 'note_sensitive'> {
  return {
    note: action.body.note === undefined ? current.note : action.body.note,
    note_sensitive: action.body.note_sensitive ?? current.note_sensitive,
  };
}

/** A correction must change something; confirming as it is, is what accept is for. */
export function assertChanges<V>(values: V, current: V, what: 'figure' | 'incident'): void {
  if (JSON.stringify(values) === JSON.stringify(current)) {
    throw new InvalidInputError('body', `the correction changes no value; use accept to confirm the ${what} as it is`);
  }
}
