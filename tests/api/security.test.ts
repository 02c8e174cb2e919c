// What an attacker tries against the platform: bursts of password guesses, writes from another
// site, bodies of the wrong type, development routes in the public description.
import { describe, expect, it } from "vitest";
import { Client, newUser, ORIGIN, problemOf } from "./client";

describe("password guesses sent in parallel get no more tries than one at a time", () => {
  it("40 guesses at once: at most the free tries are checked, the rest are 429", async () => {
    const { email, password } = await newUser();
    const guesses = Array.from({ length: 40 }, (_, i) =>
      new Client(`203.0.113.${100 + i}`).post("/api/auth/login", { email, password: `guess ${i}` }),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    // ACCOUNT_POLICY: 3 free failures, so the 4th try is still immediate, the 5th must wait.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(36);
    // and the right password, right after the burst, must wait too
    problemOf(await new Client("203.0.113.199").post("/api/auth/login", { email, password }), 429);
  });

  it("100 at once are checked at most the free number of times, whatever their addresses", async () => {
    const { email } = await newUser();
    const guesses = Array.from({ length: 100 }, (_, i) =>
      new Client(`198.18.${Math.floor(i / 200)}.${i}`).post("/api/auth/login", { email, password: `guess ${i}` }),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(96);
  });

  it("a right password after a few wrong ones logs in and gives the tries back", async () => {
    const { email, password } = await newUser();
    const client = new Client("203.0.113.200");
    for (let i = 0; i < 2; i++) problemOf(await client.post("/api/auth/login", { email, password: `no ${i}` }), 401);
    expect((await client.post("/api/auth/login", { email, password })).status).toBe(200);
    // the account's failures were forgotten: three more wrong tries cost nothing
    for (let i = 0; i < 3; i++) problemOf(await client.post("/api/auth/login", { email, password: `no ${i}` }), 401);
  });

  it("POST /api/auth/password is throttled per account: a stolen cookie cannot guess the current password", async () => {
    const { client, password } = await newUser();
    const guesses = Array.from({ length: 20 }, (_, i) =>
      client.post("/api/auth/password", { currentPassword: `guess ${i}`, newPassword: "taken over now" }),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(16);
    // even the right current password must now wait
    const right = await client.post("/api/auth/password", { currentPassword: password, newPassword: "taken over" });
    expect(Number(problemOf(right, 429).retryAfter)).toBeGreaterThan(0);
  });
});

describe("writes from another site are refused", () => {
  it.each([
    ["an Origin of another site", { origin: "https://evil.example" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site (a sibling subdomain)", { "sec-fetch-site": "same-site" }],
  ])("a bodyless POST with %s is 403 problem+json and changes nothing", async (_, headers) => {
    const { client } = await newUser();
    const problem = problemOf(await client.post("/api/auth/logout", undefined, headers), 403);
    expect(problem.detail).toMatch(/another site/);
    expect((await client.get("/api/me")).status).toBe(200);
  });

  it("the app's own pages (same origin) and clients that are no browser (no Origin) may write", async () => {
    const { client } = await newUser();
    expect((await client.clone().post("/api/auth/logout", undefined, { origin: ORIGIN })).status).toBe(200);
    const other = await newUser();
    expect((await other.client.post("/api/auth/logout", undefined, { "sec-fetch-site": "same-origin" })).status).toBe(
      200,
    );
    const third = await newUser();
    expect((await third.client.post("/api/auth/logout")).status).toBe(200);
  });

  it("reads are not affected", async () => {
    const { client } = await newUser();
    expect((await client.send("GET", "/api/me", undefined, { origin: "https://evil.example" })).status).toBe(200);
  });

  it("a WebSocket opened by another site's page is refused before the upgrade", async () => {
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/parties/event-line/some-event`, {
        headers: { upgrade: "websocket", origin: "https://evil.example" },
      }),
    );
    expect(res.status).toBe(403);
    expect(res.webSocket).toBeNull();
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("bodies are JSON, in every valid spelling, and nothing else", () => {
  const login = { email: "nobody@example.com", password: "whatever1" };
  /** A login for an account of its own, so the throttle of one case does not touch another's. */
  const loginOf = (type: string) => ({ ...login, email: `nobody-${type.replace(/[^a-z]/gi, "")}@example.com` });

  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "application/json ; charset=utf-8",
    "Application/JSON;charset=UTF-8",
    "application/problem+json",
  ])("%s is read as JSON", async (type) => {
    const res = await new Client().send("POST", "/api/auth/login", JSON.stringify(loginOf(type)), {
      "content-type": type,
    });
    expect(res.status).toBe(401); // read, checked, wrong credentials
  });

  it.each([
    ["text/plain", "text/plain"],
    ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded"],
    ["multipart/form-data; boundary=x", "multipart/form-data"],
  ])("%s is 415, naming what is accepted", async (type, named) => {
    const res = await new Client().send("POST", "/api/auth/login", JSON.stringify(login), { "content-type": type });
    const problem = problemOf(res, 415);
    expect(problem.detail).toContain("application/json");
    expect(problem.detail).toContain(named);
    expect(problem.accepted).toEqual(["application/json"]);
  });

  it("a body with no Content-Type at all is 415", async () => {
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/api/auth/login`, {
        method: "POST",
        body: new TextEncoder().encode(JSON.stringify(login)),
      }),
    );
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("the public API description", () => {
  it("has no development-only routes, and documents 415 for JSON bodies and 422 for a reused key", async () => {
    const doc = (await new Client().get("/api/openapi.json")).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.paths).filter((p) => p.includes("/bench"))).toEqual([]);
    expect(doc.paths["/api/auth/login"]?.post?.responses).toHaveProperty("415");
    expect(doc.paths["/api/betting/bet"]?.post?.responses).toHaveProperty("422");
    expect(doc.paths["/api/me"]?.get?.responses).not.toHaveProperty("415");
  });

  it("ids are strings in the description and in fact", async () => {
    const doc = (await new Client().get("/api/openapi.json")).body as {
      components: { schemas: Record<string, { properties: Record<string, { type?: string }> }> };
    };
    expect(doc.components.schemas.PlaceBetRequest?.properties.event_id?.type).toBe("string");
  });
});
