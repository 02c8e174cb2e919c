// The trainer area in D1: the question bank (subjects with their themes and sources, questions
// with their answer counters), students, training runs and the answers given in them. A question's
// counters and a student's are moved by the same batch that records an answer (trainer/d1/runs.ts).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const QUESTION_TYPES = ["single", "multiple", "open"] as const;
export const RUN_STATUSES = ["open", "finished"] as const;

/** A subject is data: adding one is a row, not code. Its id is a slug, e.g. `economics`. */
export const trainerSubject = sqliteTable("trainer_subject", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const trainerTheme = sqliteTable(
  "trainer_theme",
  {
    id: text("id").primaryKey(),
    subjectId: text("subject_id")
      .notNull()
      .references(() => trainerSubject.id),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("trainer_theme_name_unique").on(t.subjectId, t.name)],
);

/** Which olympiad, stage and year questions come from, e.g. «ВсОШ, региональный этап, 2024». */
export const trainerSource = sqliteTable(
  "trainer_source",
  {
    id: text("id").primaryKey(),
    subjectId: text("subject_id")
      .notNull()
      .references(() => trainerSubject.id),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("trainer_source_name_unique").on(t.subjectId, t.name)],
);

export const trainerQuestion = sqliteTable(
  "trainer_question",
  {
    id: text("id").primaryKey(),
    subjectId: text("subject_id")
      .notNull()
      .references(() => trainerSubject.id),
    themeId: text("theme_id").references(() => trainerTheme.id),
    sourceId: text("source_id").references(() => trainerSource.id),
    type: text("type", { enum: QUESTION_TYPES }).notNull(),
    /** Markdown, rendered with raw HTML disabled (trainer/markdown.ts). */
    text: text("text").notNull(),
    /** An R2 key in DOCUMENTS, when the question has a picture. */
    pictureKey: text("picture_key"),
    /** JSON array of the choices (single, multiple); [] for an open answer. */
    options: text("options", { mode: "json" }).$type<string[]>().notNull(),
    /** JSON array of the right choices' indices, from 0 (one for single, one or more for multiple). */
    correct: text("correct", { mode: "json" }).$type<number[]>().notNull(),
    /** JSON array of accepted open answers, already normalised (trainer/rules.ts normaliseAnswer). */
    accepted: text("accepted", { mode: "json" }).$type<string[]>().notNull(),
    explanation: text("explanation").notNull(),
    /** Solvable without pen and paper: for training on the go. */
    withoutPaper: integer("without_paper", { mode: "boolean" }).notNull(),
    /** 1 (easy) … 5 (hard), as the author judged it. */
    difficulty: integer("difficulty").notNull(),
    /** Moved only together with the answer they count, so always exact. */
    correctCount: integer("correct_count").notNull().default(0),
    totalCount: integer("total_count").notNull().default(0),
    /** The normalised text: the same question twice in a subject is refused. */
    fingerprint: text("fingerprint").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("trainer_question_fingerprint_unique").on(t.subjectId, t.fingerprint),
    index("trainer_question_subject_idx").on(t.subjectId, t.themeId),
  ],
);

export const trainerStudent = sqliteTable(
  "trainer_student",
  {
    id: text("id").primaryKey(),
    /** The Podium account, when they registered on the web (or linked the bot to it). */
    userId: text("user_id"),
    /** The Telegram user id, when they registered in the bot or linked it. */
    telegramId: text("telegram_id"),
    surname: text("surname").notNull(),
    name: text("name").notNull(),
    patronymic: text("patronymic"),
    email: text("email"),
    region: text("region").notNull(),
    school: text("school"),
    grade: integer("grade").notNull(),
    /** JSON array of subject ids they train in. */
    subjects: text("subjects", { mode: "json" }).$type<string[]>().notNull(),
    /** JSON of the filters a new run starts with (trainer/rules.ts Filters). */
    filters: text("filters", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** Moved with each answer, in the same batch. */
    answeredCount: integer("answered_count").notNull().default(0),
    correctCount: integer("correct_count").notNull().default(0),
    /** A code shown on the web that links a Telegram account to this student, and when it expires. */
    linkCode: text("link_code"),
    linkCodeExpiresAt: integer("link_code_expires_at"),
    /** When Telegram said the bot is blocked by them: broadcasts skip them. */
    telegramBlockedAt: integer("telegram_blocked_at"),
    registeredAt: integer("registered_at").notNull(),
    lastActiveAt: integer("last_active_at").notNull(),
  },
  (t) => [
    uniqueIndex("trainer_student_user_unique").on(t.userId),
    uniqueIndex("trainer_student_telegram_unique").on(t.telegramId),
    uniqueIndex("trainer_student_link_code_unique").on(t.linkCode),
    index("trainer_student_region_grade_idx").on(t.region, t.grade),
  ],
);

export const trainerRun = sqliteTable(
  "trainer_run",
  {
    id: text("id").primaryKey(),
    studentId: text("student_id")
      .notNull()
      .references(() => trainerStudent.id),
    /** JSON of the filters the run was started with (trainer/rules.ts Filters). */
    filters: text("filters", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    answeredCount: integer("answered_count").notNull().default(0),
    correctCount: integer("correct_count").notNull().default(0),
    /** The client's Idempotency-Key (or the bot's update id): starting the same run twice makes one. */
    clientKey: text("client_key").notNull(),
    /** A hash of the filters the key was first used with: the key with other filters is refused. */
    requestHash: text("request_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("trainer_run_client_key_unique").on(t.studentId, t.clientKey),
    index("trainer_run_student_idx").on(t.studentId, t.status, t.updatedAt),
  ],
);

/**
 * A question put to a student in a run, and their answer once given. Asked questions are never
 * repeated within a run; a run has at most one unanswered question (its current one), which is
 * what another platform resumes with.
 */
export const trainerAnswer = sqliteTable(
  "trainer_answer",
  {
    id: text("id").primaryKey(),
    runId: text("run_id")
      .notNull()
      .references(() => trainerRun.id),
    studentId: text("student_id").notNull(),
    questionId: text("question_id")
      .notNull()
      .references(() => trainerQuestion.id),
    /** Copied from the question, so statistics group the student's answers on one index. */
    subjectId: text("subject_id").notNull(),
    themeId: text("theme_id"),
    position: integer("position").notNull(),
    askedAt: integer("asked_at").notNull(),
    /** JSON of what was answered: {choices:number[]} or {text:string}; null until answered. */
    given: text("given", { mode: "json" }).$type<{ choices: number[] } | { text: string }>(),
    correct: integer("correct", { mode: "boolean" }),
    answeredAt: integer("answered_at"),
  },
  (t) => [
    uniqueIndex("trainer_answer_question_unique").on(t.runId, t.questionId),
    uniqueIndex("trainer_answer_position_unique").on(t.runId, t.position),
    uniqueIndex("trainer_answer_pending_unique").on(t.runId).where(sql`answered_at IS NULL`),
    index("trainer_answer_student_idx").on(t.studentId, t.subjectId, t.themeId, t.correct),
    // Covers the progress by day: no row is read, only the index.
    index("trainer_answer_student_time_idx").on(t.studentId, t.answeredAt, t.correct),
    index("trainer_answer_question_idx").on(t.studentId, t.questionId, t.correct),
  ],
);

/** A Telegram chat's place in a dialogue (registration), kept in D1 so it survives restarts. */
export const trainerChat = sqliteTable("trainer_chat", {
  chatId: text("chat_id").primaryKey(),
  step: text("step").notNull(),
  /** JSON of what the dialogue collected so far. */
  draft: text("draft", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  /** The last Telegram update applied: a redelivered update is ignored. */
  lastUpdateId: integer("last_update_id").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const trainerBroadcast = sqliteTable(
  "trainer_broadcast",
  {
    id: text("id").primaryKey(),
    authorId: text("author_id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    /** A hash of the text and audience the key was first used with. */
    requestHash: text("request_hash").notNull(),
    text: text("text").notNull(),
    /** JSON of who it went to: subject, region, grade. */
    audience: text("audience", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    recipients: integer("recipients").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("trainer_broadcast_key_unique").on(t.authorId, t.idempotencyKey)],
);

/**
 * A contest's catalogue row: what it is and when. Its questions' answers, contestants and ranking
 * are its TrainerContest object's, the authority during the contest.
 */
export const trainerContest = sqliteTable(
  "trainer_contest",
  {
    id: text("id").primaryKey(),
    subjectId: text("subject_id")
      .notNull()
      .references(() => trainerSubject.id),
    title: text("title").notNull(),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    /** JSON array of the questions' ids, in the order they are shown. */
    questionIds: text("question_ids", { mode: "json" }).$type<string[]>().notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("trainer_contest_start_idx").on(t.startsAt)],
);

/**
 * A contest's ranking as its object last wrote it through (for reports after the contest): one row
 * per contestant, replaced only by a later version of the ranking.
 */
export const trainerContestResult = sqliteTable(
  "trainer_contest_result",
  {
    contestId: text("contest_id")
      .notNull()
      .references(() => trainerContest.id),
    studentId: text("student_id").notNull(),
    name: text("name").notNull(),
    score: integer("score").notNull(),
    answered: integer("answered").notNull(),
    lastCorrectAt: integer("last_correct_at"),
    place: integer("place").notNull(),
    /** The ranking's version this row is from. */
    version: integer("version").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.studentId] })],
);
