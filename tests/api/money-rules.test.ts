// Money and odds are checked as they were sent, never rounded into validity; odds pay more than
// the stake; a new event closes in the future; ids are strings; a cursor is one the API gave.
import { describe, expect, it } from "vitest";
import type { Bet } from "../../worker/betting/contract";
import { bet, newBookmaker, publish, uniqueEventId } from "./betting-helpers";
import { newUser, problemOf } from "./client";

const future = () => new Date(Date.now() + 3_600_000).toISOString();

describe("stakes", () => {
  it.each([
    [0.000000002, "decimals"],
    [250.000000001, "decimals"],
    [1e-7, "decimals"],
    [0, "too_small"],
    [-5, "too_small"],
    [1_000_000.01, "too_big"],
  ])("a stake of %d is refused with 400 (%s) naming amount", async (amount, code) => {
    const { client: bookmaker } = await newBookmaker();
    const event = await publish(bookmaker);
    const { client } = await newUser();
    const problem = problemOf(await bet(client, event.id, amount), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ path: "amount", code })]);
  });

  it("0.01 is the smallest stake and is taken exactly", async () => {
    const event = await publish((await newBookmaker()).client);
    const { client } = await newUser();
    const res = await bet(client, event.id, 0.01);
    expect(res.status).toBe(201);
    expect((res.body as Bet).amount).toBe(0.01);
  });
});

describe("odds", () => {
  it.each([
    [1, "too_small"],
    [0.5, "too_small"],
    [0.000000002, "decimals"],
    [1.005, "decimals"],
  ])("odds of %d are refused when publishing (%s)", async (odds, code) => {
    const { client } = await newBookmaker();
    const res = await client.post("/api/betting/line/events", {
      id: uniqueEventId(),
      first_team: "A",
      second_team: "B",
      odds,
      deadline: future(),
    });
    expect(problemOf(res, 400).errors).toEqual([expect.objectContaining({ path: "odds", code })]);
  });

  it("odds of 1.01 are the lowest accepted; changing them to 1 is refused", async () => {
    const { client } = await newBookmaker();
    const event = await publish(client, { odds: 1.01 });
    expect(event.odds).toBe(1.01);
    const res = await client.send("PATCH", `/api/betting/line/events/${event.id}`, { odds: 1 });
    expect(problemOf(res, 400).errors?.[0]?.path).toBe("odds");
  });

  it("expected odds in a bet are checked the same way", async () => {
    const event = await publish((await newBookmaker()).client);
    const { client } = await newUser();
    const res = await client.post("/api/betting/bet", { event_id: event.id, amount: 10, expected_odds: 0.9 });
    expect(problemOf(res, 400).errors?.[0]?.path).toBe("expected_odds");
  });
});

describe("events", () => {
  it("a new event's deadline must be in the future", async () => {
    const { client } = await newBookmaker();
    const res = await client.post("/api/betting/line/events", {
      id: uniqueEventId(),
      first_team: "A",
      second_team: "B",
      odds: 1.5,
      deadline: new Date(Date.now() - 1_000).toISOString(),
    });
    expect(problemOf(res, 400).errors?.[0]?.path).toBe("deadline");
  });

  it("an event id in a bet is a string: a number is refused", async () => {
    const { client } = await newUser();
    const res = await client.post("/api/betting/bet", { event_id: 12345, amount: 10 });
    expect(problemOf(res, 400).errors?.[0]?.path).toBe("event_id");
  });
});

describe("paged lists", () => {
  it.each(["/api/betting/bets", "/api/betting/events", "/api/betting/line/events", "/api/gym/events"])(
    "%s refuses a cursor it did not give, naming it",
    async (path) => {
      const { client } = await newUser();
      const problem = problemOf(await client.get(`${path}?cursor=garbage`), 400);
      expect(problem.errors?.[0]?.path).toBe("cursor");
    },
  );
});
