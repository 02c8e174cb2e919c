// The trainer's storage ports: what the use cases need from storage, and nothing of how it is
// kept. D1 adapters are in d1/; cross-cutting wrappers (caching, logging) in cross-cutting.ts.
import type { Filters, Given, QuestionType, Standing } from "./rules";

export interface Subject {
  id: string;
  name: string;
  themes: { id: string; name: string }[];
  sources: { id: string; name: string }[];
}

export interface Question {
  id: string;
  subjectId: string;
  themeId: string | null;
  sourceId: string | null;
  type: QuestionType;
  text: string;
  pictureKey: string | null;
  options: string[];
  correct: number[];
  accepted: string[];
  explanation: string;
  withoutPaper: boolean;
  difficulty: number;
  correctCount: number;
  totalCount: number;
}

/** A question as the bank takes it: ids resolved, open answers normalised, not yet stored. */
export type NewQuestion = Omit<Question, "id" | "correctCount" | "totalCount"> & { fingerprint: string };

export interface Catalogue {
  subjects(): Promise<Subject[]>;
  /** Adds subjects, themes and sources that are not there yet (by subject id and name). */
  ensure(subjects: Subject[]): Promise<void>;
}

export interface QuestionBank {
  /** Fingerprints of a subject's questions among those given: duplicates of what is stored. */
  existingFingerprints(subjectId: string, fingerprints: string[]): Promise<Set<string>>;
  /** All or nothing. */
  addAll(questions: NewQuestion[]): Promise<void>;
  /** Every question of a subject (or all), for export. */
  list(subjectId: string | null): Promise<Question[]>;
  byId(id: string): Promise<Question | null>;
  /** Stores one question; null when its subject has the same question already (by fingerprint). */
  add(question: NewQuestion, now: number): Promise<Question | null>;
  /**
   * Rewrites a question as its author edited it, keeping its counters and picture; null when its
   * subject has the same question already.
   */
  replace(id: string, question: NewQuestion, now: number): Promise<Question | null>;
  /**
   * Sets (or with null, removes) the question's picture, if it is still `from`; false when the
   * picture was changed meanwhile (nothing changes then).
   */
  setPicture(id: string, from: string | null, to: string | null, now: number): Promise<boolean>;
}

/** Where questions' pictures are kept (an object store: R2 here), by key. */
export interface Pictures {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: ReadableStream; contentType: string; size: number } | null>;
  delete(key: string): Promise<void>;
}

export interface StudentProfile {
  surname: string;
  name: string;
  patronymic: string | null;
  email: string | null;
  region: string;
  school: string | null;
  grade: number;
  subjects: string[];
}

export interface Student extends StudentProfile {
  id: string;
  userId: string | null;
  telegramId: string | null;
  filters: Filters | null;
  answeredCount: number;
  correctCount: number;
  registeredAt: number;
  lastActiveAt: number;
}

/** Who the caller is on the platform they came from. */
export type Account = { kind: "user"; userId: string } | { kind: "telegram"; telegramId: string };

export interface Audience {
  subject?: string;
  region?: string;
  grade?: number;
}

export interface Students {
  byAccount(account: Account): Promise<Student | null>;
  /** Creates the student, or answers the one the account already has (a repeated registration). */
  create(account: Account, profile: StudentProfile, now: number): Promise<{ student: Student; created: boolean }>;
  setFilters(studentId: string, filters: Filters): Promise<void>;
  /** Saves a new link code for the student, valid until `expiresAt`. */
  saveLinkCode(studentId: string, code: string, expiresAt: number): Promise<void>;
  /** Links the Telegram account to the student whose live code this is; null when there is none. */
  linkTelegram(code: string, telegramId: string, now: number): Promise<Student | null>;
  /** Every student with their figures, for the statistics export. */
  list(): Promise<Student[]>;
}

export interface Run {
  id: string;
  studentId: string;
  filters: Filters;
  status: "open" | "finished";
  answeredCount: number;
  correctCount: number;
  createdAt: number;
  updatedAt: number;
}

/** A question put to the student in a run, with their answer once given. */
export interface Asked {
  id: string;
  runId: string;
  position: number;
  question: Question;
  given: Given | null;
  correct: boolean | null;
  answeredAt: number | null;
}

/**
 * What one read finds of a caller's run: whether their account has a student, the run if it is
 * that student's (null for anyone else's, as for none), and the asked question looked for in it.
 */
export interface RunLookup {
  registered: boolean;
  run: Run | null;
  asked: Asked | null;
}

/** An answer as recorded (this one, or a copy recorded a moment before) and its run after it. */
export interface Answered {
  /** False when a copy of this answer had been recorded before: this one changed nothing. */
  first: boolean;
  given: Given;
  correct: boolean;
  run: Run;
}

export interface Runs {
  /**
   * Starts a run, or answers the one started with this key before; `sameRequest` is false when
   * that one was started with another request (its hash differs).
   */
  start(
    studentId: string,
    filters: Filters,
    key: { clientKey: string; requestHash: string },
    now: number,
  ): Promise<{ run: Run; sameRequest: boolean }>;
  /** The student's open runs, latest first. */
  openOf(studentId: string): Promise<Run[]>;
  /** The caller's run `runId` with its question `questionId`, in one read. */
  askedIn(account: Account, runId: string, questionId: string): Promise<RunLookup>;
  /** The caller's run `runId` with its unanswered question, if any, in one read. */
  pendingIn(account: Account, runId: string): Promise<RunLookup>;
  /**
   * Puts a question matching the run's filters that the run has not asked yet, and gives the
   * pending one (this, or one already pending) in the same step; null when none is left.
   */
  askNext(run: Run, now: number): Promise<Asked | null>;
  /**
   * Records the answer, and in the same step the run's, the student's and the question's
   * counters; nothing changes when the question was answered already (`first` is false then).
   */
  answer(asked: Asked, studentId: string, given: Given, correct: boolean, now: number): Promise<Answered>;
  finish(runId: string, now: number): Promise<void>;
  /** The student's runs, latest first. */
  listOf(studentId: string, limit: number): Promise<Run[]>;
}

export interface ThemeFigures {
  subjectId: string;
  themeId: string | null;
  answered: number;
  correct: number;
}

export interface DayFigures {
  day: string;
  answered: number;
  correct: number;
}

export interface StatsStore {
  /** A student's answers counted per subject and theme. */
  byTheme(studentId: string): Promise<ThemeFigures[]>;
  /** A student's answers counted per UTC day, oldest first. */
  byDay(studentId: string): Promise<DayFigures[]>;
  /** A subject's questions with their counters, and how many students answered in it. */
  subject(subjectId: string): Promise<{ questions: Question[]; students: number }>;
}

export interface Broadcast {
  id: string;
  text: string;
  audience: Audience;
  recipients: number;
  createdAt: number;
}

export interface BroadcastProgress {
  queued: number;
  delivered: number;
  failed: number;
}

export interface Broadcasts {
  /**
   * Records the broadcast and a message to every student of the audience (by Telegram when the
   * bot can reach them, by email when they gave one), in one step; the same key again answers
   * the first broadcast and records nothing (`sameRequest` false when it was another request).
   * Gives the new messages' ids, to be queued.
   */
  record(
    authorId: string,
    key: { idempotencyKey: string; requestHash: string },
    text: string,
    audience: Audience,
    now: number,
  ): Promise<{ broadcast: Broadcast; created: boolean; sameRequest: boolean; messages: { id: string }[] }>;
  byId(id: string): Promise<Broadcast | null>;
  progress(id: string): Promise<BroadcastProgress>;
}

export interface Contest {
  id: string;
  subjectId: string;
  title: string;
  startsAt: number;
  endsAt: number;
  questionIds: string[];
}

/** A contest's ranking as its object holds it now. */
export interface Ranking {
  version: number;
  /** The contest object's clock when it was read: count down by it, not by the client's. */
  serverTime: number;
  startsAt: number;
  endsAt: number;
  standings: (Standing & { place: number })[];
}

export interface Contests {
  /** Records the contest and hands its questions, with their answers, to its authority. */
  create(contest: Contest, createdBy: string, questions: Question[], now: number): Promise<void>;
  byId(id: string): Promise<Contest | null>;
  /** The latest-starting first. */
  list(limit: number): Promise<Contest[]>;
  join(id: string, studentId: string, name: string): Promise<Ranking>;
  answer(
    id: string,
    studentId: string,
    questionId: string,
    given: Given,
  ): Promise<{ correct: boolean; repeated: boolean; ranking: Ranking }>;
  ranking(id: string): Promise<Ranking>;
}

export interface TrainerPorts {
  catalogue: Catalogue;
  bank: QuestionBank;
  pictures: Pictures;
  students: Students;
  runs: Runs;
  stats: StatsStore;
  broadcasts: Broadcasts;
  contests: Contests;
}
