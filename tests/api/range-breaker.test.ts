// Booking payments through the payments port's circuit breaker: while the provider is down the
// breaker opens and bookings wait in pending_payment, never lost; once it is back, the range
// queue's payment jobs pay each exactly once, however often they are delivered. A definite no
// from the provider is another matter: the booking is cancelled and its slot freed at once, the
// shooter is told why, and it is never charged later.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BREAKER, RETRY } from "../../worker/payments/resilience";
import type { Booking } from "../../worker/range/contract";
import { consumeRangeJobs, RANGE_QUEUE } from "../../worker/range/jobs";
import { problemOf } from "./client";
import { failPayments, rows } from "./events-helpers";
import { book, createLane, createWeapon, newInstructor, newShooter, newStaff, slotIn } from "./range-helpers";

afterEach(() => {
  vi.useRealTimers();
});

/** The queue delivering these bookings' payment jobs once (attempt `attempt`). */
async function deliverPayments(bookingIds: string[], attempt: number) {
  const batch = createMessageBatch(
    RANGE_QUEUE,
    bookingIds.map((id, i) => ({
      id: `payment-${attempt}-${i}`,
      timestamp: new Date(),
      attempts: attempt,
      body: { type: "payment", booking_id: id },
    })),
  );
  const ctx = createExecutionContext();
  await consumeRangeJobs(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe("the circuit breaker around the payment provider", () => {
  it("opens while the provider fails; the bookings wait, then are paid once each when it is back", async () => {
    const staff = await newStaff();
    const lane = await createLane(staff);
    const weapon = await createWeapon(staff);
    const shooters = await Promise.all([newShooter(staff), newShooter(staff), newShooter(staff)]);
    await failPayments("transient", 1000);

    const made: Booking[] = [];
    for (const [i, shooter] of shooters.entries()) {
      const res = await book(shooter.client, { lane_id: lane.id, weapon_ids: [weapon.id], ...slotIn(40 + i) });
      expect(res.status).toBe(201);
      made.push(res.body as Booking);
    }
    expect(made.map((b) => b.status)).toEqual(["pending_payment", "pending_payment", "pending_payment"]);
    expect(made.every((b) => b.invoice.payment_error !== null)).toBe(true);
    const [breaker] = await rows<{ state: string }>("SELECT state FROM payment_breaker WHERE provider = 'local'");
    expect(breaker?.state).toBe("open");
    // Once open, the third booking never reached the provider: only `threshold` calls failed.
    const [fault] = await rows<{ remaining: number }>("SELECT remaining FROM payment_local_fault");
    expect(fault?.remaining).toBe(1000 - BREAKER.failureThreshold);

    // Still open: a job run now leaves them waiting and asks to be retried.
    const early = await deliverPayments(
      made.map((b) => b.id),
      1,
    );
    expect(early.retryMessages).toHaveLength(3);

    await failPayments("transient", 0);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + BREAKER.coolDownMs);
    // Half-open, the breaker lets one job through as its probe; the others are retried.
    const probe = await deliverPayments(
      made.map((b) => b.id),
      2,
    );
    expect([probe.explicitAcks.length, probe.retryMessages.length]).toEqual([1, 2]);
    // Closed again, every job goes through; delivered once more (a redelivery), nothing changes.
    for (const attempt of [3, 4]) {
      const result = await deliverPayments(
        made.map((b) => b.id),
        attempt,
      );
      expect(result.explicitAcks).toHaveLength(3);
    }
    const statuses = await rows<{ status: string; billed_amount: number }>(
      `SELECT status, billed_amount FROM range_booking WHERE id IN (${made.map(() => "?").join(", ")})`,
      ...made.map((b) => b.id),
    );
    expect(statuses).toEqual(Array(3).fill({ status: "confirmed", billed_amount: 500_00 }));
    const charges = await rows<{ invoice_id: string }>(
      `SELECT invoice_id FROM payment_movement WHERE kind = 'charge' AND status = 'settled' AND invoice_id IN (${made
        .map(() => "?")
        .join(", ")})`,
      ...made.map((b) => b.invoice.id),
    );
    expect(charges).toHaveLength(3);
    const [ledger] = await rows<{ n: number }>(
      `SELECT COUNT(*) AS n FROM payment_local_ledger WHERE key IN (${made.map(() => "?").join(", ")})`,
      ...made.map((b) => `${b.invoice.id}:charge`),
    );
    expect(ledger?.n).toBe(3);
    const [closed] = await rows<{ state: string }>("SELECT state FROM payment_breaker WHERE provider = 'local'");
    expect(closed?.state).toBe("closed");
  });
});

/** A club with a lane, a weapon and an instructor, and a slot body that takes all three. */
async function clubSlot(hours: number) {
  const staff = await newStaff();
  const lane = await createLane(staff);
  const weapon = await createWeapon(staff);
  const instructor = await newInstructor(staff.rangeId);
  const body = { lane_id: lane.id, weapon_ids: [weapon.id], instructor_id: instructor.id, ...slotIn(hours) };
  return { staff, body };
}

/** The booking's row, its claims and what the local provider's own books hold for its invoice. */
async function traceOf(booking: Booking) {
  const [row] = await rows<{ status: string; billed_amount: number; payment_error: string | null }>(
    "SELECT status, billed_amount, payment_error FROM range_booking WHERE id = ?",
    booking.id,
  );
  const claims = await rows("SELECT resource FROM range_claim WHERE booking_id = ?", booking.id);
  const charged = await rows("SELECT key FROM payment_local_ledger WHERE key = ?", `${booking.invoice.id}:charge`);
  return { ...row, claims: claims.length, charged: charged.length };
}

const cancelledUnpaid = {
  status: "cancelled",
  billed_amount: 0,
  payment_error: "The local provider declined (told to).",
  claims: 0,
  charged: 0,
};

describe("a declined payment", () => {
  it("cancels the booking at once, frees its lane, weapon and instructor, and says why in the shooter's bookings", async () => {
    const { staff, body } = await clubSlot(50);
    const shooter = await newShooter(staff);
    await failPayments("decline", 1);
    const res = await book(shooter.client, body);
    expect(res.status).toBe(201);
    const declined = res.body as Booking;
    expect(declined).toMatchObject({
      status: "cancelled",
      invoice: { charged: 0, payment_error: cancelledUnpaid.payment_error },
      refund_if_cancelled_now: 0,
    });
    expect(await traceOf(declined)).toEqual(cancelledUnpaid);
    const mine = (await shooter.client.get("/api/range/my/bookings")).body as { items: Booking[] };
    expect(mine.items).toEqual([
      expect.objectContaining({ id: declined.id, status: "cancelled", invoice: declined.invoice }),
    ]);

    // The slot, the weapon and the instructor are free for the next shooter at once.
    const next = await book((await newShooter(staff)).client, body);
    expect(next.status).toBe(201);
    expect((next.body as Booking).status).toBe("confirmed");

    // Never charged later: a payment job delivered for it (a redelivery), or paying it by hand, charge nothing.
    const late = await deliverPayments([declined.id], 1);
    expect(late.explicitAcks).toHaveLength(1);
    expect(problemOf(await shooter.client.post(`/api/range/bookings/${declined.id}/payment`), 409)).toMatchObject({
      reason: "not_pending",
    });
    expect(await traceOf(declined)).toEqual(cancelledUnpaid);
  });

  it("reaching a booking that was waiting for the provider cancels it too, from the queue or when paid by hand", async () => {
    const { staff, body } = await clubSlot(54);
    const [viaQueue, byHand] = [await newShooter(staff), await newShooter(staff)];
    /** Books while the provider fails every try: the booking waits in pending_payment, holding its slot. */
    const waitingBooking = async (client: typeof viaQueue.client, slot: Record<string, unknown>) => {
      await failPayments("transient", RETRY.attempts);
      const waiting = (await book(client, slot)).body as Booking;
      expect(waiting.status).toBe("pending_payment");
      expect((await traceOf(waiting)).claims).toBeGreaterThan(0);
      await failPayments("decline", 1);
      return waiting;
    };

    const queued = await waitingBooking(viaQueue.client, body);
    const result = await deliverPayments([queued.id], 2);
    // A decline is not retried: waiting would not change the answer.
    expect([result.explicitAcks.length, result.retryMessages.length]).toEqual([1, 0]);
    expect(await traceOf(queued)).toEqual(cancelledUnpaid);

    const paid = await waitingBooking(byHand.client, { ...body, ...slotIn(55), instructor_id: undefined });
    const refused = await byHand.client.post(`/api/range/bookings/${paid.id}/payment`);
    expect(problemOf(refused, 402).detail).toBe(cancelledUnpaid.payment_error);
    expect(await traceOf(paid)).toEqual(cancelledUnpaid);

    // The provider says yes again; the queue delivers both payment jobs once more: nothing is charged.
    await deliverPayments([queued.id, paid.id], 3);
    expect(await traceOf(queued)).toEqual(cancelledUnpaid);
    expect(await traceOf(paid)).toEqual(cancelledUnpaid);
  });
});
