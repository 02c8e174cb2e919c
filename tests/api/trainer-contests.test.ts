// Contests: the contest's object keeps the clock and the ranking. Answers before the start or after
// the end are refused by its clock; a hundred students answering at once are ranked right.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Contest, ContestAnswerResult } from "../../worker/trainer/contract";
import { type Client, newUser, problemOf } from "./client";
import { createContest as contestOf, newStudent, newTeacher, singleOf, subjectWithBank } from "./trainer-helpers";

const SUBJECT = "economics-contests";
let teacher: Client;

beforeAll(async () => {
  teacher = (await newTeacher()).client;
  await subjectWithBank(teacher, SUBJECT);
});

const createContest = (fields: Record<string, unknown> = {}) => contestOf(teacher, SUBJECT, fields);

describe("a hundred students answering at once", () => {
  it("are all counted, and ranked by score, then by who got there first", { timeout: 120_000 }, async () => {
    const contest = await createContest();
    const { question, right } = await singleOf(contest);
    const students = await Promise.all(Array.from({ length: 100 }, () => newStudent([SUBJECT])));
    await Promise.all(students.map((s) => s.client.post(`/api/trainer/contests/${contest.id}/join`)));
    const results = await Promise.all(
      students.map((s, i) =>
        s.client.post(`/api/trainer/contests/${contest.id}/answers`, {
          questionId: question.id,
          choices: [i % 2 === 0 ? right : (right + 1) % question.options.length],
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(200));
    const ranking = ((await teacher.get(`/api/trainer/contests/${contest.id}`)).body as Contest).ranking;
    expect(ranking.standings).toHaveLength(100);
    expect(ranking.version).toBe(200);
    const scores = ranking.standings.map((s) => s.score);
    expect(scores.filter((s) => s === 1)).toHaveLength(50);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const winners = ranking.standings.slice(0, 50);
    const times = winners.map((s) => s.lastCorrectAt ?? 0);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    for (const [i, s] of ranking.standings.entries()) expect(s.place).toBeLessThanOrEqual(i + 1);
    expect(ranking.standings.slice(50).every((s) => s.place === 51)).toBe(true);

    // Written through to D1 by the object's alarm, for reports after the contest.
    await vi.waitFor(
      async () => {
        const rows = await env.DB.prepare(
          "SELECT student_id AS studentId, score, place, version FROM trainer_contest_result WHERE contest_id = ?",
        )
          .bind(contest.id)
          .all<{ studentId: string; score: number; place: number; version: number }>();
        expect(rows.results, "the ranking in D1").toHaveLength(100);
        expect(rows.results.every((r) => r.version === 200)).toBe(true);
        const inD1 = new Map(rows.results.map((r) => [r.studentId, [r.score, r.place]]));
        for (const s of ranking.standings) expect(inD1.get(s.studentId)).toEqual([s.score, s.place]);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});

describe("the contest's clock", () => {
  it("refuses answers before the start, and hides the questions until then", async () => {
    const contest = await createContest({ startsAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(contest.questions).toBeNull();
    const { client } = await newStudent([SUBJECT]);
    await client.post(`/api/trainer/contests/${contest.id}/join`);
    const res = await client.post(`/api/trainer/contests/${contest.id}/answers`, { questionId: "x", choices: [0] });
    expect(problemOf(res, 409).reason).toBe("not_started");
  });

  it("refuses answers after the end, and counts a repeated answer once before it", async () => {
    // Started 59 s ago for one minute: it ends within a second or two.
    const contest = await createContest({ startsAt: new Date(Date.now() - 58_500).toISOString(), durationMinutes: 1 });
    const { question, right } = await singleOf(contest);
    const { client } = await newStudent([SUBJECT]);
    await client.post(`/api/trainer/contests/${contest.id}/join`);
    const body = { questionId: question.id, choices: [right] };
    const first = (await client.post(`/api/trainer/contests/${contest.id}/answers`, body)).body as ContestAnswerResult;
    const again = (await client.post(`/api/trainer/contests/${contest.id}/answers`, body)).body as ContestAnswerResult;
    expect(first).toMatchObject({ correct: true, repeated: false });
    expect(again).toMatchObject({ correct: true, repeated: true });
    expect(again.ranking.standings[0]).toMatchObject({ score: 1, answered: 1 });
    const endsAt = Date.parse(contest.endsAt);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt - Date.now()) + 200));
    const late = await client.post(`/api/trainer/contests/${contest.id}/answers`, {
      ...body,
      questionId: contest.questions?.[1]?.id,
    });
    expect(problemOf(late, 409).reason).toBe("over");
    problemOf(await (await newStudent([SUBJECT])).client.post(`/api/trainer/contests/${contest.id}/join`), 409);
    const after = (await client.get(`/api/trainer/contests/${contest.id}`)).body as Contest;
    expect(after.ranking.standings).toEqual([expect.objectContaining({ score: 1, answered: 1, place: 1 })]);
  });
});

describe("who may do what", () => {
  it("lets only admins create contests, only registered students join, and refuses unknown questions", async () => {
    const { client } = await newUser();
    problemOf(
      await client.post("/api/trainer/contests", {
        subject: SUBJECT,
        title: "x",
        startsAt: new Date().toISOString(),
        durationMinutes: 5,
      }),
      403,
    );
    const contest = await createContest();
    expect(problemOf(await client.post(`/api/trainer/contests/${contest.id}/join`), 403).reason).toBe("not_registered");
    const bad = await teacher.post("/api/trainer/contests", {
      subject: SUBJECT,
      title: "x",
      startsAt: new Date().toISOString(),
      durationMinutes: 5,
      questionIds: ["nope"],
    });
    expect(problemOf(bad, 400).errors?.[0]?.path).toBe("questionIds.0");
    const { client: student } = await newStudent([SUBJECT]);
    const notJoined = await student.post(`/api/trainer/contests/${contest.id}/answers`, {
      questionId: "x",
      choices: [0],
    });
    expect(problemOf(notJoined, 409).reason).toBe("not_joined");
    problemOf(await student.post("/api/trainer/contests/nope/join"), 404);
  });
});
