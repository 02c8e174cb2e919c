import { describe, expect, it } from "vitest";
import type { Bet, BettingEvent } from "../../worker/betting/contract";
import { asBet, bet, d1Bets, drainWriteThrough, newBookmaker, publish, uniqueEventId } from "./betting-helpers";
import { Client, newUser, problemOf } from "./client";

describe("the line provider", () => {
  it("a bookmaker publishes an event; the same publication again changes nothing", async () => {
    const { client } = await newBookmaker();
    const id = uniqueEventId();
    const deadline = new Date(Date.now() + 3_600_000).toISOString();
    const first = await client.post("/api/betting/line/events", {
      id,
      first_team: "A",
      second_team: "B",
      odds: 2.5,
      deadline,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id,
      title: "A — B",
      first_team: "A",
      second_team: "B",
      odds: 2.5,
      status: "not_finished",
      version: 1,
    });
    expect(
      (await client.post("/api/betting/line/events", { id, first_team: "A", second_team: "B", odds: 2.5, deadline }))
        .status,
    ).toBe(200);
    const clash = await client.post("/api/betting/line/events", {
      id,
      first_team: "A",
      second_team: "B",
      odds: 3,
      deadline,
    });
    problemOf(clash, 409);
  });

  it("refuses a numeric id (ids are strings) and makes one up when none is given", async () => {
    const { client } = await newBookmaker();
    const deadline = new Date(Date.now() + 60_000).toISOString();
    const numeric = await client.post("/api/betting/line/events", {
      id: 424242,
      first_team: "A",
      second_team: "B",
      odds: 1.5,
      deadline,
    });
    expect(problemOf(numeric, 400).errors?.map((e) => e.path)).toEqual(["id"]);
    const digits = await client.post("/api/betting/line/events", {
      id: "424242",
      first_team: "A",
      second_team: "B",
      odds: 1.5,
      deadline,
    });
    expect((digits.body as BettingEvent).id).toBe("424242");
    const generated = await client.post("/api/betting/line/events", {
      first_team: "A",
      second_team: "B",
      odds: 1.5,
      deadline,
    });
    expect((generated.body as BettingEvent).id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("only bookmakers publish or change events", async () => {
    const { client } = await newUser();
    const body = { odds: 1.5, deadline: new Date(Date.now() + 60_000).toISOString() };
    problemOf(await client.post("/api/betting/line/events", body), 403);
    problemOf(await new Client().post("/api/betting/line/events", body), 401);
    const event = await publish((await newBookmaker()).client);
    problemOf(await client.send("PATCH", `/api/betting/line/events/${event.id}`, { odds: 2 }), 403);
  });

  it("reads one event from its line, and 404 for an unknown one", async () => {
    const event = await publish((await newBookmaker()).client, { odds: 1.3 });
    expect((await new Client().get(`/api/betting/line/events/${event.id}`)).body).toMatchObject({ odds: 1.3 });
    problemOf(await new Client().get("/api/betting/line/events/never-published"), 404);
  });

  it("the line says how many bets an outcome would settle; lists do not carry it", async () => {
    const event = await publish((await newBookmaker()).client);
    const { client } = await newUser();
    await bet(client, event.id, 10);
    await bet(client, event.id, 20);
    expect((await new Client().get(`/api/betting/line/events/${event.id}`)).body).toMatchObject({ bet_count: 2 });
    const listed = (await new Client().get("/api/betting/events")).body as { items: BettingEvent[] };
    expect(listed.items.find((e) => e.id === event.id)).not.toHaveProperty("bet_count");
  });

  it("changes odds and deadline, bumping the version", async () => {
    const { client } = await newBookmaker();
    const event = await publish(client);
    const deadline = new Date(Date.now() + 7_200_000).toISOString();
    const res = await client.send("PATCH", `/api/betting/line/events/${event.id}`, { odds: 2.1, deadline });
    expect(res.body).toMatchObject({ odds: 2.1, deadline, version: 2 });
  });

  it("refuses to reopen a finished event, to change its odds, or to correct it without a reason", async () => {
    const { client } = await newBookmaker();
    const event = await publish(client);
    const path = `/api/betting/line/events/${event.id}`;
    expect((await client.send("PATCH", path, { status: "first_team_won" })).status).toBe(200);
    problemOf(await client.send("PATCH", path, { status: "not_finished" }), 409);
    problemOf(await client.send("PATCH", path, { odds: 3 }), 409);
    const noReason = problemOf(await client.send("PATCH", path, { status: "second_team_won" }), 400);
    expect(noReason.errors?.[0]?.path).toBe("reason");
  });

  it.each([
    [{ deadline: "2030-01-01T00:00:00Z" }, "odds"],
    [{ odds: 0, deadline: "2030-01-01T00:00:00Z" }, "odds"],
    [{ odds: -1.5, deadline: "2030-01-01T00:00:00Z" }, "odds"],
    [{ odds: 1.555, deadline: "2030-01-01T00:00:00Z" }, "odds"],
    [{ odds: "1.5", deadline: "2030-01-01T00:00:00Z" }, "odds"],
    [{ odds: 1.5 }, "deadline"],
    [{ odds: 1.5, deadline: "tomorrow" }, "deadline"],
    [{ odds: 1.5, deadline: "2030-01-01T00:00:00Z", id: "has spaces" }, "id"],
    [{ odds: 1.5, deadline: "2030-01-01T00:00:00Z", title: "" }, "title"],
    [{ odds: 1.5, deadline: "2030-01-01T00:00:00Z", second_team: "B" }, "first_team"],
    [{ odds: 1.5, deadline: "2030-01-01T00:00:00Z", first_team: "A", second_team: " " }, "second_team"],
  ])("names the bad field when publishing %j", async (body, field) => {
    const { client } = await newBookmaker();
    const problem = problemOf(await client.post("/api/betting/line/events", body), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it.each([
    [{}, "status"],
    [{ status: "draw" }, "status"],
    [{ odds: 0.001 }, "odds"],
    [{ deadline: 12 }, "deadline"],
  ])("names the bad field when changing %j", async (body, field) => {
    const { client } = await newBookmaker();
    const event = await publish(client);
    const problem = problemOf(await client.send("PATCH", `/api/betting/line/events/${event.id}`, body), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });
});

describe("placing a bet", () => {
  it("returns the bet's id, the locked odds, the potential payout and its status", async () => {
    const event = await publish((await newBookmaker()).client, { odds: 1.85 });
    const { client } = await newUser("Bettor");
    const res = await bet(client, event.id, 100.5);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      event_id: event.id,
      amount: 100.5,
      odds: 1.85,
      potential_payout: 185.92, // 100.50 × 1.85 = 185.925, truncated to kopecks
      status: "pending",
      payout: null,
    });
  });

  it("needs a logged-in bettor", async () => {
    const event = await publish((await newBookmaker()).client);
    problemOf(await bet(new Client(), event.id, 10), 401);
  });

  it("404 for an unknown event", async () => {
    const { client } = await newUser();
    const problem = problemOf(await bet(client, "no-such-event", 10), 404);
    expect(problem.detail).toContain("no-such-event");
  });

  it("409 with the current odds when the expected odds changed; nothing is stored", async () => {
    const bookmaker = await newBookmaker();
    const event = await publish(bookmaker.client, { odds: 1.85 });
    await bookmaker.client.send("PATCH", `/api/betting/line/events/${event.id}`, { odds: 1.7 });
    const { client } = await newUser();
    const res = await client.post("/api/betting/bet", { event_id: event.id, amount: 10, expected_odds: 1.85 });
    expect(problemOf(res, 409)).toMatchObject({ reason: "odds_changed", current_odds: 1.7 });
    await drainWriteThrough(event.id);
    expect(await d1Bets(event.id)).toEqual([]);
    expect((await client.post("/api/betting/bet", { event_id: event.id, amount: 10, expected_odds: 1.7 })).status).toBe(
      201,
    );
  });

  it("409 once the event has finished", async () => {
    const bookmaker = await newBookmaker();
    const event = await publish(bookmaker.client);
    await bookmaker.client.send("PATCH", `/api/betting/line/events/${event.id}`, { status: "second_team_won" });
    const { client } = await newUser();
    expect(problemOf(await bet(client, event.id, 10), 409)).toMatchObject({ reason: "finished" });
  });

  it("an idempotent retry returns the same bet and creates nothing", async () => {
    const event = await publish((await newBookmaker()).client);
    const { client } = await newUser();
    const key = { "idempotency-key": "retry-me-1" };
    const first = await bet(client, event.id, 25, key);
    const again = await bet(client, event.id, 25, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(asBet(again.body).id).toBe(asBet(first.body).id);
    problemOf(await bet(client, event.id, 30, key), 422);
    await drainWriteThrough(event.id);
    expect(await d1Bets(event.id)).toHaveLength(1);
  });

  it("the same key from two bettors is two bets", async () => {
    const event = await publish((await newBookmaker()).client);
    const key = { "idempotency-key": "shared-key" };
    const a = await bet((await newUser()).client, event.id, 5, key);
    const b = await bet((await newUser()).client, event.id, 5, key);
    expect(asBet(a.body).id).not.toBe(asBet(b.body).id);
  });

  it.each([
    [{ amount: 10 }, "event_id"],
    [{ event_id: "x" }, "amount"],
    [{ event_id: "x", amount: 0 }, "amount"],
    [{ event_id: "x", amount: -5 }, "amount"],
    [{ event_id: "x", amount: 0.001 }, "amount"],
    [{ event_id: "x", amount: "10" }, "amount"],
    [{ event_id: "x", amount: null }, "amount"],
    [{ event_id: "x", amount: 1e12 }, "amount"],
    [{ event_id: "x", amount: 10, expected_odds: 0 }, "expected_odds"],
    [{ event_id: "a b", amount: 10 }, "event_id"],
  ])("names the bad field in %j, and stores nothing", async (body, field) => {
    const { client } = await newUser();
    const problem = problemOf(await client.post("/api/betting/bet", body), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it("refuses a malformed Idempotency-Key", async () => {
    const event = await publish((await newBookmaker()).client);
    const { client } = await newUser();
    const problem = problemOf(await bet(client, event.id, 5, { "idempotency-key": "x".repeat(101) }), 400);
    expect(problem.errors?.map((e) => e.path)).toContain("idempotency-key");
  });
});

describe("listing", () => {
  it("GET /bets shows only the caller's bets, newest first, page by page", async () => {
    const event = await publish((await newBookmaker()).client);
    const { client } = await newUser();
    const other = await newUser();
    for (const amount of [1, 2, 3]) await bet(client, event.id, amount);
    await bet(other.client, event.id, 99);
    await drainWriteThrough(event.id);

    const first = (await client.get("/api/betting/bets?limit=2")).body as { items: Bet[]; next_cursor: string };
    expect(first.items.map((b) => b.amount)).toEqual([3, 2]);
    const second = (await client.get(`/api/betting/bets?limit=2&cursor=${first.next_cursor}`)).body as {
      items: Bet[];
      next_cursor: string | null;
    };
    expect(second.items.map((b) => b.amount)).toEqual([1]);
    expect(second.next_cursor).toBeNull();
  });

  it("GET /events is served from the edge cache the second time, with the same security headers", async () => {
    const url = `/api/betting/events?limit=7`;
    const first = await new Client().get(url);
    const second = await new Client().get(url);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("cache-control")).toMatch(/max-age=2/);
    expect(second.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("GET /events lists only events still taking bets, soonest deadline first", async () => {
    const bookmaker = await newBookmaker();
    const soon = await publish(bookmaker.client, { deadline: new Date(Date.now() + 60_000).toISOString() });
    const later = await publish(bookmaker.client, { deadline: new Date(Date.now() + 120_000).toISOString() });
    const finished = await publish(bookmaker.client);
    await bookmaker.client.send("PATCH", `/api/betting/line/events/${finished.id}`, { status: "first_team_won" });
    for (const e of [soon, later, finished]) await drainWriteThrough(e.id);

    const res = await new Client().get("/api/betting/events?limit=100");
    const ids = (res.body as { items: BettingEvent[] }).items.map((e) => e.id);
    expect(ids.indexOf(soon.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(soon.id)).toBeLessThan(ids.indexOf(later.id));
    expect(ids).not.toContain(finished.id);
    expect(res.headers.get("cache-control")).toMatch(/max-age=2/);
  });
});
