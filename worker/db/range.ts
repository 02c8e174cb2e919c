// The range area in D1: licences, the armoury, lanes, bookings with what they hold, and the shots
// the lanes' target systems reported (written by the statistics queue, aggregated per session).
// A booking holds its lane, weapons and instructor through claims: one row per resource per
// quarter hour, with that pair as the primary key, so two bookings that overlap anywhere cannot
// both be written, however many arrive at once (the database refuses the second, whole).
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** What a licence allows, in the order the law lists them. */
export const LICENCE_CATEGORIES = ["air", "smooth_bore", "rifled", "pistol"] as const;
export const WEAPON_STATES = ["available", "maintenance", "retired"] as const;
/** A lane's discipline decides its target face (worker/range/rules.ts FACES). */
export const DISCIPLINES = ["air_rifle_10m", "air_pistol_10m", "pistol_25m", "rifle_50m"] as const;
export const BOOKING_STATUSES = [
  "pending_payment",
  "confirmed",
  "in_progress",
  "completed",
  "cancelled",
  "no_show",
] as const;

export const rangeLicence = sqliteTable(
  "range_licence",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    number: text("number").notNull().unique(),
    category: text("category", { enum: LICENCE_CATEGORIES }).notNull(),
    /** Epoch milliseconds (UTC midnight of the dates written on it). */
    issuedAt: integer("issued_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** The staff member who saw the document, and when; null until then. */
    verifiedBy: text("verified_by"),
    verifiedAt: integer("verified_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("range_licence_user_idx").on(t.userId, t.category)],
);

export const rangeWeapon = sqliteTable(
  "range_weapon",
  {
    id: text("id").primaryKey(),
    /** The club whose armoury holds it: staff hold roles on `range:<range_id>`. */
    rangeId: text("range_id").notNull(),
    model: text("model").notNull(),
    /** A discipline it is shot in (the lane's discipline picks the weapons offered). */
    discipline: text("discipline", { enum: DISCIPLINES }).notNull(),
    calibre: text("calibre").notNull(),
    serial: text("serial").notNull().unique(),
    licenceCategory: text("licence_category", { enum: LICENCE_CATEGORIES }).notNull(),
    state: text("state", { enum: WEAPON_STATES }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("range_weapon_range_idx").on(t.rangeId, t.discipline, t.state)],
);

export const rangeLane = sqliteTable(
  "range_lane",
  {
    id: text("id").primaryKey(),
    rangeId: text("range_id").notNull(),
    name: text("name").notNull(),
    discipline: text("discipline", { enum: DISCIPLINES }).notNull(),
    /** Opening hours as minutes after local midnight, local being UTC + utc_offset_minutes. */
    opensAt: integer("opens_at").notNull(),
    closesAt: integer("closes_at").notNull(),
    utcOffsetMinutes: integer("utc_offset_minutes").notNull(),
    /** A multiple of the claims' quarter hour. */
    slotMinutes: integer("slot_minutes").notNull(),
    /** Kopecks per slot. */
    slotPrice: integer("slot_price").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("range_lane_range_idx").on(t.rangeId)],
);

export const rangeBooking = sqliteTable(
  "range_booking",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    laneId: text("lane_id")
      .notNull()
      .references(() => rangeLane.id),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    instructorId: text("instructor_id"),
    status: text("status", { enum: BOOKING_STATUSES }).notNull(),
    /** Kopecks: the invoice's amount. */
    price: integer("price").notNull(),
    /** What the ledger says was charged and refunded (only ever grows: a late answer cannot undo a newer one). */
    billedAmount: integer("billed_amount").notNull().default(0),
    refundDue: integer("refund_due").notNull().default(0),
    refundAmount: integer("refund_amount").notNull().default(0),
    paymentError: text("payment_error"),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    startedAt: integer("started_at"),
    endedAt: integer("ended_at"),
    cancelledAt: integer("cancelled_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("range_booking_idempotency_idx").on(t.userId, t.idempotencyKey),
    index("range_booking_user_idx").on(t.userId, t.startsAt),
    index("range_booking_lane_idx").on(t.laneId, t.startsAt),
  ],
);

export const rangeBookingWeapon = sqliteTable(
  "range_booking_weapon",
  {
    bookingId: text("booking_id")
      .notNull()
      .references(() => rangeBooking.id),
    weaponId: text("weapon_id")
      .notNull()
      .references(() => rangeWeapon.id),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.weaponId] })],
);

/**
 * A resource (`lane:<id>`, `weapon:<id>`, `instructor:<user id>`) held for one quarter hour
 * starting at `slot` (epoch ms) by a booking. Deleted when the booking is cancelled.
 */
export const rangeClaim = sqliteTable(
  "range_claim",
  {
    resource: text("resource").notNull(),
    slot: integer("slot").notNull(),
    bookingId: text("booking_id")
      .notNull()
      .references(() => rangeBooking.id),
  },
  (t) => [primaryKey({ columns: [t.resource, t.slot] }), index("range_claim_booking_idx").on(t.bookingId)],
);

/** A target system's token for one lane: its id is what staff revoke (the lane object checks it). */
export const rangeDeviceToken = sqliteTable(
  "range_device_token",
  {
    id: text("id").primaryKey(),
    laneId: text("lane_id")
      .notNull()
      .references(() => rangeLane.id),
    label: text("label").notNull(),
    issuedBy: text("issued_by").notNull(),
    issuedAt: integer("issued_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("range_device_token_lane_idx").on(t.laneId)],
);

/** A shot as the lane object scored it; the statistics queue writes each once (its key). */
export const rangeShot = sqliteTable(
  "range_shot",
  {
    bookingId: text("booking_id").notNull(),
    shotId: text("shot_id").notNull(),
    userId: text("user_id").notNull(),
    laneId: text("lane_id").notNull(),
    discipline: text("discipline", { enum: DISCIPLINES }).notNull(),
    /** Hundredths of a millimetre from the centre (right and up are positive). */
    x: integer("x").notNull(),
    y: integer("y").notNull(),
    /** Sighters are shown, never counted in statistics. */
    sighter: integer("sighter", { mode: "boolean" }).notNull(),
    /** The match shot's number in its session from 1 (series of 10 follow from it); null for sighters. */
    matchNumber: integer("match_number"),
    ring: integer("ring").notNull(),
    /** Tenths: 0–109. */
    decimal: integer("decimal").notNull(),
    innerTen: integer("inner_ten", { mode: "boolean" }).notNull(),
    shotAt: integer("shot_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bookingId, t.shotId] }),
    index("range_shot_user_idx").on(t.userId, t.shotAt),
    index("range_shot_discipline_idx").on(t.discipline, t.shotAt),
  ],
);

/**
 * Match shots of one session summed (recomputed from range_shot whenever shots land, so a message
 * delivered twice changes nothing): what a period's statistics add up without reading every shot.
 */
export const rangeSessionStat = sqliteTable(
  "range_session_stat",
  {
    bookingId: text("booking_id").primaryKey(),
    userId: text("user_id").notNull(),
    discipline: text("discipline", { enum: DISCIPLINES }).notNull(),
    /** When the session's first shot was fired: a period takes the sessions that began in it. */
    startedAt: integer("started_at").notNull(),
    shots: integer("shots").notNull(),
    decimalSum: integer("decimal_sum").notNull(),
    ringSum: integer("ring_sum").notNull(),
    tens: integer("tens").notNull(),
    innerTens: integer("inner_tens").notNull(),
    /** Sums of x, y (hundredths of mm) and of their squares, for the group's centre and spread. */
    sumX: integer("sum_x").notNull(),
    sumY: integer("sum_y").notNull(),
    sumXx: integer("sum_xx").notNull(),
    sumYy: integer("sum_yy").notNull(),
  },
  (t) => [
    index("range_session_stat_user_idx").on(t.userId, t.startedAt),
    index("range_session_stat_discipline_idx").on(t.discipline, t.startedAt),
  ],
);
