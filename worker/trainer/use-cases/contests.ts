// Contests: a teacher sets a timed question set with a start and a duration; students join and
// answer; the contest's object is the clock and the ranking (durable-objects/trainer-contest.ts).
import { badRequest, notFound } from "../../lib/problem";
import type { Question, Ranking, Student, TrainerPorts } from "../ports";
import type { Given } from "../rules";
import { type QuestionView, questionView } from "./views";

export interface ContestDefinition {
  subject: string;
  title: string;
  startsAt: number;
  durationMinutes: number;
  /** These questions of the subject, in this order; or… */
  questionIds?: string[];
  /** …this many of its questions, drawn at random. */
  questionCount?: number;
}

export interface ContestView {
  id: string;
  title: string;
  subject: string;
  startsAt: string;
  endsAt: string;
  /** Shown once the contest has started (by the server's clock), without their answers. */
  questions: QuestionView[] | null;
  ranking: Ranking;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** `count` of the questions, drawn uniformly (Fisher–Yates on a copy). */
function draw(questions: Question[], count: number): Question[] {
  const pool = [...questions];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % (i + 1);
    [pool[i], pool[j]] = [pool[j] as Question, pool[i] as Question];
  }
  return pool.slice(0, count);
}

export async function createContest(
  ports: TrainerPorts,
  authorId: string,
  definition: ContestDefinition,
  now: number,
): Promise<ContestView> {
  const bank = await ports.bank.list(definition.subject);
  if (bank.length === 0) {
    throw badRequest(`The subject ${definition.subject} has no questions.`, [
      { path: "subject", code: "no_questions", message: "No questions in this subject." },
    ]);
  }
  let questions: Question[];
  if (definition.questionIds) {
    const byId = new Map(bank.map((q) => [q.id, q]));
    const unknown = definition.questionIds.flatMap((id, i) => (byId.has(id) ? [] : [i]));
    if (unknown.length) {
      throw badRequest(
        "Some questions are not in the subject.",
        unknown.map((i) => ({
          path: `questionIds.${i}`,
          code: "unknown_question",
          message: "Not a question of the subject.",
        })),
      );
    }
    questions = definition.questionIds.map((id) => byId.get(id) as Question);
  } else {
    questions = draw(bank, definition.questionCount ?? 10);
  }
  const contest = {
    id: crypto.randomUUID().slice(0, 12),
    subjectId: definition.subject,
    title: definition.title,
    startsAt: definition.startsAt,
    endsAt: definition.startsAt + definition.durationMinutes * 60_000,
    questionIds: questions.map((q) => q.id),
  };
  await ports.contests.create(contest, authorId, questions, now);
  return contestView(ports, contest.id);
}

export async function contestView(ports: TrainerPorts, id: string): Promise<ContestView> {
  const contest = await ports.contests.byId(id);
  if (!contest) throw notFound(`No contest ${id}.`);
  const ranking = await ports.contests.ranking(id);
  let questions: QuestionView[] | null = null;
  if (ranking.serverTime >= contest.startsAt) {
    const [bank, subjects] = await Promise.all([ports.bank.list(contest.subjectId), ports.catalogue.subjects()]);
    const byId = new Map(bank.map((q) => [q.id, q]));
    questions = contest.questionIds.flatMap((qid) => {
      const question = byId.get(qid);
      return question ? [questionView(question, subjects)] : [];
    });
  }
  return {
    id: contest.id,
    title: contest.title,
    subject: contest.subjectId,
    startsAt: iso(contest.startsAt),
    endsAt: iso(contest.endsAt),
    questions,
    ranking,
  };
}

export async function listContests(ports: TrainerPorts) {
  return (await ports.contests.list(50)).map((c) => ({
    id: c.id,
    title: c.title,
    subject: c.subjectId,
    startsAt: iso(c.startsAt),
    endsAt: iso(c.endsAt),
  }));
}

async function known(ports: TrainerPorts, id: string) {
  if (!(await ports.contests.byId(id))) throw notFound(`No contest ${id}.`);
}

export async function joinContest(ports: TrainerPorts, student: Student, id: string): Promise<Ranking> {
  await known(ports, id);
  return ports.contests.join(id, student.id, `${student.surname} ${student.name}`);
}

/** Checked and counted by the contest's object, by its clock; the same question again counts once. */
export async function answerContest(
  ports: TrainerPorts,
  student: Student,
  id: string,
  questionId: string,
  given: Given,
) {
  await known(ports, id);
  return ports.contests.answer(id, student.id, questionId, given);
}
