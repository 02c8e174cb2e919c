// What the range's use cases run on, made once per request (or per queue batch) from the bindings.
import { createDb, type Db } from "../db";
import { type Payments, paymentsOf } from "../payments/service";

export interface Deps {
  db: Db;
  d1: D1Database;
  payments: Payments;
  /** The range's queue of payments to retry and reports to make (jobs.ts; shots have their own). */
  jobs: Queue;
  lanes: Cloudflare.Env["RANGE_LANE"];
  secret: string;
  /** Work that must not hold up the answer (the request's waitUntil). */
  later(work: Promise<unknown>): void;
}

export function depsOf(env: Env, later: (work: Promise<unknown>) => void): Deps {
  return {
    db: createDb(env.DB),
    d1: env.DB,
    payments: paymentsOf(env),
    jobs: env.RANGE_JOBS,
    lanes: env.RANGE_LANE,
    secret: env.AUTH_SECRET,
    later,
  };
}

export const depsFor = (c: { env: Env; executionCtx: { waitUntil(work: Promise<unknown>): void } }) =>
  depsOf(c.env, (work) => c.executionCtx.waitUntil(work));
