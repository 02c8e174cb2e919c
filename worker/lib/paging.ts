// Keyset pagination: a page ends with a cursor naming the sort key and id of its last row, and
// the next page starts after it (stable under inserts, fast on an index, unlike OFFSET).

import { and, eq, gt, lt, or } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

const encodeCursor = (key: number, id: string) => `${key}.${id}`;

/** What a cursor looks like: lists refuse anything else with a 400 naming it (lib/openapi.ts Page). */
export const CURSOR_PATTERN = /^(\d+)\.([A-Za-z0-9_-]+)$/;

function decodeCursor(cursor: string | undefined): { key: number; id: string } | null {
  const match = cursor?.match(CURSOR_PATTERN);
  return match ? { key: Number(match[1]), id: match[2] as string } : null;
}

/** A full page may have a next one; a short page is the last. */
export function toPage<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  present: (row: R) => T,
  sortKey: (row: R) => number,
): { items: T[]; next_cursor: string | null } {
  const last = rows.at(-1);
  return {
    items: rows.map(present),
    next_cursor: rows.length === limit && last ? encodeCursor(sortKey(last), last.id) : null,
  };
}

/**
 * The rows after a page's cursor, in (key, id) order with the key ascending or descending and
 * the id ascending: the predicate of keyset pagination, matching each list's ORDER BY.
 */
export function afterCursor(key: SQLiteColumn, id: SQLiteColumn, cursor: string | undefined, keyOrder: "asc" | "desc") {
  const after = decodeCursor(cursor);
  if (!after) return undefined;
  return or(keyOrder === "asc" ? gt(key, after.key) : lt(key, after.key), and(eq(key, after.key), gt(id, after.id)));
}
