// Chart data: registrations per day for an event, and check-ins per quarter hour on its day.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db";
import { registration } from "../db/schema";
import type { Cell } from "../lib/csv";
import { iso } from "./present";
import type { CheckInsReport, RegistrationsOverTimeReport } from "./report-contract";
import { type Report, right, stamp } from "./report-kit";
import type { ReportWords } from "./report-words";
import { findEvent } from "./store";

const DAY = 86_400_000;
/** Check-ins are counted per quarter of an hour. */
const SLOT = 900_000;

/** Counts per time bucket (`size` ms) of `column` over the event's registrations, with the running total. */
async function perBucket(
  db: Db,
  eventId: string,
  column: typeof registration.createdAt | typeof registration.checkedInAt,
  size: number,
) {
  // The size is written into the SQL, not bound: D1 binds a JavaScript number as a real, and
  // real division would not truncate to the bucket's start.
  const width = sql.raw(String(Math.trunc(size)));
  const bucket = sql<number>`(${column} / ${width}) * ${width}`;
  const rows = await db
    .select({ at: bucket, count: sql<number>`COUNT(*)` })
    .from(registration)
    .where(and(eq(registration.eventId, eventId), isNotNull(column)))
    .groupBy(bucket)
    .orderBy(bucket);
  let cumulative = 0;
  return rows.map((r) => {
    cumulative += r.count;
    return { at: iso(r.at), count: r.count, cumulative };
  });
}

const seriesDocument = (
  words: ReportWords,
  title: string,
  subtitle: string,
  label: string,
  series: { at: string; count: number; cumulative: number }[],
  empty: string,
) => ({
  title,
  subtitle,
  sections: [
    {
      heading: label,
      columns: [{ label: words.from, width: 3 }, right(label, 2), right(words.runningTotal, 2)],
      rows: series.map((s): Cell[] => [stamp(Date.parse(s.at)), s.count, s.cumulative]),
      empty,
    },
  ],
});

/** Registrations per day (UTC) for the event: the data of its chart. */
export async function registrationsOverTime(
  db: Db,
  eventId: string,
  words: ReportWords,
): Promise<Report<RegistrationsOverTimeReport>> {
  const found = await findEvent(db, eventId);
  const series = await perBucket(db, eventId, registration.createdAt, DAY);
  return {
    name: `event-${eventId}-registrations`,
    json: { event: { id: eventId, title: found.title }, bucket: "day" as const, series },
    document: seriesDocument(
      words,
      found.title,
      words.registrationsPerDay,
      words.registrations,
      series,
      words.nobodyRegistered,
    ),
  };
}

/** Check-ins per quarter hour over the event's day: the data of its chart. */
export async function checkInsOverDay(db: Db, eventId: string, words: ReportWords): Promise<Report<CheckInsReport>> {
  const found = await findEvent(db, eventId);
  const series = await perBucket(db, eventId, registration.checkedInAt, SLOT);
  return {
    name: `event-${eventId}-check-ins`,
    json: {
      event: { id: eventId, title: found.title, starts_at: iso(found.startsAt), ends_at: iso(found.endsAt) },
      bucket: "15 minutes" as const,
      expected: found.taken,
      series,
    },
    document: seriesDocument(
      words,
      found.title,
      words.checkInsOf(found.taken),
      words.checkIns,
      series,
      words.nobodyCheckedIn,
    ),
  };
}
