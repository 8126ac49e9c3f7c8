import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

/**
 * Who a request counts against. A signed-in caller (session or API token) spends its account's
 * budget wherever it connects from, so a team behind one office address is not refused because of
 * each other; everyone else spends their address's. Public routes (sign-in above all) always count
 * by address: a session cookie must not move password guesses to another budget.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const principal = request.principal;
  if (principal && request.routeOptions.config?.access !== 'public') return `account:${principal.userId}`;
  return `address:${request.ip}`;
}

/**
 * Options for @fastify/rate-limit. `max` is requests per window for every route; 0 turns that limit
 * off, while routes with their own limit (sign-in) keep it. The check runs as a preHandler, after
 * the auth hook has said who is asking; requests it refuses never reach it and do no work.
 */
export function rateLimitOptions(limit: { max: number; windowMs: number }): RateLimitPluginOptions {
  return {
    global: limit.max > 0,
    max: limit.max > 0 ? limit.max : 1,
    timeWindow: limit.windowMs,
    hook: 'preHandler',
    keyGenerator: rateLimitKey,
  };
}
