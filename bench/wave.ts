// A reconnect wave, for bench:live: a hall of spectators' sockets to one competition's Scoreboard,
// all dropped at once (the venue's Wi-Fi blinks), each coming back by the web app's own policy
// (LiveSocket: jittered delays, 10 s to open). Measured: when each is back (open, with a fresh
// snapshot), and how many connection attempts timed out on the way.
import { LiveSocket } from "../web/src/lib/reconnect";

export interface Wave {
  /** Per socket, ms from the drop until it had its new snapshot. */
  backAfterMs: number[];
  /** Connection attempts that hit LiveSocket's connection timeout. */
  timeouts: number;
  /** Sockets not back within the wait. */
  missing: number;
}

const OPEN_BATCH = 50;
const WAIT_MS = 60_000;

const isSnapshot = (data: unknown) => typeof data === "string" && data.startsWith('{"type":"snapshot"');

/** One spectator's socket, resolved once its first snapshot arrives. */
function spectator(host: string, room: string): Promise<LiveSocket> {
  const socket = new LiveSocket({ host, party: "scoreboard", room, protocol: "ws", WebSocket });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no snapshot on ${host}/parties/scoreboard/${room}`)), WAIT_MS);
    socket.addEventListener("message", function first(event) {
      if (!isSnapshot(event.data)) return;
      clearTimeout(timer);
      socket.removeEventListener("message", first);
      resolve(socket);
    });
  });
}

export async function reconnectWave(host: string, room: string, count: number): Promise<Wave> {
  const sockets: LiveSocket[] = [];
  for (let i = 0; i < count; i += OPEN_BATCH) {
    const batch = Array.from({ length: Math.min(OPEN_BATCH, count - i) }, () => spectator(host, room));
    sockets.push(...(await Promise.all(batch)));
  }

  const backAfterMs = new Array<number>(count).fill(Number.NaN);
  let timeouts = 0;
  let back = 0;
  let dropped = 0;
  const allBack = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, WAIT_MS);
    sockets.forEach((socket, i) => {
      socket.addEventListener("error", (event) => {
        if ((event as ErrorEvent).message === "TIMEOUT") timeouts++;
      });
      socket.addEventListener("message", (event) => {
        if (!isSnapshot(event.data) || !Number.isNaN(backAfterMs[i])) return;
        backAfterMs[i] = performance.now() - dropped;
        if (++back === count) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  });

  // The connection under every socket closes at the same moment, as when the hall's network goes:
  // each LiveSocket sees its connection end and reconnects by its own policy, as in a browser.
  dropped = performance.now();
  for (const socket of sockets) (socket as unknown as { _ws: WebSocket })._ws.close(1000, "network dropped");
  await allBack;
  for (const socket of sockets) socket.close();
  return { backAfterMs: backAfterMs.filter((ms) => !Number.isNaN(ms)), timeouts, missing: count - back };
}
