// CSV documents for every area's reports: UTF-8 with a byte-order mark, so that spreadsheet
// programs read Cyrillic names right, quoted by csv-stringify, and safe to open in Excel.
import { stringify } from "csv-stringify/sync";

export type Cell = string | number | null;

/** What a spreadsheet would take for a formula (OWASP's CSV injection list), unless it is a plain number. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?$/;

/**
 * A text cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) gets a
 * leading apostrophe, which spreadsheets show as text and do not evaluate; numbers stay numbers.
 */
export function neutralised(cell: Cell): Cell {
  return typeof cell === "string" && FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

export function csvResponse(filename: string, rows: Cell[][]): Response {
  return new Response(`\uFEFF${stringify(rows.map((row) => row.map(neutralised)))}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
    },
  });
}
