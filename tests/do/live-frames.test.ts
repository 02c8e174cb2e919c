// What a live object does with a client's frames before any work: too big, too many, unreadable.
import { describe, expect, it, vi } from "vitest";
import { CLOSE, MAX_CLIENT_FRAME } from "../../worker/lib/live";
import { newUser } from "../api/client";
import { grant } from "../api/grants";
import { closedWith, connectSocket } from "./socket";

type Frame = { type: "snapshot" } | { type: "pong"; id: string } | { type: "error"; message: string };

/** A spectator's socket to a new competition's scoreboard (every live object answers frames alike). */
async function spectator() {
  const head = await newUser("Head Judge");
  await grant(head.id, "head_judge");
  const competition = await head.client.post("/api/gym/events", { name: "Frames Cup", discipline: "WAG" });
  return connectSocket<Frame>(`/parties/scoreboard/${(competition.body as { id: string }).id}`);
}

describe("a live object's client frames", () => {
  it("a frame just over the size limit closes the socket with 1009, unread", async () => {
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const socket = await spectator();
    await socket.next("snapshot");
    socket.socket.send(JSON.stringify({ type: "ping", id: "x".repeat(MAX_CLIENT_FRAME) }));
    expect(await closedWith(socket)).toMatchObject({ code: CLOSE.tooBig });
    expect(socket.received.filter((m) => m.type === "error" || m.type === "pong")).toEqual([]);
    warned.mockRestore();
  });

  it("a frame at the limit is read", async () => {
    const socket = await spectator();
    await socket.next("snapshot");
    const padding = MAX_CLIENT_FRAME - JSON.stringify({ type: "ping", id: "" }).length;
    socket.socket.send(JSON.stringify({ type: "ping", id: "p".repeat(Math.min(padding, 64)) }));
    await socket.next("pong");
    expect(socket.closed()).toBeNull();
    socket.socket.close();
  });

  it("a flood of resyncs is told to slow down and closed with 4429; a calm client is not", async () => {
    const flood = await spectator();
    await flood.next("snapshot");
    for (let i = 0; i < 200; i++) flood.socket.send(JSON.stringify({ type: "resync" }));
    expect(await closedWith(flood)).toMatchObject({ code: CLOSE.rateLimited });
    expect(flood.received.filter((m) => m.type === "snapshot").length).toBeLessThanOrEqual(21);
    expect(flood.received.some((m) => m.type === "error" && /slow down/.test(m.message))).toBe(true);

    const calm = await spectator();
    await calm.next("snapshot");
    for (let i = 0; i < 5; i++) calm.socket.send(JSON.stringify({ type: "ping", id: `p${i}` }));
    await calm.next("pong", (m) => m.id === "p4");
    expect(calm.closed()).toBeNull();
    calm.socket.close();
  });
});
