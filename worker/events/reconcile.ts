// The events' safety net (cron, every minute), in the shape of the range's (range/reconcile.ts):
// work that was recorded in D1 but whose trip through a queue was lost (a send that failed after
// the answer, a Worker gone with its job) is picked up again.
// - A message still `queued` or `retrying` well after the queue would have brought it back is put
//   on the notifications queue again. The consumer sends only what is still due and records the
//   outcome, so a message it delivered meanwhile is not sent twice.
// - A registration still awaiting payment because the provider did not answer is billed again,
//   and a cancelled one still owed a refund is refunded, through the same idempotent settlement
//   as the settlements queue (settlement.ts): the ledger is keyed, so money moves once. A charge
//   the provider declined is left to the visitor (they pay from the ticket): retrying a no is no use.
// Each run first claims what it takes, in one statement that also marks it (updated_at = now):
// two runs at once (a slow run overlapping the next minute's) never take the same row, and what
// a run could not finish is taken again a bound later.
import { sql } from "drizzle-orm";
import { chunks } from "../db/chunks";
import { batch, raw } from "../lib/batch";
import { MAX_ATTEMPTS, retryDelaySeconds } from "../notifications/rules";
import { announce } from "../notifications/service";
import { depsOf } from "./deps";
import { chargeDeclined, type Settlement, settle } from "./settlement";

/**
 * A message untouched this long is stuck: twice the longest delay the consumer asks the queue for
 * (before its last attempt) and a minute more, so that a retry the queue still holds (and brings
 * on time) is not put on it a second time.
 */
export const STUCK_MESSAGE_MS = (2 * retryDelaySeconds(MAX_ATTEMPTS - 1) + 60) * 1000;
/** Money owed on a registration untouched this long: the payment made while the person waited, and the queue's first tries, are over. */
export const STUCK_MONEY_MS = 5 * 60_000;
/** Only events that started within this (or are still to come) are looked at: each run reads recent events only. */
const LOOKBACK_MS = 90 * 86_400_000;
/**
 * Only messages recorded within this are looked at (on the topic's index, by time): a run reads
 * the last days' messages, not every message ever. A stuck message gets thousands of runs' chances
 * in it; one older still is the organizer's to send again (the event's messages page).
 */
const MESSAGE_WINDOW_MS = 2 * 86_400_000;
/** Rows of each kind a run takes at most; the rest wait for the next minute. */
const PER_RUN = 100;
/** Settlements made at once (each is a few D1 round trips and a provider call). */
const AT_ONCE = 10;

export interface Reconciled {
  /** Messages put on the queue again. */
  messages: string[];
  /** Registrations whose money was settled again, with the outcome. */
  settlements: { id: string; status: string; outcome: Settlement | "error" }[];
}

/** Takes the stuck messages of recent events, marking them taken. */
const claimMessages = (now: number) => sql`
  UPDATE notification SET updated_at = ${now}
  WHERE id IN (
    SELECT n.id FROM event e JOIN notification n ON n.topic = 'event:' || e.id
      AND n.created_at BETWEEN ${now - MESSAGE_WINDOW_MS} AND ${now - STUCK_MESSAGE_MS}
    WHERE e.starts_at >= ${now - LOOKBACK_MS} AND n.status IN ('queued', 'retrying')
      AND n.updated_at <= ${now - STUCK_MESSAGE_MS}
    LIMIT ${PER_RUN})
  RETURNING id`;

/**
 * Takes the registrations of recent events that money is stuck on, marking them taken: awaiting
 * payment (the event still open and ahead, the provider not having declined) or cancelled with a
 * refund owed.
 */
const claimOwed = (now: number) => sql`
  UPDATE registration SET updated_at = ${now}
  WHERE id IN (
    SELECT r.id FROM event e JOIN registration r ON r.event_id = e.id
    WHERE e.starts_at >= ${now - LOOKBACK_MS} AND r.status IN ('awaiting_payment', 'cancelled')
      AND r.updated_at <= ${now - STUCK_MONEY_MS}
      AND CASE r.status
        WHEN 'awaiting_payment' THEN e.status = 'published' AND e.ends_at > ${now} AND NOT ${chargeDeclined(sql`r.id`)}
        ELSE r.refund_due > r.refund_amount
      END
    LIMIT ${PER_RUN})
  RETURNING id, status`;

export async function reconcileEvents(env: Env, ctx: { waitUntil(work: Promise<unknown>): void }): Promise<Reconciled> {
  const deps = depsOf(env, (work) => ctx.waitUntil(work));
  const now = Date.now();
  const [messages, owed] = await batch(deps.d1, [
    raw<{ id: string }>(claimMessages(now)),
    raw<{ id: string; status: string }>(claimOwed(now)),
  ]);
  await announce(deps.notifications, messages);
  const settlements: Reconciled["settlements"] = [];
  for (const group of chunks(owed, AT_ONCE)) {
    settlements.push(
      ...(await Promise.all(
        group.map(async ({ id, status }) => {
          try {
            return { id, status, outcome: await settle(deps, id) };
          } catch (error) {
            console.error(`events reconciliation: settling registration ${id} failed:`, error);
            return { id, status, outcome: "error" as const };
          }
        }),
      )),
    );
  }
  const done = settlements.filter((s) => s.outcome === "done").length;
  console.log(
    `events reconciliation: ${messages.length} messages queued again, ${done} of ${settlements.length} stuck payments settled`,
  );
  return { messages: messages.map((m) => m.id), settlements };
}
