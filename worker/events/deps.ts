// What the events use cases run on, made once per request (or per queue batch) from the bindings.
import { createDb, type Db } from "../db";
import { announceSoon } from "../notifications/gathering";
import { type Payments, paymentsOf } from "../payments/service";

export interface Deps {
  db: Db;
  /** The same database, for batches with raw statements (batch.ts). */
  d1: D1Database;
  payments: Payments;
  /** The notifications port's queue (recorded messages go on it once written). */
  notifications: Queue;
  /** Money owed on a registration, settled in the background (settlement.ts). */
  settlements: Queue;
  /** Work that must not hold up the answer (the request's waitUntil). */
  later(work: Promise<unknown>): void;
  /** Puts messages the request recorded on the notifications queue, with the isolate's next burst (gathering.ts). */
  announce(messages: { id: string }[]): void;
}

export function depsOf(env: Env, later: (work: Promise<unknown>) => void): Deps {
  return {
    db: createDb(env.DB),
    d1: env.DB,
    payments: paymentsOf(env),
    notifications: env.NOTIFICATIONS,
    settlements: env.SETTLEMENTS,
    later,
    announce: (messages) => announceSoon(env.NOTIFICATIONS, messages, later),
  };
}

/** The use cases' dependencies for one request (a Hono context has both). */
export const depsFor = (c: { env: Env; executionCtx: { waitUntil(work: Promise<unknown>): void } }) =>
  depsOf(c.env, (work) => c.executionCtx.waitUntil(work));
