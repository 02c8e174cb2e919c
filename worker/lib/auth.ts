// Who may call what (ARCHITECTURE rule 9): the caller is checked here, in the Worker, before any
// use case runs. Routes declare `requireUser` or `requireRole(role, scope)`. The caller and their
// roles come from the signed pass (auth/pass.ts) when it holds, so a hot path reads nothing from
// D1; a role check the pass refuses is asked of D1 again, so a role granted a moment ago works.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { type Auth, createAuth } from "../auth/better-auth";
import { clearedPassCookie, identify } from "../auth/identity";
import { GLOBAL_SCOPE, type Grant, holdsRole, type Role } from "../auth/rules";
import { loadGrants, type Viewer } from "../auth/viewer";
import { createDb } from "../db";
import type { AppEnv } from "../env";
import { forbidden, unauthorized } from "./problem";

type Ctx = Context<AppEnv>;

const originOf = (c: Ctx) => new URL(c.req.url).origin;

/** better-auth for this request's origin (made once per isolate: auth/better-auth.ts). */
export const authOf = (c: Ctx): Auth => createAuth(c.env, originOf(c));

/** The caller, or null when not logged in; worked out once per request. */
export async function viewerOf(c: Ctx): Promise<Viewer | null> {
  let viewer = c.get("viewer");
  if (viewer === undefined) {
    const identity = await identify(c.env, c.req.raw.headers, originOf(c), Date.now());
    viewer = identity?.viewer ?? null;
    c.set("viewer", viewer);
    if (identity?.grants) c.set("grants", { grants: identity.grants, fresh: identity.source === "session" });
    if (identity?.setCookie) c.header("set-cookie", identity.setCookie, { append: true });
  }
  return viewer;
}

/**
 * The signed-in caller's role grants: the pass's, or D1's when the pass had none or `fresh` is
 * asked. Grants read from D1 that differ from the pass's drop the pass, so the next request
 * makes a new one with them.
 */
export async function grantsOf(c: Ctx, { fresh = false } = {}): Promise<Grant[]> {
  const known = c.get("grants");
  if (known && (known.fresh || !fresh)) return known.grants;
  const grants = await loadGrants(createDb(c.env.DB), signedIn(c).id);
  if (known && JSON.stringify(known.grants) !== JSON.stringify(grants)) {
    c.header("set-cookie", clearedPassCookie(originOf(c)), { append: true });
  }
  c.set("grants", { grants, fresh: true });
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

export interface RoleCheck {
  /**
   * Ask D1, not the pass: for what a revoked role must not do even for the pass's minute
   * (granting and revoking roles).
   */
  fresh?: boolean;
}

/** Whether the signed-in caller holds one of the roles on the scope (or a broader one). */
export async function hasRole(c: Ctx, roles: Role | Role[], scope: string, { fresh = false }: RoleCheck = {}) {
  const wanted = Array.isArray(roles) ? roles : [roles];
  const holds = (grants: Grant[]) => wanted.some((role) => holdsRole(grants, role, scope));
  if (holds(await grantsOf(c, { fresh }))) return true;
  // The pass may predate a grant (a competition just created makes its creator its head judge).
  return holds(await grantsOf(c, { fresh: true }));
}

/** Refuses unless the caller holds one of the roles on the scope (or a broader one). */
export async function assertRole(c: Ctx, roles: Role | Role[], scope: string, check: RoleCheck = {}) {
  if (!(await viewerOf(c))) throw unauthorized();
  if (!(await hasRole(c, roles, scope, check))) {
    const wanted = Array.isArray(roles) ? roles : [roles];
    throw forbidden(`This needs the role ${wanted.map((r) => `"${r}"`).join(" or ")} for scope "${scope}".`);
  }
}

export function requireRole(roles: Role | Role[], scope: ScopeOf = GLOBAL_SCOPE, check: RoleCheck = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await assertRole(c, roles, typeof scope === "function" ? scope(c) : scope, check);
    await next();
  });
}
