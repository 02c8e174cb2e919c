// Pure rules of identity: which roles exist, what a scope is and which grant covers which
// request, and how repeated failed logins slow down and then lock out. No I/O here.

export const ROLES = [
  "admin",
  "organizer",
  "door",
  "head_judge",
  "secretary",
  "judge",
  "bookmaker",
  "instructor",
  "range_staff",
  "teacher",
] as const;
export type Role = (typeof ROLES)[number];

/**
 * A scope names where a role holds: "*" everywhere, or a path of kind:id segments from the
 * broad to the narrow, e.g. "event:42" or "competition:7/apparatus:floor/position:E2".
 */
export const GLOBAL_SCOPE = "*";
export const SCOPE_PATTERN = /^(\*|[a-z_]+:[A-Za-z0-9_.-]+(\/[a-z_]+:[A-Za-z0-9_.-]+)*)$/;

export interface Grant {
  role: string;
  scope: string;
}

/** A grant covers its own scope and every narrower one below it. */
export function scopeCovers(granted: string, required: string): boolean {
  return granted === GLOBAL_SCOPE || granted === required || required.startsWith(`${granted}/`);
}

/** Admins may do everything; anyone else needs the role on the scope or a broader one. */
export function holdsRole(grants: readonly Grant[], role: Role, scope: string): boolean {
  return grants.some(
    (g) => (g.role === "admin" && g.scope === GLOBAL_SCOPE) || (g.role === role && scopeCovers(g.scope, scope)),
  );
}

export interface ThrottlePolicy {
  /** Failures that cost nothing: people mistype. */
  freeFailures: number;
  /** After those, each failure doubles the wait before the next try, from this… */
  baseDelaySeconds: number;
  /** …up to this. */
  maxDelaySeconds: number;
  /** At this many failures the key is locked out… */
  lockoutFailures: number;
  /** …for this long after the last failure. */
  lockoutSeconds: number;
  /** A quiet spell this long after the last failure forgets the failures. */
  windowSeconds: number;
}

/** One account: a person mistypes a few times; a guesser is stopped quickly. */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  baseDelaySeconds: 2,
  maxDelaySeconds: 60,
  lockoutFailures: 10,
  lockoutSeconds: 15 * 60,
  windowSeconds: 15 * 60,
};

/** One address: more lenient, since a venue's judges and spectators share one NAT address. */
export const ADDRESS_POLICY: ThrottlePolicy = {
  freeFailures: 10,
  baseDelaySeconds: 1,
  maxDelaySeconds: 30,
  lockoutFailures: 50,
  lockoutSeconds: 15 * 60,
  windowSeconds: 15 * 60,
};

export interface FailureRecord {
  failures: number;
  lastFailureAt: number;
}

/** Seconds until the next try is allowed (0: now). Times are epoch milliseconds. */
export function retryAfterSeconds(record: FailureRecord | undefined, policy: ThrottlePolicy, now: number): number {
  if (!record || isForgotten(record, policy, now)) return 0;
  const wait = waitAfter(record.failures, policy);
  const remainingMs = record.lastFailureAt + wait * 1000 - now;
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
}

function isForgotten(record: FailureRecord, policy: ThrottlePolicy, now: number): boolean {
  return now - record.lastFailureAt > policy.windowSeconds * 1000;
}

/** Seconds to wait after the last of `failures` failures before the next try. */
export function waitAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures >= policy.lockoutFailures) return policy.lockoutSeconds;
  if (failures <= policy.freeFailures) return 0;
  return Math.min(policy.baseDelaySeconds * 2 ** (failures - policy.freeFailures - 1), policy.maxDelaySeconds);
}
