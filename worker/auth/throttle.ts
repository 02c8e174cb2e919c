// The password-guessing throttle's memory in D1: one row of failures per account and per address.
// An attempt is reserved (counted as a failure) before the password is checked, by one conditional
// statement per key: check and count are one atomic step, so a burst of parallel guesses gets no
// more tries than the policy allows one at a time. A success gives the reservation back.
import { eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import { loginThrottle } from "../db/schema";
import { tooManyRequests } from "../lib/problem";
import { ACCOUNT_POLICY, ADDRESS_POLICY, retryAfterSeconds, type ThrottlePolicy, waitAfter } from "./rules";

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

export const accountKey = (email: string): ThrottleKey => ({
  key: `account:${email.toLowerCase()}`,
  policy: ACCOUNT_POLICY,
});

export function loginKeys(email: string, address: string | null): ThrottleKey[] {
  const keys = [accountKey(email)];
  if (address) keys.push({ key: `address:${address}`, policy: ADDRESS_POLICY });
  return keys;
}

/**
 * `waitAfter(failures)` in SQL, in seconds: a CASE over the failure counts that wait, so the rule
 * stays written once (in rules.ts) and is only tabulated here. The numbers are the policy's own
 * integers, written inline: as parameters they would pass D1's limit of 100 per statement.
 */
function waitSeconds(policy: ThrottlePolicy): SQL {
  const cases = [];
  for (let failures = policy.freeFailures + 1; failures < policy.lockoutFailures; failures++) {
    cases.push(`WHEN ${failures} THEN ${waitAfter(failures, policy)}`);
  }
  return sql`CASE WHEN ${loginThrottle.failures} >= ${sql.raw(String(policy.lockoutFailures))}
    THEN ${sql.raw(String(policy.lockoutSeconds))}
    ELSE CASE ${loginThrottle.failures} ${sql.raw(cases.join(" "))} ELSE 0 END END`;
}

/** Counts one attempt for the key if its wait is over; returns whether it was counted. */
function reserveOne(db: Db, { key, policy }: ThrottleKey, now: number) {
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
      setWhere: sql`${forgotten} OR ${now} >= ${loginThrottle.lastFailureAt} + ${waitSeconds(policy)} * 1000`,
    })
    .returning({ key: loginThrottle.key });
}

/** Takes back a reservation: the attempt did not fail (or was never made). */
function release(db: Db, key: string) {
  return db
    .update(loginThrottle)
    .set({ failures: sql`MAX(${loginThrottle.failures} - 1, 0)` })
    .where(eq(loginThrottle.key, key));
}

/**
 * Reserves an attempt on every key, or refuses with 429 and Retry-After while any must still wait
 * (giving back what it did reserve). The reservation stands as a failure unless `succeeded` or
 * `abandoned` is called.
 */
export async function reserveAttempt(db: Db, keys: ThrottleKey[], now: number) {
  const [first, ...rest] = keys.map((k) => reserveOne(db, k, now));
  if (!first) throw new Error("no throttle key");
  const results = await db.batch([first, ...rest]);
  const reserved = keys.filter((_, i) => (results[i]?.length ?? 0) > 0);
  if (reserved.length < keys.length) {
    await releaseAll(db, reserved);
    const wait = await longestWait(db, keys, now);
    throw tooManyRequests(`Too many failed attempts. Try again in ${wait} s.`, wait);
  }
  return {
    /** The password was right: the account's failures are forgotten; the address's are given back. */
    succeeded: async () => {
      const [account, ...others] = keys;
      const statements = others.map((k) => release(db, k.key));
      if (account) await db.batch([db.delete(loginThrottle).where(eq(loginThrottle.key, account.key)), ...statements]);
    },
    /** Nothing was checked (an error on our side): every reservation is given back. */
    abandoned: () => releaseAll(db, keys),
  };
}

async function releaseAll(db: Db, keys: ThrottleKey[]): Promise<void> {
  const [first, ...rest] = keys.map((k) => release(db, k.key));
  if (first) await db.batch([first, ...rest]);
}

async function longestWait(db: Db, keys: ThrottleKey[], now: number): Promise<number> {
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(
      inArray(
        loginThrottle.key,
        keys.map((k) => k.key),
      ),
    );
  const waits = keys.map(({ key, policy }) =>
    retryAfterSeconds(
      rows.find((r) => r.key === key),
      policy,
      now,
    ),
  );
  return Math.max(1, ...waits);
}
