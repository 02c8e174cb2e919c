// Visitor use cases, for organizers. A global organizer (or an admin) sees every visitor; an
// organizer of particular events sees those who registered for them, and no one else (404).
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { visitor } from "../db/schema";
import { afterCursor, toPage } from "../lib/paging";
import { conflict, notFound } from "../lib/problem";
import type { CreateVisitorRequest, UpdateVisitorRequest, Visitor } from "./contract";
import { presentVisitor } from "./present";
import { containing, searchable } from "./rules";
import type { Reach } from "./store";

/** The visitor is in reach: everyone for "all", else those registered for one of the events. */
function visitorInReach(reach: Reach) {
  if (reach === "all") return undefined;
  if (reach.length === 0) return sql`0`;
  const events = sql.join(
    reach.map((id) => sql`${id}`),
    sql`, `,
  );
  return sql`EXISTS (SELECT 1 FROM registration r WHERE r.visitor_id = visitor.id AND r.event_id IN (${events}))`;
}

const emailTaken = (existingId: string) =>
  conflict("A visitor with this email exists.", { reason: "email_taken", visitor_id: existingId });

export async function createVisitor(db: Db, input: CreateVisitorRequest): Promise<Visitor> {
  const now = Date.now();
  const [created] = await db
    .insert(visitor)
    .values({
      id: crypto.randomUUID(),
      firstName: input.first_name,
      lastName: input.last_name,
      email: input.email,
      phone: input.phone,
      search: searchable(input.first_name, input.last_name, input.email, input.phone),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: visitor.email })
    .returning();
  if (created) return presentVisitor(created);
  const existing = await db.select({ id: visitor.id }).from(visitor).where(eq(visitor.email, input.email)).get();
  throw emailTaken(existing?.id ?? "");
}

export async function findVisitor(db: Db, id: string, reach: Reach) {
  const row = await db
    .select()
    .from(visitor)
    .where(and(eq(visitor.id, id), visitorInReach(reach)))
    .get();
  if (!row) throw notFound(`No visitor ${id}.`);
  return row;
}

/** Newest first; `q` finds part of a name, an email or a phone number. */
export async function listVisitors(db: Db, reach: Reach, limit: number, cursor?: string, q?: string) {
  const rows = await db
    .select()
    .from(visitor)
    .where(
      and(
        visitorInReach(reach),
        q ? sql`${visitor.search} LIKE ${containing(q)} ESCAPE '\\'` : undefined,
        afterCursor(visitor.createdAt, visitor.id, cursor, "desc"),
      ),
    )
    .orderBy(desc(visitor.createdAt), asc(visitor.id))
    .limit(limit);
  return toPage(rows, limit, presentVisitor, (row) => row.createdAt);
}

export async function updateVisitor(db: Db, id: string, input: UpdateVisitorRequest, reach: Reach): Promise<Visitor> {
  const before = await findVisitor(db, id, reach);
  const after = {
    firstName: input.first_name ?? before.firstName,
    lastName: input.last_name ?? before.lastName,
    email: input.email ?? before.email,
    phone: input.phone ?? before.phone,
  };
  // The address is checked free in the statement that takes it: no other visitor can slip in between.
  const [updated] = await db
    .update(visitor)
    .set({
      ...after,
      search: searchable(after.firstName, after.lastName, after.email, after.phone),
      updatedAt: Date.now(),
    })
    .where(
      and(
        eq(visitor.id, id),
        input.email === undefined
          ? undefined
          : sql`NOT EXISTS (SELECT 1 FROM visitor o WHERE o.email = ${input.email} AND o.id <> ${id})`,
      ),
    )
    .returning();
  if (updated) return presentVisitor(updated);
  const holder =
    input.email && (await db.select({ id: visitor.id }).from(visitor).where(eq(visitor.email, input.email)).get());
  throw holder ? emailTaken(holder.id) : notFound(`No visitor ${id}.`);
}

/** Deletes a visitor who never registered; one who did stays, for the events' records (409). */
export async function deleteVisitor(db: Db, id: string, reach: Reach): Promise<void> {
  await findVisitor(db, id, reach);
  const [deleted] = await db
    .delete(visitor)
    .where(and(eq(visitor.id, id), sql`NOT EXISTS (SELECT 1 FROM registration r WHERE r.visitor_id = ${id})`))
    .returning({ id: visitor.id });
  if (!deleted) throw conflict("The visitor has registrations: they stay on record.", { reason: "has_registrations" });
}
