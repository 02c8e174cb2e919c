// Who may call what (ARCHITECTURE rule 9): the session is checked here, in the Worker, before
// any use case runs. Routes declare `requireUser` or `requireRole(role, scope)`.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { type Auth, createAuth } from "../auth/better-auth";
import { GLOBAL_SCOPE, type Grant, holdsRole, type Role } from "../auth/rules";
import { loadGrants, loadViewer, type Viewer } from "../auth/viewer";
import { createDb } from "../db";
import type { AppEnv } from "../env";
import { forbidden, unauthorized } from "./problem";

type Ctx = Context<AppEnv>;

/** The request's better-auth instance, made once per request. */
export function authOf(c: Ctx): Auth {
  let auth = c.get("auth");
  if (!auth) {
    auth = createAuth(c.env, new URL(c.req.url).origin);
    c.set("auth", auth);
  }
  return auth;
}

/** The caller, or null when not logged in; the session is looked up once per request. */
export async function viewerOf(c: Ctx): Promise<Viewer | null> {
  let viewer = c.get("viewer");
  if (viewer === undefined) {
    viewer = await loadViewer(authOf(c), c.req.raw.headers);
    c.set("viewer", viewer);
  }
  return viewer;
}

/** The signed-in caller's role grants, looked up once per request and only when asked for. */
export async function grantsOf(c: Ctx): Promise<Grant[]> {
  let grants = c.get("grants");
  if (grants === undefined) {
    grants = await loadGrants(createDb(c.env.DB), signedIn(c).id);
    c.set("grants", grants);
  }
  return grants;
}

/** The caller of a route behind `requireUser` or `requireRole`. */
export function signedIn(c: Ctx): Viewer {
  const viewer = c.get("viewer");
  if (!viewer) throw unauthorized();
  return viewer;
}

export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  if (!(await viewerOf(c))) throw unauthorized();
  await next();
});

/** The scope a route needs: fixed, or read off the request (e.g. `c => \`event:${c.req.param("id")}\``). */
export type ScopeOf = string | ((c: Ctx) => string);

/** Whether the signed-in caller holds one of the roles on the scope (or a broader one). */
export async function hasRole(c: Ctx, roles: Role | Role[], scope: string): Promise<boolean> {
  const wanted = Array.isArray(roles) ? roles : [roles];
  const grants = await grantsOf(c);
  return wanted.some((role) => holdsRole(grants, role, scope));
}

/** Refuses unless the caller holds one of the roles on the scope (or a broader one). */
export async function assertRole(c: Ctx, roles: Role | Role[], scope: string): Promise<void> {
  if (!(await viewerOf(c))) throw unauthorized();
  if (!(await hasRole(c, roles, scope))) {
    const wanted = Array.isArray(roles) ? roles : [roles];
    throw forbidden(`This needs the role ${wanted.map((r) => `"${r}"`).join(" or ")} for scope "${scope}".`);
  }
}

export function requireRole(roles: Role | Role[], scope: ScopeOf = GLOBAL_SCOPE) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await assertRole(c, roles, typeof scope === "function" ? scope(c) : scope);
    await next();
  });
}
