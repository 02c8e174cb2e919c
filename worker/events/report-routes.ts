// HTTP adapter of the events reports: each as JSON (for pages and charts), CSV (UTF-8 with BOM)
// or PDF (A4, Cyrillic embedded), chosen by ?format=; the downloads in the reader's language
// (?lang=, else Accept-Language). One event's reports are for its organizers; reports across
// events cover the events the caller organizes.
import { createRoute, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createDb } from "../db";
import type { AppEnv } from "../env";
import { requireRole, requireUser } from "../lib/auth";
import { csvResponse } from "../lib/csv";
import { languageOf } from "../lib/language";
import { createRouter, problems, SESSION } from "../lib/openapi";
import { renderTablesPdf } from "../lib/pdf";
import { reachOf } from "./access";
import { checkInsOverDay, registrationsOverTime } from "./chart-reports";
import { EventParam } from "./contract";
import { eventFinances, finances } from "./finance-reports";
import {
  CheckInsReport,
  EventFinanceReport,
  EventVisitorsReport,
  FinanceReport,
  RangeQuery,
  RegistrationsOverTimeReport,
  ReportFormat,
  VisitorHistoryReport,
  VisitorsReport,
} from "./report-contract";
import { csvRows, type Report } from "./report-kit";
import { REPORT_WORDS, type ReportWords } from "./report-words";
import { eventScope } from "./rules";
import { eventVisitors, visitorHistory, visitorsAcross } from "./visitor-reports";

const tags = ["Events: reports"];
type Ctx = Context<AppEnv>;

const organizerOfThis = {
  security: SESSION,
  middleware: requireRole("organizer", (c: Ctx) => eventScope(c.req.param("id") ?? "")),
};

/** A report's three forms, for its OpenAPI entry. */
const formats = (schema: z.ZodType, what: string) => ({
  200: {
    description: what,
    content: {
      "application/json": { schema },
      "text/csv": { schema: { type: "string" as const } },
      "application/pdf": { schema: { type: "string" as const, format: "binary" } },
    },
  },
});

/** The words of the downloads: the language the page asked for, else the browser's, else English. */
const wordsOf = (c: Ctx, lang: string | undefined): ReportWords =>
  REPORT_WORDS[languageOf(lang, c.req.header("accept-language"))];

async function send(c: Ctx, format: "json" | "csv" | "pdf", words: ReportWords, report: Report<object>) {
  if (format === "csv") return csvResponse(`${report.name}.csv`, csvRows(report.document));
  if (format === "json") return c.json(report.json, 200);
  const generated = words.generated(`${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`);
  const pdf = await renderTablesPdf({ ...report.document, footer: `${report.document.title} · Podium · ${generated}` });
  // pdf-lib's bytes sit on an ArrayBuffer of their own (never a SharedArrayBuffer).
  return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
    "content-type": "application/pdf",
    "content-disposition": `attachment; filename="${report.name}.pdf"`,
  });
}

const perEvent = [
  {
    path: "visitors",
    summary: "Visitors by status, and who they are",
    schema: EventVisitorsReport,
    build: eventVisitors,
  },
  {
    path: "finances",
    summary: "Billed, refunded, net, costs and profit",
    schema: EventFinanceReport,
    build: eventFinances,
  },
  {
    path: "registrations",
    summary: "Registrations per day (chart data)",
    schema: RegistrationsOverTimeReport,
    build: registrationsOverTime,
  },
  {
    path: "check-ins",
    summary: "Check-ins per quarter hour (chart data)",
    schema: CheckInsReport,
    build: checkInsOverDay,
  },
] as const;

const router = createRouter()
  .openapi(
    createRoute({
      security: SESSION,
      middleware: requireUser,
      method: "get",
      path: "/events/reports/visitors",
      tags,
      summary: "Visitors by status over the events starting in a range, per event, with the list",
      request: { query: RangeQuery },
      responses: { ...formats(VisitorsReport, "The report"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { format, lang, from, to } = c.req.valid("query");
      const words = wordsOf(c, lang);
      return send(c, format, words, await visitorsAcross(createDb(c.env.DB), { from, to }, await reachOf(c), words));
    },
  )
  .openapi(
    createRoute({
      security: SESSION,
      middleware: requireUser,
      method: "get",
      path: "/events/reports/finances",
      tags,
      summary: "Money per event starting in a range, and in total (every sum taken in SQL)",
      request: { query: RangeQuery },
      responses: { ...formats(FinanceReport, "The report"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { format, lang, from, to } = c.req.valid("query");
      const words = wordsOf(c, lang);
      return send(c, format, words, await finances(createDb(c.env.DB), { from, to }, await reachOf(c), words));
    },
  )
  .openapi(
    createRoute({
      security: SESSION,
      middleware: requireUser,
      method: "get",
      path: "/events/visitors/{id}/history",
      tags,
      summary: "One visitor's history: the events they registered for and attended",
      request: { params: EventParam, query: ReportFormat },
      responses: { ...formats(VisitorHistoryReport, "The report"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { format, lang } = c.req.valid("query");
      const words = wordsOf(c, lang);
      return send(
        c,
        format,
        words,
        await visitorHistory(createDb(c.env.DB), c.req.valid("param").id, await reachOf(c), words),
      );
    },
  );

/** The per-event reports: the same route four times over, one per report. */
export const eventReportRoutes = perEvent.reduce(
  (routes, report) =>
    routes.openapi(
      createRoute({
        ...organizerOfThis,
        method: "get",
        path: `/events/{id}/reports/${report.path}`,
        tags,
        summary: report.summary,
        request: { params: EventParam, query: ReportFormat },
        responses: { ...formats(report.schema, "The report"), ...problems(400, 401, 403, 404) },
      }),
      async (c) => {
        const { format, lang } = c.req.valid("query");
        const words = wordsOf(c, lang);
        return send(c, format, words, await report.build(createDb(c.env.DB), c.req.valid("param").id, words));
      },
    ),
  router,
);
