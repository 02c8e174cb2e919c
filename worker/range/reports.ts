// PDF reports, made asynchronously (the description's long work): a shooter's period, or one
// session with its targets (session-report.ts). Asking gives a job id at once; the range queue
// computes, renders the PDF and keeps it in R2; the job's status says when it can be downloaded.
// Jobs live in R2 under the prefix of whoever asked, so one reaches only one's own by
// construction (who may ask for a session's report is checked when asking), and a retried job
// writes the same objects again.
import type { TablesDocument } from "../lib/pdf";
import { renderTablesPdf } from "../lib/pdf";
import type { ReportJob } from "./contract";
import type { Deps } from "./deps";
import type { ReportLanguage } from "./report-words";
import { sessionReportPdf } from "./session-report";
import { type StatsQuery, statisticsOf } from "./statistics";

const base = (userId: string, id: string) => `range-reports/${userId}/${id}`;

async function save(bucket: R2Bucket, userId: string, job: ReportJob): Promise<ReportJob> {
  await bucket.put(`${base(userId, job.id)}.json`, JSON.stringify(job), {
    httpMetadata: { contentType: "application/json" },
  });
  return job;
}

export async function reportJob(bucket: R2Bucket, userId: string, id: string): Promise<ReportJob | null> {
  const stored = await bucket.get(`${base(userId, id)}.json`);
  if (!stored) return null;
  // Jobs kept before session reports existed were all of a period, in English, without these fields.
  const job = (await stored.json()) as Partial<ReportJob> & Omit<ReportJob, "kind" | "booking_id" | "language">;
  return { ...job, kind: job.kind ?? "period", booking_id: job.booking_id ?? null, language: job.language ?? "en" };
}

export async function reportPdf(bucket: R2Bucket, userId: string, id: string): Promise<ReadableStream | null> {
  return (await bucket.get(`${base(userId, id)}.pdf`))?.body ?? null;
}

/** What a report covers: a period of the shooter's statistics, or one session. */
export type ReportSubject =
  | { kind: "period"; query: StatsQuery }
  | { kind: "session"; bookingId: string; language: ReportLanguage };

/** Records the job and queues it; the answer does not wait for the report. */
export async function requestReport(deps: Deps, bucket: R2Bucket, userId: string, subject: ReportSubject) {
  const job: ReportJob = {
    id: crypto.randomUUID(),
    status: "queued",
    kind: subject.kind,
    query: subject.kind === "period" ? subject.query : null,
    booking_id: subject.kind === "session" ? subject.bookingId : null,
    language: subject.kind === "session" ? subject.language : "en",
    requested_at: new Date().toISOString(),
    finished_at: null,
    error: null,
  };
  await save(bucket, userId, job);
  await deps.jobs.send({ type: "report", user_id: userId, report_id: job.id });
  return job;
}

const fixed = (value: number | null, places: number) => (value === null ? "—" : value.toFixed(places));
const percent = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)} %`);

/** The report's tables: the period's figures, then each session with its series. */
function document(stats: Awaited<ReturnType<typeof statisticsOf>>): TablesDocument {
  const f = stats.figures;
  return {
    title: `Shooting statistics · ${stats.discipline}`,
    subtitle: `${stats.from} – ${stats.to}`,
    sections: [
      {
        heading: "The period",
        columns: [
          { label: "Figure", width: 2 },
          { label: "Value", width: 2, align: "right" },
        ],
        rows: [
          ["Shots", String(f.shots)],
          ["Average decimal score", fixed(f.average_decimal, 2)],
          ["Tens", percent(f.tens_share)],
          ["Inner tens", percent(f.inner_tens_share)],
          ["Group centre, mm", f.centre ? `${f.centre.x}, ${f.centre.y}` : "—"],
          ["Spread, mm", fixed(f.spread, 2)],
          [
            "Percentile among shooters",
            stats.comparison.percentile === null
              ? "—"
              : `${stats.comparison.percentile} (of ${stats.comparison.shooters})`,
          ],
        ],
      },
      {
        heading: "Sessions",
        columns: [
          { label: "Started (UTC)", width: 2 },
          { label: "Shots", width: 1, align: "right" },
          { label: "Average", width: 1, align: "right" },
          { label: "Series of 10", width: 4 },
        ],
        rows: stats.sessions.map((s) => [
          s.started_at.slice(0, 16).replace("T", " "),
          String(s.figures.shots),
          fixed(s.figures.average_decimal, 2),
          s.series.map((t) => t.toFixed(1)).join(" · "),
        ]),
        empty: "No sessions in this period.",
      },
    ],
  };
}

async function render(deps: Deps, userId: string, job: ReportJob): Promise<Uint8Array> {
  if (job.booking_id !== null) return sessionReportPdf(deps, job.booking_id, job.language);
  if (job.query === null) throw new Error(`report ${job.id} names neither a period nor a session`);
  return renderTablesPdf(document(await statisticsOf(deps, userId, job.query)));
}

/** The file name a report downloads as. */
export const reportFileName = (job: ReportJob) =>
  job.query ? `range-statistics-${job.query.from}-${job.query.to}.pdf` : `range-session-${job.booking_id}.pdf`;

/** The queue's part: compute, render, keep; the job says how it went. */
export async function makeReport(deps: Deps, bucket: R2Bucket, userId: string, id: string): Promise<void> {
  const job = await reportJob(bucket, userId, id);
  if (!job || job.status === "done") return;
  await save(bucket, userId, { ...job, status: "running" });
  try {
    const pdf = await render(deps, userId, job);
    await bucket.put(`${base(userId, id)}.pdf`, pdf, { httpMetadata: { contentType: "application/pdf" } });
    await save(bucket, userId, { ...job, status: "done", finished_at: new Date().toISOString() });
  } catch (error) {
    await save(bucket, userId, {
      ...job,
      status: "failed",
      error: String(error),
      finished_at: new Date().toISOString(),
    });
    throw error;
  }
}
