// A competition's start list as a secretary keeps it in a spreadsheet: CSV with a header row
// (name, team, birth year, subdivision, and optionally the start number), read and checked here
// (pure). Every wrong cell is reported with its row and column, and a file with any is refused
// whole: a start list half imported is worse than none.

/** The columns a start list may have, by the names a spreadsheet's header may give them. */
export const START_LIST_COLUMNS = {
  name: ["name", "athlete", "full name", "имя", "фио", "спортсмен", "спортсменка"],
  team: ["team", "club", "country", "команда", "клуб", "организация", "регион"],
  birth_year: ["birth year", "birth_year", "year of birth", "born", "год рождения", "г.р.", "гр"],
  subdivision: ["subdivision", "group", "rotation", "поток", "смена", "группа"],
  bib: ["bib", "start number", "number", "no", "№", "номер", "стартовый номер"],
} as const;

export type StartListColumn = keyof typeof START_LIST_COLUMNS;

export const MAX_START_LIST_ROWS = 1_000;
export const MAX_NAME = 120;
export const MAX_TEAM = 120;
export const MAX_SUBDIVISION = 40;
export const MIN_BIRTH_YEAR = 1900;
export const MAX_BIB = 99_999;

/** What is wrong with one cell, row or the header, for a report a person can act on. */
export interface StartListIssue {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  column: StartListColumn | null;
  code:
    | "empty_file"
    | "no_name_column"
    | "unknown_column"
    | "repeated_column"
    | "unclosed_quote"
    | "too_many_cells"
    | "too_many_rows"
    | "required"
    | "too_long"
    | "invalid_birth_year"
    | "invalid_bib"
    | "duplicate_bib"
    | "duplicate_athlete"
    | "bib_taken";
  /** The cell (or header) as written. */
  value?: string;
  /** The bound broken: the longest text, the most rows. */
  limit?: number;
  /** The other row of a duplicate. */
  other_row?: number;
  /** Whose the start number already is. */
  taken_by?: string;
}

/** One athlete as a row gives them; `bib` is null where the file gives none. */
export interface StartListRow {
  row: number;
  name: string;
  team: string | null;
  birthYear: number | null;
  subdivision: string | null;
  bib: number | null;
}

/** A birth year an athlete can have: not before 1900, not in the future. */
export const isBirthYear = (year: number, now: Date) =>
  Number.isInteger(year) && year >= MIN_BIRTH_YEAR && year <= now.getUTCFullYear();

const headerKey = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

function columnOf(header: string): StartListColumn | null {
  const key = headerKey(header);
  for (const [column, names] of Object.entries(START_LIST_COLUMNS)) {
    if ((names as readonly string[]).includes(key)) return column as StartListColumn;
  }
  return null;
}

/**
 * The cells of each record (RFC 4180: quotes around cells that hold the delimiter, a quote or a
 * line break, "" for a quote), with the row each record starts on. Spreadsheets in Russian
 * locales save with ";", others with ","; the header row says which.
 */
export function csvRecords(text: string): { records: { row: number; cells: string[] }[]; unclosedAt: number | null } {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [";", "\t", ","].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  const records: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let row = 1;
  let startRow = 1;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") row++;
        cell += char;
      }
    } else if (char === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (char === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && body[i + 1] === "\n") i++;
      records.push({ row: startRow, cells: [...cells, cell] });
      cells = [];
      cell = "";
      startRow = ++row;
    } else cell += char;
  }
  if (quoted) return { records, unclosedAt: startRow };
  records.push({ row: startRow, cells: [...cells, cell] });
  // Blank lines (a trailing newline, a spacer row) are nobody.
  return { records: records.filter((r) => r.cells.some((c) => c.trim() !== "")), unclosedAt: null };
}

/** The file's athletes, or every issue found in it (the header's, then each row's). */
export function parseStartList(
  text: string,
  now: Date,
): { rows: StartListRow[]; issues: [] } | { rows: []; issues: StartListIssue[] } {
  const { records, unclosedAt } = csvRecords(text);
  const refuse = (issues: StartListIssue[]) => ({ rows: [] as [], issues });
  if (unclosedAt !== null) return refuse([{ row: unclosedAt, column: null, code: "unclosed_quote" }]);
  const [header, ...lines] = records;
  if (!header) return refuse([{ row: 1, column: null, code: "empty_file" }]);
  if (lines.length > MAX_START_LIST_ROWS) {
    return refuse([{ row: header.row, column: null, code: "too_many_rows", limit: MAX_START_LIST_ROWS }]);
  }

  const issues: StartListIssue[] = [];
  const columns = header.cells.map((text) => {
    const column = columnOf(text);
    if (column === null) issues.push({ row: header.row, column: null, code: "unknown_column", value: text.trim() });
    return column;
  });
  for (const [i, column] of columns.entries()) {
    if (column !== null && columns.indexOf(column) !== i) {
      issues.push({ row: header.row, column, code: "repeated_column", value: header.cells[i]?.trim() ?? "" });
    }
  }
  if (!columns.includes("name")) issues.push({ row: header.row, column: "name", code: "no_name_column" });
  if (issues.length) return refuse(issues);

  const rows: StartListRow[] = [];
  for (const { row, cells } of lines) {
    if (cells.length > columns.length) {
      issues.push({ row, column: null, code: "too_many_cells", limit: columns.length });
      continue;
    }
    const cellOf = (column: StartListColumn) => cells[columns.indexOf(column)]?.trim() ?? "";
    const text = (column: StartListColumn, max: number, required = false): string | null => {
      const value = cellOf(column);
      if (value === "") {
        if (required) issues.push({ row, column, code: "required" });
        return null;
      }
      if (value.length > max) issues.push({ row, column, code: "too_long", value, limit: max });
      return value;
    };
    const whole = (column: "birth_year" | "bib", valid: (n: number) => boolean): number | null => {
      const value = cellOf(column);
      if (value === "") return null;
      const n = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
      if (!valid(n)) {
        issues.push({ row, column, code: column === "bib" ? "invalid_bib" : "invalid_birth_year", value });
        return null;
      }
      return n;
    };
    rows.push({
      row,
      name: text("name", MAX_NAME, true) ?? "",
      team: text("team", MAX_TEAM),
      subdivision: text("subdivision", MAX_SUBDIVISION),
      birthYear: whole("birth_year", (n) => isBirthYear(n, now)),
      bib: whole("bib", (n) => Number.isInteger(n) && n >= 1 && n <= MAX_BIB),
    });
  }
  return issues.length ? refuse(issues) : { rows, issues: [] };
}

/** An athlete already on the start list, as planning an import needs them. */
export interface Registered {
  name: string;
  birthYear: number | null;
  bib: number;
}

/** The same person, as a start list can tell: the same name and birth year. */
const samePerson = (a: { name: string; birthYear: number | null }, b: { name: string; birthYear: number | null }) =>
  a.name.toLocaleLowerCase() === b.name.toLocaleLowerCase() && a.birthYear === b.birthYear;

/**
 * What importing the rows into a start list comes to: the athletes to add, each with a start
 * number (the file's, or the next free one), and how many are there already (importing a file
 * twice adds nobody twice); or every row that cannot go in.
 */
export function planImport(
  rows: readonly StartListRow[],
  registered: readonly Registered[],
): { add: (StartListRow & { bib: number })[]; unchanged: number; issues: [] } | { issues: StartListIssue[] } {
  const issues: StartListIssue[] = [];
  const firstRowWithBib = new Map<number, number>();
  const fresh: StartListRow[] = [];
  let unchanged = 0;
  for (const [i, row] of rows.entries()) {
    const twin = rows.slice(0, i).find((earlier) => samePerson(earlier, row));
    if (twin) issues.push({ row: row.row, column: "name", code: "duplicate_athlete", other_row: twin.row });
    if (row.bib !== null) {
      const other = firstRowWithBib.get(row.bib);
      if (other !== undefined) issues.push({ row: row.row, column: "bib", code: "duplicate_bib", other_row: other });
      else firstRowWithBib.set(row.bib, row.row);
      const holder = registered.find((r) => r.bib === row.bib);
      if (holder && !samePerson(holder, row)) {
        issues.push({ row: row.row, column: "bib", code: "bib_taken", value: String(row.bib), taken_by: holder.name });
        continue;
      }
      if (holder) {
        unchanged++;
        continue;
      }
    } else if (registered.some((r) => samePerson(r, row))) {
      unchanged++;
      continue;
    }
    fresh.push(row);
  }
  if (issues.length) return { issues };
  let next = Math.max(0, ...registered.map((r) => r.bib), ...firstRowWithBib.keys());
  const add = fresh.map((row) => ({ ...row, bib: row.bib ?? ++next }));
  return { add, unchanged, issues: [] };
}

/** An issue in English, for API clients that show the API's words (the web app words its own). */
export function describeIssue(issue: StartListIssue): string {
  const cell = `"${issue.value ?? ""}"`;
  switch (issue.code) {
    case "empty_file":
      return "The file is empty: give a header row and one athlete a row.";
    case "no_name_column":
      return "The header names no name column.";
    case "unknown_column":
      return `The column ${cell} is none of name, team, birth year, subdivision, bib.`;
    case "repeated_column":
      return `The column ${cell} appears twice.`;
    case "unclosed_quote":
      return "A quoted cell starting in this row is never closed.";
    case "too_many_cells":
      return `The row has more cells than the header's ${issue.limit}.`;
    case "too_many_rows":
      return `At most ${issue.limit} athletes in one file.`;
    case "required":
      return "Required.";
    case "too_long":
      return `At most ${issue.limit} characters.`;
    case "invalid_birth_year":
      return `${cell} is not a birth year (${MIN_BIRTH_YEAR} to this year).`;
    case "invalid_bib":
      return `${cell} is not a start number (1 to ${MAX_BIB}).`;
    case "duplicate_bib":
      return `The same start number as row ${issue.other_row}.`;
    case "duplicate_athlete":
      return `The same athlete as row ${issue.other_row}.`;
    case "bib_taken":
      return `Start number ${issue.value} is already ${issue.taken_by}'s.`;
  }
}
