// The events API's requests and responses (snake_case, like the other areas). Money arrives and
// leaves as numbers with at most two decimals and is kept as integer kopecks (lib/decimal.ts).
// The lists' queries are in list-queries.ts: the web app imports these types, and theirs would
// bring the router's modules along.
import { z } from "@hono/zod-openapi";
import { EVENT_STATUSES, REGISTRATION_STATUSES } from "../db/events";
import { decimal } from "../lib/decimal";
import { shaped } from "../lib/patterns";
import { normalisePhone } from "./rules";

export const Id = shaped("id", z.string({ error: "Give the id as a string." }));

export const When = (what: string) =>
  z.iso
    .datetime({ offset: true, error: `Give ${what} as an ISO 8601 date and time, e.g. 2026-12-01T18:00:00Z.` })
    .transform((value) => Date.parse(value))
    .openapi({ type: "string", format: "date-time" });

/** 1,000,000.00 for a ticket; a cost item up to 100,000,000.00. */
const MAX_PRICE = 1_000_000_00;
const MAX_COST = 100_000_000_00;

const Price = decimal({ what: "The price", places: 2, min: 0, max: MAX_PRICE }).openapi({ example: 1500 });
const CostAmount = decimal({ what: "The cost", places: 2, min: 0, max: MAX_COST }).openapi({ example: 25000 });
const Refund = decimal({ what: "The refund", places: 2, min: 0, max: MAX_PRICE });

export const RefundPolicy = z
  .object({
    full_refund_hours: z.number().int().min(0).max(8_760).default(48).openapi({
      description: "Cancelled at least this many hours before the start: the whole price back",
    }),
    late_refund_percent: z.number().int().min(0).max(100).default(0).openapi({
      description: "Cancelled later, before the start: this share of it; nothing once it started",
    }),
  })
  .openapi("RefundPolicy");

const CostItem = z.object({ name: z.string().trim().min(1).max(120), amount: CostAmount }).openapi("CostItem");

const Title = z.string().trim().min(1).max(200).openapi({ example: "Мастер-класс по фотографии" });
const Description = z.string().trim().max(5_000);
const Location = z.string().trim().min(1).max(300).openapi({ example: "Москва, Тверская 1" });
const VisitorLimit = z
  .number()
  .int()
  .min(1)
  .max(1_000_000)
  .nullable()
  .openapi({ description: "At most this many places (null: no limit); more registrations wait in line" });
const Costs = z.array(CostItem).max(50);

const endsAfterStart = { message: "The event must end after it starts.", path: ["ends_at"] };

export const CreateEventRequest = z
  .object({
    title: Title,
    description: Description.default(""),
    location: Location,
    starts_at: When("the start"),
    ends_at: When("the end"),
    visitor_limit: VisitorLimit.default(null),
    price: Price.default(0).openapi({ description: "0 for a free event" }),
    refund_policy: RefundPolicy.default({ full_refund_hours: 48, late_refund_percent: 0 }),
    costs: Costs.default([]).openapi({ description: "For the financial report" }),
    status: z.enum(["draft", "published"]).default("draft"),
  })
  .refine((e) => e.starts_at < e.ends_at, endsAfterStart)
  .openapi("CreateEventRequest");

export const UpdateEventRequest = z
  .object({
    title: Title.optional(),
    description: Description.optional(),
    location: Location.optional(),
    starts_at: When("the start").optional(),
    ends_at: When("the end").optional(),
    visitor_limit: VisitorLimit.optional(),
    price: Price.optional(),
    refund_policy: RefundPolicy.optional(),
    costs: Costs.optional(),
    status: z
      .enum(EVENT_STATUSES)
      .optional()
      .openapi({ description: "cancelled cancels every registration and refunds what was paid" }),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), {
    message: "Change at least one field.",
    path: ["title"],
  })
  .openapi("UpdateEventRequest");

export const Event = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    location: z.string(),
    starts_at: z.iso.datetime(),
    ends_at: z.iso.datetime(),
    status: z.enum(EVENT_STATUSES),
    visitor_limit: z.number().int().nullable(),
    price: z.number(),
    refund_policy: RefundPolicy,
    places: z.object({
      taken: z.number().int(),
      waitlisted: z.number().int(),
      left: z.number().int().nullable().openapi({ description: "null without a limit" }),
    }),
    costs: z
      .array(z.object({ name: z.string(), amount: z.number() }))
      .nullable()
      .openapi({ description: "Only for the event's organizers; null for everyone else" }),
    organizer_id: z.string(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .openapi("Event");

export const EventDeletion = z
  .object({
    deleted: z.boolean().openapi({ description: "true: it had no registrations and is gone" }),
    cancelled: z.boolean().openapi({ description: "true: it had registrations, so it was cancelled instead" }),
    registrations_cancelled: z.number().int(),
    refunds: z.object({
      count: z.number().int().openapi({ description: "Registrations with money to return" }),
      total: z.number().openapi({ description: "What they paid, all of it going back" }),
    }),
    event: Event.nullable(),
  })
  .openapi("EventDeletion");

const Name = z.string().trim().min(1).max(100);
export const Email = z
  .email({ error: "Give a valid email address." })
  .max(254)
  .transform((value) => value.toLowerCase())
  .openapi({ example: "anna@example.com" });
export const Phone = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const e164 = normalisePhone(value);
    if (e164) return e164;
    ctx.addIssue({
      code: "custom",
      message: "Give a phone number, e.g. +7 916 123-45-67 or +44 20 7946 0958.",
      params: { code: "invalid_format" },
    });
    return z.NEVER;
  })
  .openapi({ type: "string", example: "+7 916 123-45-67", description: "Stored in E.164" });

export const CreateVisitorRequest = z
  .object({ first_name: Name, last_name: Name, email: Email, phone: Phone })
  .openapi("CreateVisitorRequest");

export const UpdateVisitorRequest = z
  .object({ first_name: Name.optional(), last_name: Name.optional(), email: Email.optional(), phone: Phone.optional() })
  .refine((u) => Object.values(u).some((v) => v !== undefined), {
    message: "Change at least one field.",
    path: ["first_name"],
  })
  .openapi("UpdateVisitorRequest");

export const Visitor = z
  .object({
    id: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    email: z.string(),
    phone: z.string(),
    user_id: z.string().nullable().openapi({ description: "Their Podium account, once they registered logged in" }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .openapi("Visitor");

/** What a visitor sends to register; logged in, email is the account's and the rest may be known already. */
export const RegisterRequest = z
  .object({ first_name: Name.optional(), last_name: Name.optional(), email: Email.optional(), phone: Phone.optional() })
  .openapi("RegisterRequest");

export const OrganizerRegistrationRequest = z
  .object({ event_id: Id, visitor_id: Id })
  .openapi("OrganizerRegistrationRequest");

export const IdempotencyHeader = z.object({
  "idempotency-key": shaped(
    "key",
    z.string({ error: "Send an Idempotency-Key header: a retry with it returns the first result." }),
  ).openapi({ description: "Chosen by the client, e.g. a UUID; repeating the request with it changes nothing" }),
});

export const UpdateRegistrationRequest = z
  .object({
    status: z.enum(["cancelled", "checked_in"]),
    refund: Refund.optional().openapi({ description: "When cancelling: what to refund (default: all that was paid)" }),
  })
  .openapi("UpdateRegistrationRequest");

const Money = z.number().openapi({ description: "Two decimals", example: 1500 });

export const Registration = z
  .object({
    id: z.string(),
    number: z.string().openapi({ example: "4821-0937" }),
    event_id: z.string(),
    visitor: z.object({
      id: z.string(),
      first_name: z.string(),
      last_name: z.string(),
      email: z.string(),
      phone: z.string(),
    }),
    status: z.enum(REGISTRATION_STATUSES),
    price: Money,
    billed: Money,
    refund_due: Money.openapi({ description: "Owed back since the cancellation" }),
    refunded: Money,
    payment_error: z.string().nullable(),
    waitlist_position: z.number().int().nullable(),
    created_at: z.iso.datetime(),
    promoted_at: z.iso.datetime().nullable(),
    cancelled_at: z.iso.datetime().nullable(),
    checked_in_at: z.iso.datetime().nullable(),
  })
  .openapi("Registration");

export const Ticket = z
  .object({
    id: z.string().openapi({ description: "Also the ticket's address: keep it to yourself" }),
    number: z.string().openapi({ example: "4821-0937", description: "Read out or typed at the door" }),
    qr: z
      .string()
      .openapi({ description: "What the ticket's QR code holds", example: "PODIUM-TICKET:ab12cd34:4821-0937" }),
    status: z.enum(REGISTRATION_STATUSES),
    event: z.object({
      id: z.string(),
      title: z.string(),
      location: z.string(),
      starts_at: z.iso.datetime(),
      ends_at: z.iso.datetime(),
    }),
    visitor: z.object({ first_name: z.string(), last_name: z.string() }),
    price: Money,
    billed: Money,
    refund_due: Money,
    refunded: Money,
    refund_if_cancelled_now: Money.openapi({ description: "By the event's refund policy, at the server's time" }),
    refund_policy: RefundPolicy,
    waitlist_position: z.number().int().nullable().openapi({ description: "1 is next in line" }),
    payment_error: z.string().nullable(),
    created_at: z.iso.datetime(),
    checked_in_at: z.iso.datetime().nullable(),
  })
  .openapi("Ticket");

export const CheckInRequest = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .openapi({ description: "The scanned QR payload or the typed number", example: "4821-0937" }),
    client_id: z
      .string()
      .min(8)
      .max(100)
      .openapi({ description: "Chosen by the door phone; a resend with it is harmless" }),
  })
  .openapi("CheckInRequest");

export const CheckIn = z
  .object({
    registration_id: z.string(),
    number: z.string(),
    visitor: z.object({ first_name: z.string(), last_name: z.string() }),
    checked_in_at: z.iso.datetime(),
  })
  .openapi("CheckIn");

export const DoorStaff = z
  .object({
    user_id: z.string(),
    email: z.string(),
    display_name: z.string(),
    granted_at: z.iso.datetime(),
  })
  .openapi("DoorStaff", {
    description: "Someone holding the role door on this event: they check tickets in, nothing more",
  });

export const AddDoorStaffRequest = z
  .object({ email: Email.openapi({ description: "The email of their Podium account", example: "door@podium.local" }) })
  .openapi("AddDoorStaffRequest");

export const EventParam = z.object({ id: Id });
export const MessageParam = z.object({ id: Id, messageId: Id });
export const DoorStaffParam = z.object({ id: Id, userId: Id });

export type CreateEventRequest = z.infer<typeof CreateEventRequest>;
export type UpdateEventRequest = z.infer<typeof UpdateEventRequest>;
export type Event = z.infer<typeof Event>;
export type EventDeletion = z.infer<typeof EventDeletion>;
export type CreateVisitorRequest = z.infer<typeof CreateVisitorRequest>;
export type UpdateVisitorRequest = z.infer<typeof UpdateVisitorRequest>;
export type Visitor = z.infer<typeof Visitor>;
export type RegisterRequest = z.infer<typeof RegisterRequest>;
export type Registration = z.infer<typeof Registration>;
export type Ticket = z.infer<typeof Ticket>;
export type CheckIn = z.infer<typeof CheckIn>;
export type DoorStaff = z.infer<typeof DoorStaff>;
