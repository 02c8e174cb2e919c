// Who is calling: the session behind the request's cookie; and, only when a check needs them,
// the person's role grants (most requests need just the session).
import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { roleGrant } from "../db/schema";
import type { Auth } from "./better-auth";
import type { Grant } from "./rules";

export interface Viewer {
  id: string;
  email: string;
  displayName: string;
  sessionId: string;
}

export async function loadViewer(auth: Auth, headers: Headers): Promise<Viewer | null> {
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  return { id: found.user.id, email: found.user.email, displayName: found.user.name, sessionId: found.session.id };
}

export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  return db
    .select({ role: roleGrant.role, scope: roleGrant.scope })
    .from(roleGrant)
    .where(eq(roleGrant.userId, userId));
}
