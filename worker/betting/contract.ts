// The betting API's requests and responses. Field names follow the original assignment
// (event_id, amount, …): snake_case, unlike the accounts API.
import { z } from "@hono/zod-openapi";
import { EVENT_STATUSES, MAX_ODDS_HUNDREDTHS, MAX_STAKE_MINOR, toHundredths } from "./rules";

/** A positive decimal with at most two places, carried as integer hundredths after parsing. */
function twoDecimals(what: string, max: number) {
  return z
    .number({ error: `${what} must be a number.` })
    .positive(`${what} must be greater than 0.`)
    .max(max / 100, `${what} must be at most ${max / 100}.`)
    .refine((value) => toHundredths(value) !== null, `${what} may have at most two decimals.`)
    .transform((value) => toHundredths(value) as number);
}

export const Amount = twoDecimals("The amount", MAX_STAKE_MINOR).openapi({ type: "number", example: 100.5 });
export const Odds = twoDecimals("The odds", MAX_ODDS_HUNDREDTHS).openapi({ type: "number", example: 1.85 });

export const EventId = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Use 1–64 letters, digits, - or _."))
  .openapi({ type: "string", example: "spartak-cska-2026-11-23" });

const Deadline = z.iso
  .datetime({ offset: true, error: "Give the deadline as an ISO 8601 date and time, e.g. 2026-11-23T18:00:00Z." })
  .transform((value) => Date.parse(value))
  .openapi({ type: "string", format: "date-time" });

export const EventStatus = z.enum(EVENT_STATUSES);

export const CreateEventRequest = z
  .object({
    id: EventId.optional(),
    title: z.string().trim().min(1).max(120).optional().openapi({ example: "Spartak — CSKA" }),
    odds: Odds,
    deadline: Deadline,
  })
  .openapi("CreateEventRequest");

export const UpdateEventRequest = z
  .object({
    odds: Odds.optional(),
    deadline: Deadline.optional(),
    status: EventStatus.optional(),
    reason: z.string().trim().min(1).max(500).optional().openapi({ description: "Required to correct an outcome" }),
  })
  .refine((u) => u.odds !== undefined || u.deadline !== undefined || u.status !== undefined, {
    message: "Change at least one of odds, deadline or status.",
    path: ["status"],
  })
  .openapi("UpdateEventRequest");

export const PlaceBetRequest = z
  .object({
    event_id: EventId,
    amount: Amount,
    expected_odds: Odds.optional().openapi({ description: "Refuse with 409 if the odds are no longer these" }),
  })
  .openapi("PlaceBetRequest");

export const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7e]{1,100}$/, "Use 1–100 visible ASCII characters.")
    .optional()
    .openapi({ description: "Repeating a bet with the same key returns the first bet and places nothing" }),
});

export const BettingEvent = z
  .object({
    id: z.string(),
    title: z.string(),
    odds: z.number(),
    deadline: z.iso.datetime(),
    status: EventStatus,
    version: z.number().int(),
  })
  .openapi("BettingEvent");

export const Bet = z
  .object({
    id: z.string(),
    event_id: z.string(),
    event_title: z.string(),
    amount: z.number(),
    odds: z.number(),
    potential_payout: z.number(),
    status: z.enum(["pending", "won", "lost"]),
    payout: z.number().nullable(),
    placed_at: z.iso.datetime(),
    settled_at: z.iso.datetime().nullable(),
  })
  .openapi("Bet");

export const EventParam = z.object({ id: EventId });

export type CreateEventRequest = z.infer<typeof CreateEventRequest>;
export type UpdateEventRequest = z.infer<typeof UpdateEventRequest>;
export type PlaceBetRequest = z.infer<typeof PlaceBetRequest>;
export type BettingEvent = z.infer<typeof BettingEvent>;
export type Bet = z.infer<typeof Bet>;
