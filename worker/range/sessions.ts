// A booking's session at its lane: started on arrival (by the shooter or an instructor), ended
// by the instructor. D1 keeps the booking's status; the lane's object runs the session and is
// the one that accepts shots. Both steps are idempotent, so a start or end retried after a
// failure between them completes it.
import { sql } from "drizzle-orm";
import type { RangeLane } from "../../durable-objects/range-lane";
import { rangeBooking } from "../db/schema";
import { conflict } from "../lib/problem";
import { unwrap } from "../lib/rpc";
import type { Deps } from "./deps";
import type { BookingView } from "./present";
import { findBooking } from "./store";

/** How early before its slot a session may start. */
const EARLY_START_MS = 15 * 60_000;

export const laneObject = (deps: Deps, laneId: string): DurableObjectStub<RangeLane> => deps.lanes.getByName(laneId);

export async function startSession(deps: Deps, view: BookingView): Promise<BookingView> {
  const { booking, lane } = view;
  const now = Date.now();
  if (booking.status !== "confirmed" && booking.status !== "in_progress") {
    const why =
      booking.status === "pending_payment" ? "It is not paid yet." : `It is ${booking.status.replace("_", " ")}.`;
    throw conflict(`This booking cannot start: ${why}`, { reason: "not_startable" });
  }
  if (now < booking.startsAt - EARLY_START_MS || now >= booking.endsAt) {
    throw conflict("A session starts within its booked time (from 15 minutes before).", { reason: "not_now" });
  }
  const session = unwrap(
    await laneObject(deps, lane.id).start({
      rangeId: lane.rangeId,
      discipline: lane.discipline,
      bookingId: booking.id,
      shooterId: booking.userId,
      endsAt: booking.endsAt,
    }),
  );
  await deps.db
    .update(rangeBooking)
    .set({ status: "in_progress", startedAt: Date.parse(session.started_at), updatedAt: now })
    .where(sql`${rangeBooking.id} = ${booking.id} AND ${rangeBooking.status} = 'confirmed'`);
  return findBooking(deps.db, booking.id);
}

export async function endSession(deps: Deps, view: BookingView): Promise<BookingView> {
  const { booking } = view;
  if (booking.status !== "in_progress" && booking.status !== "completed") {
    throw conflict("Only a session in progress can be ended.", { reason: "not_in_progress" });
  }
  const session = unwrap(await laneObject(deps, booking.laneId).end(booking.id));
  await deps.db
    .update(rangeBooking)
    .set({ status: "completed", endedAt: Date.parse(session.ended_at ?? ""), updatedAt: Date.now() })
    .where(sql`${rangeBooking.id} = ${booking.id} AND ${rangeBooking.status} = 'in_progress'`);
  return findBooking(deps.db, booking.id);
}
