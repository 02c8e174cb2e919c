// A lane, a weapon or an instructor is never double-booked, whatever the concurrency: the claims
// are written in one transaction with the booking, and the database refuses the second whole.
import { describe, expect, it } from "vitest";
import type { Booking } from "../../worker/range/contract";
import { newUser, problemOf } from "./client";
import { rows, tally } from "./events-helpers";
import { grant } from "./grants";
import { book, createLane, createWeapon, newShooter, newStaff, slotIn } from "./range-helpers";

describe("the last slot of a lane", () => {
  it("20 shooters at once, each with a weapon of their own: exactly one wins, 19 get 409 lane_taken", async () => {
    const staff = await newStaff();
    const lane = await createLane(staff);
    const shooters = await Promise.all(Array.from({ length: 20 }, () => newShooter(staff)));
    const weapons = await Promise.all(shooters.map(() => createWeapon(staff)));
    const slot = slotIn(26);
    const answers = await Promise.all(
      shooters.map((s, i) => book(s.client, { lane_id: lane.id, weapon_ids: [weapons[i]?.id], ...slot })),
    );
    expect(tally(answers.map((a) => String(a.status)))).toEqual({ "201": 1, "409": 19 });
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(problemOf(refused, 409)).toMatchObject({ reason: "lane_taken" });
    }
    expect(await rows("SELECT id FROM range_booking WHERE lane_id = ?", lane.id)).toHaveLength(1);
    // Only the winner's claims: its lane and its weapon for four quarter hours.
    const [claims] = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM range_claim c JOIN range_booking b ON b.id = c.booking_id WHERE b.lane_id = ?",
      lane.id,
    );
    expect(claims?.n).toBe(8);
    // And the winner's weapon only: the refused bookings left no weapon behind.
    expect(
      await rows(
        "SELECT w.booking_id FROM range_booking_weapon w JOIN range_booking b ON b.id = w.booking_id WHERE b.lane_id = ?",
        lane.id,
      ),
    ).toHaveLength(1);
  });
});

describe("the last weapon", () => {
  it("two shooters on two lanes want it at the same time: exactly one gets it, the other 409 weapon_taken", async () => {
    const staff = await newStaff();
    const [first, second] = await Promise.all([createLane(staff), createLane(staff)]);
    const weapon = await createWeapon(staff);
    const [a, b] = await Promise.all([newShooter(staff), newShooter(staff)]);
    const slot = slotIn(27);
    const answers = await Promise.all([
      book(a.client, { lane_id: first?.id, weapon_ids: [weapon.id], ...slot }),
      book(b.client, { lane_id: second?.id, weapon_ids: [weapon.id], ...slot }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(problemOf(answers.find((r) => r.status === 409) ?? answers[0], 409)).toMatchObject({
      reason: "weapon_taken",
    });
    // Overlapping by a part of the time is as taken: an hour later but two hours long from before it.
    const overlap = slotIn(26, 120);
    const third = await newShooter(staff);
    problemOf(await book(third.client, { lane_id: first?.id, weapon_ids: [weapon.id], ...overlap }), 409);
  });

  it("an instructor is never in two lanes at once", async () => {
    const staff = await newStaff();
    const instructor = await newUser("Инструктор");
    await grant(instructor.id, "instructor", `range:${staff.rangeId}`);
    const [first, second] = await Promise.all([createLane(staff), createLane(staff)]);
    const [w1, w2] = await Promise.all([createWeapon(staff), createWeapon(staff)]);
    const [a, b] = await Promise.all([newShooter(staff), newShooter(staff)]);
    const slot = { ...slotIn(28), instructor_id: instructor.id };
    const answers = await Promise.all([
      book(a.client, { lane_id: first?.id, weapon_ids: [w1?.id], ...slot }),
      book(b.client, { lane_id: second?.id, weapon_ids: [w2?.id], ...slot }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(problemOf(answers.find((r) => r.status === 409) ?? answers[0], 409)).toMatchObject({
      reason: "instructor_taken",
    });
  });
});

describe("an Idempotency-Key sent 10 times at once", () => {
  it("makes one booking, charged once; every answer is that booking", async () => {
    const staff = await newStaff();
    const lane = await createLane(staff);
    const weapon = await createWeapon(staff);
    const shooter = await newShooter(staff);
    const key = crypto.randomUUID();
    const body = { lane_id: lane.id, weapon_ids: [weapon.id], ...slotIn(29) };
    const answers = await Promise.all(Array.from({ length: 10 }, () => book(shooter.client, body, key)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(9);
    const ids = new Set(answers.map((a) => (a.body as Booking).id));
    expect(ids.size).toBe(1);
    const [charges] = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM payment_movement WHERE invoice_id = ? AND status = 'settled'",
      `range-booking:${[...ids][0]}`,
    );
    expect(charges?.n).toBe(1);
  });
});
