// Money owed on a registration: its charge while it awaits payment, its refund once cancelled.
// Tried at once where a person waits for the answer (registering, cancelling); otherwise, and
// whenever the provider could not be reached, through the settlements queue, retried with a
// growing delay. Every step is idempotent (payments are by key, the registration mirrors the
// ledger's totals, which only grow), so a job run twice, or beside a person's retry, moves money once.
import { eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { chunks } from "../db/chunks";
import { registration } from "../db/schema";
import { batch, raw } from "../lib/batch";
import { PaymentFailed } from "../payments/service";
import { type Deps, depsOf } from "./deps";
import { recordNews } from "./messages";
import { type RegistrationStatus, settlementRetrySeconds } from "./rules";

export const SETTLEMENTS_QUEUE = "podium-settlements";

const SettlementJob = z.object({ registration_id: z.string().min(1).max(64) });
type SettlementJob = z.infer<typeof SettlementJob>;

/** done: nothing more is owed; retry: the provider was not reachable; stop: it said no, a person must act. */
export type Settlement = "done" | "retry" | "stop";

export interface Owed {
  id: string;
  number: string;
  status: RegistrationStatus;
  price: number;
  refundDue: number;
  refundAmount: number;
}

/** One invoice per registration: charged once, refunded against. */
const INVOICE = "registration:";
const invoiceKey = (registrationId: string) => `${INVOICE}${registrationId}`;

/**
 * Whether the provider said no to the last charge of the registration whose id is `id` (a declined
 * card: a person must act), as against not answering: the charge is failed in the ledger, not pending.
 */
export const chargeDeclined = (id: SQL) => sql`EXISTS (SELECT 1 FROM payment_movement m
  WHERE m.invoice_id = ${INVOICE} || ${id} AND m.kind = 'charge' AND m.status = 'failed')`;

/** Charges a registration awaiting payment; a payment that lands after a cancellation goes back at once. */
export async function bill(deps: Deps, owed: Owed): Promise<Settlement> {
  const { db } = deps;
  let charged: number;
  try {
    ({ charged } = await deps.payments.charge({
      key: invoiceKey(owed.id),
      reference: invoiceKey(owed.id),
      description: `Ticket ${owed.number}`,
      amount: owed.price,
    }));
  } catch (error) {
    if (!(error instanceof PaymentFailed)) throw error;
    const now = Date.now();
    const [, news] = await batch(deps.d1, [
      db
        .update(registration)
        .set({ paymentError: error.message, updatedAt: now })
        .where(sql`${registration.id} = ${owed.id} AND ${registration.status} = 'awaiting_payment'`),
      raw<{ id: string }>(recordNews("payment_pending", owed.id, now, sql`r.status = 'awaiting_payment'`)),
    ]);
    deps.announce(news);
    return error.reason === "unavailable" ? "retry" : "stop";
  }
  const now = Date.now();
  // The ledger's total, never less than before: a late or repeated answer cannot undo a newer one.
  const [[after], news] = await batch(deps.d1, [
    raw<{ status: RegistrationStatus; refund_due: number; refund_amount: number }>(sql`
      UPDATE registration SET
        billed_amount = MAX(billed_amount, ${charged}), billed_at = COALESCE(billed_at, ${now}),
        status = CASE WHEN status = 'awaiting_payment' THEN 'confirmed' ELSE status END,
        refund_due = CASE WHEN status = 'cancelled' THEN MAX(refund_due, ${charged}) ELSE refund_due END,
        payment_error = NULL, updated_at = ${now}
      WHERE id = ${owed.id}
      RETURNING status, refund_due, refund_amount`),
    raw<{ id: string }>(recordNews("confirmed", owed.id, now, sql`r.status = 'confirmed'`)),
  ]);
  deps.announce(news);
  if (!after || after.refund_due <= after.refund_amount) return "done";
  return refund(deps, {
    ...owed,
    status: after.status,
    refundDue: after.refund_due,
    refundAmount: after.refund_amount,
  });
}

/** Refunds what is owed back and not yet refunded. */
export async function refund(deps: Deps, owed: Owed): Promise<Settlement> {
  const amount = owed.refundDue - owed.refundAmount;
  if (amount <= 0) return "done";
  const { db } = deps;
  let refunded: number;
  try {
    // Keyed by what had been refunded before: the same refund retried keeps its key.
    ({ refunded } = await deps.payments.refund(invoiceKey(owed.id), {
      key: `${invoiceKey(owed.id)}:refund:${owed.refundAmount}`,
      amount,
    }));
  } catch (error) {
    if (!(error instanceof PaymentFailed)) throw error;
    console.error(`events: refunding registration ${owed.id} failed (${error.reason}):`, error.message);
    return error.reason === "not_refundable" || error.reason === "key_reused" ? "stop" : "retry";
  }
  const now = Date.now();
  const [, news] = await batch(deps.d1, [
    db
      .update(registration)
      .set({ refundAmount: sql`MAX(${registration.refundAmount}, ${refunded})`, refundedAt: now, updatedAt: now })
      .where(eq(registration.id, owed.id)),
    raw<{ id: string }>(recordNews("refunded", owed.id, now)),
  ]);
  deps.announce(news);
  return "done";
}

/** Settles whatever the registration owes or is owed now. */
export async function settle(deps: Deps, registrationId: string): Promise<Settlement> {
  const owed = await deps.db
    .select({
      id: registration.id,
      number: registration.number,
      status: registration.status,
      price: registration.price,
      refundDue: registration.refundDue,
      refundAmount: registration.refundAmount,
    })
    .from(registration)
    .where(eq(registration.id, registrationId))
    .get();
  if (!owed) return "done";
  return owed.status === "awaiting_payment" ? bill(deps, owed) : refund(deps, owed);
}

/** Leaves the registrations' settlement to the queue, after `delaySeconds`. */
export function queueSettlements(deps: Deps, ids: string[], delaySeconds = 0): void {
  if (ids.length === 0) return;
  const send = async () => {
    for (const batch of chunks(ids, 100)) {
      await deps.settlements.sendBatch(
        batch.map((id): { body: SettlementJob; delaySeconds: number } => ({
          body: { registration_id: id },
          delaySeconds,
        })),
      );
    }
  };
  deps.later(
    send().catch((error) =>
      console.error(`events: could not queue the settlement of ${ids.length} registrations:`, error),
    ),
  );
}

/** The settlements queue's consumer, as the Worker's queue() handler calls it. */
export async function consumeSettlements(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) {
  const deps = depsOf(env, (work) => ctx.waitUntil(work));
  await Promise.all(
    batch.messages.map(async (message) => {
      const job = SettlementJob.safeParse(message.body);
      if (!job.success) {
        console.error(`events: unreadable settlement job ${message.id}, dropped:`, message.body);
        message.ack();
        return;
      }
      try {
        const outcome = await settle(deps, job.data.registration_id);
        if (outcome === "retry") message.retry({ delaySeconds: settlementRetrySeconds(message.attempts) });
        else message.ack();
      } catch (error) {
        console.error(`events: settling registration ${job.data.registration_id} failed:`, error);
        message.retry({ delaySeconds: settlementRetrySeconds(message.attempts) });
      }
    }),
  );
}
