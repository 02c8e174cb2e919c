// The gym API's requests and responses ("event" in paths means a competition, as the original
// assignment names it). Field names are snake_case, as in the assignment's messages.
import { z } from "@hono/zod-openapi";
import { decimal } from "../lib/decimal";
import { shaped } from "../lib/patterns";
import { SCHEMAS } from "./rules";
import { isBirthYear, MAX_BIB, MAX_NAME, MAX_SUBDIVISION, MAX_TEAM, MIN_BIRTH_YEAR } from "./start-list";

const Id = shaped("id");
const ApparatusName = shaped("apparatus");
const Position = shaped("seat");

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
    vault_rule: z.enum(["first", "average", "qualification"]).default("first").openapi({
      description:
        "first: the first vault counts; average: the mean of two; qualification: the first for the all-around and the mean of two to rank the vault (athletes with one vault are left out of that ranking)",
    }),
    tie_break: z.enum(["apparatus_final", "all_around", "none"]).default("all_around"),
    inquiry_window_seconds: z
      .number()
      .int()
      .min(0)
      .max(86_400)
      .default(300)
      .openapi({ description: "How long after a score is published its D may be questioned (an inquiry)" }),
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

const BirthYear = z
  .number()
  .int()
  .min(MIN_BIRTH_YEAR)
  .refine((year) => isBirthYear(year, new Date()), "A birth year cannot be in the future.")
  .openapi({ example: 2004 });
const Subdivision = z
  .string()
  .trim()
  .min(1)
  .max(MAX_SUBDIVISION)
  .openapi({ example: "2", description: "The group (rotation) the athlete competes in" });

export const AddAthleteRequest = z
  .object({
    name: z.string().trim().min(1).max(MAX_NAME),
    team: z.string().trim().min(1).max(MAX_TEAM).optional(),
    bib: z.number().int().min(1).max(MAX_BIB),
    birth_year: BirthYear.optional(),
    subdivision: Subdivision.optional(),
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
    vault_rule: z.enum(["first", "average", "qualification"]),
    tie_break: z.enum(["apparatus_final", "all_around", "none"]),
    inquiry_window_seconds: z.number().int(),
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
    birth_year: z.number().nullable(),
    subdivision: z.string().nullable(),
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

// Setting a competition up from its pages: the start list from a spreadsheet, athletes edited,
// judges found by name, the names of competitions (for roles' scopes), the choices a new one has.

export const AthleteParam = z.object({ id: Id, athleteId: Id });

export const EditAthleteRequest = z
  .object({
    name: z.string().trim().min(1).max(MAX_NAME).optional(),
    team: z.string().trim().min(1).max(MAX_TEAM).nullable().optional(),
    bib: z.number().int().min(1).max(MAX_BIB).optional(),
    birth_year: BirthYear.nullable().optional(),
    subdivision: Subdivision.nullable().optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), {
    message: "Change at least one field.",
    path: ["name"],
  })
  .openapi("EditAthleteRequest");

export const ImportStartListRequest = z
  .object({
    csv: z.string().min(1).max(60_000).openapi({
      description:
        "The spreadsheet saved as CSV (comma, semicolon or tab): a header row naming the columns name, team, birth year, subdivision and, optionally, bib; then one athlete a row",
      example: "name;team;birth year;subdivision\nАнгелина Мельникова;Воронеж;2000;1",
    }),
  })
  .openapi("ImportStartListRequest");

export const StartListImport = z
  .object({
    added: z.number().int().openapi({ description: "Athletes added, each with a start number" }),
    unchanged: z.number().int().openapi({ description: "Rows already on the start list (the same person)" }),
    athletes: z.array(Athlete).openapi({ description: "The whole start list now" }),
  })
  .openapi("StartListImport");

export const StartListIssue = z
  .object({
    row: z.number().int().openapi({ description: "As a spreadsheet numbers it: the header is row 1" }),
    column: z.enum(["name", "team", "birth_year", "subdivision", "bib"]).nullable(),
    code: z.string().openapi({ example: "invalid_birth_year" }),
    value: z.string().optional(),
    limit: z.number().optional(),
    other_row: z.number().optional(),
    taken_by: z.string().optional(),
  })
  .openapi("StartListIssue");

export const PeopleQuery = z.object({
  search: z.string().trim().max(100).default("").openapi({ description: "Part of a name or email" }),
});

export const Person = z.object({ id: z.string(), name: z.string(), email: z.string() }).openapi("Person");

/** People's ids, comma-separated (those an audit log names). */
export const PeopleIdsQuery = z.object({
  ids: z
    .string()
    .max(6_600)
    .transform((ids) => ids.split(","))
    .pipe(z.array(z.string().min(1).max(64)).min(1).max(100))
    .openapi({ type: "string", description: "Account ids, comma-separated" }),
});

export const PersonName = z.object({ id: z.string(), name: z.string() }).openapi("PersonName");

export const CompetitionNamesQuery = z.object({
  ids: z
    .string()
    .max(6_600)
    .transform((ids) => ids.split(","))
    .pipe(z.array(Id).min(1).max(100))
    .openapi({ type: "string", description: "Competition ids, comma-separated", example: "demo-cup,7a351e34" }),
});

export const CompetitionName = z.object({ id: z.string(), name: z.string() }).openapi("CompetitionName");

const Choice = z.object({ values: z.array(z.string()), default: z.string() });

export const SetupOptions = z
  .object({
    disciplines: z.array(z.object({ id: z.string(), apparatus: z.array(z.string()) })),
    scoring: z.array(z.object({ id: z.string(), seats: z.array(z.string()) })).openapi({
      description: "Each schema with the seats its panels have",
    }),
    rounding: Choice,
    vault_rule: Choice,
    tie_break: Choice,
  })
  .openapi("CompetitionSetupOptions");

export type EditAthleteRequest = z.infer<typeof EditAthleteRequest>;
export type StartListImport = z.infer<typeof StartListImport>;
export type StartListIssue = z.infer<typeof StartListIssue>;
export type Person = z.infer<typeof Person>;
export type PersonName = z.infer<typeof PersonName>;
export type CompetitionName = z.infer<typeof CompetitionName>;
export type SetupOptions = z.infer<typeof SetupOptions>;

export const InquiryRequest = z
  .object({
    asked_by: z.string().trim().min(2).max(120).openapi({ description: "Who asked: the coach, as written down" }),
  })
  .openapi("InquiryRequest");

export const AcceptInquiryRequest = z
  .object({ d: Points.openapi({ description: "The D score the superior jury gives, e.g. 6.1" }), reason: Reason })
  .openapi("AcceptInquiryRequest");

export const RejectInquiryRequest = z.object({ reason: Reason }).openapi("RejectInquiryRequest");

export const InquiryParam = z.object({ id: z.string().min(1).max(200), inquiry: z.uuid() });

export const DidNotStartParam = z.object({ id: Id, athlete: Id, apparatus: ApparatusName });
