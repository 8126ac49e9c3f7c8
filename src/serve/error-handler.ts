import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { LockedOutError } from '../auth/login-throttle.js';
import {
  ConflictError,
  ForbiddenError,
  InputTooLargeError,
  InvalidInputError,
  NotFoundError,
  StoreError,
  UnauthenticatedError,
} from '../core/errors.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function statusOf(error: unknown): number {
  if (error instanceof InputTooLargeError) return 413;
  if (error instanceof InvalidInputError) return 400;
  if (error instanceof UnauthenticatedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof StoreError) return 503;
  if (error instanceof LockedOutError) return 429;
  const code = (error as FastifyError).statusCode;
  // Fastify's and its plugins' own client errors (413 too large, 415, 429, a JSON syntax error) keep their status.
  return typeof code === 'number' && code >= 400 && code < 500 ? code : 500;
}

/** "body.low: Too small: expected number to be >=0" — which field, and why. */
function validationMessage(error: FastifyError & { validation: { instancePath: string; message?: string }[] }): string {
  const part = error.validationContext ?? 'request';
  return error.validation
    .map((v) => {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return `${path ? `${part}.${path}` : part}: ${v.message ?? 'invalid'}`;
    })
    .join('; ');
}

/** The one place that turns errors into HTTP responses. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    reply.status(400).send({ statusCode: 400, error: TITLES[400], message: validationMessage(error) });
    return;
  }
  const status = isResponseSerializationError(error) ? 500 : statusOf(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="tally"');
  if (error instanceof LockedOutError) reply.header('retry-after', Math.ceil(error.retryAfterMs / 1000));
  // Internal details stay in the log; the client learns only that it was not its fault.
  const message =
    status >= 500 && !(error instanceof StoreError) ? 'internal error (see the server log)' : error.message;
  reply.status(status).send({ statusCode: status, error: TITLES[status] ?? 'Error', message });
}
