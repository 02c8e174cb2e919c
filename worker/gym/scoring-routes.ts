// HTTP adapter of live scoring: /api/gym/scoring-sessions (secretary, head judge) and
// /api/gym/scores (judges, each for their own seat only).
import { createRoute, z } from "@hono/zod-openapi";
import { createDb, createReplicaDb } from "../db";
import { assertRole, hasRole, requireUser, signedIn } from "../lib/auth";
import { csvResponse } from "../lib/csv";
import { LANGUAGES, languageOf } from "../lib/language";
import { createRouter, jsonBody, jsonResponse, problems, SESSION } from "../lib/openapi";
import { shaped } from "../lib/patterns";
import { notFound } from "../lib/problem";
import { unwrap } from "../lib/rpc";
import { auditOf } from "./audit-store";
import {
  AgreedDifficultyRequest,
  NeutralRequest,
  OpenSessionRequest,
  OverrideRequest,
  ReopenRequest,
  ReopenSessionRequest,
  RescoreRequest,
  SessionParam,
  SubmitScoreRequest,
} from "./contract";
import { competitionScope } from "./panel";
import {
  assertNotFinalized,
  athleteScores,
  finalize,
  findCompetition,
  reopen,
  resultsOf,
  resultsTable,
} from "./results";
import { forgetResultsPdf, resultsPdfOf } from "./results-pdf";
import { openSession, parseSessionName, pendingFor, scoringSession, submitScore } from "./scoring";

const tags = ["Gym: live scoring"];

const Json = z.record(z.string(), z.unknown());
const SessionView = Json.openapi("ScoringSessionView", {
  description:
    "The session: athlete, apparatus, status, each seat's mark, who is missing, the score so far, the audit log",
});
const MarkAck = z
  .object({
    client_id: z.string(),
    session_id: z.string(),
    position: z.string(),
    value: z.number(),
    duplicate: z.boolean(),
  })
  .openapi("MarkAck");

/** The competition a session belongs to, from its name; 404 for a name that is no session's. */
function competitionOf(sessionId: string) {
  const parsed = parseSessionName(sessionId);
  if (!parsed) throw notFound(`No scoring session ${sessionId}.`);
  return parsed;
}

const sessionAction = (action: "close" | "publish", summary: string) =>
  createRoute({
    method: "post",
    path: `/gym/scoring-sessions/{id}/${action}`,
    tags,
    summary,
    security: SESSION,
    request: { params: SessionParam },
    responses: { 200: jsonResponse(SessionView, "The session now"), ...problems(401, 403, 404, 409) },
  });

const Results = Json.openapi("GymResults", {
  description:
    "Standings per apparatus and all-around, each row with place, athlete, final, E and D (thousandths); the latest scores with their breakdown",
});
const CompetitionId = shaped("id");
const EventQuery = z.object({ event_id: CompetitionId });
const CompetitionParam = z.object({ id: CompetitionId });
const PendingTask = z
  .object({
    session_id: z.string(),
    competition_id: z.string(),
    athlete: z.object({ id: z.string(), name: z.string() }),
    apparatus: z.string(),
    attempt: z.number(),
    position: z.string(),
    deadline: z.string(),
  })
  .openapi("PendingTask");
const AuditEntry = z
  .object({
    at: z.string(),
    session_id: z.string().nullable(),
    actor_id: z.string(),
    action: z.string(),
    position: z.string().nullable(),
    before: z.string().nullable(),
    after: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .openapi("GymAuditEntry");

export const scoringRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/gym/scoring-sessions",
      tags,
      summary: "Open a scoring session for an athlete on an apparatus (idempotent per attempt)",
      security: SESSION,
      request: { body: jsonBody(OpenSessionRequest) },
      responses: { 200: jsonResponse(SessionView, "The session"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      await assertRole(c, ["secretary", "head_judge"], competitionScope(input.event_id));
      return c.json(await openSession(c.env, createDb(c.env.DB), input, signedIn(c).id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/scoring-sessions/{id}",
      tags,
      summary: "A session as the head judge and secretary see it",
      security: SESSION,
      request: { params: SessionParam },
      responses: { 200: jsonResponse(SessionView, "The session"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await assertRole(c, ["secretary", "head_judge"], competitionScope(competitionOf(id).competitionId));
      return c.json(unwrap(await scoringSession(c.env, id).view()), 200);
    },
  )
  .openapi(sessionAction("close", "Close the session to marks (head judge)"), async (c) => {
    const { id } = c.req.valid("param");
    await assertRole(c, "head_judge", competitionScope(competitionOf(id).competitionId));
    return c.json(unwrap(await scoringSession(c.env, id).close(signedIn(c).id)), 200);
  })
  .openapi(
    createRoute({
      method: "post",
      path: "/gym/scoring-sessions/{id}/neutral",
      tags,
      summary: "Set the neutral deductions (head judge; replaces the earlier total, audited)",
      security: SESSION,
      request: { params: SessionParam, body: jsonBody(NeutralRequest) },
      responses: { 200: jsonResponse(SessionView, "The session now"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await assertRole(c, "head_judge", competitionScope(competitionOf(id).competitionId));
      return c.json(unwrap(await scoringSession(c.env, id).setNeutral(c.req.valid("json").value, signedIn(c).id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/gym/scoring-sessions/{id}/rescore",
      tags,
      summary: "Ask one judge to score again: their seat's mark is cleared (head judge, audited)",
      security: SESSION,
      request: { params: SessionParam, body: jsonBody(RescoreRequest) },
      responses: { 200: jsonResponse(SessionView, "The session now"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await assertRole(c, "head_judge", competitionScope(competitionOf(id).competitionId));
      return c.json(
        unwrap(await scoringSession(c.env, id).requestRescore(c.req.valid("json").position, signedIn(c).id)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/gym/scoring-sessions/{id}/reopen",
      tags,
      summary: "Open a closed session to marks again, with a reason and a new deadline (head judge, audited)",
      security: SESSION,
      request: { params: SessionParam, body: jsonBody(ReopenSessionRequest) },
      responses: { 200: jsonResponse(SessionView, "The session now"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await assertRole(c, "head_judge", competitionScope(competitionOf(id).competitionId));
      const { reason, deadline_seconds } = c.req.valid("json");
      const deadline = Date.now() + deadline_seconds * 1000;
      return c.json(unwrap(await scoringSession(c.env, id).reopen(reason, deadline, signedIn(c).id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/gym/scoring-sessions/{id}/difficulty",
      tags,
      summary: "Enter the agreed D score when the D judges differ (head judge or the D panel's chair, audited)",
      description: "The value stands in place of the D judges' own until the score is published.",
      security: SESSION,
      middleware: requireUser,
      request: { params: SessionParam, body: jsonBody(AgreedDifficultyRequest) },
      responses: { 200: jsonResponse(SessionView, "The session now"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const isHeadJudge = await hasRole(c, "head_judge", competitionScope(competitionOf(id).competitionId));
      const { value, reason } = c.req.valid("json");
      const actor = { id: signedIn(c).id, isHeadJudge };
      return c.json(unwrap(await scoringSession(c.env, id).setAgreedDifficulty(value, reason, actor)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/gym/scoring-sessions/{id}/override",
      tags,
      summary: "Set the final score in place of the computed one, with a reason (head judge, audited)",
      description:
        "On a closed session the override is what publishing publishes; on a published one it is published at once (refused once the results are final).",
      security: SESSION,
      request: { params: SessionParam, body: jsonBody(OverrideRequest) },
      responses: { 200: jsonResponse(SessionView, "The session now"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { competitionId } = competitionOf(id);
      await assertRole(c, "head_judge", competitionScope(competitionId));
      await assertNotFinalized(createDb(c.env.DB), competitionId);
      const { value, reason } = c.req.valid("json");
      return c.json(unwrap(await scoringSession(c.env, id).override(value, reason, signedIn(c).id)), 200);
    },
  )
  .openapi(sessionAction("publish", "Publish the computed score (head judge)"), async (c) => {
    const { id } = c.req.valid("param");
    const { competitionId } = competitionOf(id);
    await assertRole(c, "head_judge", competitionScope(competitionId));
    await assertNotFinalized(createDb(c.env.DB), competitionId);
    return c.json(unwrap(await scoringSession(c.env, id).publish(signedIn(c).id)), 200);
  })
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/leaderboard",
      tags,
      summary: "Live standings of a competition (public)",
      request: { query: EventQuery },
      responses: { 200: jsonResponse(Results, "Standings"), ...problems(400, 404) },
    }),
    async (c) => c.json(await resultsOf(createReplicaDb(c.env.DB), c.req.valid("query").event_id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/results/{id}",
      tags,
      summary: "Results of a competition, official once finalized (secretary, head judge)",
      security: SESSION,
      request: { params: CompetitionParam },
      responses: { 200: jsonResponse(Results, "Results"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await assertRole(c, ["secretary", "head_judge"], competitionScope(id));
      return c.json(await resultsOf(createDb(c.env.DB), id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/results/{id}/csv",
      tags,
      summary: "Results as CSV (UTF-8 with BOM): each apparatus, then the all-around (public)",
      request: { params: CompetitionParam },
      responses: {
        200: { description: "The results", content: { "text/csv": { schema: z.string() } } },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return csvResponse(`results-${id}.csv`, resultsTable(await resultsOf(createReplicaDb(c.env.DB), id)));
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/results/{id}/pdf",
      tags,
      summary:
        "Results as a PDF (A4, fonts embedded so Cyrillic renders anywhere): each apparatus, then the all-around (public)",
      description: "In the language asked for with `lang`, else the first of Accept-Language that Podium speaks.",
      request: { params: CompetitionParam, query: z.object({ lang: z.enum(LANGUAGES).optional() }) },
      responses: {
        200: { description: "The results", content: { "application/pdf": { schema: z.string() } } },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const language = languageOf(c.req.valid("query").lang, c.req.header("accept-language"));
      const pdf = await resultsPdfOf(c.env.DOCUMENTS, createReplicaDb(c.env.DB), id, language);
      // pdf-lib's bytes sit on an ArrayBuffer of their own (never a SharedArrayBuffer).
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="results-${id}.pdf"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/gym/finalize",
      tags,
      summary: "Lock the results: no score may be published afterwards (head judge)",
      security: SESSION,
      request: { body: jsonBody(EventQuery) },
      responses: { 200: jsonResponse(Results, "The official results"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { event_id } = c.req.valid("json");
      await assertRole(c, "head_judge", competitionScope(event_id));
      return c.json(await finalize(createDb(c.env.DB), event_id, signedIn(c).id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/gym/reopen",
      tags,
      summary: "Unlock final results to correct them, with a reason (head judge, audited)",
      security: SESSION,
      request: { body: jsonBody(ReopenRequest) },
      responses: {
        200: jsonResponse(Results, "The results, no longer official"),
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { event_id, reason } = c.req.valid("json");
      await assertRole(c, "head_judge", competitionScope(event_id));
      const results = await reopen(createDb(c.env.DB), event_id, reason, signedIn(c).id);
      await forgetResultsPdf(c.env.DOCUMENTS, event_id);
      return c.json(results, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/events/{id}/audit",
      tags,
      summary: "The competition's audit log: every published session's steps, finalizing and reopening",
      security: SESSION,
      request: { params: CompetitionParam },
      responses: { 200: jsonResponse(z.array(AuditEntry), "Oldest first"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await assertRole(c, ["secretary", "head_judge"], competitionScope(id));
      const db = createDb(c.env.DB);
      await findCompetition(db, id);
      return c.json(await auditOf(db, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/athletes/{id}/scores",
      tags,
      summary: "Every published score of an athlete (public)",
      request: { params: CompetitionParam },
      responses: {
        200: jsonResponse(Json.openapi("AthleteScores"), "The athlete and their scores"),
        ...problems(400, 404),
      },
    }),
    async (c) => c.json(await athleteScores(createReplicaDb(c.env.DB), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/gym/scores",
      tags,
      summary: "Submit your mark for your seat; resending the same client_id is harmless",
      description:
        "Only the account seated at that position when the session opened may mark it (403 otherwise). A client_id is yours at your seat: the same id from another judge is their own command.",
      security: SESSION,
      middleware: requireUser,
      request: { body: jsonBody(SubmitScoreRequest) },
      responses: {
        200: jsonResponse(MarkAck, "Stored (or recognised as a resend)"),
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      competitionOf(input.session_id);
      // The session itself knows who sits where: no role grants are read for a mark.
      return c.json(await submitScore(c.env, input, signedIn(c).id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/scores/pending",
      tags,
      summary: "Your scoring tasks: open sessions on your panels still waiting for your mark (judges)",
      security: SESSION,
      middleware: requireUser,
      responses: { 200: jsonResponse(z.array(PendingTask), "Soonest deadline first"), ...problems(401) },
    }),
    async (c) => {
      const tasks = await pendingFor(c.env, createDb(c.env.DB), signedIn(c).id);
      return c.json(
        tasks.sort((a, b) => a.deadline.localeCompare(b.deadline)),
        200,
      );
    },
  );
