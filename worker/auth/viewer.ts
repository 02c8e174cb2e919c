// Who is calling: the session behind the request's cookie, with the person's role grants.
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
  grants: Grant[];
}

export async function loadViewer(auth: Auth, db: Db, headers: Headers): Promise<Viewer | null> {
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  const grants = await db
    .select({ role: roleGrant.role, scope: roleGrant.scope })
    .from(roleGrant)
    .where(eq(roleGrant.userId, found.user.id));
  return {
    id: found.user.id,
    email: found.user.email,
    displayName: found.user.name,
    sessionId: found.session.id,
    grants,
  };
}
