// The range's rows as the API shows them: money as numbers with two decimals, times as ISO 8601.
import type { rangeBooking, rangeLane, rangeLicence, rangeWeapon } from "../db/range";
import { money } from "../events/present";
import type { Booking, Lane, Licence, Weapon } from "./contract";
import { refundOnCancel } from "./rules";

type LaneRow = typeof rangeLane.$inferSelect;
type WeaponRow = typeof rangeWeapon.$inferSelect;
type LicenceRow = typeof rangeLicence.$inferSelect;
type BookingRow = typeof rangeBooking.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const presentLane = (l: LaneRow): Lane => ({
  id: l.id,
  range_id: l.rangeId,
  name: l.name,
  discipline: l.discipline,
  opens_at: l.opensAt,
  closes_at: l.closesAt,
  utc_offset_minutes: l.utcOffsetMinutes,
  slot_minutes: l.slotMinutes,
  slot_price: money(l.slotPrice),
});

export const presentWeapon = (w: WeaponRow): Weapon => ({
  id: w.id,
  range_id: w.rangeId,
  model: w.model,
  discipline: w.discipline,
  calibre: w.calibre,
  serial: w.serial,
  licence_category: w.licenceCategory,
  state: w.state,
});

export const presentLicence = (l: LicenceRow): Licence => ({
  id: l.id,
  user_id: l.userId,
  number: l.number,
  category: l.category,
  issued_on: day(l.issuedAt),
  expires_on: day(l.expiresAt),
  verified_by: l.verifiedBy,
  verified_at: iso(l.verifiedAt),
});

/** What cancelling now gives back: the policy's share of what was paid (nothing once it is not cancellable). */
const cancellable = (b: BookingRow) => b.status === "pending_payment" || b.status === "confirmed";

export interface BookingView {
  booking: BookingRow;
  lane: LaneRow;
  weapons: WeaponRow[];
}

export function presentBooking({ booking: b, lane, weapons }: BookingView, now: number): Booking {
  return {
    id: b.id,
    user_id: b.userId,
    lane: presentLane(lane),
    starts_at: new Date(b.startsAt).toISOString(),
    ends_at: new Date(b.endsAt).toISOString(),
    weapons: weapons.map(presentWeapon),
    instructor_id: b.instructorId,
    status: b.status,
    invoice: {
      id: invoiceKey(b.id),
      amount: money(b.price),
      charged: money(b.billedAmount),
      refund_due: money(b.refundDue),
      refunded: money(b.refundAmount),
      payment_error: b.paymentError,
    },
    refund_if_cancelled_now: cancellable(b) ? money(refundOnCancel(b.billedAmount, b.startsAt, now)) : 0,
    started_at: iso(b.startedAt),
    ended_at: iso(b.endedAt),
  };
}

/** One invoice per booking, charged once and refunded against, by this key. */
export const invoiceKey = (bookingId: string) => `range-booking:${bookingId}`;
