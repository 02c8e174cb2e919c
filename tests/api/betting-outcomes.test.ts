// Rules other books got wrong: a match that never happens is void (stakes back), a bettor sees
// their own bet the moment it is accepted, and an Idempotency-Key is the bettor's whatever the event.
import { describe, expect, it } from "vitest";
import type { Bet, BettingEvent } from "../../worker/betting/contract";
import { asBet, bet, d1Bets, drainWriteThrough, newBookmaker, publish } from "./betting-helpers";
import { type Client, newUser, problemOf } from "./client";

const patch = (bookmaker: { client: Client }, id: string, body: object) =>
  bookmaker.client.send("PATCH", `/api/betting/line/events/${id}`, body);

describe("a void event", () => {
  it("voiding an open event settles every bet void with the stake returned, in the line and in D1", async () => {
    const bookmaker = await newBookmaker();
    const event = await publish(bookmaker.client, { odds: 2.5 });
    const { client } = await newUser();
    await bet(client, event.id, 100);
    await bet(client, event.id, 0.01);

    problemOf(await patch(bookmaker, event.id, { status: "void" }), 400); // a reason is needed
    const res = await patch(bookmaker, event.id, { status: "void", reason: "match abandoned: floodlights failed" });
    expect((res.body as BettingEvent).status).toBe("void");

    const mine = (await client.get("/api/betting/bets")).body as { items: Bet[] };
    expect(mine.items.map((b) => [b.status, b.amount, b.payout])).toEqual([
      ["void", 0.01, 0.01],
      ["void", 100, 100],
    ]);
    await drainWriteThrough(event.id);
    expect((await d1Bets(event.id)).map((b) => [b.status, b.payout])).toEqual([
      ["void", 10_000],
      ["void", 1],
    ]);
    expect(problemOf(await bet(client, event.id, 5), 409)).toMatchObject({ reason: "finished" });
  });

  it("voiding a settled event re-settles it like a correction, audited with the reason", async () => {
    const bookmaker = await newBookmaker();
    const event = await publish(bookmaker.client, { odds: 3 });
    const { client } = await newUser();
    await bet(client, event.id, 10);
    await patch(bookmaker, event.id, { status: "first_team_won" });
    let [settled] = ((await client.get("/api/betting/bets")).body as { items: Bet[] }).items;
    expect(settled).toMatchObject({ status: "won", payout: 30 });

    await patch(bookmaker, event.id, { status: "void", reason: "the match was annulled by the league" });
    [settled] = ((await client.get("/api/betting/bets")).body as { items: Bet[] }).items;
    expect(settled).toMatchObject({ status: "void", payout: 10 });
    await drainWriteThrough(event.id);
    expect((await d1Bets(event.id)).map((b) => [b.status, b.payout])).toEqual([["void", 1_000]]);
    const { env } = await import("cloudflare:workers");
    const audit = await env.DB.prepare("SELECT action, before, after, reason FROM betting_audit WHERE event_id = ?")
      .bind(event.id)
      .all();
    expect(audit.results.at(-1)).toEqual({
      action: "void",
      before: "first_team_won",
      after: "void",
      reason: "the match was annulled by the league",
    });
  });
});

describe("reading your own bet at once", () => {
  it("20 bets, each followed at once by the list: every one is there, though D1 has it only later", async () => {
    const event = await publish((await newBookmaker()).client);
    const { client } = await newUser();
    for (let i = 0; i < 20; i++) {
      const placed = asBet((await bet(client, event.id, 1 + i)).body);
      const listed = (await client.get("/api/betting/bets?limit=50")).body as { items: Bet[] };
      expect(listed.items.map((b) => b.id)).toContain(placed.id);
      expect(listed.items).toHaveLength(i + 1);
      expect(listed.items[0]).toMatchObject({ id: placed.id, status: "pending", event_title: event.title });
    }
    // and the list is the same once D1 has them all
    await drainWriteThrough(event.id);
    const after = (await client.get("/api/betting/bets?limit=50")).body as { items: Bet[] };
    expect(after.items).toHaveLength(20);
  });

  it("a short page stays a page: the newest first, the cursor continues after them", async () => {
    const event = await publish((await newBookmaker()).client);
    const { client } = await newUser();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.unshift(asBet((await bet(client, event.id, 5)).body).id);
    const first = (await client.get("/api/betting/bets?limit=2")).body as { items: Bet[]; next_cursor: string };
    expect(first.items.map((b) => b.id)).toEqual(ids.slice(0, 2));
    await drainWriteThrough(event.id);
    const second = (await client.get(`/api/betting/bets?limit=2&cursor=${first.next_cursor}`)).body as {
      items: Bet[];
    };
    expect(second.items.map((b) => b.id)).toEqual(ids.slice(2));
  });
});

describe("an Idempotency-Key is the bettor's", () => {
  it("the same key for another event, or another amount, is 422 and places nothing", async () => {
    const bookmaker = await newBookmaker();
    const [first, second] = [await publish(bookmaker.client), await publish(bookmaker.client)];
    const { client } = await newUser();
    const key = { "idempotency-key": "mine-1" };
    expect((await bet(client, first.id, 10, key)).status).toBe(201);
    const otherEvent = problemOf(await bet(client, second.id, 10, key), 422);
    expect(otherEvent.detail).toMatch(/different bet/);
    problemOf(await bet(client, first.id, 11, key), 422);
    expect((await bet(client, first.id, 10, key)).status).toBe(200); // the same request: the first bet
    await drainWriteThrough(second.id);
    expect(await d1Bets(second.id)).toEqual([]);
  });

  it("another bettor's identical key is their own", async () => {
    const event = await publish((await newBookmaker()).client);
    const key = { "idempotency-key": "shared-key" };
    const [a, b] = [await newUser("A"), await newUser("B")];
    const first = asBet((await bet(a.client, event.id, 10, key)).body);
    const res = await bet(b.client, event.id, 20, key);
    expect(res.status).toBe(201);
    expect(asBet(res.body).id).not.toBe(first.id);
  });
});
