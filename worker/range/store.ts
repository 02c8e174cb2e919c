// Reads of the range's records in D1, each refusing with 404 when the thing is not there.
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Db } from "../db";
import { rangeBooking, rangeBookingWeapon, rangeLane, rangeLicence, rangeWeapon } from "../db/schema";
import { notFound } from "../lib/problem";
import type { BookingView } from "./present";

export async function findLane(db: Db, id: string) {
  const lane = await db.select().from(rangeLane).where(eq(rangeLane.id, id)).get();
  if (!lane) throw notFound(`No lane ${id}.`);
  return lane;
}

export async function findWeapon(db: Db, id: string) {
  const weapon = await db.select().from(rangeWeapon).where(eq(rangeWeapon.id, id)).get();
  if (!weapon) throw notFound(`No weapon ${id}.`);
  return weapon;
}

export async function findLicence(db: Db, id: string) {
  const licence = await db.select().from(rangeLicence).where(eq(rangeLicence.id, id)).get();
  if (!licence) throw notFound(`No licence ${id}.`);
  return licence;
}

export const licencesOf = (db: Db, userId: string) =>
  db.select().from(rangeLicence).where(eq(rangeLicence.userId, userId)).orderBy(asc(rangeLicence.expiresAt)).all();

/** Bookings with their lanes and weapons, in the order of `where`'s rows by start. */
async function bookingViews(db: Db, where: ReturnType<typeof and>): Promise<BookingView[]> {
  const rows = await db
    .select({ booking: rangeBooking, lane: rangeLane })
    .from(rangeBooking)
    .innerJoin(rangeLane, eq(rangeLane.id, rangeBooking.laneId))
    .where(where)
    .orderBy(asc(rangeBooking.startsAt), asc(rangeBooking.id))
    .limit(500)
    .all();
  if (rows.length === 0) return [];
  const held = await db
    .select({ bookingId: rangeBookingWeapon.bookingId, weapon: rangeWeapon })
    .from(rangeBookingWeapon)
    .innerJoin(rangeWeapon, eq(rangeWeapon.id, rangeBookingWeapon.weaponId))
    .where(
      inArray(
        rangeBookingWeapon.bookingId,
        rows.map((r) => r.booking.id),
      ),
    )
    .all();
  return rows.map((r) => ({ ...r, weapons: held.filter((h) => h.bookingId === r.booking.id).map((h) => h.weapon) }));
}

export async function findBooking(db: Db, id: string): Promise<BookingView> {
  const [view] = await bookingViews(db, and(eq(rangeBooking.id, id)));
  if (!view) throw notFound(`No booking ${id}.`);
  return view;
}

/** A shooter's bookings starting in [from, to). */
export const bookingsOf = (db: Db, userId: string, from: number, to: number) =>
  bookingViews(
    db,
    and(eq(rangeBooking.userId, userId), gte(rangeBooking.startsAt, from), lt(rangeBooking.startsAt, to)),
  );

/** The bookings of a club's lanes starting in [from, to): the day's schedule. */
export const scheduleOf = (db: Db, rangeId: string, from: number, to: number) =>
  bookingViews(
    db,
    and(eq(rangeLane.rangeId, rangeId), gte(rangeBooking.startsAt, from), lt(rangeBooking.startsAt, to)),
  );
