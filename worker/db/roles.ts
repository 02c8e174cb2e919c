// Podium's own identity tables beside better-auth's: scoped role grants and the login throttle.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { user } from "./auth";

/** One row says: this person holds this role within this scope ("*" is global). */
export const roleGrant = sqliteTable(
  "role_grant",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    scope: text("scope").notNull(),
    grantedBy: text("granted_by"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex("role_grant_unique").on(t.userId, t.role, t.scope), index("role_grant_user_idx").on(t.userId)],
);

/** Failed logins per key ("account:<email>" or "address:<ip>"), for slowing down guessing. */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  firstFailureAt: integer("first_failure_at").notNull(),
  lastFailureAt: integer("last_failure_at").notNull(),
});
