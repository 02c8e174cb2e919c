import {
  createExecutionContext,
  createScheduledController,
  evictDurableObject,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Bet } from "../../worker/betting/contract";
import { eventLine } from "../../worker/betting/line/service";
import type { ServerMessage } from "../../worker/betting/protocol";
import { payoutOf } from "../../worker/betting/rules";
import worker from "../../worker/index";
import { asBet, bet, d1Bets, drainWriteThrough, newBookmaker, publish } from "../api/betting-helpers";
import { newUser, ORIGIN, problemOf } from "../api/client";
import { connectSocket } from "./socket";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("the deadline, on the line's own clock", () => {
  it("accepts a bet a millisecond before the deadline and refuses one at it or after", async () => {
    // Near now, so that the bettor's session is still valid at the faked times.
    const deadline = Math.ceil(Date.now() / 1000) * 1000 + 600_000;
    const event = await publish((await newBookmaker()).client, { deadline: new Date(deadline).toISOString() });
    const { client } = await newUser();

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(deadline - 1);
    expect((await bet(client, event.id, 10)).status).toBe(201);
    vi.setSystemTime(deadline);
    expect(problemOf(await bet(client, event.id, 10), 409)).toMatchObject({ reason: "deadline_passed" });
    vi.setSystemTime(deadline + 60_000);
    problemOf(await bet(client, event.id, 10), 409);
  });
});

describe("the line's own idempotency (a client that lost its recent-bets cookie)", () => {
  it("answers a retry with the first bet, after the event finished too, and refuses the key for another bet", async () => {
    const bookmaker = await newBookmaker();
    const event = await publish(bookmaker.client);
    const line = eventLine(env, event.id);
    const order = { bettorId: "bettor-1", amount: 25, idempotencyKey: "k-1" };
    const first = await line.placeBet(order);
    if (!first.ok) throw new Error("the first bet was refused");
    expect(first.value.replayed).toBe(false);
    expect(await line.placeBet({ ...order, amount: 30 })).toMatchObject({ ok: false, status: 422 });

    await bookmaker.client.send("PATCH", `/api/betting/line/events/${event.id}`, { status: "first_team_won" });
    const again = await line.placeBet(order);
    expect(again).toMatchObject({ ok: true, value: { replayed: true, bet: { id: first.value.bet.id } } });
    expect(await line.placeBet({ ...order, idempotencyKey: "k-2" })).toMatchObject({ ok: false, status: 409 });
    expect((await line.bettorBets("bettor-1")).bets).toHaveLength(1);
  });
});

describe("a thousand bets at once on one event", () => {
  it("all get distinct ids and all reach GET /bets and D1", { timeout: 60_000 }, async () => {
    const event = await publish((await newBookmaker()).client);
    const bettors = await Promise.all(Array.from({ length: 10 }, () => newUser()));
    const placed = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        bet((bettors[i % 10] as (typeof bettors)[number]).client, event.id, 1 + (i % 50)),
      ),
    );
    expect(placed.map((r) => r.status).every((s) => s === 201)).toBe(true);
    const ids = new Set(placed.map((r) => asBet(r.body).id));
    expect(ids.size).toBe(1000);

    await drainWriteThrough(event.id);
    const stored = await d1Bets(event.id);
    expect(stored).toHaveLength(1000);
    expect(new Set(stored.map((b) => b.id))).toEqual(ids);

    const listed = new Set<string>();
    for (const { client } of bettors) {
      let cursor: string | null = null;
      do {
        const res = await client.get(`/api/betting/bets?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
        const page = res.body as { items: Bet[]; next_cursor: string | null };
        for (const b of page.items) listed.add(b.id);
        cursor = page.next_cursor;
      } while (cursor);
    }
    expect(listed).toEqual(ids);
  });
});

describe("settlement", () => {
  async function eventWithBets(odds: number, amounts: number[]) {
    const bookmaker = await newBookmaker();
    const event = await publish(bookmaker.client, { odds });
    const { client } = await newUser();
    const bets = [];
    for (const amount of amounts) bets.push(asBet((await bet(client, event.id, amount)).body));
    return { bookmaker, event, client, bets };
  }

  it("a win of the first team makes every bet won, paying amount × odds, in the line and in D1", async () => {
    const { bookmaker, event, client } = await eventWithBets(1.85, [10, 100.5, 0.01]);
    await drainWriteThrough(event.id);
    await bookmaker.client.send("PATCH", `/api/betting/line/events/${event.id}`, { status: "first_team_won" });
    await drainWriteThrough(event.id);

    const mine = ((await client.get("/api/betting/bets")).body as { items: Bet[] }).items;
    expect(mine.map((b) => [b.amount, b.status, b.payout])).toEqual([
      [0.01, "won", 0.01],
      [100.5, "won", 185.92],
      [10, "won", 18.5],
    ]);
    for (const row of await d1Bets(event.id)) {
      expect(row.status).toBe("won");
      expect(row.payout).toBe(payoutOf(row.amount, row.odds));
    }
  });

  it("a win of the second team makes every bet lost, paying nothing, even bets not yet in D1", async () => {
    const { bookmaker, event } = await eventWithBets(2.5, [10, 20]);
    await bookmaker.client.send("PATCH", `/api/betting/line/events/${event.id}`, { status: "second_team_won" });
    await drainWriteThrough(event.id);
    expect((await d1Bets(event.id)).map((b) => [b.status, b.payout])).toEqual([
      ["lost", 0],
      ["lost", 0],
    ]);
  });

  it("a corrected outcome re-settles every bet and leaves an audit record", async () => {
    const { bookmaker, event } = await eventWithBets(3, [10, 20]);
    const path = `/api/betting/line/events/${event.id}`;
    await bookmaker.client.send("PATCH", path, { status: "second_team_won" });
    await drainWriteThrough(event.id);
    const corrected = await bookmaker.client.send("PATCH", path, {
      status: "first_team_won",
      reason: "VAR overturned",
    });
    expect(corrected.status).toBe(200);
    await drainWriteThrough(event.id);

    expect((await d1Bets(event.id)).map((b) => [b.status, b.payout])).toEqual([
      ["won", 3000],
      ["won", 6000],
    ]);
    const { results } = await env.DB.prepare(
      "SELECT actor_id, action, before, after, reason FROM betting_audit WHERE event_id = ? ORDER BY seq",
    )
      .bind(event.id)
      .all();
    expect(results).toEqual([
      { actor_id: bookmaker.id, action: "finish", before: "not_finished", after: "second_team_won", reason: null },
      {
        actor_id: bookmaker.id,
        action: "correct_outcome",
        before: "second_team_won",
        after: "first_team_won",
        reason: "VAR overturned",
      },
    ]);
  });

  it("a write-through that fails is retried until D1 takes it", async () => {
    const { event } = await eventWithBets(2, [10, 20, 30]);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await env.DB.exec("ALTER TABLE bet RENAME TO bet_away");

    const stub = eventLine(env, event.id);
    const { runDurableObjectAlarm } = await import("cloudflare:test");
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("write-through failed"), expect.anything());
    const retryAt = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm());
    expect(retryAt).not.toBeNull();

    await env.DB.exec("ALTER TABLE bet_away RENAME TO bet");
    await drainWriteThrough(event.id);
    expect(await d1Bets(event.id)).toHaveLength(3);
  });

  it("the cron reconciliation settles a bet left pending in D1 after its event finished", async () => {
    const { bookmaker, event } = await eventWithBets(2, [10, 20]);
    await bookmaker.client.send("PATCH", `/api/betting/line/events/${event.id}`, { status: "first_team_won" });
    await drainWriteThrough(event.id);
    // Simulate a lost write-through: D1 has a bet pending though its event has finished.
    await env.DB.prepare("UPDATE bet SET status = 'pending', payout = NULL, settled_at = NULL WHERE event_id = ?")
      .bind(event.id)
      .run();
    const logged = vi.spyOn(console, "log").mockImplementation(() => {});

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    expect((await d1Bets(event.id)).map((b) => [b.status, b.payout])).toEqual([
      ["won", 2000],
      ["won", 4000],
    ]);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/settled 2 pending bets of 1 finished event/));
  });
});

describe("live over WebSocket", () => {
  const connect = (eventId: string, cookie?: string) =>
    connectSocket<ServerMessage>(`/parties/event-line/${eventId}`, cookie);

  it("sends a snapshot, then odds changes with the next version, then the bettor's bets settled", async () => {
    const bookmaker = await newBookmaker();
    const event = await publish(bookmaker.client, { odds: 1.85 });
    const bettor = await newUser();
    const placed = asBet((await bet(bettor.client, event.id, 10)).body);
    const live = await connect(event.id, bettor.client.cookieHeader());

    const snapshot = await live.next("snapshot");
    expect(snapshot.event).toMatchObject({ odds: 1.85 });
    expect(snapshot.bets.map((b) => b.id)).toEqual([placed.id]);

    await bookmaker.client.send("PATCH", `/api/betting/line/events/${event.id}`, { odds: 2.05 });
    const changed = await live.next("event");
    expect(changed).toMatchObject({ version: snapshot.version + 1, event: { odds: 2.05 } });

    await bookmaker.client.send("PATCH", `/api/betting/line/events/${event.id}`, { status: "first_team_won" });
    const settled = await live.next("bets", (m) => m.bets.some((b) => b.status === "won"));
    expect(settled.bets).toEqual([expect.objectContaining({ id: placed.id, status: "won", payout: 18.5 })]);
    live.socket.close();
  });

  it("a spectator without a session gets the line but no bets, and no one else's", async () => {
    const bookmaker = await newBookmaker();
    const event = await publish(bookmaker.client);
    await bet((await newUser()).client, event.id, 10);
    const live = await connect(event.id);
    expect((await live.next("snapshot")).bets).toEqual([]);
    live.socket.close();
  });

  it("answers resync with a snapshot, and refuses an unreadable frame with a typed error", async () => {
    const event = await publish((await newBookmaker()).client);
    const live = await connect(event.id);
    await live.next("snapshot");
    live.socket.send("{not json");
    await live.next("error");
    live.socket.send(JSON.stringify({ type: "resync" }));
    await live.next("snapshot", () => live.received.filter((m) => m.type === "snapshot").length === 2);
    live.socket.close();
  });

  it("refuses an event that does not exist before the upgrade, with 404", async () => {
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/parties/event-line/nobody-published-this`, { headers: { upgrade: "websocket" } }),
    );
    expect(res.status).toBe(404);
    expect(res.webSocket).toBeNull();
  });

  it("keeps its bets and goes on taking them after being evicted", async () => {
    const event = await publish((await newBookmaker()).client);
    const { client } = await newUser();
    const first = asBet((await bet(client, event.id, 10)).body);
    await evictDurableObject(eventLine(env, event.id));
    const second = await bet(client, event.id, 20);
    expect(second.status).toBe(201);
    await drainWriteThrough(event.id);
    expect((await d1Bets(event.id)).map((b) => b.id)).toEqual([first.id, asBet(second.body).id]);
  });

  it("a socket to an object that is not meant for browsers is refused", async () => {
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/parties/bench-floor/anything`, { headers: { upgrade: "websocket" } }),
    );
    expect(res.status).toBe(404);
    expect(res.webSocket).toBeNull();
  });

  it("plain HTTP to a live object is refused", async () => {
    const res = await exports.default.fetch(new Request(`${ORIGIN}/parties/event-line/anything`));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});
