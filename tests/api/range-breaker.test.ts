// Booking payments through the payments port's circuit breaker: while the provider is down the
// breaker opens and bookings wait in pending_payment, never lost; once it is back, the range
// queue's payment jobs pay each exactly once, however often they are delivered.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BREAKER } from "../../worker/payments/resilience";
import type { Booking } from "../../worker/range/contract";
import { consumeRangeJobs, RANGE_QUEUE } from "../../worker/range/jobs";
import { failPayments, rows } from "./events-helpers";
import { book, createLane, createWeapon, newShooter, newStaff, slotIn } from "./range-helpers";

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
