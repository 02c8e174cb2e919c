import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../worker/app";
import { Client, problemOf } from "./client";

describe("health", () => {
  it("reports the version, that D1 answers and the applied migration level", async () => {
    const res = await new Client().get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "ok",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: { reachable: true, upToDate: true, migration: expect.stringMatching(/^\d{4}_/) },
    });
  });
});

describe("every error is problem+json", () => {
  it("malformed JSON is a 400", async () => {
    const problem = problemOf(await new Client().post("/api/auth/login", '{"email":'), 400);
    expect(problem.detail).toMatch(/Malformed JSON/);
  });

  it("a body that is not JSON at all (curl -d 'not json') is a 415 that says what to send", async () => {
    const res = await new Client().send("POST", "/api/auth/login", "not json", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(problemOf(res, 415).detail).toMatch(/application\/json/);
  });

  it("a missing field is named", async () => {
    const problem = problemOf(await new Client().post("/api/auth/login", { email: "a@example.com" }), 400);
    expect(problem).toMatchObject({ type: "urn:podium:problem:validation", status: 400 });
    expect(problem.errors).toEqual([{ path: "password", code: "required", message: "Required." }]);
  });

  it("a field of the wrong type is told apart from a missing one, and bounds are given", async () => {
    const problem = problemOf(
      await new Client().post("/api/auth/register", {
        email: "a@example.com",
        password: 12345678,
        displayName: "x".repeat(81),
      }),
      400,
    );
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "password", code: "invalid_type" }),
        expect.objectContaining({ path: "displayName", code: "too_big", limit: 80 }),
      ]),
    );
  });

  it("an unknown route is a 404", async () => {
    const problem = problemOf(await new Client().get("/api/no/such/thing"), 404);
    expect(problem.detail).toContain("/api/no/such/thing");
    expect(problem.requestId).toEqual(expect.any(String));
  });

  it("an oversized body is a 413 and is not read", async () => {
    const huge = JSON.stringify({ email: "a@example.com", password: "x".repeat(MAX_BODY_BYTES) });
    problemOf(await new Client().post("/api/auth/login", huge), 413);
  });
});

describe("API description", () => {
  it("serves OpenAPI 3.1 with the accounts routes and the problem schema", async () => {
    const res = await new Client().get("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = res.body as { openapi: string; paths: Record<string, unknown>; components: { schemas: object } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/auth/register", "/api/auth/login", "/api/me", "/api/admin/users"]),
    );
    expect(doc.components.schemas).toHaveProperty("Problem");
  });

  it("serves interactive docs", async () => {
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch(new Request("http://127.0.0.1:8787/api/docs"));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("/api/openapi.json");
  });
});

describe("the benchmarks' floor (development only)", () => {
  it("answers a no-op round trip and a WebSocket, as bench/ needs them", async () => {
    const { exports } = await import("cloudflare:workers");
    expect((await new Client().get("/api/bench/floor")).body).toEqual({ ok: true });
    const res = await exports.default.fetch(
      new Request("http://127.0.0.1:8787/api/bench/floor/socket?name=platform-test", {
        headers: { upgrade: "websocket" },
      }),
    );
    expect(res.status).toBe(101);
    res.webSocket?.accept();
    res.webSocket?.close();
  });
});
