// A queue consumer's batch is one invocation, and Workers Free allows an invocation 50
// subrequests (D1 queries, queue sends and R2 calls count alike). Here each money and report
// queue's consumer takes a full batch, as wrangler.toml sizes it, of its costliest jobs (a payment
// while the provider is down and the breaker still closed: every job tries, retries and records
// each failure; a payment that goes through; a PDF report), with every subrequest counted.
// The jobs' own sends are held back (their queues would run them beside the count).
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { consumeSettlements, SETTLEMENTS_QUEUE } from "../../worker/events/settlement";
import type { Booking } from "../../worker/range/contract";
import { consumeRangeJobs, RANGE_QUEUE } from "../../worker/range/jobs";
import { createEvent, failPayments, newOrganizer, registered, rows } from "./events-helpers";
import { book, createLane, createWeapon, newShooter, newStaff, slotIn } from "./range-helpers";
import { batchSizeOf, consumerBatchSizes, countingEnv, FREE_SUBREQUESTS } from "./subrequests";

afterEach(async () => {
  vi.restoreAllMocks();
  await failPayments("transient", 0);
});

type Consumer = (batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) => Promise<void>;

/** One delivery of `bodies` to `consume` with every subrequest counted: the count, and which were retried. */
async function deliverCounted(queue: string, consume: Consumer, bodies: unknown[]) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `job-${i}`, timestamp: new Date(), attempts: 1, body })),
  );
  const counted = countingEnv(env);
  const ctx = createExecutionContext();
  await consume(batch, counted.env, ctx);
  const result = await getQueueResult(batch, ctx);
  return { subrequests: counted.subrequests(), retried: result.retryMessages.length };
}

/** The breaker closed again, as it is when a provider's trouble begins. */
const closeBreaker = () => env.DB.prepare("DELETE FROM payment_breaker").run();

/** Registrations of a paid event left awaiting payment (the provider down while they registered). */
async function registrationsAwaitingPayment(count: number): Promise<string[]> {
  vi.spyOn(env.SETTLEMENTS, "sendBatch").mockResolvedValue(undefined as never);
  const { client } = await newOrganizer();
  const event = await createEvent(client, { price: 500 });
  await failPayments("transient", 1_000_000);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const ticket = await registered(event.id);
    expect(ticket.status).toBe("awaiting_payment");
    ids.push(ticket.id);
  }
  return ids;
}

/** Range bookings left waiting for their payment (the provider down while they were made). */
async function bookingsPendingPayment(count: number): Promise<string[]> {
  vi.spyOn(env.RANGE_JOBS, "send").mockResolvedValue(undefined as never);
  const staff = await newStaff();
  const lane = await createLane(staff);
  const weapon = await createWeapon(staff);
  await failPayments("transient", 1_000_000);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const shooter = await newShooter(staff);
    const res = await book(shooter.client, { lane_id: lane.id, weapon_ids: [weapon.id], ...slotIn(30 + i) });
    expect((res.body as Booking).status).toBe("pending_payment");
    ids.push((res.body as Booking).id);
  }
  return ids;
}

/** Each money queue: how to leave payments owing (the provider down meanwhile), and its job for each. */
const moneyQueues = [
  {
    what: "settling registrations",
    queue: SETTLEMENTS_QUEUE,
    consume: consumeSettlements,
    owing: registrationsAwaitingPayment,
    job: (id: string): unknown => ({ registration_id: id }),
    table: "registration",
  },
  {
    what: "paying range bookings",
    queue: RANGE_QUEUE,
    consume: consumeRangeJobs,
    owing: bookingsPendingPayment,
    job: (id: string): unknown => ({ type: "payment", booking_id: id }),
    table: "range_booking",
  },
];

describe("a consumer's full batch stays within an invocation's subrequests", () => {
  it.each(moneyQueues)(
    "$what: with the payment provider down, and once it is back",
    async ({ queue, consume, owing, job, table }) => {
      const size = batchSizeOf(queue);
      const ids = await owing(size);
      // Down, with the breaker closed as when the trouble begins: every job tries and retries.
      await closeBreaker();
      const down = await deliverCounted(queue, consume, ids.map(job));
      expect(down.retried).toBe(size);
      // Counted at all: every job asks D1 more than once.
      expect(down.subrequests).toBeGreaterThan(size);
      expect(down.subrequests).toBeLessThanOrEqual(FREE_SUBREQUESTS);

      await failPayments("transient", 0);
      await closeBreaker();
      const back = await deliverCounted(queue, consume, ids.map(job));
      expect(back.retried).toBe(0);
      // Counted at all: every job asks D1 more than once.
      expect(back.subrequests).toBeGreaterThan(size);
      expect(back.subrequests).toBeLessThanOrEqual(FREE_SUBREQUESTS);
      const paid = await rows(
        `SELECT id FROM ${table} WHERE status = 'confirmed' AND id IN (${ids.map(() => "?").join(",")})`,
        ...ids,
      );
      expect(paid).toHaveLength(size);
    },
    60_000,
  );

  it("making range reports (PDFs of a shooter's statistics)", { timeout: 60_000 }, async () => {
    const size = batchSizeOf(RANGE_QUEUE);
    const sent = vi.spyOn(env.RANGE_JOBS, "send").mockResolvedValue(undefined as never);
    const shooter = await newShooter(await newStaff());
    const today = new Date().toISOString().slice(0, 10);
    for (let i = 0; i < size; i++) {
      const asked = await shooter.client.post("/api/range/my/reports", {
        from: today,
        to: today,
        discipline: "air_pistol_10m",
      });
      expect(asked.status).toBe(202);
    }
    const jobs = sent.mock.calls.map(([body]) => body);
    expect(jobs).toHaveLength(size);

    const made = await deliverCounted(RANGE_QUEUE, consumeRangeJobs, jobs);
    expect(made.retried).toBe(0);
    // Counted at all: every job asks D1 more than once.
    expect(made.subrequests).toBeGreaterThan(size);
    expect(made.subrequests).toBeLessThanOrEqual(FREE_SUBREQUESTS);
  });

  it("production's consumers take the same batch sizes as local development's", () => {
    expect(consumerBatchSizes("production")).toEqual(consumerBatchSizes());
  });
});
