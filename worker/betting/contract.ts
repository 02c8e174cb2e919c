// The betting API's requests and responses. Field names follow the original assignment
// (event_id, amount, …): snake_case, unlike the accounts API.
import { z } from "@hono/zod-openapi";
import { decimal } from "../lib/decimal";
import { shaped } from "../lib/patterns";
import { EVENT_STATUSES, MAX_ODDS_HUNDREDTHS, MAX_STAKE_MINOR, MIN_ODDS_HUNDREDTHS, MIN_STAKE_MINOR } from "./rules";

/** A stake in kopecks: at least 0.01, at most two decimals as sent. */
export const Amount = decimal({ what: "The amount", places: 2, min: MIN_STAKE_MINOR, max: MAX_STAKE_MINOR }).openapi({
  example: 100.5,
});
/** Decimal odds in hundredths: above 1 (odds of 1 pay back only the stake), at most two decimals. */
export const Odds = decimal({
  what: "The odds",
  places: 2,
  min: MIN_ODDS_HUNDREDTHS,
  max: MAX_ODDS_HUNDREDTHS,
}).openapi({
  example: 1.85,
});

/** Ids are strings, as the OpenAPI says: a number is refused, not turned into one. */
export const EventId = shaped("id", z.string({ error: "Give the event id as a string." })).openapi({
  example: "spartak-cska-2026-11-23",
});

const Deadline = z.iso
  .datetime({ offset: true, error: "Give the deadline as an ISO 8601 date and time, e.g. 2026-11-23T18:00:00Z." })
  .transform((value) => Date.parse(value))
  .openapi({ type: "string", format: "date-time" });

export const EventStatus = z.enum(EVENT_STATUSES);

const Team = z.string().trim().min(1).max(60);

export const CreateEventRequest = z
  .object({
    id: EventId.optional(),
    first_team: Team.openapi({ example: "Спартак", description: "Bets are on a win of this team" }),
    second_team: Team.openapi({ example: "ЦСКА" }),
    title: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .optional()
      .openapi({ example: "Спартак — ЦСКА", description: "Defaults to «first team — second team»" }),
    odds: Odds,
    deadline: Deadline.refine((deadline) => deadline > Date.now(), "A new event's deadline must be in the future."),
  })
  .openapi("CreateEventRequest");

export const UpdateEventRequest = z
  .object({
    odds: Odds.optional(),
    deadline: Deadline.optional(),
    status: EventStatus.optional(),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .openapi({ description: "Required to correct an outcome and to void an event" }),
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
  "idempotency-key": shaped("key").optional().openapi({
    description:
      "Repeating a bet with the same key returns the first bet and places nothing; the key is yours across events, so the same key with another event or amount is refused (422)",
  }),
});

export const BettingEvent = z
  .object({
    id: z.string(),
    title: z.string(),
    /** Null only for events published before teams were named. */
    first_team: z.string().nullable(),
    second_team: z.string().nullable(),
    odds: z.number(),
    deadline: z.iso.datetime(),
    status: EventStatus,
    version: z.number().int(),
    /** How many bets the line holds: given by the line itself (one event, or after a change), not in lists. */
    bet_count: z.number().int().optional(),
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
    status: z.enum(["pending", "won", "lost", "void"]),
    /** What the bet paid: amount × odds for a win, 0 for a loss, the stake for a void event. */
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
