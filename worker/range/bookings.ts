// Booking use cases: a shooter books a lane slot with weapons (and perhaps an instructor), pays
// its invoice, cancels it under the refund policy. A booking holds its lane, weapons and
// instructor through claims (db/range.ts): the booking, what it holds and its claims are written
// in one D1 batch, a transaction the database refuses whole when any claim is taken, so two
// shooters after the last slot or weapon cannot both get it, and nothing is half-written.
import { and, eq, inArray, sql } from "drizzle-orm";
import { rangeBooking, rangeClaim, rangeWeapon, roleGrant } from "../db/schema";
import { batch, raw } from "../lib/batch";
import { idempotencyConflict, requestHash } from "../lib/idempotency";
import { badRequest, conflict } from "../lib/problem";
import { rangeScope } from "./access";
import { bill, queueSettlement, refund, type Settlement } from "./billing";
import { cancelBooking } from "./cancellation";
import type { BookingRequest } from "./contract";
import type { Deps } from "./deps";
import type { BookingView } from "./present";
import {
  claimSlots,
  LICENCE_REFUSALS,
  licenceRefusal,
  paymentRetrySeconds,
  refundOnCancel,
  SLOT_REFUSALS,
  slotRefusal,
} from "./rules";
import { findBooking, findLane, licencesOf } from "./store";

type LaneRow = Awaited<ReturnType<typeof findLane>>;

/** Why the shooter may not book these weapons on this lane then; throws the first reason. */
async function checkRequest(deps: Deps, userId: string, lane: LaneRow, input: BookingRequest, now: number) {
  const slot = slotRefusal(lane, input.starts_at, input.ends_at, now);
  if (slot) {
    throw badRequest(SLOT_REFUSALS[slot], [{ path: "starts_at", code: slot, message: SLOT_REFUSALS[slot] }]);
  }
  const weapons = await deps.db.select().from(rangeWeapon).where(inArray(rangeWeapon.id, input.weapon_ids)).all();
  input.weapon_ids.forEach((id, i) => {
    const weapon = weapons.find((w) => w.id === id);
    const wrong = !weapon
      ? "No such weapon."
      : weapon.rangeId !== lane.rangeId || weapon.discipline !== lane.discipline
        ? "This weapon is not shot on this lane."
        : null;
    if (wrong) throw badRequest(wrong, [{ path: `weapon_ids.${i}`, code: "invalid_weapon", message: wrong }]);
  });
  const unavailable = weapons.find((w) => w.state !== "available");
  if (unavailable) {
    throw conflict(`Weapon ${unavailable.serial} is ${unavailable.state}.`, { reason: "weapon_unavailable" });
  }
  const licences = await licencesOf(deps.db, userId);
  for (const weapon of weapons) {
    const refusal = licenceRefusal(licences, weapon.licenceCategory, input.ends_at);
    if (refusal) throw conflict(LICENCE_REFUSALS[refusal], { reason: refusal });
  }
  if (input.instructor_id) {
    const instructs = await deps.db
      .select({ id: roleGrant.id })
      .from(roleGrant)
      .where(
        and(
          eq(roleGrant.userId, input.instructor_id),
          eq(roleGrant.role, "instructor"),
          inArray(roleGrant.scope, ["*", rangeScope(lane.rangeId)]),
        ),
      )
      .get();
    if (!instructs) {
      const message = "This person is not an instructor at this range.";
      throw badRequest(message, [{ path: "instructor_id", code: "not_an_instructor", message }]);
    }
  }
  return weapons;
}

/** What the booking holds, as claim resources. */
const resourcesOf = (laneId: string, weaponIds: string[], instructorId: string | undefined) => [
  `lane:${laneId}`,
  ...weaponIds.map((id) => `weapon:${id}`),
  ...(instructorId ? [`instructor:${instructorId}`] : []),
];

const isUniqueViolation = (error: unknown) => String(error).includes("UNIQUE constraint failed");

/** Finds the shooter's booking made with this key; a different request under it is refused. */
async function byKey(deps: Deps, userId: string, key: string, hash: string): Promise<BookingView | null> {
  const row = await deps.db
    .select({ id: rangeBooking.id, requestHash: rangeBooking.requestHash })
    .from(rangeBooking)
    .where(and(eq(rangeBooking.userId, userId), eq(rangeBooking.idempotencyKey, key)))
    .get();
  if (!row) return null;
  if (row.requestHash !== hash) throw idempotencyConflict();
  return findBooking(deps.db, row.id);
}

/** Says which of the resources another booking holds at that time. */
async function whichTaken(deps: Deps, resources: string[], slots: number[]) {
  const taken = await deps.db
    .select({ resource: rangeClaim.resource })
    .from(rangeClaim)
    .where(and(inArray(rangeClaim.resource, resources), inArray(rangeClaim.slot, slots)))
    .all();
  const kinds = new Set(taken.map((t) => t.resource.split(":")[0]));
  if (kinds.has("lane")) return conflict("This lane is already booked at that time.", { reason: "lane_taken" });
  if (kinds.has("weapon"))
    return conflict("A weapon you picked is already booked at that time.", { reason: "weapon_taken" });
  if (kinds.has("instructor")) return conflict("The instructor is busy at that time.", { reason: "instructor_taken" });
  // Freed again between the failed write and this look: the shooter may simply try again.
  return conflict("Someone booked this at the same moment; try again.", { reason: "taken" });
}

/**
 * Books; returns the booking and whether it is new (a retry with the same Idempotency-Key gets the
 * first booking). The invoice is charged at once; if the provider cannot be reached the booking
 * stays pending_payment and the queue completes it later; if it declines, the booking comes back
 * cancelled with the provider's answer, its slot free again.
 */
export async function book(deps: Deps, userId: string, input: BookingRequest, key: string) {
  const hash = await requestHash([
    "book",
    input.lane_id,
    input.starts_at,
    input.ends_at,
    input.weapon_ids,
    input.instructor_id ?? null,
  ]);
  const earlier = await byKey(deps, userId, key, hash);
  if (earlier) return { view: earlier, created: false };
  const now = Date.now();
  const lane = await findLane(deps.db, input.lane_id).catch(() => {
    const message = `No lane ${input.lane_id}.`;
    throw badRequest(message, [{ path: "lane_id", code: "not_found", message }]);
  });
  await checkRequest(deps, userId, lane, input, now);

  const id = crypto.randomUUID();
  const slots = claimSlots(input.starts_at, input.ends_at);
  const resources = resourcesOf(lane.id, input.weapon_ids, input.instructor_id);
  const price = lane.slotPrice * ((input.ends_at - input.starts_at) / (lane.slotMinutes * 60_000));
  const weaponList = sql.join(
    input.weapon_ids.map((w) => sql`${w}`),
    sql`, `,
  );
  const claims = resources.flatMap((resource) => slots.map((slot) => sql`(${resource}, ${slot})`));
  try {
    await batch(deps.d1, [
      // Written only while every weapon is still available (staff may have withdrawn one meanwhile).
      raw(
        sql`INSERT INTO range_booking (id, user_id, lane_id, starts_at, ends_at, instructor_id, status, price,
              idempotency_key, request_hash, created_at, updated_at)
            SELECT ${id}, ${userId}, ${lane.id}, ${input.starts_at}, ${input.ends_at}, ${input.instructor_id ?? null},
              ${price === 0 ? "confirmed" : "pending_payment"}, ${price}, ${key}, ${hash}, ${now}, ${now}
            WHERE NOT EXISTS (SELECT 1 FROM range_weapon WHERE id IN (${weaponList}) AND state <> 'available')`,
      ),
      raw(
        sql`INSERT INTO range_booking_weapon (booking_id, weapon_id)
            SELECT b.id, w.id FROM range_booking b JOIN range_weapon w ON w.id IN (${weaponList}) WHERE b.id = ${id}`,
      ),
      raw(
        sql`INSERT INTO range_claim (resource, slot, booking_id)
            SELECT c.column1, c.column2, b.id FROM (VALUES ${sql.join(claims, sql`, `)}) c
            JOIN range_booking b ON b.id = ${id}`,
      ),
    ]);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const same = await byKey(deps, userId, key, hash);
    if (same) return { view: same, created: false };
    throw await whichTaken(deps, resources, slots);
  }
  const made = await deps.db.select().from(rangeBooking).where(eq(rangeBooking.id, id)).get();
  if (!made) throw conflict("A weapon you picked was withdrawn a moment ago.", { reason: "weapon_unavailable" });
  if (made.status === "pending_payment") await pay(deps, made);
  return { view: await findBooking(deps.db, id), created: true };
}

/** Charges now; when the provider is not answering, the queue tries again later. */
async function pay(deps: Deps, booking: typeof rangeBooking.$inferSelect): Promise<Settlement> {
  const outcome = await bill(deps, booking);
  if (outcome === "retry") queueSettlement(deps, booking.id, paymentRetrySeconds(1));
  return outcome;
}

/** Pays a booking awaiting payment now, rather than when the queue next tries (a decline cancels it). */
export async function payAgain(deps: Deps, view: BookingView) {
  if (view.booking.status !== "pending_payment") {
    throw conflict("This booking does not await payment.", { reason: "not_pending" });
  }
  const outcome = await pay(deps, view.booking);
  return { after: await findBooking(deps.db, view.booking.id), outcome };
}

/**
 * Cancels a booking not yet started, freeing what it held at once; the refund follows the policy
 * (staff cancelling give everything back).
 */
export async function cancel(deps: Deps, view: BookingView, by: "shooter" | "staff"): Promise<BookingView> {
  const { booking } = view;
  const refundDue =
    by === "staff" ? booking.billedAmount : refundOnCancel(booking.billedAmount, booking.startsAt, Date.now());
  const cancelled = await cancelBooking(deps.d1, booking.id, {
    from: ["pending_payment", "confirmed"],
    refundDue,
    paymentError: null,
  });
  const after = await findBooking(deps.db, booking.id);
  if (!cancelled) {
    if (after.booking.status === "cancelled") return after;
    throw conflict(`A booking ${after.booking.status.replace("_", " ")} cannot be cancelled.`, {
      reason: "not_cancellable",
    });
  }
  if ((await refund(deps, after.booking)) === "retry") queueSettlement(deps, booking.id, paymentRetrySeconds(1));
  return findBooking(deps.db, booking.id);
}
