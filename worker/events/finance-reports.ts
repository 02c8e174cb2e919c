// Reports on money: billed, refunded, net, costs and profit, for one event or per event over a
// range with the totals, every sum taken in SQL.
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import { event, eventCost, registration } from "../db/schema";
import { batch, raw } from "../lib/batch";
import type { Cell } from "../lib/csv";
import { iso, money } from "./present";
import type { EventFinanceReport, FinanceReport } from "./report-contract";
import { decimal, inRange, type Range, type Report, rangeJson, rangeText, right, stamp } from "./report-kit";
import type { ReportWords } from "./report-words";
import { costsOf, findEvent, inReach, type Reach } from "./store";

const financeRows = (db: Db, where: SQL | undefined) =>
  db
    .select({
      id: event.id,
      title: event.title,
      startsAt: event.startsAt,
      status: event.status,
      billed: sql<number>`(SELECT COALESCE(SUM(r.billed_amount), 0) FROM registration r WHERE r.event_id = event.id)`,
      refunded: sql<number>`(SELECT COALESCE(SUM(r.refund_amount), 0) FROM registration r WHERE r.event_id = event.id)`,
      costs: sql<number>`(SELECT COALESCE(SUM(c.amount), 0) FROM event_cost c WHERE c.event_id = event.id)`,
    })
    .from(event)
    .where(where)
    .orderBy(asc(event.startsAt), asc(event.id));

type Money = { billed: number; refunded: number; net: number; costs: number; profit: number };

const shown = (m: Money) => ({
  billed: money(m.billed),
  refunded: money(m.refunded),
  net: money(m.net),
  costs: money(m.costs),
  profit: money(m.profit),
});

const withResult = (r: { billed: number; refunded: number; costs: number }): Money => ({
  ...r,
  net: r.billed - r.refunded,
  profit: r.billed - r.refunded - r.costs,
});

const moneyColumns = (w: ReportWords) => [w.billed, w.refunded, w.net, w.costs, w.profit].map((l) => right(l, 1.8));
const moneyCells = (m: Money): Cell[] => [m.billed, m.refunded, m.net, m.costs, m.profit].map(decimal);

/** One event's money: billed, refunded, net, each cost item, profit. */
export async function eventFinances(db: Db, eventId: string, words: ReportWords): Promise<Report<EventFinanceReport>> {
  const { title, startsAt } = await findEvent(db, eventId);
  const [[row], costs] = await Promise.all([financeRows(db, eq(event.id, eventId)), costsOf(db, eventId)]);
  const figures = withResult(row ?? { billed: 0, refunded: 0, costs: 0 });
  return {
    name: `event-${eventId}-finances`,
    json: {
      event: { id: eventId, title, starts_at: iso(startsAt) },
      ...shown(figures),
      cost_items: costs.map((c) => ({ name: c.name, amount: money(c.amount) })),
    },
    document: {
      title,
      subtitle: words.financesOf(`${stamp(startsAt)} UTC`),
      sections: [
        { heading: words.result, columns: moneyColumns(words), rows: [moneyCells(figures)] },
        {
          heading: words.costs,
          columns: [{ label: words.item, width: 6 }, right(words.amount, 2)],
          rows: costs.map((c): Cell[] => [c.name, decimal(c.amount)]),
          empty: words.noCosts,
        },
      ],
    },
  };
}

/** Money per event starting in the range, and the totals, every sum taken in SQL. */
export async function finances(db: Db, range: Range, reach: Reach, words: ReportWords): Promise<Report<FinanceReport>> {
  const where = and(inRange(range), inReach(event.id, reach));
  const [rows, [totals]] = await batch(db.$client, [
    financeRows(db, where),
    raw<Money>(sql`
      SELECT b.billed, b.refunded, b.billed - b.refunded AS net, c.costs, b.billed - b.refunded - c.costs AS profit
      FROM (SELECT COALESCE(SUM(${registration.billedAmount}), 0) AS billed,
                   COALESCE(SUM(${registration.refundAmount}), 0) AS refunded
            FROM ${registration} JOIN ${event} ON ${event.id} = ${registration.eventId} WHERE ${where ?? sql`1`}) b,
           (SELECT COALESCE(SUM(${eventCost.amount}), 0) AS costs
            FROM ${eventCost} JOIN ${event} ON ${event.id} = ${eventCost.eventId} WHERE ${where ?? sql`1`}) c`),
  ]);
  const total = totals as Money;
  const events = rows.map((r) => ({
    id: r.id,
    title: r.title,
    starts_at: iso(r.startsAt),
    status: r.status,
    ...withResult(r),
  }));
  return {
    name: "events-finances",
    json: {
      ...rangeJson(range),
      events: events.map((e) => ({ ...e, ...shown(e) })),
      total: shown(total),
    },
    document: {
      title: words.finances,
      subtitle: words.eventsStarting(rangeText(range, words)),
      sections: [
        {
          heading: words.events,
          columns: [{ label: words.event, width: 4 }, { label: words.starts, width: 2.2 }, ...moneyColumns(words)],
          rows: events.map((e): Cell[] => [e.title, stamp(Date.parse(e.starts_at)), ...moneyCells(e)]),
          empty: words.noEventsInRange,
        },
        { heading: words.total, columns: moneyColumns(words), rows: [moneyCells(total)] },
      ],
    },
  };
}
