// Reports on visitors: one event's by status with the list, the same across the events of a
// range, and one visitor's history.
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import { event, REGISTRATION_STATUSES, registration } from "../db/schema";
import type { Cell } from "../lib/csv";
import type { Column } from "../lib/pdf";
import { iso, money } from "./present";
import type { EventVisitorsReport, VisitorHistoryReport, VisitorsReport } from "./report-contract";
import { inRange, type Range, type Report, rangeJson, rangeText, right, stamp } from "./report-kit";
import type { ReportWords } from "./report-words";
import type { RegistrationStatus } from "./rules";
import { findEvent, inReach, type Reach, registrationsWhere } from "./store";
import { findVisitor } from "./visitors";

/** Lists in cross-event reports stop here (the counts above them never do). */
const MAX_LISTED = 5_000;

type Counts = Record<RegistrationStatus, number>;
const noCounts = (): Counts => Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as Counts;

function countsOf(rows: { status: RegistrationStatus | null; count: number }[]): Counts {
  const counts = noCounts();
  for (const row of rows) if (row.status) counts[row.status] += row.count;
  return counts;
}

const statusSection = (counts: Counts, words: ReportWords) => ({
  heading: words.byStatus,
  columns: [{ label: words.statusColumn, width: 3 }, right(words.visitorsColumn)],
  rows: REGISTRATION_STATUSES.map((s): Cell[] => [words.status[s], counts[s]]),
});

const byStatus = (db: Db, where: SQL | undefined) =>
  db
    .select({ status: registration.status, count: sql<number>`COUNT(*)` })
    .from(registration)
    .innerJoin(event, eq(event.id, registration.eventId))
    .where(where)
    .groupBy(registration.status);

const listed = (rows: Awaited<ReturnType<typeof registrationsWhere>>) =>
  rows.map((r) => ({
    event_id: r.eventId,
    event_title: r.event.title,
    number: r.number,
    first_name: r.visitor.firstName,
    last_name: r.visitor.lastName,
    email: r.visitor.email,
    phone: r.visitor.phone,
    status: r.status,
    registered_at: iso(r.createdAt),
    checked_in_at: r.checkedInAt === null ? null : iso(r.checkedInAt),
  }));

type Listed = ReturnType<typeof listed>[number];

const visitorColumns = (withEvent: boolean, words: ReportWords): Column[] => [
  ...(withEvent ? [{ label: words.event, width: 3 }] : []),
  { label: words.number, width: 1.6 },
  { label: words.visitor, width: 3 },
  { label: words.email, width: 3.2 },
  { label: words.phone, width: 2 },
  { label: words.statusColumn, width: 2 },
  { label: words.registered, width: 2.2 },
];

const visitorRow = (v: Listed, withEvent: boolean, words: ReportWords): Cell[] => [
  ...(withEvent ? [v.event_title] : []),
  v.number,
  `${v.first_name} ${v.last_name}`,
  v.email,
  v.phone,
  words.status[v.status],
  stamp(Date.parse(v.registered_at)),
];

/** One event's visitors: how many in each status, and who. */
export async function eventVisitors(db: Db, eventId: string, words: ReportWords): Promise<Report<EventVisitorsReport>> {
  const found = await findEvent(db, eventId);
  const [counts, rows] = await db.batch([
    byStatus(db, eq(registration.eventId, eventId)),
    registrationsWhere(db, eq(registration.eventId, eventId)).orderBy(asc(registration.seq)),
  ]);
  const byStatusCounts = countsOf(counts);
  const visitors = listed(rows);
  return {
    name: `event-${eventId}-visitors`,
    json: {
      event: { id: found.id, title: found.title, starts_at: iso(found.startsAt) },
      by_status: byStatusCounts,
      total: visitors.length,
      visitors,
    },
    document: {
      title: found.title,
      subtitle: words.visitorsOf(`${stamp(found.startsAt)} UTC`, found.location),
      sections: [
        statusSection(byStatusCounts, words),
        {
          heading: words.visitors,
          columns: visitorColumns(false, words),
          rows: visitors.map((v) => visitorRow(v, false, words)),
          empty: words.nobodyRegistered,
        },
      ],
    },
  };
}

/** Visitors by status over the events starting in the range (those the organizer reaches), with the list. */
export async function visitorsAcross(
  db: Db,
  range: Range,
  reach: Reach,
  words: ReportWords,
): Promise<Report<VisitorsReport>> {
  const where = and(inRange(range), inReach(event.id, reach));
  const [perEvent, totals, rows] = await db.batch([
    db
      .select({
        id: event.id,
        title: event.title,
        startsAt: event.startsAt,
        status: registration.status,
        count: sql<number>`COUNT(${registration.id})`,
      })
      .from(event)
      .leftJoin(registration, eq(registration.eventId, event.id))
      .where(where)
      .groupBy(event.id, registration.status)
      .orderBy(asc(event.startsAt), asc(event.id)),
    byStatus(db, where),
    registrationsWhere(db, where)
      .orderBy(asc(event.startsAt), asc(registration.seq))
      .limit(MAX_LISTED + 1),
  ]);
  const events = [...Map.groupBy(perEvent, (r) => r.id).values()].map((group) => {
    const first = group[0] as (typeof group)[number];
    const counts = countsOf(group);
    return {
      id: first.id,
      title: first.title,
      starts_at: iso(first.startsAt),
      by_status: counts,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
    };
  });
  const visitors = listed(rows.slice(0, MAX_LISTED));
  const counts = countsOf(totals);
  return {
    name: "events-visitors",
    json: {
      ...rangeJson(range),
      by_status: counts,
      events,
      visitors,
      truncated: rows.length > MAX_LISTED,
    },
    document: {
      title: words.visitorsAcross,
      subtitle: words.eventsStarting(rangeText(range, words)),
      sections: [
        statusSection(counts, words),
        {
          heading: words.events,
          columns: [
            { label: words.event, width: 4 },
            { label: words.starts, width: 2.2 },
            ...REGISTRATION_STATUSES.map((s) => right(words.status[s])),
          ],
          rows: events.map((e): Cell[] => [
            e.title,
            stamp(Date.parse(e.starts_at)),
            ...REGISTRATION_STATUSES.map((s) => e.by_status[s]),
          ]),
          empty: words.noEventsInRange,
        },
        {
          heading: rows.length > MAX_LISTED ? words.firstVisitors(MAX_LISTED) : words.visitors,
          columns: visitorColumns(true, words),
          rows: visitors.map((v) => visitorRow(v, true, words)),
          empty: words.nobodyRegistered,
        },
      ],
    },
  };
}

/** One visitor's events: what they registered for, and which they attended. */
export async function visitorHistory(
  db: Db,
  visitorId: string,
  reach: Reach,
  words: ReportWords,
): Promise<Report<VisitorHistoryReport>> {
  const found = await findVisitor(db, visitorId, reach);
  const rows = await registrationsWhere(
    db,
    and(eq(registration.visitorId, visitorId), inReach(registration.eventId, reach)),
  ).orderBy(asc(event.startsAt), asc(registration.seq));
  const history = rows.map((r) => ({
    event_id: r.eventId,
    event_title: r.event.title,
    starts_at: iso(r.event.startsAt),
    number: r.number,
    status: r.status,
    attended: r.status === "checked_in",
    billed: money(r.billedAmount),
    refunded: money(r.refundAmount),
  }));
  const name = `${found.firstName} ${found.lastName}`;
  const attended = history.filter((h) => h.attended).length;
  return {
    name: `visitor-${visitorId}-history`,
    json: {
      visitor: { id: found.id, first_name: found.firstName, last_name: found.lastName, email: found.email },
      registered: history.length,
      attended,
      events: history,
    },
    document: {
      title: name,
      subtitle: words.history(found.email, history.length, attended),
      sections: [
        {
          heading: words.events,
          columns: [
            { label: words.event, width: 4 },
            { label: words.starts, width: 2.2 },
            { label: words.number, width: 1.6 },
            { label: words.statusColumn, width: 2 },
            right(words.billed),
            right(words.refunded),
          ],
          rows: history.map((h): Cell[] => [
            h.event_title,
            stamp(Date.parse(h.starts_at)),
            h.number,
            words.status[h.status],
            h.billed.toFixed(2),
            h.refunded.toFixed(2),
          ]),
          empty: words.noRegistrations,
        },
      ],
    },
  };
}
