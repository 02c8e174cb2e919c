import { evictDurableObject, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ServerMessage } from "../../worker/gym/protocol";
import { scoringSession } from "../../worker/gym/scoring";
import { newUser } from "../api/client";
import { FIG_SEATS, type FloorPanel, floorPanel, judgeOf, MARKS, mark, openFloor } from "./gym-helpers";
import { connectSocket } from "./socket";

const board = (competitionId: string, cookie?: string) =>
  connectSocket<ServerMessage>(`/parties/scoreboard/${competitionId}`, cookie);

async function scoreAndPublish(panel: FloorPanel, sessionId: string) {
  await Promise.all(FIG_SEATS.map((p) => mark(judgeOf(panel, p), sessionId, p, MARKS[p] as number)));
  await panel.head.client.post(`/api/gym/scoring-sessions/${sessionId}/close`);
  await panel.head.client.post(`/api/gym/scoring-sessions/${sessionId}/publish`);
  await runDurableObjectAlarm(scoringSession(env, sessionId));
}

describe("the hall's scoreboard", () => {
  it("a spectator sees who performs, then the score with its place and the standings, without asking", async () => {
    const panel = await floorPanel();
    const spectator = await board(panel.competition.id);
    const snapshot = await spectator.next("snapshot");
    expect(snapshot.performing).toEqual([]);

    const { session_id } = await openFloor(panel);
    const performing = await spectator.next("performing");
    expect(performing).toMatchObject({
      version: snapshot.version + 1,
      performing: [{ session_id, apparatus: "floor" }],
    });

    await scoreAndPublish(panel, session_id);
    const score = await spectator.next("score");
    expect(score).toMatchObject({
      version: performing.version + 1,
      place: 1,
      score: { session_id, athlete: { name: "Никита" }, d: 5_400, e: 9_066, final: 14_466 },
      performing: [],
    });
    expect(score.standings.apparatus.find((a) => a.apparatus === "floor")?.ranking).toEqual([
      { place: 1, athleteId: panel.athlete.id, final: 14_466, e: 9_066, d: 5_400, overridden: false },
    ]);
    spectator.socket.close();
  });

  it("a judge gets the scoring task for their apparatus; a judge of another apparatus does not", async () => {
    const panel = await floorPanel();
    const floorJudge = judgeOf(panel, "E2");
    const ringsJudge = await newUser("Rings judge");
    await panel.head.client.post(`/api/gym/events/${panel.competition.id}/judges`, {
      email: ringsJudge.email,
      apparatus: "rings",
      position: "E1",
    });
    const onFloor = await board(panel.competition.id, floorJudge.cookieHeader());
    const onRings = await board(panel.competition.id, ringsJudge.client.cookieHeader());
    await onFloor.next("snapshot");
    await onRings.next("snapshot");

    const { session_id, deadline } = await openFloor(panel);
    const task = await onFloor.matching(
      "a scoring task",
      (m): m is Extract<ServerMessage, { action: "new_scoring" }> => "action" in m,
    );
    expect(task).toEqual({
      action: "new_scoring",
      session_id,
      athlete: { id: panel.athlete.id, name: "Никита" },
      apparatus: "floor",
      deadline,
    });
    await onRings.next("performing");
    expect(onRings.received.some((m) => "action" in m)).toBe(false);
    onFloor.socket.close();
    onRings.socket.close();
  });

  it("a score delivered twice is counted once, and survives the board's eviction", async () => {
    const panel = await floorPanel();
    const { session_id } = await openFloor(panel);
    await scoreAndPublish(panel, session_id);
    await runDurableObjectAlarm(scoringSession(env, session_id)).catch(() => false);
    await scoringSession(env, session_id).publish(panel.head.id);
    await runDurableObjectAlarm(scoringSession(env, session_id));

    await evictDurableObject(env.SCOREBOARD.getByName(panel.competition.id));
    const spectator = await board(panel.competition.id);
    const snapshot = await spectator.next("snapshot");
    expect(snapshot.latest.map((s) => s.session_id)).toEqual([session_id]);
    expect(snapshot.standings.allAroundUnranked).toHaveLength(1); // floor only: no all-around total yet
    spectator.socket.close();
  });
});
