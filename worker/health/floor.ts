// GET /api/bench/floor: a round trip through the Worker to an empty Durable Object, so that
// benchmarks can print each figure beside this floor. Local development only.
import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, jsonResponse, problems } from "../lib/openapi";
import { notFound } from "../lib/problem";

export const floorRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/bench/floor",
    tags: ["Platform"],
    summary: "Benchmark floor: a no-op round trip to an empty Durable Object (development only)",
    request: { query: z.object({ name: z.string().max(64).default("floor") }) },
    responses: { 200: jsonResponse(z.object({ ok: z.literal(true) }), "Round trip done"), ...problems(404) },
  }),
  async (c) => {
    const floor = c.env.BENCH_FLOOR;
    if (!floor || c.env.APP_ENV !== "development") throw notFound("Benchmarks run against local development only.");
    await floor.getByName(c.req.valid("query").name).noop();
    return c.json({ ok: true as const }, 200);
  },
);
