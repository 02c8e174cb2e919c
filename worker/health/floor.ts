// The benchmarks' floor, local development only: a no-op round trip through the Worker to an
// empty Durable Object (GET /api/bench/floor), and a bare broadcast to sockets connected to one
// (GET /api/bench/floor/socket to connect, POST /api/bench/floor/broadcast to send), so that each
// figure can be printed beside what the stack itself costs. The sockets live under /api because
// /parties/* serves only the live objects a browser may open (lib/sockets.ts).
import { type Context, Hono } from "hono";
import type { AppEnv } from "../env";
import { badRequest, notFound } from "../lib/problem";

const MAX_RELAYED_FRAME = 60_000;

/** The floor object named by `?name=` (default "floor"): 404 outside local development. */
function benchFloor(c: Context<AppEnv>) {
  const floor = c.env.BENCH_FLOOR;
  if (!floor || c.env.APP_ENV !== "development") throw notFound("Benchmarks run against local development only.");
  const name = c.req.query("name") ?? "floor";
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw badRequest("Name the floor with 1–64 letters, digits, - or _.");
  return { floor: floor.getByName(name), name };
}

// Plain Hono routes, not OpenAPI ones: a development tool has no place in the API's description.
export const floorRoutes = new Hono<AppEnv>()
  .get("/bench/floor", async (c) => {
    await benchFloor(c).floor.noop();
    return c.json({ ok: true as const }, 200);
  })
  .get("/bench/floor/socket", async (c) => {
    const { floor, name } = benchFloor(c);
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") throw badRequest("Connect with a WebSocket.");
    const upgrade = new Request(c.req.raw);
    upgrade.headers.set("x-partykit-namespace", "bench-floor");
    upgrade.headers.set("x-partykit-room", name);
    return floor.fetch(upgrade);
  })
  .post("/bench/floor/broadcast", async (c) => {
    const body = await c.req.json<{ message?: unknown }>().catch(() => ({ message: undefined }));
    const message = body.message;
    if (typeof message !== "string" || message.length === 0 || message.length > MAX_RELAYED_FRAME) {
      throw badRequest(`Send {"message": "<a frame of 1–${MAX_RELAYED_FRAME} characters>"}.`);
    }
    return c.json({ sockets: await benchFloor(c).floor.relay(message) }, 200);
  });
