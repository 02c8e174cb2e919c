// Which tasks a judge's phone still shows: a seat it has marked is done at once, and comes back
// only when the head judge asks that seat to score again.
import { describe, expect, it } from "vitest";
import { clearedSince, isAskedAgain, openTasks, seatKey } from "../../web/src/lib/gym/judge-tasks";
import type { OutboxMark } from "../../web/src/lib/gym/outbox";
import type { PendingTask } from "../../worker/gym/protocol";

const task = (sessionId: string, position = "E1"): PendingTask => ({
  session_id: sessionId,
  competition_id: "c",
  athlete: { id: "a", name: "Никита Нагорный" },
  apparatus: "floor",
  attempt: 1,
  position,
  deadline: "2026-11-23T12:00:00Z",
});
let seq = 0;
const mark = (sessionId: string, state: OutboxMark["state"], savedAt = 1_000, position = "E1"): OutboxMark => ({
  clientId: `m${++seq}`,
  sessionId,
  position,
  value: 800,
  label: "",
  seq,
  savedAt,
  state,
});

describe("the judge's open tasks", () => {
  it("drop a seat as soon as this phone holds a mark for it, confirmed or still on the phone", () => {
    const tasks = [task("s1"), task("s2"), task("s3"), task("s1", "D1")];
    const marks = [mark("s1", "confirmed"), mark("s2", "saved"), mark("s3", "rejected")];
    expect(openTasks(tasks, marks, new Map()).map((t) => `${t.session_id}/${t.position}`)).toEqual(["s3/E1", "s1/D1"]);
  });

  it("bring a marked seat back when the head judge asked it to score again, until it has", () => {
    const asked = new Map([[seatKey("s1", "E1"), 2_000]]);
    const first = mark("s1", "confirmed", 1_000);
    expect(openTasks([task("s1")], [first], asked)).toHaveLength(1);
    expect(isAskedAgain(task("s1"), [first], asked)).toBe(true);
    const again = mark("s1", "sent", 3_000);
    expect(openTasks([task("s1")], [first, again], asked)).toEqual([]);
    expect(isAskedAgain(task("s1"), [first, again], asked)).toBe(false);
  });

  it("never say 'score again' for a seat nobody asked about", () => {
    expect(isAskedAgain(task("s1"), [mark("s1", "confirmed")], new Map())).toBe(false);
    expect(isAskedAgain(task("s1"), [], new Map([[seatKey("s1", "D1"), 5]]))).toBe(false);
  });

  it("take a seat the server lists again after confirming its mark as cleared by the head judge", () => {
    const confirmed = mark("s1", "confirmed");
    const justSent = mark("s2", "confirmed");
    // s2's mark was confirmed only after the list was asked for: the list predates it.
    expect(
      clearedSince([task("s1"), task("s2")], new Set([confirmed.clientId]), [confirmed, justSent], new Map()),
    ).toEqual(["s1/E1"]);
  });
});
