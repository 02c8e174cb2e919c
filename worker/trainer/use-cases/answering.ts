// Answering the run's question: checked and explained at once. The answer moves the run's, the
// student's and the question's counters in the same step (d1/runs.ts); sent again, it is
// answered as the first time and counts once.
import { badRequest, conflict } from "../../lib/problem";
import type { Account, Asked, Run, TrainerPorts } from "../ports";
import { answerShapeProblem, type Given, isRight } from "../rules";
import { ownRun } from "./training";
import { type AnswerView, answerView } from "./views";

function recorded(asked: Asked, run: Run): AnswerView {
  const given = asked.given as Given;
  return answerView(asked, given, asked.correct === true, true, run);
}

export async function answer(
  ports: TrainerPorts,
  account: Account,
  runId: string,
  questionId: string,
  given: Given,
  now: number,
): Promise<AnswerView> {
  const { run, asked } = ownRun(await ports.runs.askedIn(account, runId, questionId), runId);
  if (!asked) {
    throw conflict(`Question ${questionId} was not asked in this run: answer the run's current question.`, {
      reason: "not_asked",
    });
  }
  if (asked.answeredAt !== null) return recorded(asked, run);
  const problem = answerShapeProblem(asked.question, given);
  if (problem) throw badRequest(problem.message, [{ ...problem, code: "invalid_answer" }]);
  const correct = isRight(asked.question, given);
  // Another copy of this answer (a double tap, a retry) may have been recorded a moment before
  // this one: then the stored answer is shown, as repeated.
  const stored = await ports.runs.answer(asked, run.studentId, given, correct, now);
  return answerView(asked, stored.given, stored.correct, !stored.first, stored.run);
}
