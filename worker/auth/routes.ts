// HTTP adapter of the accounts use cases: /api/auth/* and /api/me.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createDb } from "../db";
import type { AppEnv } from "../env";
import { authOf, grantsOf, requireUser, signedIn } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, problems, SESSION } from "../lib/openapi";
import { ChangePasswordRequest, LoginRequest, Profile, RegisterRequest } from "./contract";
import { clearedPassCookie, identify } from "./identity";
import { closeSockets } from "./revocation";
import * as accounts from "./service";

const tags = ["Accounts"];
const Ok = z.object({ ok: z.literal(true) }).openapi("Ok");
const SignedIn = Profile.omit({ roles: true }).openapi("SignedIn");

function deps(c: Context<AppEnv>): accounts.AccountDeps {
  return { auth: authOf(c), db: createDb(c.env.DB), now: Date.now };
}

/** Passes the library's Set-Cookie headers on to the client. */
function sendCookies(c: Context<AppEnv>, headers: Headers) {
  for (const cookie of headers.getSetCookie()) c.header("set-cookie", cookie, { append: true });
}

/**
 * Passes on the cookies of a session just made, with a pass for it beside them: otherwise the
 * browser's first request would read the session from D1 to make one, and a crowd that has just
 * logged in would all do so at once.
 */
async function sendSessionCookies(c: Context<AppEnv>, headers: Headers) {
  sendCookies(c, headers);
  const cookie = headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const identity = await identify(c.env, new Headers({ cookie }), new URL(c.req.url).origin, Date.now());
  if (identity?.setCookie) c.header("set-cookie", identity.setCookie, { append: true });
}

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/register",
      tags,
      summary: "Create an account and log in",
      request: { body: jsonBody(RegisterRequest) },
      responses: { 201: jsonResponse(Profile, "Account created; the session cookie is set"), ...problems(400, 409) },
    }),
    async (c) => {
      const { result, headers } = await accounts.register(deps(c), c.req.valid("json"), c.req.raw.headers);
      await sendSessionCookies(c, headers);
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/login",
      tags,
      summary: "Log in with email and password",
      description: "Repeated failures for one account or one address are slowed down, then refused for a while (429).",
      request: { body: jsonBody(LoginRequest) },
      responses: { 200: jsonResponse(SignedIn, "Logged in; the session cookie is set"), ...problems(400, 401, 429) },
    }),
    async (c) => {
      const address = c.req.header("cf-connecting-ip") ?? null;
      const { result, headers } = await accounts.login(deps(c), c.req.valid("json"), {
        headers: c.req.raw.headers,
        address,
      });
      await sendSessionCookies(c, headers);
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/logout",
      tags,
      summary: "Log out: the session is revoked",
      security: SESSION,
      middleware: requireUser,
      responses: { 200: jsonResponse(Ok, "Logged out"), ...problems(401) },
    }),
    async (c) => {
      const { headers } = await accounts.logout(deps(c), c.req.raw.headers);
      await closeSockets(c.env, signedIn(c).id, signedIn(c).sessionId);
      sendCookies(c, headers);
      c.header("set-cookie", clearedPassCookie(new URL(c.req.url).origin), { append: true });
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/password",
      tags,
      summary: "Change your password; every other session is revoked",
      security: SESSION,
      middleware: requireUser,
      description: "Wrong current passwords are throttled like failed logins (429 with Retry-After).",
      request: { body: jsonBody(ChangePasswordRequest) },
      responses: { 200: jsonResponse(Ok, "Password changed"), ...problems(400, 401, 429) },
    }),
    async (c) => {
      const { headers } = await accounts.changePassword(deps(c), c.req.valid("json"), {
        headers: c.req.raw.headers,
        email: signedIn(c).email,
      });
      // Every other session was revoked: their sockets close; this browser's reconnect at once.
      await closeSockets(c.env, signedIn(c).id, null);
      sendCookies(c, headers);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags,
      summary: "Who you are, with your roles",
      security: SESSION,
      middleware: requireUser,
      responses: { 200: jsonResponse(Profile, "Your profile"), ...problems(401) },
    }),
    // Fresh from D1: the web app reads it on every load, so what it shows of roles is never stale.
    async (c) => c.json(accounts.profileOf(signedIn(c), await grantsOf(c, { fresh: true })), 200),
  );
