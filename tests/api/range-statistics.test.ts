// A shooter's statistics over a period, from shots the queue recorded: figures, sessions with
// their series, and the comparison with others in the discipline; only one's own. And the
// minute's reconciliation: unpaid bookings tried again, past ones nobody came to marked no_show;
// and a period's PDF report, made in the background.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index";
import { RETRY } from "../../worker/payments/resilience";
import type { Stats } from "../../worker/range/contract";
import { consumeRangeJobs, RANGE_QUEUE } from "../../worker/range/jobs";
import { ORIGIN, problemOf } from "./client";
import { eventually, failPayments, rows } from "./events-helpers";
import { book, booked, createLane, createWeapon, newShooter, newStaff, slotIn } from "./range-helpers";

afterEach(() => {
  vi.useRealTimers();
});

let sessions = 0;
/** Records a session of match shots, each `decimal` tenths at (x, 0), as the lane's object would send them. */
async function session(userId: string, shots: { decimal: number; x: number }[], discipline = "air_pistol_10m") {
  const bookingId = `stats-${++sessions}`;
  const job = {
    type: "shots",
    lane_id: "lane-stats",
    discipline,
    shots: shots.map((s, i) => ({
      booking_id: bookingId,
      shot_id: `${bookingId}-${i}`,
      user_id: userId,
      x: s.x,
      y: 0,
      at: Date.now() + i,
      sighter: false,
      match_number: i + 1,
      ring: Math.floor(s.decimal / 10),
      decimal: s.decimal,
      inner_ten: s.decimal >= 105,
    })),
  };
  const batch = createMessageBatch(RANGE_QUEUE, [{ id: bookingId, timestamp: new Date(), attempts: 1, body: job }]);
  await consumeRangeJobs(batch, env, createExecutionContext());
  return bookingId;
}

const today = () => new Date().toISOString().slice(0, 10);
const statsOf = (client: { get: (path: string) => Promise<{ body: unknown }> }, query = "") =>
  client.get(`/api/range/my/statistics?from=${today()}&to=${today()}&discipline=air_pistol_10m${query}`);

describe("a shooter's statistics", () => {
  it("sum the period's sessions, list each with its series, and place the shooter among the others", async () => {
    const staff = await newStaff();
    const [me, better, worse] = await Promise.all([newShooter(staff), newShooter(staff), newShooter(staff)]);
    const first = await session(me.id, [
      ...Array.from({ length: 10 }, () => ({ decimal: 100, x: 100 })),
      { decimal: 90, x: -100 },
    ]);
    const second = await session(me.id, [{ decimal: 106, x: 0 }]);
    await session(better.id, [{ decimal: 108, x: 0 }]);
    await session(worse.id, [{ decimal: 80, x: 0 }]);
    await session(me.id, [{ decimal: 50, x: 0 }], "rifle_50m");

    const stats = (await statsOf(me.client)).body as Stats;
    expect(stats.figures).toMatchObject({ shots: 12, tens_share: Math.round((11 / 12) * 10_000) / 10_000 });
    expect(stats.figures.average_decimal).toBe(Math.round(((1000 + 90 + 106) / 12 / 10) * 100) / 100);
    expect(stats.sessions.map((s) => [s.booking_id, s.series])).toEqual([
      [first, [100, 9]],
      [second, [10.6]],
    ]);
    expect(stats.comparison).toEqual({ shooters: 3, percentile: 50 });
  });

  it("are one's own, and a period or discipline that makes no sense is refused naming the field", async () => {
    const staff = await newStaff();
    const shooter = await newShooter(staff);
    expect(((await statsOf(shooter.client)).body as Stats).figures.shots).toBe(0);
    const wrong = await shooter.client.get(
      "/api/range/my/statistics?from=2026-12-02&to=2026-12-01&discipline=air_pistol_10m",
    );
    expect(problemOf(wrong, 400).errors?.map((e) => e.path)).toContain("to");
    const bad = await shooter.client.get(`/api/range/my/statistics?from=${today()}&to=${today()}&discipline=archery`);
    expect(problemOf(bad, 400).errors?.map((e) => e.path)).toContain("discipline");
  });
});

describe("the minute's reconciliation", () => {
  it("marks a paid booking nobody came to no_show and queues an unpaid one's payment again", async () => {
    const staff = await newStaff();
    const lane = await createLane(staff);
    const weapon = await createWeapon(staff);
    const shooter = await newShooter(staff);
    const paid = await booked(shooter.client, { lane_id: lane.id, weapon_ids: [weapon.id], ...slotIn(1) });
    // The provider fails each of the payment's tries: the booking waits for it, holding its slot.
    await failPayments("transient", RETRY.attempts);
    const unpaid = (await book(shooter.client, { lane_id: lane.id, weapon_ids: [weapon.id], ...slotIn(3) })).body as {
      id: string;
      status: string;
    };
    expect(unpaid.status).toBe("pending_payment");

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse(paid.ends_at) + 1);
    const sent = vi.spyOn(env.RANGE_JOBS, "sendBatch");
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    const statuses = await rows<{ id: string; status: string }>(
      "SELECT id, status FROM range_booking WHERE id IN (?, ?) ORDER BY starts_at",
      paid.id,
      unpaid.id,
    );
    expect(statuses.map((s) => s.status)).toEqual(["no_show", "pending_payment"]);
    expect(sent).toHaveBeenCalledWith([{ body: { type: "payment", booking_id: unpaid.id } }]);
  });
});

describe("a PDF report of a period", () => {
  // The first PDF of a process loads pdf-lib and the fonts: more than the default 5 s on a busy machine.
  it("is asked for, made by the queue, then downloaded; only by its shooter", { timeout: 30_000 }, async () => {
    const staff = await newStaff();
    const shooter = await newShooter(staff);
    await session(shooter.id, [{ decimal: 104, x: 10 }]);
    const asked = await shooter.client.post("/api/range/my/reports", {
      from: today(),
      to: today(),
      discipline: "air_pistol_10m",
    });
    expect(asked.status).toBe(202);
    const job = asked.body as { id: string; status: string };
    expect(job.status).toBe("queued");
    // The range queue makes it in the background.
    await eventually("the report to be made", async () => {
      expect((await shooter.client.get(`/api/range/my/reports/${job.id}`)).body).toMatchObject({ status: "done" });
    });

    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/api/range/my/reports/${job.id}/pdf`, {
        headers: { cookie: shooter.client.cookieHeader() },
      }),
    );
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))).toBe("%PDF-");

    // A job not yet made (its queue message still on the way) cannot be downloaded.
    const waiting = { ...(asked.body as object), id: crypto.randomUUID(), status: "queued" };
    await env.DOCUMENTS.put(`range-reports/${shooter.id}/${waiting.id}.json`, JSON.stringify(waiting));
    expect(problemOf(await shooter.client.get(`/api/range/my/reports/${waiting.id}/pdf`), 409)).toMatchObject({
      reason: "not_ready",
    });

    const other = await newShooter(staff);
    problemOf(await other.client.get(`/api/range/my/reports/${job.id}`), 404);
    problemOf(await other.client.get(`/api/range/my/reports/${job.id}/pdf`), 404);
    const bad = await shooter.client.post("/api/range/my/reports", { from: today(), discipline: "air_pistol_10m" });
    expect(problemOf(bad, 400).errors?.map((e) => e.path)).toContain("to");
  });
});
