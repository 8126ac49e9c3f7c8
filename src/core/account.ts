import { z } from 'zod';

/** Roles in increasing power: viewers read, analysts also write and review, admins also manage accounts. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export function roleAtLeast(role: Role | null, minimum: Role): boolean {
  return role !== null && ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

export const UserName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, 'expected letters, digits and . _ @ - (starting with a letter or digit)');

/** Long enough to resist guessing offline should the hashes leak; no upper-class-digit rules (NIST 800-63B). */
export const Password = z.string().min(10, 'a password needs at least 10 characters').max(1024);

export const User = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  created_at: z.string(),
});
export type User = z.infer<typeof User>;

export const ApiToken = z.object({
  id: z.number().int(),
  user: z.string(),
  name: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

/** A token as created: the secret appears here once and is stored only as a hash. */
export const CreatedApiToken = ApiToken.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;

export const LoginRequest = z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
export const LoginResponse = z.object({
  user: User,
  /** Send back as the X-CSRF-Token header on every write made with the session cookie. */
  csrf_token: z.string(),
});

export const Me = z.object({
  user: User.nullable(),
  via: z.enum(['session', 'token', 'anonymous']),
  public_reads: z.boolean(),
});

export const NewUserRequest = z.object({ name: UserName, role: Role, password: Password });
export const UpdateUserRequest = z
  .object({ role: Role.optional(), password: Password.optional() })
  .refine((v) => v.role !== undefined || v.password !== undefined, 'expected a role or a password to change');
export const NewTokenRequest = z.object({ user: z.string().min(1).max(64), name: z.string().min(1).max(100) });

/** Who acts: a signed-in user, or the command line (no account; named after the local login). */
export interface Agent {
  userId: number | null;
  name: string;
}
