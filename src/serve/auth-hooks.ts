import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { csrfMatches, type Principal, sessionPrincipal, tokenPrincipal } from '../auth/authenticate.js';
import { roleAtLeast } from '../core/account.js';
import { ForbiddenError, UnauthenticatedError } from '../core/errors.js';
import type { Access, ServerDeps, ZodApp } from './server-types.js';

export const SESSION_COOKIE = 'tally_session';
export const CSRF_COOKIE = 'tally_csrf';
/** Sent to /api/login only: this browser has signed in to the account before (auth/login-throttle.ts). */
export const DEVICE_COOKIE = 'tally_device';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Who makes the request. A bad Authorization header is refused outright, never read as anonymous. */
async function identify(request: FastifyRequest, deps: ServerDeps): Promise<Principal | null> {
  const now = new Date(deps.now());
  const header = request.headers.authorization;
  if (header !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!bearer) throw new UnauthenticatedError('expected "Authorization: Bearer tly_…"');
    const principal = await tokenPrincipal(deps.store, bearer, now);
    if (!principal) throw new UnauthenticatedError('unknown or revoked API token');
    return principal;
  }
  const secret = request.cookies[SESSION_COOKIE];
  return secret ? sessionPrincipal(deps.store, secret, now) : null;
}

export function authorize(access: Access, principal: Principal | null, publicReads: boolean): void {
  if (access === 'public' || (access === 'read' && publicReads)) return;
  if (!principal) {
    throw new UnauthenticatedError(
      access === 'read'
        ? 'sign in to read: reads on this server are private'
        : 'sign in (or send an API token) to do this',
    );
  }
  if (access === 'analyst' && !roleAtLeast(principal.role, 'analyst')) {
    throw new ForbiddenError(`${principal.name} is a ${principal.role}; changing data needs an analyst or admin`);
  }
  if (access === 'admin' && !roleAtLeast(principal.role, 'admin')) {
    throw new ForbiddenError(`${principal.name} is a ${principal.role}; managing accounts needs an admin`);
  }
}

/**
 * Whether a browser says another site started this request. Sec-Fetch-Site first: the browser sets
 * it and no proxy rewrites it. Then Origin, or Referer, against the Host this server was asked for
 * (X-Forwarded-Host behind a trusted proxy). A client that sends none of them is no browser acting
 * for another site; the CSRF token decides.
 */
function fromAnotherSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin ?? request.headers.referer;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== request.host;
  } catch {
    // "Origin: null" (a sandboxed frame, a file) and anything unparsable.
    return true;
  }
}

/**
 * Identify, authorise, and check CSRF on every request before its body is parsed, so nobody without
 * the right to write makes the server read a large body. Bearer-token requests need no CSRF token:
 * a browser never attaches one on its own. Cookie and anonymous writes from another site are refused
 * even before the token is looked at; that also covers sign-in, which has no token yet (an attacker
 * signing a victim's browser into the attacker's account).
 */
export function installAuth(app: ZodApp, deps: ServerDeps): void {
  app.decorateRequest('principal', null);
  app.addHook('preParsing', async (request, _reply, payload) => {
    request.principal = await identify(request, deps);
    const access = request.routeOptions.config?.access ?? 'read';
    authorize(access, request.principal, deps.config.publicReads);
    const principal = request.principal;
    if (UNSAFE_METHODS.has(request.method) && principal?.via !== 'token' && fromAnotherSite(request)) {
      throw new ForbiddenError("cross-site request refused: send writes from this server's own page");
    }
    if (UNSAFE_METHODS.has(request.method) && principal?.via === 'session' && access !== 'public') {
      const header = request.headers['x-csrf-token'];
      if (!csrfMatches(principal, Array.isArray(header) ? header[0] : header)) {
        throw new ForbiddenError('missing or wrong X-CSRF-Token header: send the csrf_token that /api/login returned');
      }
    }
    return payload;
  });
}

/** The acting user for the audit trail. Only called on routes that require an account. */
export function agentOf(request: FastifyRequest): { userId: number; name: string } {
  const p = request.principal;
  if (!p) throw new UnauthenticatedError('sign in to do this');
  return { userId: p.userId, name: p.name };
}
