// What every events report is made of: its figures as JSON and as a document of tables (for the
// CSV and PDF downloads), over a range of event start dates. Every report is computed in SQL
// (counts and sums over indexed columns; no row is loaded into the Worker to be added up) and
// built once, then shown in whichever form was asked for.
import { and, gte, lt } from "drizzle-orm";
import { event } from "../db/schema";
import type { Cell } from "../lib/csv";
import type { Column, TableSection, TablesDocument } from "../lib/pdf";
import { iso, money } from "./present";
import type { ReportWords } from "./report-words";

export interface Report<J> {
  /** The downloads' file name, without the extension. */
  name: string;
  json: J;
  document: TablesDocument;
}

export interface Range {
  from?: number;
  to?: number;
}

export const inRange = ({ from, to }: Range) =>
  and(
    from !== undefined ? gte(event.startsAt, from) : undefined,
    to !== undefined ? lt(event.startsAt, to) : undefined,
  );

export const rangeText = ({ from, to }: Range, words: ReportWords) =>
  from === undefined && to === undefined
    ? words.allDates
    : `${from === undefined ? "…" : iso(from).slice(0, 10)} – ${to === undefined ? "…" : iso(to).slice(0, 10)}`;

export const rangeJson = ({ from, to }: Range) => ({
  from: from === undefined ? null : iso(from),
  to: to === undefined ? null : iso(to),
});

export const decimal = (kopecks: number) => money(kopecks).toFixed(2);
export const stamp = (ms: number | null) => (ms === null ? null : iso(ms).slice(0, 16).replace("T", " "));
export const right = (label: string, width = 1.4): Column => ({ label, width, align: "right" });

/** The rows of a report's CSV: one table as it is; several, each under its heading, a blank row between. */
export function csvRows(document: TablesDocument): Cell[][] {
  // Only tables have rows to give (a document may also hold drawings).
  const sections = document.sections.filter((s): s is TableSection => "columns" in s);
  if (sections.length === 1) {
    const [only] = sections;
    return only ? [only.columns.map((c) => c.label), ...only.rows] : [];
  }
  return sections.flatMap((s, i) => [...(i ? [[]] : []), [s.heading], s.columns.map((c) => c.label), ...s.rows]);
}
