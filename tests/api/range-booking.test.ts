// Booking a lane: licence rules, weapon availability, the free-slots query, idempotent retries,
// bad input refused naming the field with nothing written, who may see a booking, cancelling
// under the refund policy.
import { describe, expect, it } from "vitest";
import type { Booking, DeviceToken, Licence, Slots } from "../../worker/range/contract";
import { Client, newUser, problemOf } from "./client";
import { count, rows } from "./events-helpers";
import {
  book,
  booked,
  createLane,
  createWeapon,
  DAY,
  newInstructor,
  newShooter,
  newStaff,
  recordLicence,
  slotIn,
} from "./range-helpers";

async function club() {
  const staff = await newStaff();
  const lane = await createLane(staff);
  const weapon = await createWeapon(staff);
  return { staff, lane, weapon };
}

const nothingWritten = async () => {
  expect(await count("range_booking")).toBe(before.bookings);
  expect(await count("range_claim")).toBe(before.claims);
};
const before = { bookings: 0, claims: 0 };
async function snapshotCounts() {
  before.bookings = await count("range_booking");
  before.claims = await count("range_claim");
}

describe("booking a lane with a weapon", () => {
  it("books and charges the invoice: confirmed, 500.00 charged once", async () => {
    const { staff, lane, weapon } = await club();
    const shooter = await newShooter(staff);
    const res = await book(shooter.client, { lane_id: lane.id, weapon_ids: [weapon.id], ...slotIn(48, 120) });
    expect(res.status).toBe(201);
    const booking = res.body as Booking;
    expect(booking).toMatchObject({
      status: "confirmed",
      invoice: { amount: 1000, charged: 1000, refunded: 0, payment_error: null },
      weapons: [{ id: weapon.id }],
      refund_if_cancelled_now: 1000,
    });
    const [ledger] = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM payment_movement WHERE invoice_id = ? AND kind = 'charge' AND status = 'settled'",
      booking.invoice.id,
    );
    expect(ledger?.n).toBe(1);
    // Two hours hold the lane and the weapon for eight quarter hours each.
    expect(await rows("SELECT resource FROM range_claim WHERE booking_id = ?", booking.id)).toHaveLength(16);
  });

  it("a retry with the same Idempotency-Key answers 200 with the first booking; another request under it is 422", async () => {
    const { staff, lane, weapon } = await club();
    const shooter = await newShooter(staff);
    const body = { lane_id: lane.id, weapon_ids: [weapon.id], ...slotIn(30) };
    const key = crypto.randomUUID();
    const first = await book(shooter.client, body, key);
    const again = await book(shooter.client, body, key);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect((again.body as Booking).id).toBe((first.body as Booking).id);
    problemOf(await book(shooter.client, { ...body, ...slotIn(31) }, key), 422);
    expect(await rows("SELECT id FROM range_booking WHERE user_id = ?", shooter.id)).toHaveLength(1);
  });
});

describe("licence rules", () => {
  it("refuses with a clear reason: missing, unverified, expiring before the slot, wrong category; writes nothing", async () => {
    const { staff, lane, weapon } = await club();
    const body = { lane_id: lane.id, weapon_ids: [weapon.id], ...slotIn(72) };
    await snapshotCounts();

    const none = await newUser();
    expect(problemOf(await book(none.client, body), 409)).toMatchObject({ reason: "licence_missing" });

    const unverified = await newUser();
    const licence = await recordLicence(staff, unverified.id);
    const withdrawn = await staff.client.post(`/api/range/licences/${licence.id}/verification`, { verified: false });
    expect(withdrawn.body).toMatchObject({ verified_by: null, verified_at: null });
    expect(problemOf(await book(unverified.client, body), 409)).toMatchObject({ reason: "licence_unverified" });

    const expiring = await newUser();
    await recordLicence(staff, expiring.id, { expires_on: new Date(Date.now() + DAY).toISOString().slice(0, 10) });
    expect(problemOf(await book(expiring.client, body), 409)).toMatchObject({ reason: "licence_expires" });

    const pistol = await newUser();
    await recordLicence(staff, pistol.id, { category: "pistol" });
    expect(problemOf(await book(pistol.client, body), 409)).toMatchObject({ reason: "licence_category" });

    await nothingWritten();
  });

  it("only staff record and verify licences; a shooter reads their own", async () => {
    const { staff } = await club();
    const shooter = await newShooter(staff);
    problemOf(
      await shooter.client.post("/api/range/licences", {
        user_id: shooter.id,
        number: "SELF-1",
        category: "air",
        issued_on: "2026-01-01",
        expires_on: "2030-01-01",
      }),
      403,
    );
    const own = await shooter.client.get("/api/range/licences");
    expect((own.body as { items: unknown[] }).items).toHaveLength(1);
    const other = await newUser();
    problemOf(await other.client.get(`/api/range/licences?user_id=${shooter.id}`), 403);
  });
});

describe("weapons and free slots", () => {
  it("offers free slots with the weapons the licence allows; a booked slot and a weapon in maintenance drop out", async () => {
    const { staff, lane, weapon } = await club();
    const spare = await createWeapon(staff);
    await createWeapon(staff, { discipline: "pistol_25m", licence_category: "pistol", model: "Pardini SP" });
    const shooter = await newShooter(staff);
    const slot = slotIn(24 * 5);
    const day = slot.starts_at.slice(0, 10);
    const slotsOf = async () =>
      ((await shooter.client.get(`/api/range/slots?day=${day}&lane_id=${lane.id}`)).body as Slots).lanes[0]?.slots ??
      [];

    const free = (await slotsOf()).find((s) => s.starts_at === new Date(slot.starts_at).toISOString());
    expect(free?.weapons.map((w) => w.id).sort()).toEqual([weapon.id, spare.id].sort());

    await staff.client.post(`/api/range/weapons/${spare.id}/state`, { state: "maintenance" });
    const other = await newShooter(staff);
    problemOf(await book(other.client, { lane_id: lane.id, weapon_ids: [spare.id], ...slot }), 409);

    await booked(shooter.client, { lane_id: lane.id, weapon_ids: [weapon.id], ...slot });
    const after = await slotsOf();
    expect(after.find((s) => s.starts_at === new Date(slot.starts_at).toISOString())).toBeUndefined();
    expect(after.every((s) => s.weapons.every((w) => w.id === weapon.id))).toBe(true);
  });

  it("tells a shooter without a licence why nothing is offered", async () => {
    const { lane } = await club();
    const { client } = await newUser();
    const day = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
    const slots = (await client.get(`/api/range/slots?day=${day}&lane_id=${lane.id}`)).body as Slots;
    expect(slots.refusal).toMatchObject({ reason: "licence_missing" });
    expect(slots.lanes[0]?.slots).toEqual([]);
  });

  it("only the club's staff change the armoury", async () => {
    const { weapon } = await club();
    const stranger = await newStaff();
    problemOf(await stranger.client.post(`/api/range/weapons/${weapon.id}/state`, { state: "retired" }), 403);
    problemOf(await new Client().post("/api/range/lanes", {}), 401);
  });
});

describe("the club's people", () => {
  it("range staff keep licences, the armoury, lanes and device tokens: the club's instructor gets 403 on each, changing nothing", async () => {
    const { staff, lane, weapon } = await club();
    const instructor = await newInstructor(staff.rangeId);
    const shooter = await newShooter(staff);
    const [licence] = ((await shooter.client.get("/api/range/licences")).body as { items: Licence[] }).items;
    const token = (await staff.client.post(`/api/range/lanes/${lane.id}/tokens`, { label: "T" })).body as DeviceToken;
    const lanes = await count("range_lane");
    const staffCalls: [method: string, path: string, body?: unknown][] = [
      [
        "POST",
        "/api/range/licences",
        { user_id: shooter.id, number: "OWN-1", category: "air", issued_on: "2026-01-01", expires_on: "2031-01-01" },
      ],
      ["GET", `/api/range/licences?user_id=${shooter.id}`],
      ["POST", `/api/range/licences/${licence?.id}/verification`, { verified: false }],
      ["GET", `/api/range/ranges/${staff.rangeId}/weapons`],
      [
        "POST",
        "/api/range/weapons",
        {
          range_id: staff.rangeId,
          model: "Walther LG400",
          discipline: "air_rifle_10m",
          calibre: "4.5 mm",
          serial: "OWN-SERIAL",
          licence_category: "air",
        },
      ],
      ["POST", `/api/range/weapons/${weapon.id}/state`, { state: "retired" }],
      [
        "POST",
        "/api/range/lanes",
        {
          range_id: staff.rangeId,
          name: "Own lane",
          discipline: "air_rifle_10m",
          opens_at: 600,
          closes_at: 1200,
          slot_minutes: 60,
          slot_price: 100,
        },
      ],
      ["GET", `/api/range/lanes/${lane.id}/tokens`],
      ["POST", `/api/range/lanes/${lane.id}/tokens`, { label: "Mine" }],
      ["DELETE", `/api/range/lanes/${lane.id}/tokens/${token.id}`],
    ];
    for (const [method, path, body] of staffCalls) {
      problemOf(await instructor.client.send(method, path, body), 403);
    }
    expect(await count("range_lane")).toBe(lanes);
    expect(await rows("SELECT verified_by FROM range_licence WHERE id = ?", licence?.id)).toEqual([
      { verified_by: staff.id },
    ]);
    expect(await rows("SELECT state FROM range_weapon WHERE range_id = ?", staff.rangeId)).toEqual([
      { state: "available" },
    ]);
    expect(await rows("SELECT revoked_at FROM range_device_token WHERE lane_id = ?", lane.id)).toEqual([
      { revoked_at: null },
    ]);
    // The same calls from the club's range staff go through.
    for (const [method, path, body] of staffCalls) {
      expect((await staff.client.send(method, path, body)).status, `${method} ${path}`).toBeLessThan(300);
    }
  });
});

describe("bad input", () => {
  it("is refused with 400 naming the field, and nothing is written", async () => {
    const { staff, lane, weapon } = await club();
    const shooter = await newShooter(staff);
    await snapshotCounts();
    const good = { lane_id: lane.id, weapon_ids: [weapon.id], ...slotIn(50) };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, weapon_ids: [] }, "weapon_ids"],
      [{ ...good, weapon_ids: [weapon.id, weapon.id] }, "weapon_ids"],
      [{ ...good, starts_at: "tomorrow" }, "starts_at"],
      [{ ...good, ends_at: good.starts_at }, "ends_at"],
      [{ ...good, ...slotIn(50, 30) }, "starts_at"],
      [{ ...good, ...slotIn(24 * 20) }, "starts_at"],
      [{ ...good, ...slotIn(50, 300) }, "starts_at"],
      [{ ...good, lane_id: "no-such-lane" }, "lane_id"],
      [{ ...good, weapon_ids: ["no-such-weapon"] }, "weapon_ids.0"],
      [{ ...good, instructor_id: shooter.id }, "instructor_id"],
    ];
    for (const [body, field] of cases) {
      const problem = problemOf(await book(shooter.client, body), 400);
      expect(
        problem.errors?.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    problemOf(await shooter.client.post("/api/range/bookings", good), 400);
    await nothingWritten();
  });
});

describe("a booking is its shooter's", () => {
  it("another shooter cannot read or cancel it; the club's staff can", async () => {
    const { staff, lane, weapon } = await club();
    const shooter = await newShooter(staff);
    const booking = await booked(shooter.client, { lane_id: lane.id, weapon_ids: [weapon.id], ...slotIn(60) });
    const other = await newShooter(staff);
    problemOf(await other.client.get(`/api/range/bookings/${booking.id}`), 403);
    problemOf(await other.client.post(`/api/range/bookings/${booking.id}/cancel`), 403);
    problemOf(await (await newStaff()).client.get(`/api/range/bookings/${booking.id}`), 403);
    expect((await staff.client.get(`/api/range/bookings/${booking.id}`)).status).toBe(200);
    const mine = (await shooter.client.get("/api/range/my/bookings")).body as { items: Booking[] };
    expect(mine.items.map((b) => b.id)).toEqual([booking.id]);
    expect(((await other.client.get("/api/range/my/bookings")).body as { items: Booking[] }).items).toEqual([]);
  });
});

describe("cancelling", () => {
  it("a day or more ahead refunds everything and frees the lane and weapon at once", async () => {
    const { staff, lane, weapon } = await club();
    const shooter = await newShooter(staff);
    const body = { lane_id: lane.id, weapon_ids: [weapon.id], ...slotIn(48) };
    const booking = await booked(shooter.client, body);
    const cancelled = await shooter.client.post(`/api/range/bookings/${booking.id}/cancel`);
    expect(cancelled.body).toMatchObject({
      status: "cancelled",
      invoice: { charged: 500, refund_due: 500, refunded: 500 },
    });
    expect(problemOf(await shooter.client.post(`/api/range/bookings/${booking.id}/start`), 409)).toMatchObject({
      reason: "not_startable",
    });
    expect((await shooter.client.post(`/api/range/bookings/${booking.id}/cancel`)).status).toBe(200);
    expect((await book((await newShooter(staff)).client, body)).status).toBe(201);
  });

  it("later than a day ahead refunds half", async () => {
    const { staff, lane, weapon } = await club();
    const shooter = await newShooter(staff);
    const booking = await booked(shooter.client, { lane_id: lane.id, weapon_ids: [weapon.id], ...slotIn(3) });
    const cancelled = await shooter.client.post(`/api/range/bookings/${booking.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: "cancelled", invoice: { refunded: 250 } });
  });
});

describe("the range in the API's documentation", () => {
  it("lists its routes with their schemas and the device token's security scheme", async () => {
    const doc = (await new Client().get("/api/openapi.json")).body as {
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    };
    for (const path of [
      "/api/range/bookings",
      "/api/range/slots",
      "/api/range/lanes/{lane_id}/shots",
      "/api/range/my/reports",
      "/api/range/bookings/{id}/report",
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(doc.components.securitySchemes).toHaveProperty("device");
    expect(doc.components.schemas).toHaveProperty("Booking");
  });
});
