// The TrainerContest object's live ranking: anyone may watch it over a socket; every join and
// every counted answer reaches the sockets as the next version of the ranking; a resync, or a
// socket opened after the object hibernated, gets the snapshot; a watcher's socket ends with
// their session.
import { evictDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CLOSE } from "../../worker/lib/live";
import type { ServerMessage } from "../../worker/trainer/protocol";
import { type Client, ORIGIN } from "../api/client";
import { createContest, newStudent, newTeacher, singleOf, subjectWithBank } from "../api/trainer-helpers";
import { closedWith, connectSocket } from "./socket";

const SUBJECT = "economics-live";
let teacher: Client;

beforeAll(async () => {
  teacher = (await newTeacher()).client;
  await subjectWithBank(teacher, SUBJECT);
});

const watch = (contestId: string, cookie?: string) =>
  connectSocket<ServerMessage>(`/parties/trainer-contest/${contestId}`, cookie);

describe("the live ranking", () => {
  it("a spectator sees a join and then an answer change the ranking, with consecutive versions", async () => {
    const contest = await createContest(teacher, SUBJECT);
    const { question, right } = await singleOf(contest);
    const live = await watch(contest.id);
    const snapshot = await live.next("snapshot");
    expect(snapshot.ranking.standings).toEqual([]);

    const { client, student } = await newStudent([SUBJECT]);
    expect((await client.post(`/api/trainer/contests/${contest.id}/join`)).status).toBe(200);
    const joined = await live.next("ranking", (m) => m.version === snapshot.version + 1);
    expect(joined.ranking.standings).toEqual([expect.objectContaining({ studentId: student.id, score: 0 })]);

    const answered = await client.post(`/api/trainer/contests/${contest.id}/answers`, {
      questionId: question.id,
      choices: [right],
    });
    expect(answered.status).toBe(200);
    const scored = await live.next("ranking", (m) => m.version === snapshot.version + 2);
    expect(scored.ranking.standings).toEqual([
      expect.objectContaining({ studentId: student.id, score: 1, answered: 1, place: 1 }),
    ]);
    expect(scored.ranking.version).toBe(scored.version);

    // The same answer again counts once: no new version goes out.
    await client.post(`/api/trainer/contests/${contest.id}/answers`, { questionId: question.id, choices: [right] });
    live.socket.send(JSON.stringify({ type: "resync" }));
    const again = await live.next("snapshot", (m) => m !== snapshot);
    expect(again.version).toBe(snapshot.version + 2);
    expect(live.received.filter((m) => m.type === "ranking")).toHaveLength(2);
    live.socket.close();
  });

  it("a socket opened after the object hibernated gets the ranking as it was, and the next change", async () => {
    const contest = await createContest(teacher, SUBJECT);
    const first = await newStudent([SUBJECT]);
    await first.client.post(`/api/trainer/contests/${contest.id}/join`);
    await evictDurableObject(env.TRAINER_CONTEST.getByName(contest.id));
    const live = await watch(contest.id);
    const snapshot = await live.next("snapshot");
    expect(snapshot.ranking.standings.map((s) => s.studentId)).toEqual([first.student.id]);
    const second = await newStudent([SUBJECT]);
    await second.client.post(`/api/trainer/contests/${contest.id}/join`);
    const next = await live.next("ranking", (m) => m.version === snapshot.version + 1);
    expect(next.ranking.standings).toHaveLength(2);
    live.socket.close();
  });

  it("answers a ping with a pong and an unreadable frame with a typed error", async () => {
    const contest = await createContest(teacher, SUBJECT);
    const live = await watch(contest.id);
    await live.next("snapshot");
    live.socket.send(JSON.stringify({ type: "ping", id: "p1" }));
    expect(await live.next("pong")).toMatchObject({ id: "p1" });
    live.socket.send("{not json");
    await live.next("error");
    live.socket.close();
  });
});

describe("who may open a socket", () => {
  it("refuses a contest that does not exist (404) and a name that cannot be one (400)", async () => {
    for (const [name, status] of [
      ["no-such-contest", 404],
      ["not a name!", 400],
    ] as const) {
      const res = await exports.default.fetch(
        new Request(`${ORIGIN}/parties/trainer-contest/${encodeURIComponent(name)}`, {
          headers: { upgrade: "websocket" },
        }),
      );
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.webSocket).toBeNull();
    }
  });

  it("a signed-in student's socket closes with 4401 when they log out", async () => {
    const contest = await createContest(teacher, SUBJECT);
    const { client } = await newStudent([SUBJECT]);
    const live = await watch(contest.id, client.cookieHeader());
    await live.next("snapshot");
    await client.post("/api/auth/logout");
    expect(await closedWith(live)).toMatchObject({ code: CLOSE.sessionEnded });
  });
});
