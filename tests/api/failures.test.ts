// Breaks this file's own D1 to see how the API fails (it runs alone, isolated: scripts/test-workers.mjs).
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { Client, newUser, problemOf } from "./client";

describe("when D1 itself fails", () => {
  it("an internal error is a 500 problem with a request id, logged in full, leaking no stack", async () => {
    const { client } = await newUser();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await env.DB.exec("DROP TABLE role_grant");

    const res = await client.get("/api/me");
    const problem = problemOf(res, 500);
    expect(problem.detail).toContain(problem.requestId);
    expect(JSON.stringify(problem)).not.toMatch(/role_grant|at .*\.ts|SQLITE/i);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`request ${problem.requestId}`), expect.anything());
    logged.mockRestore();
  });

  it("health says degraded (503) when D1's migrations are behind this build", async () => {
    await env.DB.exec("DELETE FROM d1_migrations");
    const res = await new Client().get("/api/health");
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: "degraded",
      database: { reachable: true, upToDate: false, migration: null },
    });
  });
});
