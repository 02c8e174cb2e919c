// The trainer API's requests and responses (camelCase, as the use cases' views are: both
// adapters show the same views). The web app imports these types.
import { z } from "@hono/zod-openapi";
import { QUESTION_TYPES } from "../db/trainer";
import { shaped } from "../lib/patterns";

export { IdempotencyHeader } from "../events/contract";

const Slug = shaped("slug", z.string({ error: "Give the id as a string." }));
const Id = shaped("id", z.string({ error: "Give the id as a string." }));
const Text = (max: number) => z.string().trim().min(1).max(max);
const Optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const RunParam = z.object({ id: Id });
export const SubjectParam = z.object({ id: Slug });
export const BroadcastParam = z.object({ id: Id });

export const RegisterStudentRequest = z
  .object({
    surname: Text(100),
    name: Text(100),
    patronymic: Optional(100),
    email: z
      .email()
      .max(254)
      .nullish()
      .transform((v) => v ?? null),
    region: Text(100),
    school: Optional(200),
    grade: z.number().int().min(1).max(11),
    subjects: z.array(Slug).max(20).default([]),
  })
  .openapi("RegisterStudentRequest");

export const Filters = z
  .object({
    subject: Slug,
    themes: z.array(Id).max(100).default([]),
    sources: z.array(Id).max(100).default([]),
    types: z.array(z.enum(QUESTION_TYPES)).max(3).default([]),
    withoutPaper: z.boolean().default(false),
    onlyWrong: z.boolean().default(false),
    onlyNew: z.boolean().default(false),
  })
  .openapi("Filters");

export const StartRunRequest = z
  .object({ filters: Filters.optional().openapi({ description: "Default: your saved filters" }) })
  .openapi("StartRunRequest");

export const AnswerRequest = z
  .object({
    questionId: Id,
    choices: z.array(z.number().int().min(0).max(9)).max(10).optional().openapi({
      description: "Indices (from 0) of the chosen answers, for a choice question",
    }),
    text: z.string().max(500).optional().openapi({ description: "The typed answer, for an open question" }),
  })
  .refine((a) => (a.choices === undefined) !== (a.text === undefined), {
    message: "Send either choices or text.",
    path: ["choices"],
  })
  .openapi("AnswerRequest");

export const SubjectRequest = z
  .object({
    id: Slug,
    name: Text(100),
    themes: z.array(Text(200)).max(200).default([]),
    sources: z.array(Text(200)).max(200).default([]),
  })
  .openapi("SubjectRequest");

export const ImportRequest = z
  .object({
    format: z.enum(["csv", "xlsx"]),
    content: z.string().min(1).openapi({ description: "The CSV text, or the xlsx file in base64" }),
  })
  .openapi("ImportRequest");

export const Audience = z
  .object({ subject: Slug.optional(), region: Text(100).optional(), grade: z.number().int().min(1).max(11).optional() })
  .openapi("Audience");

export const BroadcastRequest = z
  .object({ text: Text(4000), audience: Audience.default({}) })
  .openapi("BroadcastRequest");

export const ExportQuery = z.object({ subject: Slug.optional() });

const Named = z.object({ id: z.string(), name: z.string() });
const FiltersView = z.object({
  subject: z.string(),
  themes: z.array(z.string()),
  sources: z.array(z.string()),
  types: z.array(z.enum(QUESTION_TYPES)),
  withoutPaper: z.boolean(),
  onlyWrong: z.boolean(),
  onlyNew: z.boolean(),
});

export const Subject = Named.extend({ themes: z.array(Named), sources: z.array(Named) }).openapi("Subject");
export const SubjectList = z.object({ items: z.array(Subject) }).openapi("SubjectList");

export const Student = z
  .object({
    id: z.string(),
    userId: z.string().nullable(),
    telegramId: z.string().nullable(),
    surname: z.string(),
    name: z.string(),
    patronymic: z.string().nullable(),
    email: z.string().nullable(),
    region: z.string(),
    school: z.string().nullable(),
    grade: z.number(),
    subjects: z.array(z.string()),
    answeredCount: z.number(),
    correctCount: z.number(),
    registeredAt: z.string(),
    lastActiveAt: z.string(),
    telegramLinked: z.boolean(),
  })
  .openapi("Student");

export const Question = z
  .object({
    id: z.string(),
    subject: Named,
    theme: Named.nullable(),
    source: Named.nullable(),
    type: z.enum(QUESTION_TYPES),
    text: z.string().openapi({ description: "Markdown as written" }),
    html: z.string().openapi({ description: "The text as safe HTML (no raw HTML from the author)" }),
    options: z.array(z.string()),
    hasPicture: z.boolean(),
    picture: z.string().nullable().openapi({ description: "The picture's address, when the question has one" }),
    withoutPaper: z.boolean(),
    difficulty: z.number(),
  })
  .openapi("Question");

export const Run = z
  .object({
    id: z.string(),
    status: z.enum(["open", "finished"]),
    filters: FiltersView,
    answeredCount: z.number(),
    correctCount: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    current: z.object({ position: z.number(), question: Question }).nullable(),
  })
  .openapi("Run");
export const RunList = z.object({ items: z.array(Run) }).openapi("RunList");

export const AnswerResult = z
  .object({
    questionId: z.string(),
    given: z.union([z.object({ choices: z.array(z.number()) }), z.object({ text: z.string() })]),
    correct: z.boolean(),
    repeated: z.boolean().openapi({ description: "Recorded before (a retry): it counted once" }),
    rightChoices: z.array(z.number()),
    acceptedAnswers: z.array(z.string()),
    explanation: z.string(),
    explanationHtml: z.string(),
    run: z.object({ answeredCount: z.number(), correctCount: z.number() }),
  })
  .openapi("AnswerResult");

export const StartPage = z
  .object({
    greeting: z.string(),
    subjects: z.array(Subject),
    filters: FiltersView.nullable(),
    openRun: Run.nullable(),
    answered: z.number(),
    correct: z.number(),
  })
  .openapi("StartPage");

export const PersonalPage = z.object({ student: Student, runs: z.array(Run) }).openapi("PersonalPage");

const Figures = z.object({ answered: z.number(), correct: z.number(), accuracy: z.number().nullable() });
export const StudentStats = z
  .object({
    total: Figures,
    subjects: z.array(Named.extend(Figures.shape).extend({ themes: z.array(Named.extend(Figures.shape)) })),
    days: z.array(Figures.extend({ day: z.string() })),
    streak: z.object({ current: z.number(), longest: z.number() }),
    weakest: z.array(Named.extend(Figures.shape).extend({ subject: Named })),
  })
  .openapi("StudentStats");

export const SubjectStats = Named.extend({
  students: z.number(),
  questions: z.array(
    z.object({ id: z.string(), text: z.string(), answered: z.number(), correct: z.number(), hardness: z.number() }),
  ),
}).openapi("SubjectStats");

export const LinkCode = z.object({ code: z.string(), expiresAt: z.string() }).openapi("LinkCode");

export const ImportReport = z
  .object({
    imported: z.number(),
    errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
  })
  .openapi("ImportReport");

export const Broadcast = z
  .object({
    id: z.string(),
    text: z.string(),
    audience: z.object({ subject: z.string().optional(), region: z.string().optional(), grade: z.number().optional() }),
    recipients: z.number(),
    createdAt: z.string(),
    progress: z.object({ queued: z.number(), delivered: z.number(), failed: z.number() }),
  })
  .openapi("Broadcast");

export const BotStatus = z.object({ enabled: z.boolean(), howToEnable: z.string().nullable() }).openapi("BotStatus");
export const BotConnection = z
  .object({
    webhookUrl: z.string().openapi({ description: "Where Telegram now sends the bot's updates" }),
    menus: z.array(z.enum(["ru", "en"])).openapi({ description: "Languages the command menu was set in" }),
  })
  .openapi("BotConnection");

export type Filters = z.infer<typeof Filters>;
export type Subject = z.infer<typeof Subject>;
export type Student = z.infer<typeof Student>;
export type Question = z.infer<typeof Question>;
export type Run = z.infer<typeof Run>;
export type AnswerResult = z.infer<typeof AnswerResult>;
export type StartPage = z.infer<typeof StartPage>;
export type PersonalPage = z.infer<typeof PersonalPage>;
export type StudentStats = z.infer<typeof StudentStats>;
export type SubjectStats = z.infer<typeof SubjectStats>;
export type LinkCode = z.infer<typeof LinkCode>;
export type ImportReport = z.infer<typeof ImportReport>;
export type Broadcast = z.infer<typeof Broadcast>;
export type BotStatus = z.infer<typeof BotStatus>;
export type BotConnection = z.infer<typeof BotConnection>;

export const ContestParam = z.object({ id: Id });

export const CreateContestRequest = z
  .object({
    subject: Slug,
    title: Text(200),
    startsAt: z.iso
      .datetime({ offset: true, error: "Give the start as an ISO 8601 date and time." })
      .transform((value) => Date.parse(value))
      .openapi({ type: "string", format: "date-time" }),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    questionIds: z.array(Id).min(1).max(100).optional(),
    questionCount: z.number().int().min(1).max(100).optional(),
  })
  .openapi("CreateContestRequest");

export const ContestAnswerRequest = AnswerRequest;

const Standing = z.object({
  studentId: z.string(),
  name: z.string(),
  score: z.number(),
  answered: z.number(),
  lastCorrectAt: z.number().nullable(),
  place: z.number(),
});

export const Ranking = z
  .object({
    version: z.number(),
    serverTime: z.number(),
    startsAt: z.number(),
    endsAt: z.number(),
    standings: z.array(Standing),
  })
  .openapi("Ranking");

export const ContestSummary = z
  .object({ id: z.string(), title: z.string(), subject: z.string(), startsAt: z.string(), endsAt: z.string() })
  .openapi("ContestSummary");

export const ContestList = z.object({ items: z.array(ContestSummary) }).openapi("ContestList");

export const Contest = ContestSummary.extend({ questions: z.array(Question).nullable(), ranking: Ranking }).openapi(
  "Contest",
);

export const ContestAnswerResult = z
  .object({ correct: z.boolean(), repeated: z.boolean(), ranking: Ranking })
  .openapi("ContestAnswerResult");

export type Ranking = z.infer<typeof Ranking>;
export type Contest = z.infer<typeof Contest>;
export type ContestAnswerResult = z.infer<typeof ContestAnswerResult>;

export const QuestionParam = z.object({ id: Id });
export const PictureParam = z.object({
  id: Id,
  file: z.string().regex(/^[0-9a-f]{32}\.(png|jpeg|webp)$/, "Not a picture's file name."),
});
export const BankQuery = z.object({ subject: Slug });

export const QuestionDraft = z
  .object({
    subject: Slug,
    type: z.enum(QUESTION_TYPES),
    text: Text(4000).openapi({ description: "Markdown (raw HTML is shown as text)" }),
    options: z.array(Text(500)).max(10).default([]).openapi({ description: "The answers to choose from (2–5)" }),
    correct: z
      .array(z.number().int().min(0).max(9))
      .max(10)
      .default([])
      .openapi({ description: "Indices (from 0) of the right answers" }),
    accepted: z.array(Text(200)).max(20).default([]).openapi({ description: "Accepted open answers" }),
    explanation: z.string().trim().max(4000).default(""),
    themeId: Id.nullish().transform((v) => v ?? null),
    sourceId: Id.nullish().transform((v) => v ?? null),
    withoutPaper: z.boolean().default(false),
    difficulty: z.number().int().min(1).max(5).default(3),
  })
  .openapi("QuestionDraft");

export const BankQuestion = z
  .object({
    id: z.string(),
    subject: z.string(),
    type: z.enum(QUESTION_TYPES),
    text: z.string(),
    html: z.string(),
    options: z.array(z.string()),
    correct: z.array(z.number()),
    accepted: z.array(z.string()),
    explanation: z.string(),
    explanationHtml: z.string(),
    themeId: z.string().nullable(),
    sourceId: z.string().nullable(),
    withoutPaper: z.boolean(),
    difficulty: z.number(),
    picture: z.string().nullable(),
    correctCount: z.number(),
    totalCount: z.number(),
  })
  .openapi("BankQuestion");
export const BankQuestionList = z.object({ items: z.array(BankQuestion) }).openapi("BankQuestionList");

export type QuestionDraft = z.input<typeof QuestionDraft>;
export type BankQuestion = z.infer<typeof BankQuestion>;
export type BankQuestionList = z.infer<typeof BankQuestionList>;
