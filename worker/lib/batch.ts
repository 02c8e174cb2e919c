// One D1 batch (one round trip, one transaction) of drizzle query builders and raw `sql`
// statements together. drizzle-orm's own db.batch cannot take a raw statement with parameters
// (drizzle-team/drizzle-orm#2277, open in 0.45: it binds a prepared statement a raw query does
// not have), and the statements that guard capacity are raw: they are INSERT … SELECT and
// UPDATE … LIMIT (subquery), which its builders do not express.
import { type SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";

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

type Item = Raw<unknown> | Builder;
type Result<I> = I extends Raw<infer T> ? T[] : Awaited<I>;

const dialect = new SQLiteAsyncDialect();

/** A statement that does nothing, for a batch whose shape is fixed but one of whose steps is not needed. */
export const nothing = raw(sql`SELECT 0 WHERE 0`);

export async function batch<const I extends readonly Item[]>(
  d1: D1Database,
  items: I,
): Promise<{ -readonly [K in keyof I]: Result<I[K]> }> {
  const steps = items.map((item) => {
    if ("query" in item) {
      const { sql: text, params } = dialect.sqlToQuery(item.query);
      return { statement: d1.prepare(text).bind(...params), map: (r: D1Result) => r.results };
    }
    const prepared = item.prepare();
    const { sql: text, params } = prepared.getQuery();
    return { statement: d1.prepare(text).bind(...params), map: (r: D1Result) => prepared.mapResult(r, true) };
  });
  const results = await d1.batch(steps.map((s) => s.statement));
  return results.map((result, i) => (steps[i] as (typeof steps)[number]).map(result)) as {
    -readonly [K in keyof I]: Result<I[K]>;
  };
}
