// A start list's import report in words: each column by its name, each issue with what to fix.
import { m } from "#lib/paraglide/messages.js";
import type { StartListIssue } from "../../../../../../worker/gym/contract";

const COLUMNS: Record<NonNullable<StartListIssue["column"]>, () => string> = {
  name: m.athlete_name,
  team: m.gym_team,
  birth_year: m.athlete_birth_year,
  subdivision: m.athlete_subdivision,
  bib: m.gym_bib,
};

export const columnName = (column: StartListIssue["column"]) => (column ? COLUMNS[column]() : "—");

export function issueWords(issue: StartListIssue): string {
  const value = issue.value ?? "";
  const limit = issue.limit ?? 0;
  const other = issue.other_row ?? 0;
  switch (issue.code) {
    case "empty_file":
      return m.import_empty_file();
    case "no_name_column":
      return m.import_no_name_column();
    case "unknown_column":
      return m.import_unknown_column({ value });
    case "repeated_column":
      return m.import_repeated_column({ value });
    case "unclosed_quote":
      return m.import_unclosed_quote();
    case "too_many_cells":
      return m.import_too_many_cells({ limit });
    case "too_many_rows":
      return m.import_too_many_rows({ limit });
    case "required":
      return m.error_required();
    case "too_long":
      return m.error_too_long({ max: limit });
    case "invalid_birth_year":
      return m.import_invalid_birth_year({ value });
    case "invalid_bib":
      return m.import_invalid_bib({ value });
    case "duplicate_bib":
      return m.import_duplicate_bib({ row: other });
    case "duplicate_athlete":
      return m.import_duplicate_athlete({ row: other });
    case "bib_taken":
      return m.import_bib_taken({ value, name: issue.taken_by ?? "" });
    default:
      return issue.code.replaceAll("_", " ");
  }
}
