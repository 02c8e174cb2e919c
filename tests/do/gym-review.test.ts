// The head judge's review after the marks are in (override with a reason, re-score sent to the
// judge's phone), locking and reopening results, the audit log in D1, the judges' pending tasks,
// and the staff's live view of a session.
import { runDurableObjectAlarm } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ServerMessage, SessionFrame, SessionView } from "../../worker/gym/protocol";
import { scoringSession } from "../../worker/gym/scoring";
import { Client, newUser, ORIGIN, problemOf } from "../api/client";
import { grant } from "../api/grants";
import { FIG_SEATS, type FloorPanel, floorPanel, judgeOf, MARKS, mark, openFloor } from "./gym-helpers";
import { connectSocket } from "./socket";

async function scoredAndClosed(panel: FloorPanel) {
  const { session_id } = await openFloor(panel);
  await Promise.all(FIG_SEATS.map((p) => mark(judgeOf(panel, p), session_id, p, MARKS[p] as number)));
  await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/close`);
  return session_id;
}

const publishedRow = (sessionId: string) =>
  env.DB.prepare("SELECT final, version FROM gym_score WHERE session_id = ?").bind(sessionId).first();

describe("overriding a score", () => {
  it("stands in place of the computed score with its reason, is audited, and is what gets published", async () => {
    const panel = await floorPanel();
    const { session_id } = await openFloor(panel);
    const path = `/api/gym/scoring-sessions/${session_id}/override`;
    problemOf(await panel.head.client.post(path, { value: 14.2, reason: "video review" }), 409);

    await Promise.all(FIG_SEATS.map((p) => mark(judgeOf(panel, p), session_id, p, MARKS[p] as number)));
    await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/close`);
    expect(problemOf(await panel.head.client.post(path, { value: 14.2 }), 400).errors?.[0]?.path).toBe("reason");
    expect(problemOf(await panel.head.client.post(path, { value: 14.25, reason: "x" }), 400).errors).toHaveLength(1);
    problemOf(await judgeOf(panel, "E1").post(path, { value: 14.2, reason: "video review" }), 403);

    const view = (await panel.head.client.post(path, { value: 14.2, reason: "video review" })).body as SessionView;
    expect(view.score).toMatchObject({ final: 14_200, d: 5_400, e: 9_066, override: { computed: 14_466 } });
    expect(view.audit.at(-1)).toMatchObject({
      action: "override",
      before: "14466",
      after: "14200",
      reason: "video review",
    });

    await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/publish`);
    await runDurableObjectAlarm(scoringSession(env, session_id));
    expect(await publishedRow(session_id)).toMatchObject({ final: 14_200 });
  });

  it("on a published score publishes the new one to D1 and the hall; refused once results are final", async () => {
    const panel = await floorPanel();
    const session_id = await scoredAndClosed(panel);
    await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/publish`);
    await runDurableObjectAlarm(scoringSession(env, session_id));
    const first = await publishedRow(session_id);
    expect(first).toMatchObject({ final: 14_466 });

    const hall = await connectSocket<ServerMessage>(`/parties/scoreboard/${panel.competition.id}`);
    await hall.next("snapshot");
    const path = `/api/gym/scoring-sessions/${session_id}/override`;
    await panel.head.client.post(path, { value: 14.5, reason: "D panel review: a skill was missed" });
    await runDurableObjectAlarm(scoringSession(env, session_id));
    const second = await publishedRow(session_id);
    expect(second).toMatchObject({ final: 14_500 });
    expect(second?.version as number).toBeGreaterThan(first?.version as number);
    expect((await hall.next("score")).score).toMatchObject({ session_id, final: 14_500 });
    hall.socket.close();

    await panel.head.client.post("/api/gym/finalize", { event_id: panel.competition.id });
    problemOf(await panel.head.client.post(path, { value: 14.6, reason: "too late" }), 409);
  });
});

describe("final results", () => {
  it("are locked until the head judge reopens them with a reason; both steps are in the D1 audit log", async () => {
    const panel = await floorPanel();
    const event_id = panel.competition.id;
    const session_id = await scoredAndClosed(panel);
    const secretary = await newUser("Secretary");
    await grant(secretary.id, "secretary", `competition:${event_id}`);

    expect((await panel.head.client.post("/api/gym/finalize", { event_id })).body).toMatchObject({ official: true });
    problemOf(await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/publish`), 409);
    expect(problemOf(await panel.head.client.post("/api/gym/reopen", { event_id }), 400).errors?.[0]?.path).toBe(
      "reason",
    );
    problemOf(await secretary.client.post("/api/gym/reopen", { event_id, reason: "typo in a bib" }), 403);
    problemOf(await panel.head.client.post("/api/gym/reopen", { event_id: "nope", reason: "typo" }), 404);

    const reopened = await panel.head.client.post("/api/gym/reopen", { event_id, reason: "protest upheld" });
    expect(reopened.body).toMatchObject({ official: false });
    expect(problemOf(await panel.head.client.post("/api/gym/reopen", { event_id, reason: "again" }), 409).reason).toBe(
      "results_not_final",
    );
    expect((await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/publish`)).status).toBe(200);
    await runDurableObjectAlarm(scoringSession(env, session_id));
    await runDurableObjectAlarm(scoringSession(env, session_id));

    const log = (await secretary.client.get(`/api/gym/events/${event_id}/audit`)).body as {
      action: string;
      reason: string | null;
      session_id: string | null;
    }[];
    expect(log.map((a) => a.action)).toEqual([
      "open",
      ...FIG_SEATS.map(() => "mark"),
      "close",
      "finalize",
      "reopen",
      "publish",
    ]);
    expect(log.find((a) => a.action === "reopen")).toMatchObject({ reason: "protest upheld", session_id: null });
    problemOf(await judgeOf(panel, "E1").get(`/api/gym/events/${event_id}/audit`), 403);
    problemOf(await new Client().get(`/api/gym/events/${event_id}/audit`), 401);
  });
});

describe("a judge's tasks", () => {
  it("GET /scores/pending lists open sessions still waiting for this judge's mark", async () => {
    const panel = await floorPanel();
    const { session_id, deadline } = await openFloor(panel);
    const e1 = judgeOf(panel, "E1");
    expect((await e1.get("/api/gym/scores/pending")).body).toEqual([
      {
        session_id,
        competition_id: panel.competition.id,
        athlete: { id: panel.athlete.id, name: "Никита" },
        apparatus: "floor",
        attempt: 1,
        position: "E1",
        deadline,
      },
    ]);
    await mark(e1, session_id, "E1", 0.8);
    expect((await e1.get("/api/gym/scores/pending")).body).toEqual([]);
    expect((await judgeOf(panel, "E2").get("/api/gym/scores/pending")).body).toHaveLength(1);
    expect((await (await newUser("Not a judge")).client.get("/api/gym/scores/pending")).body).toEqual([]);
    problemOf(await new Client().get("/api/gym/scores/pending"), 401);
  });

  it("a re-score request reaches the judges' phones at once, naming the seat", async () => {
    const panel = await floorPanel();
    const { session_id } = await openFloor(panel);
    await mark(judgeOf(panel, "E3"), session_id, "E3", 0.9);
    const phone = await connectSocket<ServerMessage>(
      `/parties/scoreboard/${panel.competition.id}`,
      judgeOf(panel, "E3").cookieHeader(),
    );
    await phone.next("snapshot");
    await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/rescore`, { position: "E3" });
    const task = await phone.matching(
      "a re-score task",
      (m): m is Extract<ServerMessage, { action: "new_scoring" }> => "action" in m && m.position === "E3",
    );
    expect(task).toMatchObject({ session_id, apparatus: "floor" });
    expect((await judgeOf(panel, "E3").get("/api/gym/scores/pending")).body).toMatchObject([{ position: "E3" }]);
    phone.socket.close();
  });
});

describe("the staff's live view of a session", () => {
  const upgrade = (sessionId: string, cookie?: string) =>
    exports.default.fetch(
      new Request(`${ORIGIN}/parties/scoring-session/${sessionId}`, {
        headers: { upgrade: "websocket", ...(cookie && { cookie }) },
      }),
    );

  it("the head judge sees each mark arrive; judges and spectators may not watch", async () => {
    const panel = await floorPanel();
    const { session_id } = await openFloor(panel);
    const watch = await connectSocket<SessionFrame>(
      `/parties/scoring-session/${session_id}`,
      panel.head.client.cookieHeader(),
    );
    expect((await watch.next("session")).session.missing).toEqual(FIG_SEATS);
    await mark(judgeOf(panel, "E2"), session_id, "E2", 0.9);
    const after = await watch.next("session", (f) => !f.session.missing.includes("E2"));
    expect(after.session.seats.find((s) => s.position === "E2")?.value).toBe(900);
    expect(after.session.audit.at(-1)).toMatchObject({ action: "mark", position: "E2" });
    watch.socket.close();

    expect((await upgrade(session_id, judgeOf(panel, "E2").cookieHeader())).status).toBe(403);
    expect((await upgrade(session_id)).status).toBe(401);
    expect((await upgrade("not-a-session", panel.head.client.cookieHeader())).status).toBe(400);
  });
});

describe("results as a PDF", () => {
  it("anyone downloads the results sheet as a PDF; an unknown competition is 404", async () => {
    const panel = await floorPanel();
    const session_id = await scoredAndClosed(panel);
    await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/publish`);
    await runDurableObjectAlarm(scoringSession(env, session_id));

    const res = await exports.default.fetch(new Request(`${ORIGIN}/api/gym/results/${panel.competition.id}/pdf`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain(`results-${panel.competition.id}.pdf`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    problemOf(await new Client().get("/api/gym/results/nope/pdf"), 404);
  }, 30_000); // a PDF costs about half a second of CPU, more on a loaded machine

  it("official results are rendered once and served from storage; reopening and finalizing again renders anew", async () => {
    const panel = await floorPanel();
    const session_id = await scoredAndClosed(panel);
    await panel.head.client.post(`/api/gym/scoring-sessions/${session_id}/publish`);
    await runDurableObjectAlarm(scoringSession(env, session_id));
    const download = async () =>
      new Uint8Array(
        await (
          await exports.default.fetch(new Request(`${ORIGIN}/api/gym/results/${panel.competition.id}/pdf`))
        ).arrayBuffer(),
      );
    // Each rendering names its font subset at random (lib/pdf.ts), so equal bytes mean one rendering.
    expect(await download()).not.toEqual(await download()); // not final: rendered for each download

    await panel.head.client.post("/api/gym/finalize", { event_id: panel.competition.id });
    const official = await download();
    expect(await download()).toEqual(official);
    const stored = await env.DOCUMENTS.list({ prefix: `gym/results/${panel.competition.id}/` });
    expect(stored.objects).toHaveLength(1);

    await panel.head.client.post("/api/gym/reopen", { event_id: panel.competition.id, reason: "a typo in a name" });
    expect((await env.DOCUMENTS.list({ prefix: `gym/results/${panel.competition.id}/` })).objects).toHaveLength(0);
    await panel.head.client.post("/api/gym/finalize", { event_id: panel.competition.id });
    const again = await download();
    expect(again).not.toEqual(official);
    expect(await download()).toEqual(again);
  }, 60_000);
});
