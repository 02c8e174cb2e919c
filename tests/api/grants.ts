import { env } from "cloudflare:workers";
import type { Role } from "../../worker/auth/rules";
import { createDb } from "../../worker/db";
import { roleGrant } from "../../worker/db/schema";

/** Grants a role directly in D1, as the demo seed does: tests start from someone holding it. */
export async function grant(userId: string, role: Role, scope = "*") {
  await createDb(env.DB).insert(roleGrant).values({ id: crypto.randomUUID(), userId, role, scope });
}
