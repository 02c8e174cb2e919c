// Cancelling a booking: its new status and the release of what it held (lane, weapons,
// instructor) in one D1 batch, a transaction, so a cancelled booking never keeps a claim and a
// booking that had moved on meanwhile (paid, started) keeps all of its own. Whoever cancels — the
// shooter, staff, or a declined payment — goes through here.
import { sql } from "drizzle-orm";
import type { BOOKING_STATUSES } from "../db/range";
import { batch, raw } from "../lib/batch";

type Status = (typeof BOOKING_STATUSES)[number];

export interface Cancellation {
  /** The statuses it may be cancelled from; any other leaves it as it is. */
  from: Status[];
  /** Kopecks owed back (it only grows: what was due before stays due). */
  refundDue: number;
  /** Why, for the shooter: a declined payment's answer; null when someone chose to cancel. */
  paymentError: string | null;
}

/** Cancels and frees at once; true when it was this call that cancelled it. */
export async function cancelBooking(d1: D1Database, bookingId: string, how: Cancellation): Promise<boolean> {
  const now = Date.now();
  const from = sql.join(
    how.from.map((s) => sql`${s}`),
    sql`, `,
  );
  const [cancelled] = await batch(d1, [
    raw<{ id: string }>(
      sql`UPDATE range_booking SET status = 'cancelled', cancelled_at = ${now}, updated_at = ${now},
            refund_due = MAX(refund_due, ${how.refundDue}), payment_error = ${how.paymentError}
          WHERE id = ${bookingId} AND status IN (${from}) RETURNING id`,
    ),
    raw(
      sql`DELETE FROM range_claim WHERE booking_id = ${bookingId}
          AND EXISTS (SELECT 1 FROM range_booking WHERE id = ${bookingId} AND status = 'cancelled')`,
    ),
  ]);
  return cancelled.length > 0;
}
