import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkPassword, endSession, startSession } from '../auth/authenticate.js';
import { createLoginThrottle } from '../auth/login-throttle.js';
import { LoginRequest, LoginResponse, Me } from '../core/account.js';
import { UnauthenticatedError } from '../core/errors.js';
import { findUserByName, toUser } from '../store/users-store.js';
import { CSRF_COOKIE, DEVICE_COOKIE, SESSION_COOKIE } from './auth-hooks.js';
import type { ServerDeps, ZodApp } from './server-types.js';

function cookieOptions(request: FastifyRequest, expires: Date | undefined, httpOnly: boolean) {
  return {
    path: '/',
    httpOnly,
    sameSite: 'lax' as const,
    // request.protocol reads X-Forwarded-Proto only when the proxy is trusted (--trust-proxy).
    secure: request.protocol === 'https',
    ...(expires ? { expires } : {}),
  };
}

function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request, undefined, true));
  reply.clearCookie(CSRF_COOKIE, cookieOptions(request, undefined, false));
}

const DEVICE_COOKIE_MS = 365 * 24 * 60 * 60 * 1000;

export function registerAuthRoutes(app: ZodApp, deps: ServerDeps): void {
  const throttle = createLoginThrottle(deps.config.accountLockout);
  app.post(
    '/api/login',
    {
      config: {
        access: 'public',
        // Guessing passwords is the attack to slow down: far fewer tries than any other route.
        rateLimit: { max: deps.config.loginRateLimit.max, timeWindow: deps.config.loginRateLimit.windowMs },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets the session cookie and returns the CSRF token for writes',
        body: LoginRequest,
        response: { 200: LoginResponse },
      },
    },
    async (request, reply) => {
      const { name, password } = request.body;
      const now = new Date(deps.now());
      // Before the password is checked: a locked name gets no answer about its password.
      throttle.check(name, request.cookies[DEVICE_COOKIE], now.getTime());
      const user = await checkPassword(deps.store, name, password, deps.config.scrypt);
      if (!user) {
        throttle.recordFailure(name, now.getTime());
        throw new UnauthenticatedError('wrong name or password');
      }
      // A new session every time, and the one the browser came with is dropped: no session fixation.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await endSession(deps.store, previous);
      const session = await startSession(deps.store, user, { ttlMs: deps.config.sessionTtlMs }, now);
      reply.setCookie(SESSION_COOKIE, session.secret, cookieOptions(request, session.expiresAt, true));
      // Readable by the page's script, which echoes it in X-CSRF-Token; another site cannot read it.
      reply.setCookie(CSRF_COOKIE, session.csrfToken, cookieOptions(request, session.expiresAt, false));
      // Marks this browser as one the account signs in from, so a lock on the name does not shut it out.
      reply.setCookie(DEVICE_COOKIE, throttle.deviceCookieFor(user.name), {
        ...cookieOptions(request, new Date(now.getTime() + DEVICE_COOKIE_MS), true),
        path: '/api/login',
      });
      return { user: toUser(user), csrf_token: session.csrfToken };
    },
  );

  app.post(
    '/api/logout',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: deletes the session',
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret) await endSession(deps.store, secret);
      clearSessionCookies(request, reply);
      return { ok: true };
    },
  );

  app.get(
    '/api/me',
    { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: Me } } },
    async (request) => {
      const p = request.principal;
      const user = p ? await findUserByName(deps.store.db, p.name) : null;
      return {
        user: user ? toUser(user) : null,
        via: p?.via ?? ('anonymous' as const),
        public_reads: deps.config.publicReads,
      };
    },
  );
}
