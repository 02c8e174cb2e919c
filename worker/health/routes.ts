// GET /api/health: the version, whether D1 answers, and whether its migrations are current.
import { createRoute, z } from "@hono/zod-openapi";
import journal from "../../migrations/meta/_journal.json";
import { version } from "../../package.json";
import { createRouter, jsonResponse } from "../lib/openapi";

/** The newest migration this build was made with; D1 should have applied it. */
const EXPECTED = journal.entries.at(-1)?.tag ?? null;

const Health = z
  .object({
    status: z.enum(["ok", "degraded"]),
    version: z.string(),
    database: z.object({
      reachable: z.boolean(),
      migration: z.string().nullable().openapi({ description: "The last migration applied to D1" }),
      expected: z.string().nullable().openapi({ description: "The last migration this build knows" }),
      upToDate: z.boolean(),
    }),
  })
  .openapi("Health");

async function appliedMigration(db: D1Database): Promise<string | null> {
  const row = await db.prepare("SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1").first<{ name: string }>();
  return row ? row.name.replace(/\.sql$/, "") : null;
}

export const healthRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/health",
    tags: ["Platform"],
    summary: "Is Podium up, and is its database migrated?",
    responses: {
      200: jsonResponse(Health, "Up and migrated"),
      503: jsonResponse(Health, "D1 does not answer, or its migrations are behind"),
    },
  }),
  async (c) => {
    const migration = await appliedMigration(c.env.DB).then(
      (name) => ({ reachable: true, name }),
      (error: unknown) => {
        console.error("health: D1 did not answer", error);
        return { reachable: false, name: null };
      },
    );
    const upToDate = migration.reachable && migration.name === EXPECTED;
    const body = {
      status: upToDate ? ("ok" as const) : ("degraded" as const),
      version,
      database: { reachable: migration.reachable, migration: migration.name, expected: EXPECTED, upToDate },
    };
    return upToDate ? c.json(body, 200) : c.json(body, 503);
  },
);
