import { describe, expect, it, vi } from "vitest";
import { PASS_SECONDS } from "../../worker/auth/pass";
import { Client, newUser, problemOf } from "./client";

describe("registering", () => {
  it("creates the account, logs it in and shows it at /api/me", async () => {
    const client = new Client();
    const res = await client.post("/api/auth/register", {
      email: "Mariya@Example.com",
      password: "long enough",
      displayName: "Мария Петрова",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: "mariya@example.com", displayName: "Мария Петрова", roles: [] });
    const cookie = res.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/podium\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const me = await client.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: "mariya@example.com", displayName: "Мария Петрова" });
  });

  it("refuses a second account with the same email, whatever its case, with 409", async () => {
    const { email } = await newUser();
    const res = await new Client().post("/api/auth/register", {
      email: email.toUpperCase(),
      password: "another one",
      displayName: "Someone",
    });
    expect(problemOf(res, 409).detail).toMatch(/already exists/);
  });

  it.each([
    [{ password: "long enough", displayName: "A" }, "email"],
    [{ email: "not-an-email", password: "long enough", displayName: "A" }, "email"],
    [{ email: "a@example.com", password: "short", displayName: "A" }, "password"],
    [{ email: "a@example.com", password: "x".repeat(129), displayName: "A" }, "password"],
    [{ email: "a@example.com", password: "long enough", displayName: "   " }, "displayName"],
    [{ email: "a@example.com", password: 12345678, displayName: "A" }, "password"],
  ])("names the bad field in a 400: %j", async (body, field) => {
    const problem = problemOf(await new Client().post("/api/auth/register", body), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
    expect(problem.detail).toContain(field);
  });
});

describe("logging in", () => {
  it("answers 401 for a wrong password and sets no cookie", async () => {
    const { email } = await newUser();
    const res = await new Client().post("/api/auth/login", { email, password: "wrong password" });
    expect(problemOf(res, 401).detail).toBe("Wrong email or password.");
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("answers 401 for an unknown email, the same as for a wrong password", async () => {
    const res = await new Client().post("/api/auth/login", { email: "nobody@example.com", password: "whatever1" });
    expect(problemOf(res, 401).detail).toBe("Wrong email or password.");
  });

  it("opens a session that /api/me recognises", async () => {
    const { email, password } = await newUser("Ivan");
    const client = new Client();
    expect((await client.post("/api/auth/login", { email, password })).status).toBe(200);
    expect((await client.get("/api/me")).body).toMatchObject({ email, displayName: "Ivan" });
  });
});

describe("sessions are revocable", () => {
  it("logout ends the session: its cookie no longer opens anything", async () => {
    const { client } = await newUser();
    const stolen = client.clone();
    expect((await client.post("/api/auth/logout")).status).toBe(200);
    problemOf(await client.get("/api/me"), 401);
    // A copy of the cookies holds the pass made at registration: refused once its minute is over.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + (PASS_SECONDS + 1) * 1000);
    problemOf(await stolen.get("/api/me"), 401);
    vi.useRealTimers();
  });

  it("logout without a session is 401", async () => {
    problemOf(await new Client().post("/api/auth/logout"), 401);
  });

  it("a password change revokes the other sessions and keeps this one", async () => {
    const { client, email, password } = await newUser();
    const otherDevice = new Client();
    await otherDevice.post("/api/auth/login", { email, password });
    expect((await otherDevice.get("/api/me")).status).toBe(200);

    const res = await client.post("/api/auth/password", { currentPassword: password, newPassword: "brand new secret" });
    expect(res.status).toBe(200);
    expect((await client.get("/api/me")).status).toBe(200);
    // The other device's pass holds for its minute (tests/api/pass.test.ts), then it is refused.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + (PASS_SECONDS + 1) * 1000);
    problemOf(await otherDevice.get("/api/me"), 401);
    vi.useRealTimers();

    problemOf(await new Client().post("/api/auth/login", { email, password }), 401);
    expect((await new Client().post("/api/auth/login", { email, password: "brand new secret" })).status).toBe(200);
  });

  it("a password change with the wrong current password is refused and changes nothing", async () => {
    const { client, email, password } = await newUser();
    const res = await client.post("/api/auth/password", {
      currentPassword: "not it at all",
      newPassword: "brand new 2",
    });
    expect(problemOf(res, 400).errors?.[0]?.path).toBe("currentPassword");
    expect((await new Client().post("/api/auth/login", { email, password })).status).toBe(200);
  });
});

describe("failed logins are slowed down, then refused", () => {
  it("after a few failures for one account even the right password must wait (429, Retry-After)", async () => {
    const { email, password } = await newUser();
    const guesser = new Client("203.0.113.10");
    for (let i = 0; i < 4; i++) {
      problemOf(await guesser.post("/api/auth/login", { email, password: `guess ${i}` }), 401);
    }
    const refused = await new Client("203.0.113.11").post("/api/auth/login", { email, password });
    const problem = problemOf(refused, 429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(problem.retryAfter).toBe(Number(refused.headers.get("retry-after")));
  });

  it("many failures from one address across accounts are refused for that address only", async () => {
    const address = "203.0.113.20";
    for (let i = 0; i < 11; i++) {
      const res = await new Client(address).post("/api/auth/login", {
        email: `nobody${i}@example.com`,
        password: "x1",
      });
      problemOf(res, 401);
    }
    const { email, password } = await newUser();
    problemOf(await new Client(address).post("/api/auth/login", { email, password }), 429);
    expect((await new Client("203.0.113.21").post("/api/auth/login", { email, password })).status).toBe(200);
  });

  it("concurrent wrong guesses all count", async () => {
    const { email } = await newUser();
    const guesses = Array.from({ length: 6 }, (_, i) =>
      new Client(`203.0.113.${30 + i}`).post("/api/auth/login", { email, password: `parallel ${i}` }),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    problemOf(await new Client("203.0.113.99").post("/api/auth/login", { email, password: "one more" }), 429);
  });
});
