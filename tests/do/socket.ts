// A WebSocket to a live object through the real Worker, as a browser opens it, with helpers to
// wait for messages (explicit timeouts, and failures that say what did arrive).
import { exports } from "cloudflare:workers";
import { ORIGIN } from "../api/client";

export async function connectSocket<M extends object>(path: string, cookie?: string) {
  const res = await exports.default.fetch(
    new Request(`${ORIGIN}${path}`, { headers: { upgrade: "websocket", ...(cookie && { cookie }) } }),
  );
  const socket = res.webSocket;
  if (!socket) throw new Error(`no WebSocket at ${path}: ${res.status} ${await res.text()}`);
  const received: M[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  let closed: { code: number; reason: string } | null = null;
  socket.addEventListener("message", (e) => {
    received.push(JSON.parse(String(e.data)) as M);
    wake();
  });
  socket.addEventListener("close", (e) => {
    closed = { code: e.code, reason: e.reason };
    wake();
  });
  socket.accept();

  /** Waits until a message matches, failing after 5 s with what did arrive. */
  async function matching<T extends M>(what: string, matches: (m: M) => m is T): Promise<T> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = received.find(matches);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} within 5 s; got ${JSON.stringify(received)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Waits for a message of a type (and matching `where`). */
  function next<T extends Extract<M, { type: string }>["type"]>(
    type: T,
    where: (m: Extract<M, { type: T }>) => boolean = () => true,
  ) {
    return matching(
      `a "${type}" message`,
      (m): m is Extract<M, { type: T }> => "type" in m && m.type === type && where(m as Extract<M, { type: T }>),
    );
  }

  return { socket, received, next, matching, closed: () => closed };
}

/** Waits (up to 5 s) for the server to close a socket; answers how it was closed. */
export async function closedWith(socket: { closed: () => { code: number; reason: string } | null }) {
  const deadline = Date.now() + 5_000;
  while (!socket.closed()) {
    if (Date.now() > deadline) throw new Error("the socket was not closed within 5 s");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return socket.closed();
}
