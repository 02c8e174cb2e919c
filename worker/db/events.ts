// The events area in D1: events with their cost items, visitors, and registrations (the system
// of record for capacity: a place is taken by one row, and the event's count of them moves in the
// same statement, through the triggers of migration 0010).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const EVENT_STATUSES = ["draft", "published", "cancelled", "finished"] as const;
export const REGISTRATION_STATUSES = [
  "awaiting_payment",
  "confirmed",
  "waitlisted",
  "cancelled",
  "checked_in",
] as const;

export const event = sqliteTable(
  "event",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    location: text("location").notNull(),
    /** Epoch milliseconds; start is strictly before end. */
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    status: text("status", { enum: EVENT_STATUSES }).notNull(),
    /** At most this many hold a place (awaiting payment, confirmed, checked in); null: no limit. */
    visitorLimit: integer("visitor_limit"),
    /**
     * Places held now (awaiting payment, confirmed, checked in) and people on the waiting list:
     * kept by the registration table's triggers (migration 0010) in the very statement that adds a
     * registration or changes its status, so a registration reads one row instead of counting the
     * event's registrations (O(1) rows read, not one per place taken).
     */
    taken: integer("places_taken").notNull().default(0),
    waitlisted: integer("waitlisted").notNull().default(0),
    /** Kopecks; 0 is a free event. */
    price: integer("price").notNull(),
    /** Refund policy: cancelled this many hours or more before the start, the whole price back… */
    refundFullHours: integer("refund_full_hours").notNull(),
    /** …later (until the start), this percentage of it. */
    refundLatePercent: integer("refund_late_percent").notNull(),
    organizerId: text("organizer_id").notNull(),
    /** Title and location in lower case, for search (SQLite's LIKE folds the case of ASCII only). */
    search: text("search").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("event_status_start_idx").on(t.status, t.startsAt, t.id),
    index("event_start_idx").on(t.startsAt, t.id),
    index("event_organizer_idx").on(t.organizerId),
  ],
);

/** An event's costs for the financial report, in the organizer's order. */
export const eventCost = sqliteTable(
  "event_cost",
  {
    eventId: text("event_id")
      .notNull()
      .references(() => event.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    /** Kopecks. */
    amount: integer("amount").notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.position] })],
);

export const visitor = sqliteTable(
  "visitor",
  {
    id: text("id").primaryKey(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    /** E.164, e.g. +79161234567. */
    phone: text("phone").notNull(),
    /** Lower-case: one visitor per address. */
    email: text("email").notNull().unique(),
    /** The Podium account this visitor is, once they registered logged in. */
    userId: text("user_id"),
    /** Names, email and phone in lower case, for search (SQLite's LIKE folds the case of ASCII only). */
    search: text("search").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("visitor_user_idx").on(t.userId), index("visitor_created_idx").on(t.createdAt, t.id)],
);

export const registration = sqliteTable(
  "registration",
  {
    /** A UUID: also the ticket's address, so it is not guessable. */
    id: text("id").primaryKey(),
    /** The order D1 accepted registrations in: the waiting list is served by it. */
    seq: integer("seq").notNull(),
    /** Short and unique, what a person reads out at the door (e.g. K7M-4QX). */
    number: text("number").notNull(),
    eventId: text("event_id")
      .notNull()
      .references(() => event.id),
    visitorId: text("visitor_id")
      .notNull()
      .references(() => visitor.id),
    status: text("status", { enum: REGISTRATION_STATUSES }).notNull(),
    /** The event's price when they registered, in kopecks. */
    price: integer("price").notNull(),
    /** Kopecks actually charged and refunded (mirrors the payments ledger, only ever grows). */
    billedAmount: integer("billed_amount").notNull().default(0),
    refundAmount: integer("refund_amount").notNull().default(0),
    /** Kopecks owed back since the cancellation, by the policy; refunded up to it. */
    refundDue: integer("refund_due").notNull().default(0),
    billedAt: integer("billed_at"),
    refundedAt: integer("refunded_at"),
    /** Why the last charge failed, while awaiting payment. */
    paymentError: text("payment_error"),
    promotedAt: integer("promoted_at"),
    cancelledAt: integer("cancelled_at"),
    checkedInAt: integer("checked_in_at"),
    checkedInBy: text("checked_in_by"),
    /** The door phone's id for the check-in: its resend is recognised. */
    checkInClientId: text("check_in_client_id"),
    /** Who the Idempotency-Key belongs to: `user:<id>`, or `email:<address>` for an anonymous visitor. */
    idempotencyScope: text("idempotency_scope").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    /** A hash of the request the key was first used for: another request with it is refused. */
    requestHash: text("request_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("registration_seq_unique").on(t.seq),
    uniqueIndex("registration_number_unique").on(t.number),
    uniqueIndex("registration_idempotency_unique").on(t.idempotencyScope, t.idempotencyKey),
    // One live registration per visitor and event; after cancelling they may register again.
    uniqueIndex("registration_visitor_event_unique").on(t.eventId, t.visitorId).where(sql`status <> 'cancelled'`),
    // Places taken (COUNT by status) and the head of the waiting list (lowest seq), per event.
    index("registration_event_status_idx").on(t.eventId, t.status, t.seq),
    index("registration_visitor_idx").on(t.visitorId, t.seq),
    // No index of their own for the charts (registrations per day, check-ins per quarter hour):
    // they read one event's rows, found by the event's indexes below and above, in a few ms for
    // thousands, while every registration would write two more index entries (D1 bills them).
    // The financial report sums these per event from the index alone.
    index("registration_event_money_idx").on(t.eventId, t.billedAmount, t.refundAmount),
  ],
);
