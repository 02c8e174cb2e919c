// Training runs: start one with filters, see where it stands (its current question, asking the
// next when the last one was answered), resume the latest on any platform.
// Showing a run and answering it are what a student does all the time, so they take the caller's
// account rather than their student record: the student is found in the same read as the run.
import { idempotencyConflict, requestHash } from "../../lib/idempotency";
import { badRequest, notFound } from "../../lib/problem";
import { notRegistered } from "../cross-cutting";
import type { Account, Asked, Run, RunLookup, Student, TrainerPorts } from "../ports";
import type { Filters } from "../rules";
import { assertFilters } from "./filters";
import { type RunView, runView } from "./views";

/**
 * The caller's own run, with the question looked up in it: "register first" for an account with
 * no student; anyone else's run is answered as if it did not exist.
 */
export function ownRun(found: RunLookup, runId: string): { run: Run; asked: Asked | null } {
  if (!found.registered) throw notRegistered();
  if (!found.run) throw notFound(`No run ${runId}.`);
  return { run: found.run, asked: found.asked };
}

/** The run with its current question: the pending one, or the next one asked now. */
async function withCurrent(ports: TrainerPorts, run: Run, now: number): Promise<RunView> {
  let current = run.status === "open" ? await ports.runs.askNext(run, now) : null;
  let shown = run;
  if (run.status === "open" && !current) {
    await ports.runs.finish(run.id, now);
    shown = { ...run, status: "finished", updatedAt: now };
    current = null;
  }
  return runView(shown, current, await ports.catalogue.subjects());
}

/**
 * Starts a run with these filters, or the student's saved ones; the same key again answers the
 * run it started (and with other filters is refused). The filters become the student's saved ones.
 */
export async function startRun(
  ports: TrainerPorts,
  student: Student,
  filters: Filters | undefined,
  key: string,
  now: number,
): Promise<RunView> {
  const chosen = filters ?? student.filters;
  if (!chosen) {
    throw badRequest("Choose filters first: at least a subject.", [
      { path: "filters", code: "required", message: "Choose a subject to train in." },
    ]);
  }
  await assertFilters(ports, chosen);
  if (filters) await ports.students.setFilters(student.id, filters);
  const started = await ports.runs.start(
    student.id,
    chosen,
    { clientKey: key, requestHash: await requestHash([chosen]) },
    now,
  );
  if (!started.sameRequest) throw idempotencyConflict();
  return withCurrent(ports, started.run, now);
}

export async function showRun(ports: TrainerPorts, account: Account, runId: string, now: number): Promise<RunView> {
  const { run, asked } = ownRun(await ports.runs.pendingIn(account, runId), runId);
  // A pending question is the current one as it is; only without one is the next asked.
  if (asked) return runView(run, asked, await ports.catalogue.subjects());
  return withCurrent(ports, run, now);
}

/** The student's latest open run where it stopped (started on another platform, maybe), or null. */
export async function resumeRun(ports: TrainerPorts, student: Student, now: number): Promise<RunView | null> {
  const [latest] = await ports.runs.openOf(student.id);
  return latest ? withCurrent(ports, latest, now) : null;
}

export async function listRuns(ports: TrainerPorts, student: Student, limit: number): Promise<RunView[]> {
  const [runs, subjects] = await Promise.all([ports.runs.listOf(student.id, limit), ports.catalogue.subjects()]);
  return runs.map((run) => runView(run, null, subjects));
}
