// Money owed on a booking, through the payments port (retry with backoff and the circuit breaker
// live there): its invoice charged while it awaits payment, its refund once cancelled. Tried at
// once while the shooter waits; when the provider cannot be reached (or its breaker is open), the
// booking stays pending_payment, holding its slot, and the range queue tries again with a growing
// delay until it is paid. When the provider says no, waiting will not help: the booking is
// cancelled and its lane, weapons and instructor freed at once, the answer kept for the shooter,
// and it is never charged later (only a booking pending_payment is ever billed). Each
// step is idempotent (the ledger is keyed; the booking mirrors its totals, which only grow), so a
// job run twice, or beside the shooter's own retry, charges once.
import { eq, sql } from "drizzle-orm";
import { rangeBooking } from "../db/schema";
import { PaymentFailed } from "../payments/service";
import { cancelBooking } from "./cancellation";
import type { Deps } from "./deps";
import { invoiceKey } from "./present";

export type Settlement = "done" | "retry" | "stop";

type BookingRow = typeof rangeBooking.$inferSelect;

/** Charges a booking awaiting payment; money landing after a cancellation is owed back at once. */
export async function bill(deps: Deps, booking: BookingRow): Promise<Settlement> {
  let charged: number;
  try {
    ({ charged } = await deps.payments.charge({
      key: invoiceKey(booking.id),
      reference: invoiceKey(booking.id),
      description: `Range booking ${booking.id}`,
      amount: booking.price,
    }));
  } catch (error) {
    if (!(error instanceof PaymentFailed)) throw error;
    if (error.reason === "declined") {
      await cancelBooking(deps.d1, booking.id, {
        from: ["pending_payment"],
        refundDue: 0,
        paymentError: error.message,
      });
      return "stop";
    }
    await deps.db
      .update(rangeBooking)
      .set({ paymentError: error.message, updatedAt: Date.now() })
      .where(sql`${rangeBooking.id} = ${booking.id} AND ${rangeBooking.status} = 'pending_payment'`);
    return error.reason === "unavailable" ? "retry" : "stop";
  }
  const [after] = await deps.db
    .update(rangeBooking)
    .set({
      billedAmount: sql`MAX(${rangeBooking.billedAmount}, ${charged})`,
      status: sql`CASE WHEN ${rangeBooking.status} = 'pending_payment' THEN 'confirmed' ELSE ${rangeBooking.status} END`,
      refundDue: sql`CASE WHEN ${rangeBooking.status} = 'cancelled' THEN MAX(${rangeBooking.refundDue}, ${charged}) ELSE ${rangeBooking.refundDue} END`,
      paymentError: null,
      updatedAt: Date.now(),
    })
    .where(eq(rangeBooking.id, booking.id))
    .returning();
  return after ? refund(deps, after) : "done";
}

/** Refunds what is owed back and not yet refunded. */
export async function refund(deps: Deps, booking: BookingRow): Promise<Settlement> {
  const amount = booking.refundDue - booking.refundAmount;
  if (amount <= 0) return "done";
  let refunded: number;
  try {
    // Keyed by what had been refunded before: the same refund retried keeps its key.
    ({ refunded } = await deps.payments.refund(invoiceKey(booking.id), {
      key: `${invoiceKey(booking.id)}:refund:${booking.refundAmount}`,
      amount,
    }));
  } catch (error) {
    if (!(error instanceof PaymentFailed)) throw error;
    console.error(`range: refunding booking ${booking.id} failed (${error.reason}):`, error.message);
    return error.reason === "unavailable" ? "retry" : "stop";
  }
  await deps.db
    .update(rangeBooking)
    .set({ refundAmount: sql`MAX(${rangeBooking.refundAmount}, ${refunded})`, updatedAt: Date.now() })
    .where(eq(rangeBooking.id, booking.id));
  return "done";
}

/** Settles whatever the booking owes or is owed now. */
export async function settle(deps: Deps, bookingId: string): Promise<Settlement> {
  const booking = await deps.db.select().from(rangeBooking).where(eq(rangeBooking.id, bookingId)).get();
  if (!booking) return "done";
  return booking.status === "pending_payment" ? bill(deps, booking) : refund(deps, booking);
}

/** Leaves the booking's settlement to the range queue, after `delaySeconds`. */
export function queueSettlement(deps: Deps, bookingId: string, delaySeconds: number): void {
  deps.later(
    deps.jobs
      .send({ type: "payment", booking_id: bookingId }, { delaySeconds })
      .catch((error) => console.error(`range: could not queue the payment of booking ${bookingId}:`, error)),
  );
}
