// Pure rules of the trainer: how open answers are compared, whether an answer is right, how hard
// a question is from its counters, how a student's days of training make a streak. No I/O here.
import type { QUESTION_TYPES } from "../db/trainer";

export type QuestionType = (typeof QUESTION_TYPES)[number];

/** What a student picks before a run; every list empty means "any". */
export interface Filters {
  subject: string;
  themes: string[];
  sources: string[];
  types: QuestionType[];
  /** Only questions solvable without pen and paper. */
  withoutPaper: boolean;
  /** Only questions they answered wrong before. */
  onlyWrong: boolean;
  /** Only questions they never answered. */
  onlyNew: boolean;
}

export const anyQuestionOf = (subject: string): Filters => ({
  subject,
  themes: [],
  sources: [],
  types: [],
  withoutPaper: false,
  onlyWrong: false,
  onlyNew: false,
});

/**
 * An open answer as compared: lower case, ё read as е, spaces trimmed and collapsed, a decimal
 * comma read as a point (3,5 = 3.5), a typographic minus or dash as a hyphen-minus (−2 = -2), so
 * «Ёмкость  рынка» and «емкость рынка» are the same answer.
 */
export function normaliseAnswer(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replaceAll("ё", "е")
    .replace(/[\u2212\u2013]/g, "-")
    .replace(/(\d),(\d)/g, "$1.$2")
    .replace(/\s+/g, " ")
    .trim();
}

/** What a student answered: the indices they chose, or the text they typed. */
export type Given = { choices: number[] } | { text: string };

export interface Checkable {
  type: QuestionType;
  options: string[];
  correct: number[];
  accepted: string[];
}

/** Why an answer cannot be checked at all (not "wrong": malformed for this question), or null. */
export function answerShapeProblem(question: Checkable, given: Given): { path: string; message: string } | null {
  if (question.type === "open") {
    if (!("text" in given)) return { path: "text", message: "This question takes a typed answer." };
    if (normaliseAnswer(given.text) === "") return { path: "text", message: "Type an answer." };
    return null;
  }
  if (!("choices" in given)) return { path: "choices", message: "This question takes a choice." };
  if (given.choices.length === 0) return { path: "choices", message: "Choose an answer." };
  if (question.type === "single" && given.choices.length !== 1) {
    return { path: "choices", message: "Choose exactly one answer." };
  }
  if (new Set(given.choices).size !== given.choices.length) {
    return { path: "choices", message: "Each answer may be chosen once." };
  }
  const outside = given.choices.find((c) => c < 0 || c >= question.options.length);
  if (outside !== undefined) {
    return { path: "choices", message: `There are ${question.options.length} answers: ${outside} is not one of them.` };
  }
  return null;
}

/** Whether a well-formed answer is right: the same set of choices, or an accepted text. */
export function isRight(question: Checkable, given: Given): boolean {
  if ("text" in given) return question.accepted.includes(normaliseAnswer(given.text));
  const chosen = new Set(given.choices);
  return chosen.size === question.correct.length && question.correct.every((c) => chosen.has(c));
}

/** A choice question offers at most this many answers. */
export const MAX_OPTIONS = 5;

/** A question's answers as its author wrote them: what is wrong with them, by field. */
export interface AuthoringProblem {
  field: "options" | "correct" | "accepted";
  /** For clients that word it themselves. */
  code:
    | "open_has_options"
    | "accepted_missing"
    | "options_count"
    | "correct_missing"
    | "correct_outside"
    | "single_one_right"
    | "correct_twice";
  message: string;
}

/**
 * Whether an author's question can be asked and checked: a choice question has 2 to MAX_OPTIONS
 * answers and its right ones among them (one for single choice); an open question has no answers
 * to choose from and at least one accepted answer. The bank's import and its editor both ask this.
 */
export function authoringProblems(question: Checkable): AuthoringProblem[] {
  const problems: AuthoringProblem[] = [];
  const wrong = (field: AuthoringProblem["field"], code: AuthoringProblem["code"], message: string) =>
    problems.push({ field, code, message });
  const { type, options, correct, accepted } = question;
  if (type === "open") {
    if (options.length) wrong("options", "open_has_options", "An open question has no answers to choose from.");
    if (accepted.length === 0) wrong("accepted", "accepted_missing", "Required: the accepted answers.");
    return problems;
  }
  if (options.length < 2 || options.length > MAX_OPTIONS) {
    wrong("options", "options_count", `Give 2 to ${MAX_OPTIONS} answers.`);
  }
  if (correct.length === 0) wrong("correct", "correct_missing", "Required: the right answer.");
  if (correct.some((c) => !Number.isInteger(c) || c < 0 || c >= options.length)) {
    wrong("correct", "correct_outside", `A right answer is not one of the ${options.length} answers.`);
  }
  if (type === "single" && correct.length > 1) {
    wrong("correct", "single_one_right", "A single-choice question has one right answer.");
  }
  if (new Set(correct).size !== correct.length) wrong("correct", "correct_twice", "An answer is named twice.");
  return problems;
}

/** The picture formats a question may show, as browsers display them everywhere. */
export const PICTURE_TYPES = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" } as const;
export type PictureFormat = keyof typeof PICTURE_TYPES;

/** A picture is at most this large: a question's figure or chart, not a photo album. */
export const MAX_PICTURE_BYTES = 2 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

/**
 * What a file is by its first bytes (its magic numbers), whatever it was labelled: PNG, JPEG,
 * WebP (a RIFF container of type WEBP), or null for anything else.
 */
export function pictureFormat(bytes: Uint8Array): PictureFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  return null;
}

/**
 * How hard a question has proved, 0 (everyone gets it) … 1 (nobody does): the share of wrong
 * answers with one right and one wrong answer assumed beforehand, so a question answered once
 * is not called impossible.
 */
export function hardness(correct: number, total: number): number {
  return (total - correct + 1) / (total + 2);
}

/** Share of right answers, 0 … 1, or null when nothing was answered. */
export const accuracy = (correct: number, total: number): number | null => (total === 0 ? null : correct / total);

const DAY_MS = 86_400_000;

/** The UTC day of an instant, as YYYY-MM-DD. */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Streaks from the days a student answered (YYYY-MM-DD, any order): the current one counts back
 * from today, or from yesterday when today has no answer yet (the day is not over).
 */
export function streaks(days: string[], now: number): { current: number; longest: number } {
  const set = new Set(days);
  const sorted = [...set].sort();
  let longest = 0;
  let run = 0;
  let previous: number | null = null;
  for (const day of sorted) {
    const ms = Date.parse(day);
    run = previous !== null && ms - previous === DAY_MS ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = ms;
  }
  let current = 0;
  let cursor = Date.parse(dayOf(now));
  if (!set.has(dayOf(cursor))) cursor -= DAY_MS;
  while (set.has(dayOf(cursor))) {
    current += 1;
    cursor -= DAY_MS;
  }
  return { current, longest };
}

/** Themes with at least this many answers can be called weak. */
export const WEAK_THEME_MIN_ANSWERS = 3;

/**
 * A theme's, source's or question's id from what names it (its subject and name or text): the same
 * name always gets the same id, so importing a bank twice adds nothing twice.
 */
export async function stableId(...parts: string[]): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts.join("\u0000")));
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A contestant's figures as a contest's object counts them. */
export interface Standing {
  studentId: string;
  name: string;
  score: number;
  answered: number;
  /** When they gave their last right answer (ms), null before the first: earlier ranks higher. */
  lastCorrectAt: number | null;
}

/**
 * A contest's ranking: more right answers first; of equal scores, the one who reached it earlier;
 * equal in both, the same place (the next place is skipped, as in sport: 1, 1, 3).
 */
export function rankStandings(standings: Standing[]): (Standing & { place: number })[] {
  const reached = (s: Standing) => s.lastCorrectAt ?? Number.POSITIVE_INFINITY;
  const sorted = [...standings].sort(
    (a, b) => b.score - a.score || reached(a) - reached(b) || a.name.localeCompare(b.name),
  );
  return sorted.map((s, i) => {
    const first = sorted.findIndex((o) => o.score === s.score && reached(o) === reached(s));
    return { ...s, place: (first === -1 ? i : first) + 1 };
  });
}
