// The question bank's editor, for teachers: one question created or edited at a time, checked by
// the same rules as an import (rules.ts authoringProblems), its theme and source from its subject's
// catalogue. A question keeps its subject once it has one: its answers are counted under it.
import { badRequest, conflict, type FieldError, notFound } from "../../lib/problem";
import { renderMarkdown } from "../markdown";
import type { NewQuestion, Question, Subject, TrainerPorts } from "../ports";
import { authoringProblems, normaliseAnswer, type QuestionType } from "../rules";
import { pictureUrl } from "./views";

/** A question as its author writes it (the editor's form). */
export interface QuestionDraft {
  subject: string;
  type: QuestionType;
  /** Markdown. */
  text: string;
  options: string[];
  /** The right choices' indices, from 0. */
  correct: number[];
  /** Accepted open answers, as typed (compared normalised). */
  accepted: string[];
  explanation: string;
  themeId: string | null;
  sourceId: string | null;
  withoutPaper: boolean;
  difficulty: number;
}

/** A question as its author sees it: everything, with its answers and counters. */
export interface BankQuestionView extends QuestionDraft {
  id: string;
  html: string;
  explanationHtml: string;
  /** The picture's address on this site, or null. */
  picture: string | null;
  correctCount: number;
  totalCount: number;
}

export function bankQuestionView(question: Question): BankQuestionView {
  return {
    id: question.id,
    subject: question.subjectId,
    type: question.type,
    text: question.text,
    html: renderMarkdown(question.text),
    options: question.options,
    correct: question.correct,
    accepted: question.accepted,
    explanation: question.explanation,
    explanationHtml: renderMarkdown(question.explanation),
    themeId: question.themeId,
    sourceId: question.sourceId,
    withoutPaper: question.withoutPaper,
    difficulty: question.difficulty,
    picture: pictureUrl(question),
    correctCount: question.correctCount,
    totalCount: question.totalCount,
  };
}

/** The draft checked against its subject's catalogue: the question to store, or 400 naming each field. */
function checked(draft: QuestionDraft, subjects: Subject[]): NewQuestion {
  const errors: FieldError[] = [];
  const subject = subjects.find((s) => s.id === draft.subject);
  if (!subject) errors.push({ path: "subject", code: "unknown_subject", message: "No such subject." });
  if (subject && draft.themeId !== null && !subject.themes.some((t) => t.id === draft.themeId)) {
    errors.push({ path: "themeId", code: "unknown_theme", message: "Not a theme of this subject." });
  }
  if (subject && draft.sourceId !== null && !subject.sources.some((s) => s.id === draft.sourceId)) {
    errors.push({ path: "sourceId", code: "unknown_source", message: "Not a source of this subject." });
  }
  const accepted = draft.type === "open" ? draft.accepted.map(normaliseAnswer).filter((a) => a !== "") : [];
  for (const problem of authoringProblems({ ...draft, accepted })) {
    errors.push({ path: problem.field, code: problem.code, message: problem.message });
  }
  if (errors.length) {
    throw badRequest(`The question has invalid fields: ${[...new Set(errors.map((e) => e.path))].join(", ")}.`, errors);
  }
  return {
    subjectId: draft.subject,
    themeId: draft.themeId,
    sourceId: draft.sourceId,
    type: draft.type,
    text: draft.text,
    pictureKey: null,
    options: draft.type === "open" ? [] : draft.options,
    correct: draft.type === "open" ? [] : draft.correct,
    accepted,
    explanation: draft.explanation,
    withoutPaper: draft.withoutPaper,
    difficulty: draft.difficulty,
    fingerprint: normaliseAnswer(draft.text),
  };
}

const duplicate = () =>
  conflict("The subject has this question already.", {
    reason: "duplicate",
    errors: [{ path: "text", code: "duplicate", message: "This question is in the bank already." }],
  });

export async function bankQuestion(ports: TrainerPorts, id: string): Promise<BankQuestionView> {
  const question = await ports.bank.byId(id);
  if (!question) throw notFound(`There is no question ${id}.`);
  return bankQuestionView(question);
}

/** A subject's questions as their authors see them, oldest first. */
export async function bankQuestions(ports: TrainerPorts, subjectId: string): Promise<BankQuestionView[]> {
  return (await ports.bank.list(subjectId)).map(bankQuestionView);
}

export async function createQuestion(
  ports: TrainerPorts,
  draft: QuestionDraft,
  now: number,
): Promise<BankQuestionView> {
  const question = checked(draft, await ports.catalogue.subjects());
  const stored = await ports.bank.add(question, now);
  if (!stored) throw duplicate();
  return bankQuestionView(stored);
}

export async function editQuestion(
  ports: TrainerPorts,
  id: string,
  draft: QuestionDraft,
  now: number,
): Promise<BankQuestionView> {
  const before = await ports.bank.byId(id);
  if (!before) throw notFound(`There is no question ${id}.`);
  if (draft.subject !== before.subjectId) {
    throw badRequest("A question stays in its subject.", [
      { path: "subject", code: "subject_changed", message: "A question stays in its subject: create a new one." },
    ]);
  }
  const stored = await ports.bank.replace(id, checked(draft, await ports.catalogue.subjects()), now);
  if (!stored) throw duplicate();
  return bankQuestionView(stored);
}
