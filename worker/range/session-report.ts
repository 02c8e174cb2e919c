// A session's PDF report: its figures, its series of 10 with their totals, and its targets drawn
// to scale with every shot where it hit (target-plot.ts): all the match shots with the sighters,
// then each series on its own target, with the group's centre and spread. Read from the shots the
// statistics queue recorded in D1, in the language the report was asked in (report-words.ts).
import { asc, eq } from "drizzle-orm";
import { rangeShot, user } from "../db/schema";
import { renderTablesPdf, type TablesDocument } from "../lib/pdf";
import type { Deps } from "./deps";
import type { BookingView } from "./present";
import { type ReportLanguage, SESSION_WORDS } from "./report-words";
import { type Discipline, groupFigures, sumShots } from "./rules";
import { findBooking } from "./store";
import { offFace, PLOT_SIZE, type Plot, ratioText, scaleFor, targetRow } from "./target-plot";

type ShotRow = typeof rangeShot.$inferSelect;
type Words = (typeof SESSION_WORDS)[ReportLanguage];

export interface SessionData {
  view: BookingView;
  shooter: string;
  /** Every shot of the session, sighters too. */
  shots: ShotRow[];
}

const SERIES = 10;
const stamp = (ms: number | null) => (ms === null ? "—" : new Date(ms).toISOString().slice(0, 16).replace("T", " "));
const tenths = (sum: number) => (sum / 10).toFixed(1);
const mm = (shot: ShotRow) => ({ x: shot.x / 100, y: shot.y / 100, sighter: shot.sighter });

/** The figures of a group as the report prints them: totals, centre and spread. */
function describe(shots: ShotRow[], words: Words) {
  const figures = groupFigures(sumShots(shots));
  return {
    figures,
    total: tenths(shots.reduce((sum, s) => sum + s.decimal, 0)),
    rings: String(shots.reduce((sum, s) => sum + s.ring, 0)),
    centre: figures.centre ? words.mm(`${figures.centre.x.toFixed(2)}, ${figures.centre.y.toFixed(2)}`) : "—",
    spread: figures.spread === null ? "—" : words.mm(figures.spread.toFixed(2)),
  };
}

function plotOf(label: string, shots: ShotRow[], discipline: Discipline, words: Words): Plot {
  const group = describe(
    shots.filter((s) => !s.sighter),
    words,
  );
  const off = offFace(discipline, shots.map(mm));
  return {
    label,
    shots: shots.map(mm),
    centre: group.figures.centre,
    spread: group.figures.spread,
    caption: [
      `${words.total} ${group.total} (${group.rings}) · ${words.centre} ${group.centre}`,
      [
        `${words.spread} ${group.spread}`,
        words.scale(ratioText(scaleFor(discipline, PLOT_SIZE))),
        ...(off ? [words.offFace(off)] : []),
      ].join(" · "),
    ],
  };
}

/** Pairs, for targets that stand two to a row. */
const pairs = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / 2) }, (_, i) => items.slice(2 * i, 2 * i + 2));

export function sessionDocument({ view, shooter, shots }: SessionData, language: ReportLanguage): TablesDocument {
  const words = SESSION_WORDS[language];
  const discipline = view.lane.discipline;
  const match = shots.filter((s) => !s.sighter).sort((a, b) => (a.matchNumber ?? 0) - (b.matchNumber ?? 0));
  const sighters = shots.filter((s) => s.sighter);
  const series = Array.from({ length: Math.ceil(match.length / SERIES) }, (_, i) =>
    match.slice(i * SERIES, (i + 1) * SERIES),
  );
  const whole = describe(match, words);
  const f = whole.figures;
  const share = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)} %`);
  const overview = [plotOf(words.allMatchShots, [...sighters, ...match], discipline, words)];
  const seriesPlots = series.map((group, i) => plotOf(words.seriesN(i + 1), group, discipline, words));
  return {
    title: words.title(words.disciplines[discipline]),
    subtitle: `${shooter} · ${view.lane.name} · ${stamp(view.booking.startedAt)}`,
    footer: `${words.title(words.disciplines[discipline])} · ${shooter} · Podium`,
    sections: [
      {
        heading: words.session,
        columns: [
          { label: words.figure, width: 2 },
          { label: words.value, width: 3, align: "right" },
        ],
        rows: [
          [words.shooter, shooter],
          [words.lane, view.lane.name],
          [words.started, stamp(view.booking.startedAt)],
          [words.ended, stamp(view.booking.endedAt)],
          [words.matchShots, String(match.length)],
          [words.sighters, String(sighters.length)],
          [words.total, `${whole.total} (${whole.rings})`],
          [words.average, f.averageDecimal === null ? "—" : f.averageDecimal.toFixed(2)],
          [words.tens, share(f.tensShare)],
          [words.innerTens, share(f.innerTensShare)],
          [words.centre, whole.centre],
          [words.spread, whole.spread],
        ],
      },
      {
        heading: words.series,
        columns: [
          { label: "#", width: 0.6, align: "right" },
          { label: words.shots, width: 1.4, align: "right" },
          { label: words.total, width: 1.5, align: "right" },
          { label: words.rings, width: 1.5, align: "right" },
          { label: words.centre, width: 2.5, align: "right" },
          { label: words.spread, width: 2, align: "right" },
        ],
        rows: series.map((group, i) => {
          const d = describe(group, words);
          return [i + 1, group.length, d.total, d.rings, d.centre, d.spread];
        }),
        empty: words.noShots,
      },
      targetRow(words.targets, discipline, overview, PLOT_SIZE),
      ...pairs(seriesPlots).map((row) => targetRow(words.series, discipline, row, PLOT_SIZE)),
    ],
  };
}

/** The queue's part of a session report: read the session, render it. */
export async function sessionReportPdf(deps: Deps, bookingId: string, language: ReportLanguage): Promise<Uint8Array> {
  const view = await findBooking(deps.db, bookingId);
  const [shots, person] = await Promise.all([
    deps.db
      .select()
      .from(rangeShot)
      .where(eq(rangeShot.bookingId, bookingId))
      .orderBy(asc(rangeShot.shotAt), asc(rangeShot.shotId))
      .all(),
    deps.db.select({ name: user.name }).from(user).where(eq(user.id, view.booking.userId)).get(),
  ]);
  return renderTablesPdf(sessionDocument({ view, shooter: person?.name ?? view.booking.userId, shots }, language));
}
