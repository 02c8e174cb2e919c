// How sockets are admitted and when they are closed: names and rooms checked before the upgrade
// (nothing stored for a stranger, no internal text in any answer), and a socket that does not
// outlive its session (logout, a password change elsewhere, a role taken away).
import { listDurableObjectIds } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ServerMessage as BettingMessage } from "../../worker/betting/protocol";
import type { SessionFrame } from "../../worker/gym/protocol";
import { CLOSE } from "../../worker/lib/live";
import { bet, newBookmaker, publish } from "../api/betting-helpers";
import { Client, newUser, ORIGIN } from "../api/client";
import { floorPanel, openFloor } from "./gym-helpers";
import { closedWith, connectSocket } from "./socket";

const upgrade = (path: string) =>
  exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers: { upgrade: "websocket" } }));

describe("names and rooms are checked before the upgrade", () => {
  it.each([
    ["event-line", 1_024],
    ["event-line", 1_025],
    ["scoreboard", 1_025],
    ["scoring-session", 1_025],
  ])("a %s name of %d bytes is 400 problem+json, with no internal text", async (object, bytes) => {
    const res = await upgrade(`/parties/${object}/${"a".repeat(bytes)}`);
    expect(res.status).toBe(400);
    expect(res.webSocket).toBeNull();
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.text()).not.toMatch(/at .*\.(ts|js)|Error:|workerd|node_modules/);
  });

  it("an unknown event or competition is 404 before the upgrade, and no object is made for it", async () => {
    const before = (await listDurableObjectIds(env.EVENT_LINE)).length;
    for (const path of ["/parties/event-line/no-such-event", "/parties/scoreboard/no-such-competition"]) {
      const res = await upgrade(path);
      expect(res.status).toBe(404);
      expect(res.webSocket).toBeNull();
    }
    expect((await listDurableObjectIds(env.EVENT_LINE)).length).toBe(before);
  });

  it("a live object no browser may open, or a path with no name, is 404", async () => {
    expect((await upgrade("/parties/bench-floor/floor")).status).toBe(404);
    expect((await upgrade("/parties/person-sockets/someone")).status).toBe(404);
    expect((await upgrade("/parties/nothing-here/x")).status).toBe(404);
    expect((await upgrade("/parties/event-line/")).status).toBe(400);
  });

  it("an event that exists is admitted at once after it is published", async () => {
    const event = await publish((await newBookmaker()).client);
    const socket = await connectSocket<BettingMessage>(`/parties/event-line/${event.id}`);
    expect((await socket.next("snapshot")).event.id).toBe(event.id);
    socket.socket.close();
  });
});

describe("a socket does not outlive its session", () => {
  async function bettorWatching() {
    const event = await publish((await newBookmaker()).client);
    const bettor = await newUser("Bettor");
    await bettor.client.get("/api/me"); // holds a pass, as a browser would
    const socket = await connectSocket<BettingMessage>(`/parties/event-line/${event.id}`, bettor.client.cookieHeader());
    await socket.next("snapshot");
    await bet(bettor.client, event.id, 10);
    await socket.next("bets");
    return { event, bettor, socket };
  }

  it("logout closes the bettor's socket at once with 4401; nothing private arrives after", async () => {
    const { event, bettor, socket } = await bettorWatching();
    await bettor.client.post("/api/auth/logout");
    expect(await closedWith(socket)).toMatchObject({ code: CLOSE.sessionEnded });
    // the same browser, now anonymous, is admitted again and sees no bets of anyone's
    const again = await connectSocket<BettingMessage>(`/parties/event-line/${event.id}`, bettor.client.cookieHeader());
    expect((await again.next("snapshot")).bets).toEqual([]);
    again.socket.close();
  });

  it("a password change on another device closes the bettor's sockets", async () => {
    const { bettor, socket } = await bettorWatching();
    const otherDevice = new Client();
    await otherDevice.post("/api/auth/login", { email: bettor.email, password: bettor.password });
    await otherDevice.post("/api/auth/password", { currentPassword: bettor.password, newPassword: "new secret 42" });
    expect(await closedWith(socket)).toMatchObject({ code: CLOSE.sessionEnded });
  });

  it("the head judge's live view of a session closes at logout", async () => {
    const panel = await floorPanel();
    const { session_id } = await openFloor(panel);
    await panel.head.client.get("/api/me");
    const watch = await connectSocket<SessionFrame>(
      `/parties/scoring-session/${session_id}`,
      panel.head.client.cookieHeader(),
    );
    await watch.next("session");
    await panel.head.client.post("/api/auth/logout");
    expect(await closedWith(watch)).toMatchObject({ code: CLOSE.sessionEnded });
    // and it is not let back in without a session
    expect((await upgrade(`/parties/scoring-session/${session_id}`)).status).toBe(401);
  });

  it("a judge whose seat is freed has their hall socket closed, to come back without that seat's tasks", async () => {
    const panel = await floorPanel();
    const judge = panel.judges.E3 as Client;
    await judge.get("/api/me");
    const hall = await connectSocket<{ type?: string }>(
      `/parties/scoreboard/${panel.competition.id}`,
      judge.cookieHeader(),
    );
    await hall.matching("a snapshot", (m): m is { type: "snapshot" } => m.type === "snapshot");
    await panel.head.client.delete(`/api/gym/events/${panel.competition.id}/judges/floor/E3`);
    expect(await closedWith(hall)).toMatchObject({ code: CLOSE.sessionEnded });
  });
});
