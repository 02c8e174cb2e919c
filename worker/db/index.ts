import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Db = ReturnType<typeof connect>;

const connect = (d1: D1Database) => drizzle(d1, { schema });

/**
 * One drizzle instance per D1 binding (the binding object lives as long as the isolate): making
 * one walks the whole schema's relations, which cost about as much as a bet's own work on the hot
 * path when it was done per request and per write-through.
 */
const instances = new WeakMap<D1Database, Db>();

export function createDb(d1: D1Database): Db {
  let db = instances.get(d1);
  if (!db) {
    db = connect(d1);
    instances.set(d1, db);
  }
  return db;
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
