// Administration of people and their roles.
import { and, count, desc, eq, inArray, like, or } from "drizzle-orm";
import { GLOBAL_SCOPE } from "../auth/rules";
import type { Db } from "../db";
import { roleGrant, user } from "../db/schema";
import { conflict, notFound } from "../lib/problem";
import type { Grant, GrantRequest, UserPage, UserQuery } from "./contract";

type GrantRow = typeof roleGrant.$inferSelect;

const toGrant = (row: GrantRow): Grant => ({
  id: row.id,
  role: row.role,
  scope: row.scope,
  createdAt: row.createdAt.toISOString(),
});

export async function listUsers(db: Db, query: UserQuery): Promise<UserPage> {
  const pattern = query.search ? `%${query.search.replace(/[\\%_]/g, "\\$&")}%` : undefined;
  const where = pattern ? or(like(user.email, pattern), like(user.name, pattern)) : undefined;
  const [people, [total]] = await Promise.all([
    db
      .select()
      .from(user)
      .where(where)
      .orderBy(desc(user.createdAt), user.id)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(user).where(where),
  ]);
  const grants = people.length
    ? await db
        .select()
        .from(roleGrant)
        .where(
          inArray(
            roleGrant.userId,
            people.map((p) => p.id),
          ),
        )
        .orderBy(roleGrant.createdAt)
    : [];
  return {
    items: people.map((p) => ({
      id: p.id,
      email: p.email,
      displayName: p.name,
      createdAt: p.createdAt.toISOString(),
      roles: grants.filter((g) => g.userId === p.id).map(toGrant),
    })),
    page: query.page,
    pageSize: query.pageSize,
    total: total?.n ?? 0,
  };
}

/** Idempotent: granting a role the person already holds returns the existing grant. */
export async function grantRole(
  db: Db,
  userId: string,
  request: GrantRequest,
  grantedBy: string,
): Promise<{ grant: Grant; created: boolean }> {
  const person = await db.select({ id: user.id }).from(user).where(eq(user.id, userId)).get();
  if (!person) throw notFound(`No user with id ${userId}.`);
  const inserted = await db
    .insert(roleGrant)
    .values({ id: crypto.randomUUID(), userId, role: request.role, scope: request.scope, grantedBy })
    .onConflictDoNothing()
    .returning();
  const row =
    inserted[0] ??
    (await db
      .select()
      .from(roleGrant)
      .where(and(eq(roleGrant.userId, userId), eq(roleGrant.role, request.role), eq(roleGrant.scope, request.scope)))
      .get());
  if (!row) throw new Error(`grant for ${userId} vanished while being granted`);
  return { grant: toGrant(row), created: inserted.length > 0 };
}

/** Refuses to remove the last global admin, so nobody can lock administration out. */
export async function revokeRole(db: Db, userId: string, grantId: string): Promise<void> {
  const grant = await db
    .select()
    .from(roleGrant)
    .where(and(eq(roleGrant.id, grantId), eq(roleGrant.userId, userId)))
    .get();
  if (!grant) throw notFound(`User ${userId} has no grant ${grantId}.`);
  if (grant.role === "admin" && grant.scope === GLOBAL_SCOPE) {
    const [admins] = await db
      .select({ n: count() })
      .from(roleGrant)
      .where(and(eq(roleGrant.role, "admin"), eq(roleGrant.scope, GLOBAL_SCOPE)));
    if ((admins?.n ?? 0) <= 1) {
      throw conflict("This is the last global admin; grant admin to someone else first.", { reason: "last_admin" });
    }
  }
  await db.delete(roleGrant).where(eq(roleGrant.id, grantId));
}
