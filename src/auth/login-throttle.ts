import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TallyError } from '../core/errors.js';
import { newSecret } from './secrets.js';

export interface AccountLockoutOptions {
  /** Failed sign-ins to one account name, within the window, before it locks. */
  max: number;
  windowMs: number;
}

/** Too many failed sign-ins to this account name: answered 429, with when to try again. */
export class LockedOutError extends TallyError {
  override name = 'LockedOutError';
  constructor(readonly retryAfterMs: number) {
    super(
      `too many failed sign-ins to this account; try again in ${Math.ceil(retryAfterMs / 60_000)} min, or from a browser that has signed in to it before`,
    );
  }
}

export interface LoginThrottle {
  /** Throws LockedOutError while the name is locked, unless the browser's device cookie is one this account earned. */
  check(name: string, deviceCookie: string | undefined, nowMs: number): void;
  recordFailure(name: string, nowMs: number): void;
  /** A cookie value marking this browser as one the account signed in from. */
  deviceCookieFor(name: string): string;
}

// Enough for every real account many times over; an attacker spraying names can only push out old entries.
const MAX_TRACKED = 10_000;

/**
 * Failed sign-ins per account name, in memory, so guessing one password from many addresses is
 * capped too (the per-address limit is the rate-limit plugin's). A lock lasts until the window it
 * started in ends and never grows, and browsers that signed in to the account before (a signed
 * device cookie) are not locked at all: an attacker can slow down guessing but cannot lock a user
 * out of the browser they use. Unknown names are counted like real ones, so a lock reveals nothing.
 * The signing key lives as long as the process: after a restart, device cookies count again only
 * once each browser has signed in afresh.
 */
export function createLoginThrottle(options: AccountLockoutOptions): LoginThrottle {
  const failures = new Map<string, { count: number; since: number }>();
  const key = randomBytes(32);
  const sign = (name: string, nonce: string) => createHmac('sha256', key).update(`${name}\n${nonce}`).digest();

  function current(name: string, nowMs: number) {
    const entry = failures.get(name);
    if (entry && nowMs - entry.since >= options.windowMs) {
      failures.delete(name);
      return undefined;
    }
    return entry;
  }

  function knownDevice(name: string, cookie: string | undefined): boolean {
    const [nonce, mac] = (cookie ?? '').split('.');
    if (!nonce || !mac) return false;
    const given = Buffer.from(mac, 'base64url');
    const expected = sign(name, nonce);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  return {
    check(name, deviceCookie, nowMs) {
      const entry = current(name, nowMs);
      if (!entry || entry.count < options.max || knownDevice(name, deviceCookie)) return;
      throw new LockedOutError(entry.since + options.windowMs - nowMs);
    },
    recordFailure(name, nowMs) {
      const entry = current(name, nowMs);
      if (entry) {
        entry.count += 1;
        return;
      }
      if (failures.size >= MAX_TRACKED) {
        for (const [n, e] of failures) if (nowMs - e.since >= options.windowMs) failures.delete(n);
        // Still full: drop the oldest (a Map iterates in insertion order).
        if (failures.size >= MAX_TRACKED) failures.delete(failures.keys().next().value as string);
      }
      failures.set(name, { count: 1, since: nowMs });
    },
    deviceCookieFor(name) {
      const nonce = newSecret();
      return `${nonce}.${sign(name, nonce).toString('base64url')}`;
    },
  };
}
