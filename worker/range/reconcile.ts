// The range's safety net (cron, every minute): a booking still awaiting payment a while after it
// was made has its payment queued again (in case the job was lost with its Worker), and a paid
// booking whose time passed without a session is marked no_show, freeing nothing (its time is gone).
import { sql } from "drizzle-orm";
import { rangeBooking } from "../db/schema";
import { depsOf } from "./deps";

/** Long enough that the payment job queued when booking has had its tries. */
const STALE_PAYMENT_MS = 5 * 60_000;
const PER_RUN = 100;

export async function reconcileBookings(env: Env, ctx: { waitUntil(work: Promise<unknown>): void }) {
  const deps = depsOf(env, (work) => ctx.waitUntil(work));
  const now = Date.now();
  const noShows = await deps.db
    .update(rangeBooking)
    .set({ status: "no_show", updatedAt: now })
    .where(sql`${rangeBooking.status} = 'confirmed' AND ${rangeBooking.endsAt} <= ${now}`)
    .returning({ id: rangeBooking.id });
  const unpaid = await deps.db
    .select({ id: rangeBooking.id })
    .from(rangeBooking)
    .where(
      sql`${rangeBooking.status} = 'pending_payment' AND ${rangeBooking.updatedAt} <= ${now - STALE_PAYMENT_MS}
        AND ${rangeBooking.endsAt} > ${now}`,
    )
    .limit(PER_RUN)
    .all();
  if (unpaid.length) {
    await deps.jobs.sendBatch(unpaid.map(({ id }) => ({ body: { type: "payment", booking_id: id } })));
  }
  console.log(`range reconciliation: ${noShows.length} no-shows, ${unpaid.length} payments queued again`);
}
