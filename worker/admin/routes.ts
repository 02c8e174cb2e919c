// HTTP adapter of administration: /api/admin/*, admins only.
import { createRoute, z } from "@hono/zod-openapi";
import { closeSockets } from "../auth/revocation";
import { createDb } from "../db";
import { requireRole, signedIn } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, problems, SESSION } from "../lib/openapi";
import { Grant, GrantParam, GrantRequest, UserPage, UserParam, UserQuery } from "./contract";
import { grantRole, listUsers, revokeRole } from "./service";

const tags = ["Administration"];
// Granting and revoking roles asks D1, never the pass: a revoked admin stops at once.
const adminOnly = { security: SESSION, middleware: requireRole("admin", "*", { fresh: true }), tags };

export const adminRoutes = createRouter()
  .openapi(
    createRoute({
      ...adminOnly,
      method: "get",
      path: "/admin/users",
      summary: "List people with their roles, newest first",
      request: { query: UserQuery },
      responses: { 200: jsonResponse(UserPage, "A page of people"), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await listUsers(createDb(c.env.DB), c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      ...adminOnly,
      method: "post",
      path: "/admin/users/{userId}/roles",
      summary: "Grant a role within a scope (idempotent)",
      request: { params: UserParam, body: jsonBody(GrantRequest) },
      responses: {
        201: jsonResponse(Grant, "Granted"),
        200: jsonResponse(Grant, "Already held; nothing changed"),
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { userId } = c.req.valid("param");
      const { grant, created } = await grantRole(createDb(c.env.DB), userId, c.req.valid("json"), signedIn(c).id);
      // Their open sockets reconnect with the new role (a judge's tasks, a head judge's views).
      if (created) await closeSockets(c.env, userId, null);
      return created ? c.json(grant, 201) : c.json(grant, 200);
    },
  )
  .openapi(
    createRoute({
      ...adminOnly,
      method: "delete",
      path: "/admin/users/{userId}/roles/{grantId}",
      summary: "Revoke a role grant",
      request: { params: GrantParam },
      responses: {
        200: jsonResponse(z.object({ ok: z.literal(true) }), "Revoked"),
        ...problems(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { userId, grantId } = c.req.valid("param");
      await revokeRole(createDb(c.env.DB), userId, grantId);
      await closeSockets(c.env, userId, null);
      return c.json({ ok: true as const }, 200);
    },
  );
