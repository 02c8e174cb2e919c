// One D1 batch (one round trip, one transaction) of drizzle query builders and raw `sql`
// statements together. drizzle-orm's own db.batch cannot take a raw statement with parameters
// (drizzle-team/drizzle-orm#2277, open in 0.45: it binds a prepared statement a raw query does
// not have), and the statements that guard capacity are raw: they are INSERT … SELECT and
// UPDATE … LIMIT (subquery), which its builders do not express.
import { fillPlaceholders, type SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "../db";

/** A raw statement in a batch, giving back the rows it returns (RETURNING, or a SELECT's). */
export interface Raw<T> {
  readonly query: SQL;
  /** Only carries the row type. */
  readonly rows?: T[];
}

export const raw = <T = Record<string, unknown>>(query: SQL): Raw<T> => ({ query });

interface Builder {
  prepare(): {
    getQuery(): { sql: string; params: unknown[] };
    mapResult(response: unknown, isFromBatch?: boolean): unknown;
  };
}

/** A statement as D1 takes it, and how to read what it gives back. */
interface Compiled {
  readonly text: string;
  readonly params: unknown[];
  readonly read: (result: D1Result) => unknown;
}

/** A statement built once (`once`), bound to this call's values; `R` only carries its result's type. */
export interface Bound<R> {
  readonly compiled: Compiled;
  readonly result?: R;
}

type Item = Raw<unknown> | Builder | Bound<unknown>;
type Result<I> = I extends Bound<infer R> ? R : I extends Raw<infer T> ? T[] : Awaited<I>;

const dialect = new SQLiteAsyncDialect();

function compile(item: Raw<unknown> | Builder): Compiled {
  if ("query" in item) {
    const { sql: text, params } = dialect.sqlToQuery(item.query);
    return { text, params, read: (r) => r.results };
  }
  const prepared = item.prepare();
  const { sql: text, params } = prepared.getQuery();
  return { text, params, read: (r) => prepared.mapResult(r, true) };
}

/**
 * A hot path's statement, built once: drizzle builds a query's text afresh on every call, and the
 * four statements of a registration took 0.4 ms of CPU to build (measured in workerd), more than
 * SQLite takes to run them. `build` writes the statement with `sql.placeholder(name)` where the
 * values go (with the caller's drizzle, for a builder); each call binds its own values by name.
 */
export function once<B extends Raw<unknown> | Builder>(build: (db: Db) => B) {
  let compiled: Compiled | undefined;
  return (db: Db, values: Record<string, unknown>): Bound<Result<B>> => {
    compiled ??= compile(build(db));
    return { compiled: { ...compiled, params: fillPlaceholders(compiled.params, values) } };
  };
}

/** A statement that does nothing, for a batch whose shape is fixed but one of whose steps is not needed. */
export const nothing = raw(sql`SELECT 0 WHERE 0`);

export async function batch<const I extends readonly Item[]>(
  d1: D1Database,
  items: I,
): Promise<{ -readonly [K in keyof I]: Result<I[K]> }> {
  const steps = items.map((item) => ("compiled" in item ? item.compiled : compile(item)));
  const results = await d1.batch(steps.map(({ text, params }) => d1.prepare(text).bind(...params)));
  return results.map((result, i) => (steps[i] as Compiled).read(result)) as {
    -readonly [K in keyof I]: Result<I[K]>;
  };
}
