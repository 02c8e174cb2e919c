// The signed pass: a caller is known without reading D1 for PASS_SECONDS; logout ends it at once in
// that browser; a password change, a revoked session or a revoked role reach every other copy
// once the pass's minute is over (the clock is moved, not waited for); a tampered pass is refused.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PASS_SECONDS } from "../../worker/auth/pass";
import { newBookmaker, uniqueEventId } from "./betting-helpers";
import { Client, newUser, problemOf } from "./client";
import { grant } from "./grants";

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock the Worker reads past the pass's lifetime. */
function afterThePassMinute() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + (PASS_SECONDS + 1) * 1000);
}

/** A client that has made one request, so it holds a pass. */
async function withPass() {
  const user = await newUser();
  expect((await user.client.get("/api/me")).status).toBe(200);
  expect(user.client.cookieHeader()).toMatch(/podium\.pass=/);
  return user;
}

describe("the pass", () => {
  it("knows the caller without the session in D1 for its minute, then asks D1 again", async () => {
    const { client, id } = await withPass();
    await env.DB.prepare("DELETE FROM session WHERE user_id = ?").bind(id).run();
    // Still known: nothing was read from D1 to know who calls.
    expect((await client.post("/api/betting/bet", { event_id: "no-such-event", amount: 1 })).status).toBe(404);
    afterThePassMinute();
    problemOf(await client.post("/api/betting/bet", { event_id: "no-such-event", amount: 1 }), 401);
  });

  it("comes with the session at registration and login: the first request reads no session from D1", async () => {
    const { client, id, email, password } = await newUser();
    expect(client.cookieHeader()).toMatch(/podium\.pass=/);
    const other = new Client();
    await other.post("/api/auth/login", { email, password });
    expect(other.cookieHeader()).toMatch(/podium\.pass=/);
    await env.DB.prepare("DELETE FROM session WHERE user_id = ?").bind(id).run();
    for (const browser of [client, other]) {
      expect((await browser.post("/api/betting/bet", { event_id: "no-such-event", amount: 1 })).status).toBe(404);
    }
  });

  it("an expired pass with a live session is simply renewed", async () => {
    const { client } = await withPass();
    const before = client.cookieHeader();
    afterThePassMinute();
    expect((await client.get("/api/betting/bets")).status).toBe(200);
    expect(client.cookieHeader()).not.toBe(before);
  });

  it("a tampered pass gets 401 problem+json", async () => {
    const { client } = await withPass();
    const forged = client.cookieHeader().replace(/podium\.pass=([^.;]+)\.([^;]+)/, (_, payload: string) => {
      const claims = JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/")));
      const altered = btoa(JSON.stringify({ ...claims, uid: "someone-else" }))
        .replaceAll("+", "-")
        .replaceAll("/", "_")
        .replace(/=+$/, "");
      return `podium.pass=${altered}.${"A".repeat(43)}`;
    });
    const res = await new Client().send("GET", "/api/betting/bets", undefined, { cookie: forged });
    expect(problemOf(res, 401).detail).toMatch(/altered/);
  });

  it("a pass without its session cookie opens nothing", async () => {
    const { client } = await withPass();
    const passOnly = client
      .cookieHeader()
      .split("; ")
      .filter((c) => c.startsWith("podium.pass="))
      .join("; ");
    problemOf(await new Client().send("GET", "/api/betting/bets", undefined, { cookie: passOnly }), 401);
  });
});

describe("revocation", () => {
  it("logout ends the session at once in that browser; a copy of its cookies stops once the pass's minute is over", async () => {
    const { client } = await withPass();
    const copy = client.clone();
    expect((await client.post("/api/auth/logout")).status).toBe(200);
    expect(client.cookieHeader()).not.toMatch(/podium\.(pass|session_token)=/);
    problemOf(await client.get("/api/betting/bets"), 401);
    afterThePassMinute();
    problemOf(await copy.get("/api/betting/bets"), 401);
  });

  it("a password change reaches another device within the pass's minute", async () => {
    const { client, email, password } = await newUser();
    const other = new Client();
    await other.post("/api/auth/login", { email, password });
    expect((await other.get("/api/betting/bets")).status).toBe(200);
    await client.post("/api/auth/password", { currentPassword: password, newPassword: "a new secret 9" });
    expect((await client.get("/api/betting/bets")).status).toBe(200);
    afterThePassMinute();
    problemOf(await other.get("/api/betting/bets"), 401);
    expect((await client.get("/api/betting/bets")).status).toBe(200);
  });

  it("a revoked role stops working once the pass's minute is over; a new one works at once", async () => {
    const bookmaker = await newBookmaker();
    const publish = () =>
      bookmaker.client.post("/api/betting/line/events", {
        id: uniqueEventId(),
        first_team: "A",
        second_team: "B",
        odds: 1.5,
        deadline: new Date(Date.now() + 3_600_000).toISOString(),
      });
    expect((await publish()).status).toBe(201);
    await env.DB.prepare("DELETE FROM role_grant WHERE user_id = ?").bind(bookmaker.id).run();
    afterThePassMinute();
    problemOf(await publish(), 403);

    const late = await withPass();
    await grant(late.id, "bookmaker");
    // The pass predates the grant: the refusal is checked against D1 before it is given.
    expect(
      (
        await late.client.post("/api/betting/line/events", {
          id: uniqueEventId(),
          first_team: "C",
          second_team: "D",
          odds: 1.5,
          deadline: new Date(Date.now() + 3_600_000).toISOString(),
        })
      ).status,
    ).toBe(201);
  });

  it("granting and revoking roles asks D1: a revoked admin is refused at once", async () => {
    const admin = await newUser("Admin");
    await grant(admin.id, "admin");
    expect((await admin.client.get("/api/admin/users")).status).toBe(200);
    await grant(admin.id, "bookmaker"); // keeps the account's grants non-empty
    await env.DB.prepare("DELETE FROM role_grant WHERE user_id = ? AND role = 'admin'").bind(admin.id).run();
    problemOf(await admin.client.get("/api/admin/users"), 403);
  });
});
