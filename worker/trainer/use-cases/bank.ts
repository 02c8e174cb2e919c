// The question bank, for teachers: subjects with their themes and sources (adding a subject is
// data), and importing questions from a sheet: every row is checked first, and nothing is stored
// unless every row is right; the report names each wrong cell by row and column.

import type { NewQuestion, Subject, TrainerPorts } from "../ports";
import { authoringProblems, normaliseAnswer, type QuestionType, stableId } from "../rules";
import type { SheetRow } from "../sheet";
import type { Named } from "./views";

export interface SubjectDefinition {
  id: string;
  name: string;
  themes: string[];
  sources: string[];
}

/** Adds the subject, and those of its themes and sources that are new; names already there stay. */
export async function defineSubject(ports: TrainerPorts, definition: SubjectDefinition): Promise<Subject> {
  const named = (names: string[]) =>
    Promise.all(names.map(async (name): Promise<Named> => ({ id: await stableId(definition.id, name), name })));
  await ports.catalogue.ensure([
    {
      id: definition.id,
      name: definition.name,
      themes: await named(definition.themes),
      sources: await named(definition.sources),
    },
  ]);
  const subject = (await ports.catalogue.subjects()).find((s) => s.id === definition.id);
  if (!subject) throw new Error(`Subject ${definition.id} was not stored.`);
  return subject;
}

/** The columns of a bank sheet, in the order the export writes them. */
export const BANK_COLUMNS = [
  "subject",
  "type",
  "text",
  "options",
  "correct",
  "accepted",
  "explanation",
  "theme",
  "source",
  "without_paper",
  "difficulty",
] as const;

/** Choices and accepted answers are written in one cell, separated by this. */
export const LIST_SEPARATOR = "|";
const TYPES: QuestionType[] = ["single", "multiple", "open"];
const YES = new Set(["1", "yes", "true", "да", "y", "+"]);
const NO = new Set(["", "0", "no", "false", "нет", "n", "-"]);

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export type ImportReport = { imported: number; errors: [] } | { imported: 0; errors: ImportError[] };

const split = (cell: string) =>
  cell === ""
    ? []
    : cell
        .split(LIST_SEPARATOR)
        .map((s) => s.trim())
        .filter((s) => s !== "");

/** One row checked: the question it makes, or what is wrong with it. */
function checkRow(row: SheetRow, subjects: Subject[]): { question?: NewQuestion; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const wrong = (column: string, message: string) => errors.push({ row: row.line, column, message });
  const cell = (column: string) => row.cells[column] ?? "";

  const subject = subjects.find((s) => s.id === cell("subject"));
  if (!subject) wrong("subject", cell("subject") ? `No subject "${cell("subject")}".` : "Required.");
  const type = cell("type") as QuestionType;
  if (!TYPES.includes(type)) wrong("type", `Use one of ${TYPES.join(", ")}.`);
  if (cell("text") === "") wrong("text", "Required.");

  const options = split(cell("options"));
  const accepted = split(cell("accepted")).map(normaliseAnswer);
  // The sheet numbers answers from 1; the bank keeps indices from 0.
  const correct: number[] = [];
  const numbers = type === "open" || cell("correct") === "" ? [] : cell("correct").split(/[,;\s]+/);
  for (const n of numbers) {
    if (/^\d+$/.test(n)) correct.push(Number(n) - 1);
    else wrong("correct", `"${n}" is not the number of an answer.`);
  }
  if (TYPES.includes(type)) {
    for (const problem of authoringProblems({ type, options, correct, accepted }))
      wrong(problem.field, problem.message);
  }

  const themeId = cell("theme") === "" ? null : (subject?.themes.find((t) => t.name === cell("theme"))?.id ?? null);
  if (subject && cell("theme") !== "" && !themeId) wrong("theme", `No theme "${cell("theme")}" in ${subject.id}.`);
  const sourceId = cell("source") === "" ? null : (subject?.sources.find((t) => t.name === cell("source"))?.id ?? null);
  if (subject && cell("source") !== "" && !sourceId) wrong("source", `No source "${cell("source")}" in ${subject.id}.`);

  const paper = cell("without_paper").toLowerCase();
  if (!YES.has(paper) && !NO.has(paper)) wrong("without_paper", "Use yes or no.");
  const difficulty = cell("difficulty") === "" ? 3 : Number(cell("difficulty"));
  if (!Number.isInteger(difficulty) || difficulty < 1 || difficulty > 5) wrong("difficulty", "Use a whole number 1–5.");

  if (errors.length || !subject) return { errors };
  return {
    errors,
    question: {
      subjectId: subject.id,
      themeId,
      sourceId,
      type,
      text: cell("text"),
      pictureKey: null,
      options,
      correct,
      accepted: type === "open" ? accepted : [],
      explanation: cell("explanation"),
      withoutPaper: YES.has(paper),
      difficulty,
      fingerprint: normaliseAnswer(cell("text")),
    },
  };
}

/** Checks every row, then stores all of them in one step, or none when any row is wrong. */
export async function importQuestions(ports: TrainerPorts, header: string[], rows: SheetRow[]): Promise<ImportReport> {
  const missing = ["subject", "type", "text"].filter((c) => !header.includes(c));
  if (missing.length) {
    return { imported: 0, errors: missing.map((column) => ({ row: 1, column, message: "This column is missing." })) };
  }
  const subjects = await ports.catalogue.subjects();
  const checked = rows.map((row) => ({ row, ...checkRow(row, subjects) }));
  const errors = checked.flatMap((c) => c.errors);
  const seen = new Map<string, number>();
  for (const { row, question } of checked) {
    if (!question) continue;
    const key = `${question.subjectId}\u0000${question.fingerprint}`;
    const first = seen.get(key);
    if (first !== undefined)
      errors.push({ row: row.line, column: "text", message: `The same question as row ${first}.` });
    else seen.set(key, row.line);
  }
  const questions = checked.flatMap((c) => (c.question ? [c.question] : []));
  for (const [subjectId, ofSubject] of Map.groupBy(questions, (q) => q.subjectId)) {
    const stored = await ports.bank.existingFingerprints(
      subjectId,
      ofSubject.map((q) => q.fingerprint),
    );
    for (const { row, question } of checked) {
      if (question?.subjectId === subjectId && stored.has(question.fingerprint)) {
        errors.push({ row: row.line, column: "text", message: "This question is in the bank already." });
      }
    }
  }
  if (errors.length) return { imported: 0, errors: errors.sort((a, b) => a.row - b.row) };
  await ports.bank.addAll(questions);
  return { imported: questions.length, errors: [] };
}
