import { describe, expect, it } from "vitest";
import type { Athlete, Competition, JudgeAssignment, PanelSeat } from "../../worker/gym/contract";
import { Client, newUser, problemOf } from "./client";
import { grant } from "./grants";

async function newHeadJudge() {
  const headJudge = await newUser("Head Judge");
  await grant(headJudge.id, "head_judge");
  return headJudge;
}

async function newCompetition(client: Client, body: Record<string, unknown> = {}) {
  const res = await client.post("/api/gym/events", { name: "Кубок Москвы", discipline: "MAG", ...body });
  if (res.status !== 201) throw new Error(`creating a competition failed: ${JSON.stringify(res.body)}`);
  return res.body as Competition;
}

describe("creating a competition", () => {
  it("a head judge creates one in draft, with the discipline's apparatus, and heads it", async () => {
    const { client } = await newHeadJudge();
    const competition = await newCompetition(client);
    expect(competition).toMatchObject({
      status: "draft",
      scoring: "fig_artistic",
      rounding: "truncate",
      apparatus: ["floor", "pommel_horse", "rings", "vault", "parallel_bars", "horizontal_bar"],
    });
    const me = (await client.get("/api/me")).body as { roles: { role: string; scope: string }[] };
    expect(me.roles).toContainEqual({ role: "head_judge", scope: `competition:${competition.id}` });
  });

  it("takes the drop-extremes schema and its own apparatus for another discipline", async () => {
    const { client } = await newHeadJudge();
    const competition = await newCompetition(client, {
      discipline: "trampoline",
      scoring: "drop_extremes",
      apparatus: ["trampoline"],
    });
    expect(competition).toMatchObject({ scoring: "drop_extremes", apparatus: ["trampoline"] });
  });

  it.each([
    [{ discipline: "MAG" }, "name"],
    [{ name: "X", discipline: "MAG", scoring: "judge_by_vibes" }, "scoring"],
    [{ name: "X", discipline: "trampoline" }, "apparatus"],
    [{ name: "X", discipline: "MAG", apparatus: ["Pommel Horse"] }, "apparatus.0"],
    [{ name: "X", discipline: "MAG", rounding: "up" }, "rounding"],
  ])("names the bad field in %j", async (body, field) => {
    const { client } = await newHeadJudge();
    const problem = problemOf(await client.post("/api/gym/events", body), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it("a spectator may not create one (403), nor may someone logged out (401)", async () => {
    problemOf(await (await newUser()).client.post("/api/gym/events", { name: "X", discipline: "MAG" }), 403);
    problemOf(await new Client().post("/api/gym/events", { name: "X", discipline: "MAG" }), 401);
  });
});

describe("running a competition", () => {
  it("start, pause, start, finish; repeating an action changes nothing; a finished one stays finished", async () => {
    const { client } = await newHeadJudge();
    const { id } = await newCompetition(client);
    const act = (action: string) => client.send("PUT", `/api/gym/events/${id}/status`, { action });
    expect((await act("start")).body).toMatchObject({ status: "running" });
    expect((await act("start")).body).toMatchObject({ status: "running" });
    expect((await act("pause")).body).toMatchObject({ status: "paused" });
    expect((await act("start")).body).toMatchObject({ status: "running" });
    expect((await act("finish")).body).toMatchObject({ status: "finished" });
    // A refusal names its reason and the facts a page words it with.
    expect(problemOf(await act("start"), 409)).toMatchObject({
      reason: "wrong_status",
      competition_status: "finished",
      action: "start",
    });
    problemOf(await act("dance"), 400);
  });

  it("only this competition's head judge runs it", async () => {
    const { client } = await newHeadJudge();
    const { id } = await newCompetition(client);
    const other = await newUser();
    await grant(other.id, "head_judge", "competition:someone-else");
    problemOf(await other.client.send("PUT", `/api/gym/events/${id}/status`, { action: "start" }), 403);
  });

  it("404 for a competition that does not exist", async () => {
    const { client } = await newHeadJudge();
    problemOf(await client.send("PUT", "/api/gym/events/nope/status", { action: "start" }), 404);
    problemOf(await new Client().get("/api/gym/events/nope"), 404);
  });
});

describe("athletes", () => {
  it("are registered by start number, idempotently, and listed in start order", async () => {
    const { client } = await newHeadJudge();
    const { id } = await newCompetition(client);
    const path = `/api/gym/events/${id}/athletes`;
    expect((await client.post(path, { name: "Никита Нагорный", team: "RUS", bib: 12 })).status).toBe(201);
    expect((await client.post(path, { name: "Никита Нагорный", team: "RUS", bib: 12 })).status).toBe(200);
    expect((await client.post(path, { name: "Артур Далалоян", bib: 3 })).status).toBe(201);
    expect(problemOf(await client.post(path, { name: "Someone Else", bib: 12 }), 409)).toMatchObject({
      reason: "bib_taken",
      bib: 12,
      athlete: "Никита Нагорный",
    });
    const list = (await new Client().get(path)).body as Athlete[];
    expect(list.map((a) => [a.bib, a.name])).toEqual([
      [3, "Артур Далалоян"],
      [12, "Никита Нагорный"],
    ]);
  });

  it.each([
    [{ bib: 1 }, "name"],
    [{ name: "A" }, "bib"],
    [{ name: "A", bib: 0 }, "bib"],
    [{ name: "A", bib: 1.5 }, "bib"],
  ])("names the bad field in %j", async (body, field) => {
    const { client } = await newHeadJudge();
    const { id } = await newCompetition(client);
    const problem = problemOf(await client.post(`/api/gym/events/${id}/athletes`, body), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });
});

describe("judges", () => {
  it("a seated judge holds the judge role for that seat only, and sees the competition once it runs", async () => {
    const { client } = await newHeadJudge();
    const { id } = await newCompetition(client);
    const judge = await newUser("Judge E2");
    const res = await client.post(`/api/gym/events/${id}/judges`, {
      email: judge.email,
      apparatus: "floor",
      position: "E2",
    });
    expect(res.status).toBe(201);
    expect((res.body as PanelSeat).judge).toEqual({ id: judge.id, name: "Judge E2" });
    expect(
      (await client.post(`/api/gym/events/${id}/judges`, { email: judge.email, apparatus: "floor", position: "E2" }))
        .status,
    ).toBe(200);

    const me = (await judge.client.get("/api/me")).body as { roles: { role: string; scope: string }[] };
    expect(me.roles).toEqual([{ role: "judge", scope: `competition:${id}/apparatus:floor/position:E2` }]);

    expect((await judge.client.get("/api/gym/events/active")).body).toEqual([]);
    await client.send("PUT", `/api/gym/events/${id}/status`, { action: "start" });
    const active = (await judge.client.get("/api/gym/events/active")).body as JudgeAssignment[];
    expect(active).toEqual([
      expect.objectContaining({
        competition: expect.objectContaining({ id }),
        seats: [{ apparatus: "floor", position: "E2" }],
      }),
    ]);
  });

  it("refuses a taken seat, an unknown apparatus, a seat the schema lacks, and an unknown person", async () => {
    const { client } = await newHeadJudge();
    const { id } = await newCompetition(client);
    const path = `/api/gym/events/${id}/judges`;
    const a = await newUser();
    const b = await newUser();
    await client.post(path, { email: a.email, apparatus: "rings", position: "D1" });
    expect(
      problemOf(await client.post(path, { email: b.email, apparatus: "rings", position: "D1" }), 409),
    ).toMatchObject({ reason: "seat_taken", apparatus: "rings", position: "D1" });
    expect(
      problemOf(await client.post(path, { email: b.email, apparatus: "beam", position: "D1" }), 400).errors?.[0]?.path,
    ).toBe("apparatus");
    expect(
      problemOf(await client.post(path, { email: b.email, apparatus: "rings", position: "J1" }), 400).errors?.[0]?.path,
    ).toBe("position");
    problemOf(await client.post(path, { email: "nobody@example.com", apparatus: "rings", position: "D2" }), 404);
  });
});
