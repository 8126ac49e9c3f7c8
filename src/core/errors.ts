/** Typed errors: each carries what a person needs to act on it. Mapped to exit codes in the CLI only. */
export class TallyError extends Error {
  override name = 'TallyError';
}

/** Input that cannot be used: a file, an argument, a row. `where` names the file or field. */
export class InvalidInputError extends TallyError {
  override name = 'InvalidInputError';
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
  }
}

export class NotFoundError extends TallyError {
  override name = 'NotFoundError';
  constructor(
    readonly what: string,
    readonly id: string,
  ) {
    super(`no ${what} with id ${id}`);
  }
}

export class ConflictError extends TallyError {
  override name = 'ConflictError';
}

/** The store could not be reached or opened: a bad URL, a locked file, a server that is down. */
export class StoreError extends TallyError {
  override name = 'StoreError';
}

/** Shorten a value for an error message so a 10 MB input does not become a 10 MB message. */
export function shorten(value: string, max = 60): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** No valid credentials: not signed in, an expired session, an unknown or revoked token. */
export class UnauthenticatedError extends TallyError {
  override name = 'UnauthenticatedError';
}

/** Signed in, but the role does not allow this (a viewer writing, an analyst managing accounts). */
export class ForbiddenError extends TallyError {
  override name = 'ForbiddenError';
}

/** Input over a size limit: an upload, a pasted text. */
export class InputTooLargeError extends InvalidInputError {
  override name = 'InputTooLargeError';
}
