// Who is calling, from the request's cookies: the pass when it holds (no D1 read at all), else the
// session in D1, after which a new pass is made for the next PASS_SECONDS. The API's middleware
// (lib/auth.ts) and the socket router (lib/sockets.ts) both ask here.
import { parse } from "hono/utils/cookie";
import { createDb } from "../db";
import { unauthorized } from "../lib/problem";
import { createAuth, isLocalOrigin } from "./better-auth";
import { bindingOf, issuePass, PASS_SECONDS, readPass } from "./pass";
import type { Grant } from "./rules";
import { loadGrants, loadViewer, type Viewer } from "./viewer";

export interface Identity {
  viewer: Viewer;
  /** The grants the pass carried (or read from D1 with the session); null when the pass had too many. */
  grants: Grant[] | null;
  /** Where the identity came from: the pass, or the session in D1 (which made a new pass). */
  source: "pass" | "session";
  /** The Set-Cookie of the new pass, when one was made. */
  setCookie?: string;
}

/** Cookie names: better-auth's session cookie (cookiePrefix "podium"), and the pass beside it. */
function cookieNames(origin: string) {
  const prefix = isLocalOrigin(origin) ? "" : "__Secure-";
  return { session: `${prefix}podium.session_token`, pass: `${prefix}podium.pass` };
}

function passCookie(origin: string, value: string, maxAge: number): string {
  const secure = isLocalOrigin(origin) ? "" : "; Secure";
  return `${cookieNames(origin).pass}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
}

/** The Set-Cookie that drops this browser's pass (logout, or grants that changed). */
export const clearedPassCookie = (origin: string) => passCookie(origin, "", 0);

/**
 * The caller, or null when not logged in. A pass that fails its signature is an attack, not a
 * stale cookie: 401 at once. An expired or unbound one just means asking D1.
 */
export async function identify(env: Env, headers: Headers, origin: string, now: number): Promise<Identity | null> {
  const names = cookieNames(origin);
  const cookies = parse(headers.get("cookie") ?? "");
  const sessionCookie = cookies[names.session];
  if (!sessionCookie) return null;
  const pass = cookies[names.pass];
  if (pass) {
    const reading = await readPass(env.AUTH_SECRET, pass, sessionCookie, now);
    if (reading.ok) {
      const { sid, uid, email, name, grants } = reading.claims;
      return { viewer: { id: uid, email, displayName: name, sessionId: sid }, grants, source: "pass" };
    }
    if (reading.why === "tampered") throw unauthorized("This browser's credentials were altered: log in again.");
  }
  const viewer = await loadViewer(createAuth(env, origin), headers);
  if (!viewer) return null;
  const grants = await loadGrants(createDb(env.DB), viewer.id);
  const value = await issuePass(
    env.AUTH_SECRET,
    {
      sid: viewer.sessionId,
      uid: viewer.id,
      email: viewer.email,
      name: viewer.displayName,
      grants,
      bind: await bindingOf(sessionCookie),
    },
    now,
  );
  return { viewer, grants, source: "session", setCookie: passCookie(origin, value, PASS_SECONDS) };
}
