// The RangeLane object: shots from the lane's target system, authenticated by the device token
// staff issue and may revoke; scored, stored before the answer, a repeated id answered with the
// first; broadcast live to the shooter; nothing lost when the object is evicted mid-session; and
// each shot counted once in statistics, however often the queue delivers it.
import { createExecutionContext, createMessageBatch, evictDurableObject, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Booking, DeviceToken, Shot } from "../../worker/range/contract";
import { consumeRangeJobs, RANGE_QUEUE } from "../../worker/range/jobs";
import type { ServerMessage } from "../../worker/range/protocol";
import { newUser, ORIGIN, problemOf, type Sent } from "../api/client";
import { eventually, rows } from "../api/events-helpers";
import {
  booked,
  createLane,
  createWeapon,
  newInstructor,
  newShooter,
  newStaff,
  nextQuarter,
} from "../api/range-helpers";
import { connectSocket } from "./socket";

/**
 * A lane of 15-minute slots with a shooter booked into the next one, which may start at once; the
 * club's range staff (who issued the lane's device token) and an instructor (who runs sessions).
 */
async function laneWithBooking() {
  const staff = await newStaff();
  const instructor = await newInstructor(staff.rangeId);
  const lane = await createLane(staff, { slot_minutes: 15 });
  const weapon = await createWeapon(staff);
  const shooter = await newShooter(staff);
  const booking = await booked(shooter.client, { lane_id: lane.id, weapon_ids: [weapon.id], ...nextQuarter() });
  const issued = await staff.client.post(`/api/range/lanes/${lane.id}/tokens`, { label: "Target 1" });
  expect(issued.status).toBe(201);
  return { staff, instructor, lane, shooter, booking, device: issued.body as DeviceToken & { token: string } };
}

afterEach(() => {
  vi.useRealTimers();
});

let shots = 0;
/** Posts a shot as the target system does. */
async function shoot(laneId: string, token: string | null, fields: Record<string, unknown> = {}): Promise<Sent> {
  const body = { shot_id: `s-${++shots}`, x: 1.25, y: -0.5, at: new Date().toISOString(), kind: "match", ...fields };
  const res = await exports.default.fetch(
    new Request(`${ORIGIN}/api/range/lanes/${laneId}/shots`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    }),
  );
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const started = async (client: { post: (path: string) => Promise<Sent> }, bookingId: string) => {
  const res = await client.post(`/api/range/bookings/${bookingId}/start`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Booking;
};

describe("device tokens", () => {
  it("refuses a missing, forged or foreign token (401) and another lane's or a revoked one (403)", async () => {
    const { staff, lane, shooter, booking, device } = await laneWithBooking();
    await started(shooter.client, booking.id);
    problemOf(await shoot(lane.id, null), 401);
    problemOf(await shoot(lane.id, "not-a-jwt"), 401);
    const forged = await new SignJWT({ lane: lane.id })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("podium")
      .setAudience("podium:range-target")
      .setJti(device.id)
      .sign(new TextEncoder().encode("someone else's secret"));
    problemOf(await shoot(lane.id, forged), 401);

    const other = await createLane(staff);
    const otherToken = (await staff.client.post(`/api/range/lanes/${other.id}/tokens`, { label: "T" })).body as {
      token: string;
    };
    problemOf(await shoot(lane.id, otherToken.token), 403);

    expect((await shoot(lane.id, device.token)).status).toBe(201);
    problemOf(await shooter.client.delete(`/api/range/lanes/${lane.id}/tokens/${device.id}`), 403);
    const revoked = await staff.client.delete(`/api/range/lanes/${lane.id}/tokens/${device.id}`);
    expect(revoked.body).toMatchObject({ id: device.id, revoked_at: expect.any(String) });
    expect(problemOf(await shoot(lane.id, device.token), 403)).toMatchObject({ reason: "token_revoked" });
    const listed = (await staff.client.get(`/api/range/lanes/${lane.id}/tokens`)).body as { items: DeviceToken[] };
    expect(listed.items).toEqual([expect.objectContaining({ id: device.id, revoked_at: expect.any(String) })]);
    expect(listed.items[0]).not.toHaveProperty("token");
  });
});

describe("sessions", () => {
  it("shots outside a running session are refused with a reason; the instructor ends it", async () => {
    const { instructor, lane, shooter, booking, device } = await laneWithBooking();
    expect(problemOf(await shoot(lane.id, device.token), 409)).toMatchObject({ reason: "no_session" });
    problemOf(await shooter.client.post(`/api/range/bookings/${booking.id}/end`), 403);
    expect(problemOf(await instructor.client.post(`/api/range/bookings/${booking.id}/end`), 409)).toMatchObject({
      reason: "not_in_progress",
    });
    expect((await started(shooter.client, booking.id)).status).toBe("in_progress");
    expect((await started(instructor.client, booking.id)).status).toBe("in_progress");
    expect((await shoot(lane.id, device.token)).status).toBe(201);
    const ended = await instructor.client.post(`/api/range/bookings/${booking.id}/end`);
    expect(ended.body).toMatchObject({ status: "completed", ended_at: expect.any(String) });
    expect(problemOf(await shoot(lane.id, device.token), 409)).toMatchObject({ reason: "no_session" });
  });

  it("are run by the club's instructors: its range staff and another club's instructor may neither start nor end one", async () => {
    const { staff, instructor, booking } = await laneWithBooking();
    const elsewhere = await newInstructor(`club-${crypto.randomUUID().slice(0, 8)}`);
    for (const who of [staff, elsewhere]) {
      problemOf(await who.client.post(`/api/range/bookings/${booking.id}/start`), 403);
    }
    await started(instructor.client, booking.id);
    for (const who of [staff, elsewhere]) {
      problemOf(await who.client.post(`/api/range/bookings/${booking.id}/end`), 403);
    }
    const [row] = await rows<{ status: string }>("SELECT status FROM range_booking WHERE id = ?", booking.id);
    expect(row?.status).toBe("in_progress");
    // Both of the club's people see the day's schedule; the other club's instructor does not.
    const day = new Date().toISOString().slice(0, 10);
    const schedule = `/api/range/schedule?range_id=${staff.rangeId}&day=${day}`;
    for (const who of [staff, instructor]) expect((await who.client.get(schedule)).status).toBe(200);
    problemOf(await elsewhere.client.get(schedule), 403);
  });

  it("bad shots are refused naming the field, and nothing is stored", async () => {
    const { lane, shooter, booking, device } = await laneWithBooking();
    await started(shooter.client, booking.id);
    for (const [fields, path] of [
      [{ x: 1.234 }, "x"],
      [{ y: "up" }, "y"],
      [{ x: 5000 }, "x"],
      [{ kind: "practice" }, "kind"],
      [{ shot_id: "" }, "shot_id"],
      [{ at: "yesterday" }, "at"],
    ] as const) {
      const problem = problemOf(await shoot(lane.id, device.token, fields), 400);
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
    const socket = await connectSocket<ServerMessage>(`/parties/range-lane/${lane.id}`, shooter.client.cookieHeader());
    expect((await socket.next("snapshot")).shots).toEqual([]);
  });
});

describe("live shots", () => {
  it("reach the shooter's page as they land, scored; a repeated id counts once; eviction loses nothing", async () => {
    const { instructor, lane, shooter, booking, device } = await laneWithBooking();
    await started(shooter.client, booking.id);
    const page = await connectSocket<ServerMessage>(`/parties/range-lane/${lane.id}`, shooter.client.cookieHeader());
    const snapshot = await page.next("snapshot");
    expect(snapshot).toMatchObject({ session: { booking_id: booking.id, ended_at: null }, shots: [] });

    expect((await shoot(lane.id, device.token, { shot_id: "sighter-1", kind: "sighter", x: 10 })).status).toBe(201);
    const first = await shoot(lane.id, device.token, { shot_id: "m-1", x: 0, y: 0 });
    expect(first.body).toMatchObject({
      duplicate: false,
      shot: { shot_id: "m-1", ring: 10, decimal: 10.9, inner_ten: true, match_number: 1 },
    });
    const live = await page.next("shot", (m) => m.shot.shot_id === "m-1");
    expect(live.version).toBe(snapshot.version + 2);

    const repeated = await shoot(lane.id, device.token, { shot_id: "m-1", x: 40, y: 40 });
    expect(repeated.status).toBe(200);
    expect(repeated.body).toMatchObject({ duplicate: true, shot: { x: 0, decimal: 10.9 } });

    await evictDurableObject(env.RANGE_LANE.getByName(lane.id));
    for (let i = 2; i <= 11; i++) {
      expect((await shoot(lane.id, device.token, { shot_id: `m-${i}`, x: 2.51, y: 0 })).status).toBe(201);
    }
    const again = await connectSocket<ServerMessage>(
      `/parties/range-lane/${lane.id}`,
      instructor.client.cookieHeader(),
    );
    const after = await again.next("snapshot");
    expect(after.shots.map((s: Shot) => s.match_number)).toEqual([null, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(after.shots.at(-1)).toMatchObject({ ring: 9, decimal: 9.9 });

    await instructor.client.post(`/api/range/bookings/${booking.id}/end`);
    const stat = await eventually("the session's statistics", async () => {
      const [row] = await rows<{ shots: number; decimal_sum: number; tens: number; inner_tens: number }>(
        "SELECT shots, decimal_sum, tens, inner_tens FROM range_session_stat WHERE booking_id = ?",
        booking.id,
      );
      expect(row?.shots).toBe(11);
      return row;
    });
    expect(stat).toEqual({ shots: 11, decimal_sum: 109 + 10 * 99, tens: 1, inner_tens: 1 });

    const day = new Date().toISOString().slice(0, 10);
    const stats = await shooter.client.get(`/api/range/my/statistics?from=${day}&to=${day}&discipline=air_rifle_10m`);
    expect(stats.body).toMatchObject({
      figures: { shots: 11, average_decimal: 9.99, tens_share: 0.0909 },
      sessions: [{ booking_id: booking.id, series: [100, 9.9] }],
      // Other tests in this file shot the discipline today too: a share of them shot worse.
      comparison: { shooters: expect.any(Number), percentile: expect.any(Number) },
    });
  });

  it("the lane is not anyone else's to watch", async () => {
    const { lane, shooter, booking } = await laneWithBooking();
    await started(shooter.client, booking.id);
    const stranger = await newUser();
    const watched = await connectSocket<ServerMessage>(
      `/parties/range-lane/${lane.id}`,
      stranger.client.cookieHeader(),
    );
    await eventually("the stranger's socket to close", async () => expect(watched.closed()?.code).toBe(4403), 5_000);
    const anonymous = await connectSocket<ServerMessage>(`/parties/range-lane/${lane.id}`);
    await eventually("the anonymous socket to close", async () => expect(anonymous.closed()?.code).toBe(4403), 5_000);
  });
});

describe("the next session", () => {
  it("closes the last shooter's page and tells them nothing of the next shooter's shots", async () => {
    const { staff, instructor, lane, shooter, booking, device } = await laneWithBooking();
    await started(shooter.client, booking.id);
    const first = await connectSocket<ServerMessage>(`/parties/range-lane/${lane.id}`, shooter.client.cookieHeader());
    await first.next("snapshot");
    await instructor.client.post(`/api/range/bookings/${booking.id}/end`);
    await first.next("session", (m) => m.session.ended_at !== null);

    // The lane's next quarter is another shooter's, who starts it when it comes.
    const next = await newShooter(staff);
    const weapon = await createWeapon(staff);
    const slot = nextQuarter();
    const later = {
      starts_at: new Date(Date.parse(slot.starts_at) + 900_000).toISOString(),
      ends_at: new Date(Date.parse(slot.ends_at) + 900_000).toISOString(),
    };
    const second = await booked(next.client, { lane_id: lane.id, weapon_ids: [weapon.id], ...later });
    const watching = await connectSocket<ServerMessage>(
      `/parties/range-lane/${lane.id}`,
      instructor.client.cookieHeader(),
    );
    await watching.next("snapshot");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse(later.starts_at));
    await started(next.client, second.id);
    await eventually("the last shooter's page to close", async () => expect(first.closed()?.code).toBe(4403), 5_000);
    expect((await shoot(lane.id, device.token, { shot_id: "next-1" })).status).toBe(201);
    await watching.next("shot", (m) => m.shot.shot_id === "next-1");
    expect(first.received.some((m) => m.type === "shot" && m.shot.shot_id === "next-1")).toBe(false);
  });
});

describe("the statistics queue", () => {
  it("a message delivered again after a failure counts each shot once", async () => {
    const { lane, shooter, booking } = await laneWithBooking();
    const job = {
      type: "shots",
      lane_id: lane.id,
      discipline: "air_rifle_10m",
      shots: [1, 2, 3].map((n) => ({
        booking_id: booking.id,
        shot_id: `q-${n}`,
        user_id: shooter.id,
        x: 100 * n,
        y: 0,
        at: Date.now() + n,
        sighter: false,
        match_number: n,
        ring: 10,
        decimal: 105,
        inner_ten: n === 1,
      })),
    };
    const deliver = async (attempt: number, bodies: unknown[]) => {
      const batch = createMessageBatch(
        RANGE_QUEUE,
        bodies.map((body, i) => ({ id: `shots-${attempt}-${i}`, timestamp: new Date(), attempts: attempt, body })),
      );
      const ctx = createExecutionContext();
      await consumeRangeJobs(batch, env, ctx);
      return getQueueResult(batch, ctx);
    };
    // The first delivery's work is done, but its acknowledgement is lost: the queue delivers it
    // again, once alone and once beside a message repeating two of its shots (one D1 batch).
    expect((await deliver(1, [job])).explicitAcks).toHaveLength(1);
    expect((await deliver(2, [job])).explicitAcks).toHaveLength(1);
    const repeat = { ...job, shots: job.shots.slice(1) };
    expect((await deliver(3, [job, repeat])).explicitAcks).toHaveLength(2);
    expect(await rows("SELECT shot_id FROM range_shot WHERE booking_id = ?", booking.id)).toHaveLength(3);
    const [stat] = await rows(
      "SELECT shots, decimal_sum, inner_tens, sum_x FROM range_session_stat WHERE booking_id = ?",
      booking.id,
    );
    expect(stat).toEqual({ shots: 3, decimal_sum: 315, inner_tens: 1, sum_x: 600 });
  });
});
