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

const statusSection = (counts: Counts) => ({
  heading: "By status",
  columns: [{ label: "Status", width: 3 }, right("Visitors")],
  rows: REGISTRATION_STATUSES.map((s): Cell[] => [s, counts[s]]),
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

const visitorColumns = (withEvent: boolean): Column[] => [
  ...(withEvent ? [{ label: "Event", width: 3 }] : []),
  { label: "Number", width: 1.6 },
  { label: "Visitor", width: 3 },
  { label: "Email", width: 3.2 },
  { label: "Phone", width: 2 },
  { label: "Status", width: 2 },
  { label: "Registered", width: 2.2 },
];

const visitorRow = (v: Listed, withEvent: boolean): Cell[] => [
  ...(withEvent ? [v.event_title] : []),
  v.number,
  `${v.first_name} ${v.last_name}`,
  v.email,
  v.phone,
  v.status,
  stamp(Date.parse(v.registered_at)),
];

/** One event's visitors: how many in each status, and who. */
export async function eventVisitors(db: Db, eventId: string): Promise<Report<EventVisitorsReport>> {
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
      subtitle: `Visitors · ${stamp(found.startsAt)} UTC · ${found.location}`,
      sections: [
        statusSection(byStatusCounts),
        {
          heading: "Visitors",
          columns: visitorColumns(false),
          rows: visitors.map((v) => visitorRow(v, false)),
          empty: "Nobody has registered.",
        },
      ],
    },
  };
}

/** Visitors by status over the events starting in the range (those the organizer reaches), with the list. */
export async function visitorsAcross(db: Db, range: Range, reach: Reach): Promise<Report<VisitorsReport>> {
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
      title: "Visitors across events",
      subtitle: `Events starting ${rangeText(range)}`,
      sections: [
        statusSection(counts),
        {
          heading: "Events",
          columns: [
            { label: "Event", width: 4 },
            { label: "Starts", width: 2.2 },
            ...REGISTRATION_STATUSES.map((s) => right(s.replace("_", " "))),
          ],
          rows: events.map((e): Cell[] => [
            e.title,
            stamp(Date.parse(e.starts_at)),
            ...REGISTRATION_STATUSES.map((s) => e.by_status[s]),
          ]),
          empty: "No events in this range.",
        },
        {
          heading: rows.length > MAX_LISTED ? `Visitors (the first ${MAX_LISTED})` : "Visitors",
          columns: visitorColumns(true),
          rows: visitors.map((v) => visitorRow(v, true)),
          empty: "Nobody has registered.",
        },
      ],
    },
  };
}

/** Money per event, summed in SQL: billed and refunded from the registrations, costs from the items. */

export async function visitorHistory(db: Db, visitorId: string, reach: Reach): Promise<Report<VisitorHistoryReport>> {
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
  return {
    name: `visitor-${visitorId}-history`,
    json: {
      visitor: { id: found.id, first_name: found.firstName, last_name: found.lastName, email: found.email },
      registered: history.length,
      attended: history.filter((h) => h.attended).length,
      events: history,
    },
    document: {
      title: name,
      subtitle: `${found.email} · ${history.length} registrations, ${history.filter((h) => h.attended).length} attended`,
      sections: [
        {
          heading: "Events",
          columns: [
            { label: "Event", width: 4 },
            { label: "Starts", width: 2.2 },
            { label: "Number", width: 1.6 },
            { label: "Status", width: 2 },
            right("Billed"),
            right("Refunded"),
          ],
          rows: history.map((h): Cell[] => [
            h.event_title,
            stamp(Date.parse(h.starts_at)),
            h.number,
            h.status,
            h.billed.toFixed(2),
            h.refunded.toFixed(2),
          ]),
          empty: "No registrations.",
        },
      ],
    },
  };
}

/** Counts per time bucket (`size` ms) of `column` over the event's registrations, with the running total. */
