// Which of a judge's tasks are still theirs to do (pure). The server lists the seats still waiting
// for a mark; the phone knows better for the marks it holds: a seat this phone has marked is done
// at once, even before the mark reaches the server (it waits in the outbox), unless the head judge
// has asked that seat to score again since.
import type { PendingTask } from "../../../../worker/gym/protocol";
import type { OutboxMark } from "./outbox";

/** One seat of one session: a task, a mark for it, or a re-score request for it. */
export const seatKey = (sessionId: string, position: string) => `${sessionId}/${position}`;
export const taskKey = (task: PendingTask) => seatKey(task.session_id, task.position);

/** When (by this phone's clock) the head judge asked each seat to score again. */
export type AskedAgain = ReadonlyMap<string, number>;

/** The newest mark this phone holds for a task's seat that the server did not refuse. */
export function markFor(task: PendingTask, marks: readonly OutboxMark[]): OutboxMark | undefined {
  let newest: OutboxMark | undefined;
  for (const m of marks) {
    const forTask = m.sessionId === task.session_id && m.position === task.position && m.state !== "rejected";
    if (forTask && (!newest || m.seq > newest.seq)) newest = m;
  }
  return newest;
}

/** The head judge asked this seat to score again, and the judge has not yet. */
export function isAskedAgain(task: PendingTask, marks: readonly OutboxMark[], asked: AskedAgain): boolean {
  const at = asked.get(taskKey(task));
  if (at === undefined) return false;
  const mark = markFor(task, marks);
  return !mark || mark.savedAt < at;
}

/** The tasks still to do, in the server's order (soonest deadline first). */
export function openTasks(
  tasks: readonly PendingTask[],
  marks: readonly OutboxMark[],
  asked: AskedAgain,
): PendingTask[] {
  return tasks.filter((task) => !markFor(task, marks) || isAskedAgain(task, marks, asked));
}

/**
 * Seats the server lists as waiting although this phone holds a mark for them that the server had
 * confirmed before the list was asked for: the head judge cleared those marks (a re-score
 * request this phone did not hear of, its socket being down at the time).
 */
export function clearedSince(
  tasks: readonly PendingTask[],
  confirmedBeforeAsking: ReadonlySet<string>,
  marks: readonly OutboxMark[],
  asked: AskedAgain,
): string[] {
  return tasks
    .filter((task) => confirmedBeforeAsking.has(markFor(task, marks)?.clientId ?? ""))
    .filter((task) => !isAskedAgain(task, marks, asked))
    .map(taskKey);
}
