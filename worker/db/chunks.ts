/**
 * Rows split into statements of at most `size` rows: D1 binds at most 100 parameters per
 * statement, so a multi-row insert must stay under 100 ÷ (columns per row) rows.
 */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
