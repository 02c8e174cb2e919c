// Days a person picks (<input type="date">: "2026-12-01", in their own time zone) as the API's
// range of start times: from the start of the first day to the start of the day after the last.

/** Today in the reader's time zone, as a date input holds it. */
export function today(now = new Date()): string {
  return dayOf(now);
}

const dayOf = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;

/** The start of a local day as an instant; the day after, with `after`. */
function startOf(day: string, after = false): string {
  const [year = 0, month = 1, date = 1] = day.split("-").map(Number);
  return new Date(year, month - 1, date + (after ? 1 : 0)).toISOString();
}

/** The API's `from` and `to` for the days picked; an empty one leaves that end open. */
export function rangeQuery(from: string, to: string): URLSearchParams {
  const query = new URLSearchParams();
  if (from) query.set("from", startOf(from));
  if (to) query.set("to", startOf(to, true));
  return query;
}
