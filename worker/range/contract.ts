// The range API's requests and responses (snake_case like the other areas). Money leaves as
// numbers with two decimals (kept as kopecks); shot coordinates arrive in millimetres with at
// most two decimals, taken exactly as sent (lib/decimal.ts) and kept as hundredths.
import { z } from "@hono/zod-openapi";
import { BOOKING_STATUSES, DISCIPLINES, LICENCE_CATEGORIES, WEAPON_STATES } from "../db/range";
import { Id, When } from "../events/contract";
import { decimal, toUnits } from "../lib/decimal";
import { shaped } from "../lib/patterns";
import { REPORT_LANGUAGES } from "./report-words";

export { IdempotencyHeader } from "../events/contract";

export const IdParam = z.object({ id: Id });
export const LaneParam = z.object({ lane_id: Id });

const Discipline = z.enum(DISCIPLINES);
const Category = z.enum(LICENCE_CATEGORIES);
const Day = z.iso.date({ error: "Give the day as YYYY-MM-DD." }).openapi({ example: "2026-12-01" });
const Text = (max: number) => z.string().trim().min(1).max(max);

export const LicenceRequest = z
  .object({
    user_id: Id.openapi({ description: "The shooter the licence belongs to" }),
    number: Text(40).openapi({ example: "ЛОа 0123456" }),
    category: Category,
    issued_on: Day,
    expires_on: Day,
  })
  .refine((l) => l.issued_on < l.expires_on, { message: "A licence expires after it is issued.", path: ["expires_on"] })
  .openapi("LicenceRequest");

export const Licence = z
  .object({
    id: z.string(),
    user_id: z.string(),
    number: z.string(),
    category: Category,
    issued_on: z.string(),
    expires_on: z.string(),
    verified_by: z.string().nullable(),
    verified_at: z.string().nullable(),
  })
  .openapi("Licence");
export type Licence = z.infer<typeof Licence>;

export const LicenceQuery = z.object({ user_id: Id.optional() });

export const WeaponRequest = z
  .object({
    range_id: Id,
    model: Text(120).openapi({ example: "Walther LG400" }),
    discipline: Discipline,
    calibre: Text(20).openapi({ example: "4.5 mm" }),
    serial: Text(60),
    licence_category: Category,
  })
  .openapi("WeaponRequest");

export const WeaponStateRequest = z.object({ state: z.enum(WEAPON_STATES) }).openapi("WeaponStateRequest");

export const Weapon = z
  .object({
    id: z.string(),
    range_id: z.string(),
    model: z.string(),
    discipline: Discipline,
    calibre: z.string(),
    serial: z.string(),
    licence_category: Category,
    state: z.enum(WEAPON_STATES),
  })
  .openapi("Weapon");
export type Weapon = z.infer<typeof Weapon>;

const Minutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

export const LaneRequest = z
  .object({
    range_id: Id,
    name: Text(60),
    discipline: Discipline,
    opens_at: Minutes.openapi({ description: "Minutes after local midnight", example: 600 }),
    closes_at: Minutes.openapi({ example: 1260 }),
    utc_offset_minutes: z.number().int().min(-720).max(840).default(180),
    slot_minutes: z.number().int().min(15).max(240).multipleOf(15, "A slot lasts a whole number of quarter hours."),
    slot_price: decimal({ what: "The price", places: 2, min: 0, max: 1_000_000_00 }),
  })
  .refine((l) => l.opens_at < l.closes_at, { message: "A lane closes after it opens.", path: ["closes_at"] })
  .openapi("LaneRequest");

export const Lane = z
  .object({
    id: z.string(),
    range_id: z.string(),
    name: z.string(),
    discipline: Discipline,
    opens_at: z.number(),
    closes_at: z.number(),
    utc_offset_minutes: z.number(),
    slot_minutes: z.number(),
    slot_price: z.number(),
  })
  .openapi("Lane");
export type Lane = z.infer<typeof Lane>;

export const SlotQuery = z.object({
  day: Day,
  discipline: Discipline.optional(),
  lane_id: Id.optional(),
});

export const Slots = z
  .object({
    day: z.string(),
    /** Why nothing can be booked, when the licence does not allow it. */
    refusal: z.object({ reason: z.string(), detail: z.string() }).nullable(),
    lanes: z.array(
      z.object({
        lane: Lane,
        slots: z.array(
          z.object({
            starts_at: z.string(),
            ends_at: z.string(),
            weapons: z.array(Weapon).openapi({ description: "Free weapons your licence allows, for this slot" }),
          }),
        ),
      }),
    ),
  })
  .openapi("Slots");
export type Slots = z.infer<typeof Slots>;

export const BookingRequest = z
  .object({
    lane_id: Id,
    starts_at: When("the start"),
    ends_at: When("the end"),
    weapon_ids: z.array(Id).min(1).max(3),
    instructor_id: Id.optional(),
  })
  .refine((b) => b.starts_at < b.ends_at, { message: "A booking ends after it starts.", path: ["ends_at"] })
  .refine((b) => new Set(b.weapon_ids).size === b.weapon_ids.length, {
    message: "Name each weapon once.",
    path: ["weapon_ids"],
  })
  .openapi("BookingRequest");
export type BookingRequest = z.infer<typeof BookingRequest>;

export const Booking = z
  .object({
    id: z.string(),
    user_id: z.string(),
    lane: Lane,
    starts_at: z.string(),
    ends_at: z.string(),
    weapons: z.array(Weapon),
    instructor_id: z.string().nullable(),
    status: z.enum(BOOKING_STATUSES),
    invoice: z.object({
      id: z.string(),
      amount: z.number(),
      charged: z.number(),
      refund_due: z.number(),
      refunded: z.number(),
      payment_error: z.string().nullable(),
    }),
    refund_if_cancelled_now: z.number(),
    started_at: z.string().nullable(),
    ended_at: z.string().nullable(),
  })
  .openapi("Booking");
export type Booking = z.infer<typeof Booking>;

export const BookingListQuery = z.object({ from: Day.optional(), to: Day.optional() });
export const ScheduleQuery = z.object({ range_id: Id, day: Day });

/** Millimetres from the centre, signed, at most two decimals: kept as hundredths. */
const Offset = (axis: string) =>
  z
    .number({ error: `${axis} must be a number of millimetres.` })
    .min(-1000)
    .max(1000)
    .transform((value, ctx) => {
      const units = toUnits(Math.abs(value), 2);
      if (units === null) {
        ctx.addIssue({
          code: "custom",
          message: `${axis} must be a plain decimal with at most 2 decimals.`,
          params: { code: "decimals", limit: 2 },
        });
        return z.NEVER;
      }
      return value < 0 ? -units : units;
    })
    .openapi({ type: "number", description: "Millimetres from the centre, at most 2 decimals" });

export const ShotRequest = z
  .object({
    shot_id: shaped("shot"),
    x: Offset("x"),
    y: Offset("y"),
    at: z.iso
      .datetime({ offset: true })
      .transform((v) => Date.parse(v))
      .openapi({ type: "string", format: "date-time" }),
    kind: z.enum(["sighter", "match"]),
  })
  .openapi("ShotRequest");
export type ShotRequest = z.infer<typeof ShotRequest>;

export const Shot = z
  .object({
    shot_id: z.string(),
    x: z.number(),
    y: z.number(),
    at: z.string(),
    kind: z.enum(["sighter", "match"]),
    match_number: z.number().nullable(),
    ring: z.number(),
    decimal: z.number(),
    inner_ten: z.boolean(),
  })
  .openapi("Shot");
export type Shot = z.infer<typeof Shot>;

export const ShotAck = z.object({ shot: Shot, duplicate: z.boolean() }).openapi("ShotAck");

export const DeviceTokenRequest = z.object({ label: Text(60) }).openapi("DeviceTokenRequest");
export const DeviceToken = z
  .object({
    id: z.string(),
    lane_id: z.string(),
    label: z.string(),
    issued_at: z.string(),
    revoked_at: z.string().nullable(),
    token: z.string().optional().openapi({ description: "Shown once, when issued" }),
  })
  .openapi("DeviceToken");
export type DeviceToken = z.infer<typeof DeviceToken>;

export const StatsQuery = z
  .object({ from: Day, to: Day, discipline: Discipline })
  .refine((q) => q.from <= q.to, { message: "The period ends after it begins.", path: ["to"] });

const Figures = z.object({
  shots: z.number(),
  average_decimal: z.number().nullable(),
  tens_share: z.number().nullable(),
  inner_tens_share: z.number().nullable(),
  centre: z.object({ x: z.number(), y: z.number() }).nullable(),
  spread: z.number().nullable(),
});

export const Stats = z
  .object({
    discipline: Discipline,
    from: z.string(),
    to: z.string(),
    figures: Figures,
    sessions: z.array(
      z.object({
        booking_id: z.string(),
        started_at: z.string(),
        figures: Figures,
        series: z.array(z.number()).openapi({ description: "Totals of each series of 10, decimal" }),
      }),
    ),
    comparison: z.object({
      shooters: z.number(),
      percentile: z.number().nullable().openapi({ description: "Share of shooters (%) you average above" }),
    }),
  })
  .openapi("Stats");
export type Stats = z.infer<typeof Stats>;

export const SessionReportRequest = z
  .object({
    language: z.enum(REPORT_LANGUAGES).default("en").openapi({ description: "The language the PDF reads in" }),
  })
  .openapi("RangeSessionReportRequest");

export const ReportJob = z
  .object({
    id: z.string(),
    status: z.enum(["queued", "running", "done", "failed"]),
    kind: z.enum(["period", "session"]),
    query: z
      .object({ from: z.string(), to: z.string(), discipline: Discipline })
      .nullable()
      .openapi({ description: "A period's report: what it covers" }),
    booking_id: z.string().nullable().openapi({ description: "A session's report: its booking" }),
    language: z.enum(REPORT_LANGUAGES),
    requested_at: z.string(),
    finished_at: z.string().nullable(),
    error: z.string().nullable(),
  })
  .openapi("RangeReportJob");
export type ReportJob = z.infer<typeof ReportJob>;
