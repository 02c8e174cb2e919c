// A shooter's statistics over a period in one discipline: the period's figures from the sessions'
// sums (no pass over every shot), each session's figures and series of 10 for the progress
// chart, and where the shooter's average stands among everyone who shot the discipline then.
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { rangeSessionStat, rangeShot } from "../db/schema";
import type { Deps } from "./deps";
import { type Discipline, type GroupFigures, groupFigures, percentile, type ShotSums } from "./rules";

const DAY = 86_400_000;

export interface StatsQuery {
  from: string;
  to: string;
  discipline: Discipline;
}

const figures = (f: GroupFigures) => ({
  shots: f.shots,
  average_decimal: f.averageDecimal,
  tens_share: f.tensShare,
  inner_tens_share: f.innerTensShare,
  centre: f.centre,
  spread: f.spread,
});

export async function statisticsOf(deps: Deps, userId: string, q: StatsQuery) {
  const from = Date.parse(`${q.from}T00:00:00Z`);
  const to = Date.parse(`${q.to}T00:00:00Z`) + DAY;
  const inPeriod = and(
    eq(rangeSessionStat.discipline, q.discipline),
    gte(rangeSessionStat.startedAt, from),
    lt(rangeSessionStat.startedAt, to),
  );
  const [sessions, series, everyone] = await Promise.all([
    deps.db
      .select()
      .from(rangeSessionStat)
      .where(and(inPeriod, eq(rangeSessionStat.userId, userId)))
      .orderBy(asc(rangeSessionStat.startedAt))
      .all(),
    deps.db
      .select({
        bookingId: rangeShot.bookingId,
        series: sql<number>`(${rangeShot.matchNumber} - 1) / 10`,
        total: sql<number>`SUM(${rangeShot.decimal})`,
      })
      .from(rangeShot)
      .where(
        and(
          eq(rangeShot.userId, userId),
          eq(rangeShot.sighter, false),
          sql`${rangeShot.bookingId} IN (SELECT booking_id FROM range_session_stat
            WHERE user_id = ${userId} AND discipline = ${q.discipline} AND started_at >= ${from} AND started_at < ${to})`,
        ),
      )
      .groupBy(rangeShot.bookingId, sql`2`)
      .all(),
    deps.db
      .select({
        userId: rangeSessionStat.userId,
        average: sql<number>`SUM(${rangeSessionStat.decimalSum}) * 1.0 / SUM(${rangeSessionStat.shots})`,
      })
      .from(rangeSessionStat)
      .where(inPeriod)
      .groupBy(rangeSessionStat.userId)
      .all(),
  ]);
  const total: ShotSums = { shots: 0, decimalSum: 0, tens: 0, innerTens: 0, sumX: 0, sumY: 0, sumXx: 0, sumYy: 0 };
  for (const s of sessions) {
    for (const key of Object.keys(total) as (keyof ShotSums)[]) total[key] += s[key];
  }
  const mine = everyone.find((e) => e.userId === userId)?.average;
  const others = everyone.filter((e) => e.userId !== userId).map((e) => e.average);
  return {
    discipline: q.discipline,
    from: q.from,
    to: q.to,
    figures: figures(groupFigures(total)),
    sessions: sessions.map((s) => ({
      booking_id: s.bookingId,
      started_at: new Date(s.startedAt).toISOString(),
      figures: figures(groupFigures(s)),
      series: series
        .filter((r) => r.bookingId === s.bookingId)
        .sort((a, b) => a.series - b.series)
        .map((r) => r.total / 10),
    })),
    comparison: {
      shooters: everyone.length,
      percentile: mine === undefined ? null : percentile(mine, others),
    },
  };
}
