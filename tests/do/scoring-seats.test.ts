// Who may mark a seat, whose a client id is, and a head judge who is never stuck with a session.
import { describe, expect, it } from "vitest";
import type { MarkAck, SessionView } from "../../worker/gym/protocol";
import { newUser, problemOf } from "../api/client";
import { grant } from "../api/grants";
import { FIG_SEATS, type FloorPanel, floorPanel, judgeOf, MARKS, mark, openFloor } from "./gym-helpers";

const view = async (panel: FloorPanel, sessionId: string) =>
  (await panel.head.client.get(`/api/gym/scoring-sessions/${sessionId}`)).body as SessionView;

/** Every seat marked as MARKS says, except the seats given other values. */
async function markAll(panel: FloorPanel, sessionId: string, values: Record<string, number> = {}) {
  const all = { ...MARKS, ...values };
  await Promise.all(
    FIG_SEATS.filter((p) => p in all).map((p) => mark(judgeOf(panel, p), sessionId, p, all[p] as number)),
  );
}

describe("a mark comes only from the account seated there", () => {
  it("a judge with a broad judge grant cannot mark a seat that is not theirs", async () => {
    const panel = await floorPanel();
    const { session_id } = await openFloor(panel);
    const broad = await newUser("Judge everywhere");
    await grant(broad.id, "judge"); // the demo judge's kind of grant: judge on "*"
    const problem = problemOf(await mark(broad.client, session_id, "E1", 0.5), 403);
    expect(problem.detail).toMatch(/not yours/);
    problemOf(await mark(judgeOf(panel, "E2"), session_id, "E1", 0.5), 403);
    expect((await view(panel, session_id)).missing).toContain("E1");
  });

  it("a judge whose seat was freed cannot mark the next session; the new judge of that seat can", async () => {
    const panel = await floorPanel();
    const first = await openFloor(panel);
    const freed = await panel.head.client.delete(`/api/gym/events/${panel.competition.id}/judges/floor/E3`);
    expect(freed.status).toBe(200);
    const newcomer = await newUser("New E3");
    await panel.head.client.post(`/api/gym/events/${panel.competition.id}/judges`, {
      email: newcomer.email,
      apparatus: "floor",
      position: "E3",
    });

    // The open session keeps the panel it opened with.
    expect((await mark(judgeOf(panel, "E3"), first.session_id, "E3", 0.5)).status).toBe(200);
    const athlete = await panel.head.client.post(`/api/gym/events/${panel.competition.id}/athletes`, {
      name: "Второй",
      bib: 8,
    });
    const next = await openFloor(panel, 120, (athlete.body as { id: string }).id);
    problemOf(await mark(judgeOf(panel, "E3"), next.session_id, "E3", 0.5), 403);
    expect((await mark(newcomer.client, next.session_id, "E3", 0.5)).status).toBe(200);
  });

  it("freeing a seat nobody holds is 404", async () => {
    const panel = await floorPanel();
    await panel.head.client.delete(`/api/gym/events/${panel.competition.id}/judges/floor/E5`);
    problemOf(await panel.head.client.delete(`/api/gym/events/${panel.competition.id}/judges/floor/E5`), 404);
  });
});

describe("a client id is the judge's own, at their seat", () => {
  it("E2 sending E1's client id stores E2's own mark and never sees E1's", async () => {
    const panel = await floorPanel();
    const { session_id } = await openFloor(panel);
    const e1 = await mark(judgeOf(panel, "E1"), session_id, "E1", 0.8, "shared-client-id-1");
    expect((e1.body as MarkAck).value).toBe(800);

    const e2 = await mark(judgeOf(panel, "E2"), session_id, "E2", 1.3, "shared-client-id-1");
    expect(e2.status).toBe(200);
    expect(e2.body).toEqual({
      client_id: "shared-client-id-1",
      session_id,
      position: "E2",
      value: 1_300,
      duplicate: false,
    });
    const seats = (await view(panel, session_id)).seats;
    expect(seats.find((s) => s.position === "E1")?.value).toBe(800);
    expect(seats.find((s) => s.position === "E2")?.value).toBe(1_300);

    // E2's own resend is still recognised as one.
    const again = await mark(judgeOf(panel, "E2"), session_id, "E2", 1.3, "shared-client-id-1");
    expect((again.body as MarkAck).duplicate).toBe(true);
  });
});

describe("a head judge is never stuck with a closed session", () => {
  it("close is refused, saying what is missing, while the D judges differ", async () => {
    const panel = await floorPanel();
    const { session_id } = await openFloor(panel);
    await markAll(panel, session_id, { D1: 6.0, D2: 6.1 });
    const problem = problemOf(await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/close`), 409);
    expect(problem.detail).toMatch(/D judges differ \(D1 6\.000, D2 6\.100\)/);
    expect((await view(panel, session_id)).status).toBe("open");
  });

  it("close is refused while no E mark is in", async () => {
    const panel = await floorPanel();
    const { session_id } = await openFloor(panel);
    await mark(judgeOf(panel, "D1"), session_id, "D1", 5.4);
    await mark(judgeOf(panel, "D2"), session_id, "D2", 5.4);
    const problem = problemOf(await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/close`), 409);
    expect(problem.missing).toEqual(["no execution mark yet"]);
  });

  it("the head judge enters the agreed D when D1 and D2 differ: audited, and the score follows it", async () => {
    const panel = await floorPanel();
    const { session_id } = await openFloor(panel);
    await markAll(panel, session_id, { D1: 6.0, D2: 6.1 });
    const res = await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/difficulty`, {
      value: 6.1,
      reason: "D panel agreed after review",
    });
    expect(res.status).toBe(200);
    const after = res.body as SessionView;
    expect(after.agreed_d).toEqual({ value: 6_100, reason: "D panel agreed after review" });
    expect(after.score).toMatchObject({ d: 6_100, e: 9_066, final: 15_166 });
    expect(after.audit.at(-1)).toMatchObject({ action: "agreed_difficulty", after: "6100" });
    expect((await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/close`)).status).toBe(200);
    expect((await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/publish`)).status).toBe(200);
  });

  it("the D panel's chair (D1) may enter the agreed D; D2 and other judges may not", async () => {
    const panel = await floorPanel();
    const { session_id } = await openFloor(panel);
    await markAll(panel, session_id, { D1: 6.0, D2: 6.1 });
    const body = { value: 6.0, reason: "agreed with D2" };
    problemOf(await judgeOf(panel, "D2").post(`/api/gym/scoring-sessions/${session_id}/difficulty`, body), 403);
    problemOf(await judgeOf(panel, "E1").post(`/api/gym/scoring-sessions/${session_id}/difficulty`, body), 403);
    const res = await judgeOf(panel, "D1").post(`/api/gym/scoring-sessions/${session_id}/difficulty`, body);
    expect((res.body as SessionView).score?.d).toBe(6_000);
  });

  it("the head judge reopens a closed session with a reason; the missing judge then marks it", async () => {
    const panel = await floorPanel();
    const { session_id } = await openFloor(panel);
    const { E5: _, ...withoutE5 } = MARKS;
    await Promise.all(Object.entries(withoutE5).map(([p, v]) => mark(judgeOf(panel, p), session_id, p, v as number)));
    await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/close`);
    problemOf(await mark(judgeOf(panel, "E5"), session_id, "E5", 1.2), 409);

    problemOf(await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/reopen`, {}), 400);
    const reopened = await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/reopen`, {
      reason: "E5's phone was out of battery",
    });
    expect((reopened.body as SessionView).status).toBe("open");
    expect((await mark(judgeOf(panel, "E5"), session_id, "E5", 1.2)).status).toBe(200);
    const after = await view(panel, session_id);
    expect(after.missing).toEqual([]);
    expect(after.audit.map((a) => a.action)).toContain("reopen_session");
    problemOf(
      await judgeOf(panel, "E1").post(`/api/gym/scoring-sessions/${session_id}/reopen`, { reason: "me too" }),
      403,
    );
  });
});
