// The gym API's requests and responses ("event" in paths means a competition, as the original
// assignment names it). Field names are snake_case, as in the assignment's messages.
import { z } from "@hono/zod-openapi";
import { decimal } from "../lib/decimal";
import { SCHEMAS } from "./rules";

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Use 1–64 letters, digits, - or _.");
const ApparatusName = z.string().regex(/^[a-z][a-z_]{1,31}$/, "Use lower-case letters and _, e.g. pommel_horse.");
const Position = z.string().regex(/^[A-Z][0-9]$/, "A seat like D1, E3 or R2.");

export const CreateCompetitionRequest = z
  .object({
    name: z.string().trim().min(1).max(120).openapi({ example: "Кубок Москвы 2026" }),
    discipline: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .openapi({ example: "MAG", description: "MAG and WAG know their apparatus" }),
    scoring: z.enum(Object.keys(SCHEMAS) as [keyof typeof SCHEMAS]).default("fig_artistic"),
    rounding: z.enum(["truncate", "half_up"]).default("truncate"),
    vault_rule: z.enum(["first", "average"]).default("first"),
    tie_break: z.enum(["apparatus_final", "all_around", "none"]).default("all_around"),
    apparatus: z
      .array(ApparatusName)
      .min(1)
      .max(10)
      .optional()
      .openapi({ description: "Required for disciplines other than MAG and WAG" }),
  })
  .openapi("CreateCompetitionRequest");

export const StatusRequest = z
  .object({ action: z.enum(["start", "pause", "finish"]) })
  .openapi("CompetitionStatusRequest");

export const AddAthleteRequest = z
  .object({
    name: z.string().trim().min(1).max(120),
    team: z.string().trim().min(1).max(120).optional(),
    bib: z.number().int().min(1).max(99_999),
  })
  .openapi("AddAthleteRequest");

export const SeatJudgeRequest = z
  .object({
    email: z.email().openapi({ description: "The judge's Podium account" }),
    apparatus: ApparatusName,
    position: Position,
  })
  .openapi("SeatJudgeRequest");

export const CompetitionParam = z.object({ id: Id });

export const SeatParam = z.object({ id: Id, apparatus: ApparatusName, position: Position });

export const Competition = z
  .object({
    id: z.string(),
    name: z.string(),
    discipline: z.string(),
    scoring: z.string(),
    rounding: z.enum(["truncate", "half_up"]),
    vault_rule: z.enum(["first", "average"]),
    tie_break: z.enum(["apparatus_final", "all_around", "none"]),
    apparatus: z.array(z.string()),
    status: z.enum(["draft", "running", "paused", "finished"]),
    finalized_at: z.iso.datetime().nullable(),
  })
  .openapi("Competition");

export const Athlete = z
  .object({
    id: z.string(),
    competition_id: z.string(),
    name: z.string(),
    team: z.string().nullable(),
    bib: z.number(),
  })
  .openapi("Athlete");

export const PanelSeat = z
  .object({
    competition_id: z.string(),
    apparatus: z.string(),
    position: z.string(),
    judge: z.object({ id: z.string(), name: z.string() }),
  })
  .openapi("PanelSeat");

export const JudgeAssignment = z
  .object({ competition: Competition, seats: z.array(z.object({ apparatus: z.string(), position: z.string() })) })
  .openapi("JudgeAssignment");

export type CreateCompetitionRequest = z.infer<typeof CreateCompetitionRequest>;
export type AddAthleteRequest = z.infer<typeof AddAthleteRequest>;
export type SeatJudgeRequest = z.infer<typeof SeatJudgeRequest>;
export type Competition = z.infer<typeof Competition>;
export type Athlete = z.infer<typeof Athlete>;
export type PanelSeat = z.infer<typeof PanelSeat>;
export type JudgeAssignment = z.infer<typeof JudgeAssignment>;

/** A decimal with at most three places, carried as integer thousandths after parsing. */
const Points = decimal({ what: "The value", places: 3, min: 0, max: 100_000 }).openapi({ example: 0.8 });

export const OpenSessionRequest = z
  .object({
    event_id: Id.openapi({ description: "The competition" }),
    athlete_id: Id,
    apparatus: ApparatusName,
    attempt: z.number().int().min(1).max(2).default(1).openapi({ description: "2 for a second vault" }),
    deadline_seconds: z.number().int().min(10).max(3_600).default(120),
  })
  .openapi("OpenSessionRequest");

export const SubmitScoreRequest = z
  .object({
    session_id: z.string().min(1).max(200),
    position: Position,
    value: Points.openapi({ description: "An E or R deduction, a D score, or a mark out of 10, as the seat gives" }),
    client_id: z
      .string()
      .min(8)
      .max(100)
      .openapi({ description: "Chosen by the judge's phone; a resend with it is harmless" }),
  })
  .openapi("SubmitScoreRequest");

export const SessionParam = z.object({ id: z.string().min(1).max(200) });

export const NeutralRequest = z
  .object({ value: Points.openapi({ description: "The total of neutral deductions, e.g. 0.3" }) })
  .openapi("NeutralRequest");

export const RescoreRequest = z.object({ position: Position }).openapi("RescoreRequest");
const Reason = z.string().trim().min(3).max(500).openapi({ description: "Why: kept in the audit log" });

export const OverrideRequest = z
  .object({ value: Points.openapi({ description: "The final score to stand, e.g. 13.4" }), reason: Reason })
  .openapi("OverrideRequest");

export const ReopenRequest = z.object({ event_id: Id, reason: Reason }).openapi("ReopenRequest");

export const ReopenSessionRequest = z
  .object({
    reason: Reason,
    deadline_seconds: z.number().int().min(10).max(3_600).default(120).openapi({ description: "The new deadline" }),
  })
  .openapi("ReopenSessionRequest");

export const AgreedDifficultyRequest = z
  .object({ value: Points.openapi({ description: "The D score the D panel agreed on, e.g. 6.1" }), reason: Reason })
  .openapi("AgreedDifficultyRequest");

export type OpenSessionRequest = z.infer<typeof OpenSessionRequest>;
export type SubmitScoreRequest = z.infer<typeof SubmitScoreRequest>;
export type ReopenSessionRequest = z.infer<typeof ReopenSessionRequest>;
