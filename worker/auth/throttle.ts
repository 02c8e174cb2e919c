// The login throttle's memory in D1: one row of failures per account and per address.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db";
import { loginThrottle } from "../db/schema";
import { tooManyRequests } from "../lib/problem";
import { ACCOUNT_POLICY, ADDRESS_POLICY, retryAfterSeconds, type ThrottlePolicy } from "./rules";

interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

export function loginKeys(email: string, address: string | null): ThrottleKey[] {
  const keys = [{ key: `account:${email.toLowerCase()}`, policy: ACCOUNT_POLICY }];
  if (address) keys.push({ key: `address:${address}`, policy: ADDRESS_POLICY });
  return keys;
}

/** Refuses with 429 and Retry-After while any of the keys must still wait. */
export async function assertMayTryLogin(db: Db, keys: ThrottleKey[], now: number): Promise<void> {
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(
      inArray(
        loginThrottle.key,
        keys.map((k) => k.key),
      ),
    );
  const wait = Math.max(
    0,
    ...keys.map(({ key, policy }) =>
      retryAfterSeconds(
        rows.find((r) => r.key === key),
        policy,
        now,
      ),
    ),
  );
  if (wait > 0) {
    throw tooManyRequests(`Too many failed logins. Try again in ${wait} s.`, wait);
  }
}

/** Counts one failure per key in a single atomic upsert each, so concurrent failures all count. */
export async function recordLoginFailure(db: Db, keys: ThrottleKey[], now: number): Promise<void> {
  const upserts = keys.map(({ key, policy }) => {
    const forgotten = sql`${now} - ${loginThrottle.lastFailureAt} > ${policy.windowSeconds * 1000}`;
    return db
      .insert(loginThrottle)
      .values({ key, failures: 1, firstFailureAt: now, lastFailureAt: now })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`CASE WHEN ${forgotten} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
          firstFailureAt: sql`CASE WHEN ${forgotten} THEN ${now} ELSE ${loginThrottle.firstFailureAt} END`,
          lastFailureAt: now,
        },
      });
  });
  const [first, ...rest] = upserts;
  if (first) await db.batch([first, ...rest]);
}

/** A successful login forgets the account's failures (not the address's: see ADDRESS_POLICY). */
export async function forgetAccountFailures(db: Db, email: string): Promise<void> {
  const [account] = loginKeys(email, null);
  if (account) await db.delete(loginThrottle).where(eq(loginThrottle.key, account.key));
}
