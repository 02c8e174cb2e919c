// The benchmarks' floor, local development only: a no-op round trip through the Worker to an
// empty Durable Object (GET /api/bench/floor), and a bare broadcast to sockets connected to one
// (GET /api/bench/floor/socket to connect, POST /api/bench/floor/broadcast to send), so that each
// figure can be printed beside what the stack itself costs. The sockets live under /api because
// /parties/* serves only the live objects a browser may open (lib/sockets.ts).
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { createRouter, jsonBody, jsonResponse, problems } from "../lib/openapi";
import { badRequest, notFound } from "../lib/problem";

const tags = ["Platform"];
const FloorQuery = z.object({ name: z.string().max(64).default("floor") });

function benchFloor(c: Context<AppEnv>, name: string) {
  const floor = c.env.BENCH_FLOOR;
  if (!floor || c.env.APP_ENV !== "development") throw notFound("Benchmarks run against local development only.");
  return floor.getByName(name);
}

export const floorRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/bench/floor",
      tags,
      summary: "Benchmark floor: a no-op round trip to an empty Durable Object (development only)",
      request: { query: FloorQuery },
      responses: { 200: jsonResponse(z.object({ ok: z.literal(true) }), "Round trip done"), ...problems(404) },
    }),
    async (c) => {
      await benchFloor(c, c.req.valid("query").name).noop();
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/bench/floor/socket",
      tags,
      summary: "Benchmark floor: a WebSocket to an empty Durable Object that only relays broadcasts (development only)",
      request: { query: FloorQuery },
      responses: { 101: { description: "Switching to WebSocket" }, ...problems(400, 404) },
    }),
    async (c) => {
      const { name } = c.req.valid("query");
      const floor = benchFloor(c, name);
      if (c.req.header("upgrade")?.toLowerCase() !== "websocket") throw badRequest("Connect with a WebSocket.");
      const upgrade = new Request(c.req.raw);
      upgrade.headers.set("x-partykit-namespace", "bench-floor");
      upgrade.headers.set("x-partykit-room", name);
      return floor.fetch(upgrade);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/bench/floor/broadcast",
      tags,
      summary: "Benchmark floor: send a frame as it is to every socket of the floor object (development only)",
      request: { query: FloorQuery, body: jsonBody(z.object({ message: z.string().min(1).max(60_000) })) },
      responses: {
        200: jsonResponse(z.object({ sockets: z.number().int() }), "Sent to this many sockets"),
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const sockets = await benchFloor(c, c.req.valid("query").name).relay(c.req.valid("json").message);
      return c.json({ sockets }, 200);
    },
  );
