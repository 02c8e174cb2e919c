// CSV documents for every area's reports: UTF-8 with a byte-order mark, so that spreadsheet
// programs read Cyrillic names right, quoted by csv-stringify.
import { stringify } from "csv-stringify/sync";

export type Cell = string | number | null;

export function csvResponse(filename: string, rows: Cell[][]): Response {
  return new Response(`\uFEFF${stringify(rows)}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
    },
  });
}
