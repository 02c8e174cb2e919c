// A question bank file (CSV or xlsx) read as rows of named text cells: the first row names the
// columns. CSV is RFC 4180 (quoted cells may hold commas, quotes doubled, line breaks), with or
// without a byte-order mark, separated by commas or semicolons (what Excel writes in Russia).
import { readXlsx } from "../lib/xlsx";

/** A row's cells by column name, and its number as a spreadsheet shows it (the header is row 1). */
export interface SheetRow {
  line: number;
  cells: Record<string, string>;
}

export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, "");
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && source[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) rows.push([...row, cell]);
  return rows;
}

/** Rows keyed by their column's name (lower case, trimmed); wholly empty rows are left out. */
export function namedRows(table: string[][]): { header: string[]; rows: SheetRow[] } {
  const [head = [], ...body] = table;
  const header = head.map((h) => h.trim().toLowerCase());
  const rows = body.flatMap((cells, i): SheetRow[] =>
    cells.some((c) => c.trim() !== "")
      ? [{ line: i + 2, cells: Object.fromEntries(header.map((name, j) => [name, (cells[j] ?? "").trim()])) }]
      : [],
  );
  return { header, rows };
}

export async function readSheet(format: "csv" | "xlsx", content: string) {
  const table =
    format === "csv" ? parseCsv(content) : await readXlsx(Uint8Array.from(atob(content), (c) => c.charCodeAt(0)));
  return namedRows(table);
}
