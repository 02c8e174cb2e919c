// The events area's rows as the API shows them: money as numbers with two decimals (it is kept
// in kopecks), times as ISO 8601 UTC.
import { fromUnits } from "../lib/decimal";
import type { Event, Registration, Ticket, Visitor } from "./contract";
import { isCancellable, qrPayload, refundOnCancel } from "./rules";
import type { EventView, RegistrationView } from "./store";

export const money = (kopecks: number) => fromUnits(kopecks, 2);

/** Kopecks as people read them in a message or a document: 1500.00 ₽. */
export const formatMoney = (kopecks: number) => `${money(kopecks).toFixed(2)} ₽`;

export const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export const policyOf = (e: { refundFullHours: number; refundLatePercent: number }) => ({
  fullRefundHours: e.refundFullHours,
  lateRefundPercent: e.refundLatePercent,
});

export function presentEvent(row: EventView, costs: { name: string; amount: number }[] | null): Event {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    location: row.location,
    starts_at: iso(row.startsAt),
    ends_at: iso(row.endsAt),
    status: row.status,
    visitor_limit: row.visitorLimit,
    price: money(row.price),
    refund_policy: { full_refund_hours: row.refundFullHours, late_refund_percent: row.refundLatePercent },
    places: {
      taken: row.taken,
      waitlisted: row.waitlisted,
      left: row.visitorLimit === null ? null : Math.max(0, row.visitorLimit - row.taken),
    },
    costs: costs === null ? null : costs.map((c) => ({ name: c.name, amount: money(c.amount) })),
    organizer_id: row.organizerId,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export function presentVisitor(row: {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  userId: string | null;
  createdAt: number;
  updatedAt: number;
}): Visitor {
  return {
    id: row.id,
    first_name: row.firstName,
    last_name: row.lastName,
    email: row.email,
    phone: row.phone,
    user_id: row.userId,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export function presentRegistration(row: RegistrationView): Registration {
  return {
    id: row.id,
    number: row.number,
    event_id: row.eventId,
    visitor: {
      id: row.visitorId,
      first_name: row.visitor.firstName,
      last_name: row.visitor.lastName,
      email: row.visitor.email,
      phone: row.visitor.phone,
    },
    status: row.status,
    price: money(row.price),
    billed: money(row.billedAmount),
    refund_due: money(row.refundDue),
    refunded: money(row.refundAmount),
    payment_error: row.paymentError,
    waitlist_position: row.waitlistPosition,
    created_at: iso(row.createdAt),
    promoted_at: isoOrNull(row.promotedAt),
    cancelled_at: isoOrNull(row.cancelledAt),
    checked_in_at: isoOrNull(row.checkedInAt),
  };
}

/** The visitor's ticket, with what cancelling would give back now (by the server's clock). */
export function presentTicket(row: RegistrationView, now: number): Ticket {
  const policy = policyOf(row.event);
  const refundable = isCancellable(row.status) ? row.billedAmount : 0;
  return {
    id: row.id,
    number: row.number,
    qr: qrPayload(row.eventId, row.number),
    status: row.status,
    event: {
      id: row.eventId,
      title: row.event.title,
      location: row.event.location,
      starts_at: iso(row.event.startsAt),
      ends_at: iso(row.event.endsAt),
    },
    visitor: { first_name: row.visitor.firstName, last_name: row.visitor.lastName },
    price: money(row.price),
    billed: money(row.billedAmount),
    refund_due: money(row.refundDue),
    refunded: money(row.refundAmount),
    refund_if_cancelled_now: money(refundOnCancel(policy, refundable, row.event.startsAt, now)),
    refund_policy: { full_refund_hours: policy.fullRefundHours, late_refund_percent: policy.lateRefundPercent },
    waitlist_position: row.waitlistPosition,
    payment_error: row.paymentError,
    created_at: iso(row.createdAt),
    checked_in_at: isoOrNull(row.checkedInAt),
  };
}
