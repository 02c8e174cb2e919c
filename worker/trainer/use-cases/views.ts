// What the use cases answer with: the same views for every adapter (the REST API sends them as
// JSON, the bot writes them as messages). A question is shown without its answers until answered.
import { renderMarkdown } from "../markdown";
import type { Asked, Question, Run, Subject } from "../ports";
import type { Filters, Given } from "../rules";

export interface Named {
  id: string;
  name: string;
}

export interface QuestionView {
  id: string;
  subject: Named;
  theme: Named | null;
  source: Named | null;
  type: Question["type"];
  /** Markdown as written, and as safe HTML. */
  text: string;
  html: string;
  options: string[];
  hasPicture: boolean;
  /** The picture's address on this site, or null. */
  picture: string | null;
  withoutPaper: boolean;
  difficulty: number;
}

export interface RunView {
  id: string;
  status: Run["status"];
  filters: Filters;
  answeredCount: number;
  correctCount: number;
  createdAt: string;
  updatedAt: string;
  /** The question to answer now, or null once the run has no questions left. */
  current: { position: number; question: QuestionView } | null;
}

export interface AnswerView {
  questionId: string;
  given: Given;
  correct: boolean;
  /** True when this answer had been recorded before (a retry, a double tap): it counted once. */
  repeated: boolean;
  rightChoices: number[];
  acceptedAnswers: string[];
  explanation: string;
  explanationHtml: string;
  run: { answeredCount: number; correctCount: number };
}

const iso = (ms: number) => new Date(ms).toISOString();

function named(list: Named[], id: string | null): Named | null {
  const found = id === null ? undefined : list.find((n) => n.id === id);
  return found ? { id: found.id, name: found.name } : null;
}

/**
 * Where a question's picture is served (use-cases/pictures.ts): the file is named by its content,
 * so a replaced picture has a new address and the old one may be cached for good.
 */
export function pictureUrl(question: Pick<Question, "id" | "pictureKey">): string | null {
  const file = question.pictureKey?.split("/").at(-1);
  return file ? `/api/trainer/questions/${question.id}/picture/${file}` : null;
}

export function questionView(question: Question, subjects: Subject[]): QuestionView {
  const subject = subjects.find((s) => s.id === question.subjectId);
  return {
    id: question.id,
    subject: { id: question.subjectId, name: subject?.name ?? question.subjectId },
    theme: named(subject?.themes ?? [], question.themeId),
    source: named(subject?.sources ?? [], question.sourceId),
    type: question.type,
    text: question.text,
    html: renderMarkdown(question.text),
    options: question.options,
    hasPicture: question.pictureKey !== null,
    picture: pictureUrl(question),
    withoutPaper: question.withoutPaper,
    difficulty: question.difficulty,
  };
}

export function runView(run: Run, current: Asked | null, subjects: Subject[]): RunView {
  return {
    id: run.id,
    status: run.status,
    filters: run.filters,
    answeredCount: run.answeredCount,
    correctCount: run.correctCount,
    createdAt: iso(run.createdAt),
    updatedAt: iso(run.updatedAt),
    current: current && { position: current.position, question: questionView(current.question, subjects) },
  };
}

export function answerView(asked: Asked, given: Given, correct: boolean, repeated: boolean, run: Run): AnswerView {
  const { question } = asked;
  return {
    questionId: question.id,
    given,
    correct,
    repeated,
    rightChoices: question.correct,
    acceptedAnswers: question.accepted,
    explanation: question.explanation,
    explanationHtml: renderMarkdown(question.explanation),
    run: { answeredCount: run.answeredCount, correctCount: run.correctCount },
  };
}
