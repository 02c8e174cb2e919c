// better-auth, set up for Podium: drizzle on D1, email and password, sessions in D1 behind an
// HttpOnly SameSite=Lax cookie. Built from the bindings, which exist only once a request comes, and
// then kept for the isolate's life: setting it up resolves the whole schema and its endpoints,
// which cost more than the session lookup it is made for.

import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { betterAuth } from "better-auth/minimal";
import { createDb } from "../db";
import * as schema from "../db/schema";
import { PASSWORD_MAX, PASSWORD_MIN } from "./contract";
import { hashPassword, verifyPassword } from "./password";

const DAY = 60 * 60 * 24;

export type Auth = ReturnType<typeof configure>;

/** Local development serves plain HTTP, where cookies cannot be Secure. */
export function isLocalOrigin(origin: string): boolean {
  const { hostname } = new URL(origin);
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

/** One instance per D1 binding (it lives as long as the isolate), secret and origin. */
const instances = new WeakMap<D1Database, Map<string, Auth>>();

export function createAuth(env: Env, origin: string): Auth {
  let byOrigin = instances.get(env.DB);
  if (!byOrigin) {
    byOrigin = new Map();
    instances.set(env.DB, byOrigin);
  }
  const key = `${env.AUTH_SECRET}\n${origin}`;
  let auth = byOrigin.get(key);
  if (!auth) {
    auth = configure(env, origin);
    byOrigin.set(key, auth);
  }
  return auth;
}

function configure(env: Env, origin: string) {
  const local = isLocalOrigin(origin);
  return betterAuth({
    appName: "Podium",
    baseURL: origin,
    basePath: "/api/auth",
    secret: env.AUTH_SECRET,
    database: drizzleAdapter(createDb(env.DB), { provider: "sqlite", schema }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    // Looked up in D1 at most once a minute per browser: between lookups the caller is known from
    // Podium's own signed pass (./pass.ts), which also carries their roles.
    session: { expiresIn: 30 * DAY, updateAge: DAY },
    // Podium throttles logins itself, per account and per address (./throttle.ts).
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      cookiePrefix: "podium",
      useSecureCookies: !local,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] },
    },
  });
}
