// HTTP adapter of the trainer for students: parses, finds the caller's student record, calls the
// use cases and sends their views. The teachers' routes are in admin-routes.ts, the bot's webhook
// in bot/webhook.ts; all three are mounted by `trainerRoutes`.
import { createRoute } from "@hono/zod-openapi";
import { signedIn } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, problems } from "../lib/openapi";
import { notFound } from "../lib/problem";
import { adminRoutes } from "./admin-routes";
import { botRoutes } from "./bot/webhook";
import { contestRoutes } from "./contest-routes";
import {
  AnswerRequest,
  AnswerResult,
  Filters,
  IdempotencyHeader,
  LinkCode,
  PersonalPage,
  RegisterStudentRequest,
  Run,
  RunList,
  RunParam,
  StartPage,
  StartRunRequest,
  StudentStats,
  SubjectList,
} from "./contract";
import { trainerDeps } from "./deps";
import { asSignedIn, callerOf, studentOf } from "./http";
import { questionRoutes } from "./question-routes";
import { trainer } from "./use-cases";

const tags = ["Trainer"];

export const studentRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/trainer/subjects",
      tags,
      summary: "The subjects with their themes and sources",
      responses: { 200: jsonResponse(SubjectList, "The catalogue") },
    }),
    async (c) => c.json({ items: await trainerDeps(c.env).catalogue.subjects() }, 200),
  )
  .openapi(
    createRoute({
      ...asSignedIn,
      method: "post",
      path: "/trainer/students",
      tags,
      summary: "Register as a student (once per account; again answers the first registration, 200)",
      request: { body: jsonBody(RegisterStudentRequest) },
      responses: {
        201: jsonResponse(PersonalPage, "Registered"),
        200: jsonResponse(PersonalPage, "Registered before"),
        ...problems(400, 401),
      },
    }),
    async (c) => {
      const deps = trainerDeps(c.env);
      const account = { kind: "user", userId: signedIn(c).id } as const;
      const { student, created } = await trainer.register(deps, account, c.req.valid("json"), Date.now());
      const page = await trainer.personalPage(deps, student);
      return created ? c.json(page, 201) : c.json(page, 200);
    },
  )
  .openapi(
    createRoute({
      ...asSignedIn,
      method: "get",
      path: "/trainer/me",
      tags,
      summary: "Your personal page: who you are, your figures, your latest runs",
      responses: { 200: jsonResponse(PersonalPage, "You"), ...problems(401, 403) },
    }),
    async (c) => {
      const { deps, student } = await studentOf(c);
      return c.json(await trainer.personalPage(deps, student), 200);
    },
  )
  .openapi(
    createRoute({
      ...asSignedIn,
      method: "get",
      path: "/trainer/start",
      tags,
      summary: "The start page: your subjects, your filters, the run where you stopped",
      responses: { 200: jsonResponse(StartPage, "The start page"), ...problems(401, 403) },
    }),
    async (c) => {
      const { deps, student } = await studentOf(c);
      return c.json(await trainer.startPage(deps, student, Date.now()), 200);
    },
  )
  .openapi(
    createRoute({
      ...asSignedIn,
      method: "put",
      path: "/trainer/me/filters",
      tags,
      summary: "Save the filters your next run starts with",
      request: { body: jsonBody(Filters) },
      responses: { 200: jsonResponse(Filters, "Saved"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { deps, student } = await studentOf(c);
      return c.json(await trainer.setFilters(deps, student, c.req.valid("json")), 200);
    },
  )
  .openapi(
    createRoute({
      ...asSignedIn,
      method: "post",
      path: "/trainer/me/link-code",
      tags,
      summary: "A code to send the bot (/link CODE) that links your Telegram account; valid 15 minutes",
      responses: { 200: jsonResponse(LinkCode, "The code"), ...problems(401, 403) },
    }),
    async (c) => {
      const { deps, student } = await studentOf(c);
      const { code, expiresAt } = await trainer.issueLinkCode(deps, student, Date.now());
      return c.json({ code, expiresAt: new Date(expiresAt).toISOString() }, 200);
    },
  )
  .openapi(
    createRoute({
      ...asSignedIn,
      method: "post",
      path: "/trainer/runs",
      tags,
      summary: "Start a training run (with its first question)",
      description:
        "Needs an `Idempotency-Key`: the same key again answers the run it started (422 with other filters). Filters given become your saved ones; without them, your saved filters are used (400 when you have none).",
      request: { headers: IdempotencyHeader, body: jsonBody(StartRunRequest) },
      responses: { 201: jsonResponse(Run, "The run, with its current question"), ...problems(400, 401, 403, 422) },
    }),
    async (c) => {
      const { deps, student } = await studentOf(c);
      const key = c.req.valid("header")["idempotency-key"];
      return c.json(await trainer.startRun(deps, student, c.req.valid("json").filters, key, Date.now()), 201);
    },
  )
  .openapi(
    createRoute({
      ...asSignedIn,
      method: "get",
      path: "/trainer/runs",
      tags,
      summary: "Your runs, latest first",
      responses: { 200: jsonResponse(RunList, "Your runs"), ...problems(401, 403) },
    }),
    async (c) => {
      const { deps, student } = await studentOf(c);
      return c.json({ items: await trainer.listRuns(deps, student, 50) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...asSignedIn,
      method: "get",
      path: "/trainer/runs/current",
      tags,
      summary: "The run where you stopped, on any platform (404 when none is open)",
      responses: { 200: jsonResponse(Run, "The run"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const { deps, student } = await studentOf(c);
      const run = await trainer.resumeRun(deps, student, Date.now());
      if (!run) throw notFound("You have no open run: start one.");
      return c.json(run, 200);
    },
  )
  .openapi(
    createRoute({
      ...asSignedIn,
      method: "get",
      path: "/trainer/runs/{id}",
      tags,
      summary: "One of your runs, with the question to answer now (asked when the last one was answered)",
      request: { params: RunParam },
      responses: { 200: jsonResponse(Run, "The run"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { deps, account } = callerOf(c);
      return c.json(await trainer.showRun(deps, account, c.req.valid("param").id, Date.now()), 200);
    },
  )
  .openapi(
    createRoute({
      ...asSignedIn,
      method: "post",
      path: "/trainer/runs/{id}/answers",
      tags,
      summary: "Answer the run's current question: checked and explained at once",
      description:
        "Send `choices` (indices from 0) or `text`. The same question answered again (a retry, a double tap) is answered as the first time, with `repeated: true`, and counts once. 409 `not_asked` for a question the run did not ask.",
      request: { params: RunParam, body: jsonBody(AnswerRequest) },
      responses: { 200: jsonResponse(AnswerResult, "Checked"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { deps, account } = callerOf(c);
      const { questionId, choices, text } = c.req.valid("json");
      const given = choices !== undefined ? { choices } : { text: text ?? "" };
      return c.json(await trainer.answer(deps, account, c.req.valid("param").id, questionId, given, Date.now()), 200);
    },
  )
  .openapi(
    createRoute({
      ...asSignedIn,
      method: "get",
      path: "/trainer/stats",
      tags,
      summary: "Your statistics: accuracy per subject and theme, progress by day, streaks, weakest themes",
      responses: { 200: jsonResponse(StudentStats, "Your statistics"), ...problems(401, 403) },
    }),
    async (c) => {
      const { deps, student } = await studentOf(c);
      return c.json(await trainer.studentStats(deps, student, Date.now()), 200);
    },
  );

/** The trainer area's API: one router, mounted once by the app. */
export const trainerRoutes = createRouter()
  .route("/", botRoutes)
  .route("/", adminRoutes)
  .route("/", contestRoutes)
  .route("/", questionRoutes)
  .route("/", studentRoutes);
