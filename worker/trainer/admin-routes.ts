// HTTP adapter of the trainer for teachers (the `teacher` role, or an admin): the catalogue, the
// question bank's import and export, statistics of a subject and of everyone, broadcasts.
import { createRoute } from "@hono/zod-openapi";
import { signedIn } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, problems } from "../lib/openapi";
import { badRequest, Problem } from "../lib/problem";
import { xlsxResponse } from "../lib/xlsx";
import {
  Broadcast,
  BroadcastParam,
  BroadcastRequest,
  ExportQuery,
  IdempotencyHeader,
  ImportReport,
  ImportRequest,
  Subject,
  SubjectParam,
  SubjectRequest,
  SubjectStats,
} from "./contract";
import { trainerDeps } from "./deps";
import { asTeacher } from "./http";
import { readSheet } from "./sheet";
import { trainer } from "./use-cases";

const tags = ["Trainer: teachers"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const xlsxFile = (description: string) => ({
  description,
  content: { [XLSX]: { schema: { type: "string" as const, format: "binary" } } },
});

export const adminRoutes = createRouter()
  .openapi(
    createRoute({
      ...asTeacher,
      method: "post",
      path: "/trainer/subjects",
      tags,
      summary: "Add a subject, or themes and sources to one (names already there stay as they are)",
      request: { body: jsonBody(SubjectRequest) },
      responses: { 200: jsonResponse(Subject, "The subject now"), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await trainer.defineSubject(trainerDeps(c.env, { fresh: true }), c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      ...asTeacher,
      method: "post",
      path: "/trainer/questions/import",
      tags,
      summary: "Import questions from CSV or xlsx: all of them, or none when any row is wrong",
      description:
        "Columns: subject, type (single, multiple, open), text (Markdown), options (separated by |), correct (numbers from 1, separated by commas), accepted (open answers, separated by |), explanation, theme, source (names in the catalogue), without_paper (yes/no), difficulty (1–5). A wrong row answers 400 with `report`: each wrong cell's row (as a spreadsheet numbers it) and column.",
      request: { body: jsonBody(ImportRequest) },
      responses: { 200: jsonResponse(ImportReport, "Imported"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { format, content } = c.req.valid("json");
      const sheet = await readSheet(format, content).catch(() => {
        throw badRequest(`The content is not a readable ${format} file.`, [
          { path: "content", code: "invalid_format", message: `Not a readable ${format} file.` },
        ]);
      });
      const report = await trainer.importQuestions(trainerDeps(c.env, { fresh: true }), sheet.header, sheet.rows);
      if (report.errors.length) {
        const errors = report.errors.map((e) => ({
          path: `rows.${e.row}.${e.column}`,
          code: "invalid_row",
          message: e.message,
        }));
        const detail = `${report.errors.length} problems in the sheet: nothing was imported.`;
        throw new Problem(400, "validation", "Invalid request", detail, { errors, report });
      }
      return c.json(report, 200);
    },
  )
  .openapi(
    createRoute({
      ...asTeacher,
      method: "get",
      path: "/trainer/questions/export",
      tags,
      summary: "The question bank as xlsx, in the import's columns, with each question's counters",
      request: { query: ExportQuery },
      responses: { 200: xlsxFile("The bank"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const subject = c.req.valid("query").subject ?? null;
      const bytes = await trainer.exportQuestions(trainerDeps(c.env, { fresh: true }), subject);
      return xlsxResponse(`questions${subject ? `-${subject}` : ""}.xlsx`, bytes);
    },
  )
  .openapi(
    createRoute({
      ...asTeacher,
      method: "get",
      path: "/trainer/stats/export",
      tags,
      summary: "Every student's figures as xlsx: registration, last activity, answers, accuracy",
      responses: { 200: xlsxFile("The statistics"), ...problems(401, 403) },
    }),
    async (c) => xlsxResponse("students.xlsx", await trainer.exportStatistics(trainerDeps(c.env, { fresh: true }))),
  )
  .openapi(
    createRoute({
      ...asTeacher,
      method: "get",
      path: "/trainer/subjects/{id}/stats",
      tags,
      summary: "A subject's questions, hardest first by their counters",
      request: { params: SubjectParam },
      responses: { 200: jsonResponse(SubjectStats, "The subject's statistics"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await trainer.subjectStats(trainerDeps(c.env, { fresh: true }), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      ...asTeacher,
      method: "post",
      path: "/trainer/broadcasts",
      tags,
      summary: "Write to students (of a subject, region, grade) through the bot and by email, in the background",
      description:
        "Needs an `Idempotency-Key`: the same key again answers the first broadcast (200) and sends nothing more; with another text or audience it is refused (422).",
      request: { headers: IdempotencyHeader, body: jsonBody(BroadcastRequest) },
      responses: {
        201: jsonResponse(Broadcast, "Recorded and queued"),
        200: jsonResponse(Broadcast, "Sent before with this key"),
        ...problems(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const { text, audience } = c.req.valid("json");
      const key = c.req.valid("header")["idempotency-key"];
      const { view, created } = await trainer.broadcast(
        trainerDeps(c.env, { fresh: true }),
        signedIn(c).id,
        key,
        text,
        audience,
        Date.now(),
      );
      return created ? c.json(view, 201) : c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      ...asTeacher,
      method: "get",
      path: "/trainer/broadcasts/{id}",
      tags,
      summary: "A broadcast with its progress: queued, delivered, failed",
      request: { params: BroadcastParam },
      responses: { 200: jsonResponse(Broadcast, "The broadcast"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await trainer.broadcastView(trainerDeps(c.env, { fresh: true }), c.req.valid("param").id), 200),
  );
