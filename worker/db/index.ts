import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Db = ReturnType<typeof createDb>;

export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

/**
 * For reads that may lag the latest write by a moment (public lists, leaderboards, results):
 * in production D1 serves them from the nearest read replica (read replication through the
 * Sessions API); locally there is one database. Never for reading one's own fresh writes.
 */
export function createReplicaDb(d1: D1Database) {
  // A session has prepare() and batch(), all drizzle calls for queries; its type lacks the rest.
  return drizzle(d1.withSession("first-unconstrained") as unknown as D1Database, { schema });
}
