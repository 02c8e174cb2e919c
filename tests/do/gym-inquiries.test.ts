// Inquiries that correct D (FIG Technical Regulations), did-not-start records that keep an athlete
// out of the all-around, and a final set by override marked wherever D and E are shown.
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Athlete } from "../../worker/gym/contract";
import type { GymResults, SessionView } from "../../worker/gym/protocol";
import { scoringSession } from "../../worker/gym/scoring";
import { problemOf } from "../api/client";
import { FIG_SEATS, type FloorPanel, floorPanel, judgeOf, mark } from "./gym-helpers";

afterEach(() => vi.useRealTimers());

/** Opens, marks (every E and R deducting `deduction`), closes and publishes; writes it through. */
async function publishFloor(panel: FloorPanel, athleteId: string, d: number, deduction: number) {
  const res = await panel.head.client.post("/api/gym/scoring-sessions", {
    event_id: panel.competition.id,
    athlete_id: athleteId,
    apparatus: "floor",
  });
  const { session_id } = res.body as SessionView;
  await Promise.all(FIG_SEATS.map((p) => mark(judgeOf(panel, p), session_id, p, p.startsWith("D") ? d : deduction)));
  await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/close`);
  await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/publish`);
  await runDurableObjectAlarm(scoringSession(env, session_id));
  return session_id;
}

async function addAthlete(panel: FloorPanel, name: string, bib: number) {
  return (await panel.head.client.post(`/api/gym/events/${panel.competition.id}/athletes`, { name, bib }))
    .body as Athlete;
}

const floorRanking = async (panel: FloorPanel) =>
  ((await panel.head.client.get(`/api/gym/leaderboard?event_id=${panel.competition.id}`)).body as GymResults).apparatus
    .find((a) => a.apparatus === "floor")
    ?.ranking.map((r) => [r.place, r.athlete?.name, r.final, r.e, r.d]);

describe("an inquiry that corrects D", () => {
  it("A (D 6.0) and B (D 6.1), both E 7.500: accepting A's inquiry with D 6.1 makes them share 1st on 13.600", async () => {
    const panel = await floorPanel();
    const b = await addAthlete(panel, "Борис", 8);
    const a = await publishFloor(panel, panel.athlete.id, 6.0, 2.5);
    await publishFloor(panel, b.id, 6.1, 2.5);
    expect(await floorRanking(panel)).toEqual([
      [1, "Борис", 13_600, 7_500, 6_100],
      [2, "Никита", 13_500, 7_500, 6_000],
    ]);

    const asked = await panel.head.client.post(`/api/gym/scoring-sessions/${a}/inquiries`, {
      asked_by: "Coach Petrov",
    });
    const inquiry = (asked.body as SessionView).inquiries[0];
    expect(inquiry).toMatchObject({ asked_by: "Coach Petrov", status: "pending", d_before: 6_000 });
    const accepted = await panel.head.client.post(`/api/gym/scoring-sessions/${a}/inquiries/${inquiry?.id}/accept`, {
      d: 6.1,
      reason: "superior jury: the connection was recognised",
    });
    expect((accepted.body as SessionView).score).toMatchObject({ d: 6_100, e: 7_500, final: 13_600 });
    await runDurableObjectAlarm(scoringSession(env, a));

    expect(await floorRanking(panel)).toEqual(
      expect.arrayContaining([
        [1, "Борис", 13_600, 7_500, 6_100],
        [1, "Никита", 13_600, 7_500, 6_100],
      ]),
    );
    const listed = (await panel.head.client.get(`/api/gym/events/${panel.competition.id}/inquiries`)).body;
    expect(listed).toEqual([
      expect.objectContaining({ session_id: a, status: "accepted", d_before: 6_000, d_after: 6_100 }),
    ]);
    const audit = (await panel.head.client.get(`/api/gym/scoring-sessions/${a}`)).body as SessionView;
    expect(audit.audit.map((e) => e.action).slice(-2)).toEqual(["inquiry", "inquiry_accepted"]);
  });

  it("a rejected inquiry leaves the score; a second decision and an inquiry after the window are refused", async () => {
    const panel = await floorPanel();
    const a = await publishFloor(panel, panel.athlete.id, 6.0, 2.5);
    const asked = await panel.head.client.post(`/api/gym/scoring-sessions/${a}/inquiries`, { asked_by: "Coach" });
    const id = (asked.body as SessionView).inquiries[0]?.id;
    problemOf(await panel.head.client.post(`/api/gym/scoring-sessions/${a}/inquiries`, { asked_by: "Again" }), 409);
    const rejected = await panel.head.client.post(`/api/gym/scoring-sessions/${a}/inquiries/${id}/reject`, {
      reason: "the element was not completed",
    });
    expect((rejected.body as SessionView).score).toMatchObject({ d: 6_000, final: 13_500 });
    problemOf(
      await panel.head.client.post(`/api/gym/scoring-sessions/${a}/inquiries/${id}/accept`, {
        d: 6.1,
        reason: "changed our mind",
      }),
      409,
    );

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 301_000); // the competition's window is 300 s by default
    const late = await panel.head.client.post(`/api/gym/scoring-sessions/${a}/inquiries`, { asked_by: "Coach" });
    expect(problemOf(late, 409).type).toBe("urn:podium:problem:inquiry-window-closed");
  });

  it("only the head judge records inquiries, and only on published scores", async () => {
    const panel = await floorPanel();
    const a = await publishFloor(panel, panel.athlete.id, 6.0, 2.5);
    problemOf(await judgeOf(panel, "E1").post(`/api/gym/scoring-sessions/${a}/inquiries`, { asked_by: "x y" }), 403);
    const b = await addAthlete(panel, "Второй", 9);
    const open = await panel.head.client.post("/api/gym/scoring-sessions", {
      event_id: panel.competition.id,
      athlete_id: b.id,
      apparatus: "floor",
    });
    const sessionId = (open.body as SessionView).session_id;
    problemOf(
      await panel.head.client.post(`/api/gym/scoring-sessions/${sessionId}/inquiries`, { asked_by: "x y" }),
      409,
    );
  });
});

describe("did not start", () => {
  it("keeps an athlete out of the all-around with what is missing, ends their open task, and is audited", async () => {
    const panel = await floorPanel();
    const other = await addAthlete(panel, "Второй", 9);
    // Pommel horse has no panel here: opening there is not needed, the session on floor is.
    const res = await panel.head.client.post("/api/gym/scoring-sessions", {
      event_id: panel.competition.id,
      athlete_id: other.id,
      apparatus: "floor",
    });
    const open = res.body as SessionView;
    const path = `/api/gym/events/${panel.competition.id}/did-not-start/${other.id}/floor`;
    expect((await judgeOf(panel, "E1").send("PUT", path)).status).toBe(403);
    expect((await panel.head.client.send("PUT", path)).status).toBe(204);
    expect((await panel.head.client.send("PUT", path)).status).toBe(204); // again: nothing changes

    const session = (await panel.head.client.get(`/api/gym/scoring-sessions/${open.session_id}`)).body as SessionView;
    expect(session.status).toBe("withdrawn");
    const pending = (await judgeOf(panel, "E1").get("/api/gym/scores/pending")).body as unknown[];
    expect(pending).toEqual([]);
    problemOf(await mark(judgeOf(panel, "E1"), open.session_id, "E1", 0.5), 409);

    await publishFloor(panel, panel.athlete.id, 5.0, 1.0);
    const results = (await panel.head.client.get(`/api/gym/leaderboard?event_id=${panel.competition.id}`))
      .body as GymResults;
    expect(results.has_all_around).toBe(true);
    expect(results.all_around).toEqual([]); // MAG has six apparatus: nobody has all six yet
    expect(results.all_around_unranked.find((r) => r.athleteId === panel.athlete.id)?.missing).toContainEqual({
      apparatus: "pommel_horse",
      reason: "no_score",
    });

    const audit = (await panel.head.client.get(`/api/gym/events/${panel.competition.id}/audit`)).body as {
      action: string;
      after: string | null;
    }[];
    expect(audit.filter((e) => e.action === "did_not_start")).toEqual([
      expect.objectContaining({ after: "Второй · floor" }),
    ]);
    problemOf(
      await panel.head.client.post("/api/gym/scoring-sessions", {
        event_id: panel.competition.id,
        athlete_id: other.id,
        apparatus: "floor",
        attempt: 2,
      }),
      409,
    );
    expect((await panel.head.client.send("DELETE", path)).status).toBe(204);
    problemOf(await panel.head.client.send("DELETE", path), 404);
  });
});

describe("a final set by override", () => {
  it("is marked as overridden in the standings and the latest scores", async () => {
    const panel = await floorPanel();
    const res = await panel.head.client.post("/api/gym/scoring-sessions", {
      event_id: panel.competition.id,
      athlete_id: panel.athlete.id,
      apparatus: "floor",
    });
    const { session_id } = res.body as SessionView;
    await Promise.all(FIG_SEATS.map((p) => mark(judgeOf(panel, p), session_id, p, p.startsWith("D") ? 5 : 1)));
    await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/close`);
    await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/override`, {
      value: 13.2,
      reason: "video review",
    });
    await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/publish`);
    await runDurableObjectAlarm(scoringSession(env, session_id));
    const results = (await panel.head.client.get(`/api/gym/leaderboard?event_id=${panel.competition.id}`))
      .body as GymResults;
    expect(results.apparatus.find((a) => a.apparatus === "floor")?.ranking[0]).toMatchObject({
      final: 13_200,
      overridden: true,
    });
    expect(results.latest[0]).toMatchObject({ final: 13_200, overridden: true });
  });
});
