// HTTP adapter of the review after a score is published or an athlete withdraws: inquiries on a D
// score (head judge records and decides them) and "did not start" (secretary or head judge).
import { createRoute, z } from "@hono/zod-openapi";
import { createDb, createReplicaDb } from "../db";
import { assertRole, signedIn } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, problems, SESSION } from "../lib/openapi";
import { notFound } from "../lib/problem";
import { unwrap } from "../lib/rpc";
import {
  AcceptInquiryRequest,
  CompetitionParam,
  DidNotStartParam,
  InquiryParam,
  InquiryRequest,
  RejectInquiryRequest,
  SessionParam,
} from "./contract";
import { recordDidNotStart, withdrawDidNotStart } from "./did-not-start";
import { inquiriesOf } from "./inquiry-store";
import { competitionScope } from "./panel";
import { assertNotFinalized, findCompetition } from "./results";
import { parseSessionName, scoringSession } from "./scoring";

const tags = ["Gym: review"];
const SessionView = z.record(z.string(), z.unknown()).openapi("ScoringSessionView");

/** The competition a session belongs to, after checking the caller is its head judge. */
async function headJudgeOfSession(c: Parameters<typeof signedIn>[0], sessionId: string) {
  const parsed = parseSessionName(sessionId);
  if (!parsed) throw notFound(`No scoring session ${sessionId}.`);
  await assertRole(c, "head_judge", competitionScope(parsed.competitionId));
  await assertNotFinalized(createDb(c.env.DB), parsed.competitionId);
  return parsed.competitionId;
}

const decision = (path: string, summary: string, body: typeof AcceptInquiryRequest | typeof RejectInquiryRequest) =>
  createRoute({
    method: "post",
    path: `/gym/scoring-sessions/{id}/inquiries/{inquiry}/${path}`,
    tags,
    summary,
    security: SESSION,
    request: { params: InquiryParam, body: jsonBody(body) },
    responses: { 200: jsonResponse(SessionView, "The session now"), ...problems(400, 401, 403, 404, 409) },
  });

const dnsRoute = (method: "put" | "delete", summary: string) =>
  createRoute({
    method,
    path: "/gym/events/{id}/did-not-start/{athlete}/{apparatus}",
    tags,
    summary,
    security: SESSION,
    request: { params: DidNotStartParam },
    responses: { 204: { description: "Done" }, ...problems(400, 401, 403, 404, 409) },
  });

export const reviewRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/gym/scoring-sessions/{id}/inquiries",
      tags,
      summary: "Record a coach's inquiry on a published D score (head judge, within the competition's window)",
      security: SESSION,
      request: { params: SessionParam, body: jsonBody(InquiryRequest) },
      responses: { 200: jsonResponse(SessionView, "The session now"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const competitionId = await headJudgeOfSession(c, id);
      const { inquiryWindowSeconds } = await findCompetition(createDb(c.env.DB), competitionId);
      const session = scoringSession(c.env, id);
      const view = await session.recordInquiry(
        c.req.valid("json").asked_by,
        inquiryWindowSeconds * 1000,
        signedIn(c).id,
      );
      return c.json(unwrap(view), 200);
    },
  )
  .openapi(
    decision(
      "accept",
      "Accept an inquiry with a new D: the final is computed again and published at once",
      AcceptInquiryRequest,
    ),
    async (c) => {
      const { id, inquiry } = c.req.valid("param");
      await headJudgeOfSession(c, id);
      const { d, reason } = c.req.valid("json") as { d: number; reason: string };
      const view = await scoringSession(c.env, id).decideInquiry(inquiry, { accept: true, d }, reason, signedIn(c).id);
      return c.json(unwrap(view), 200);
    },
  )
  .openapi(decision("reject", "Reject an inquiry: the score stands", RejectInquiryRequest), async (c) => {
    const { id, inquiry } = c.req.valid("param");
    await headJudgeOfSession(c, id);
    const { reason } = c.req.valid("json");
    const view = await scoringSession(c.env, id).decideInquiry(inquiry, { accept: false }, reason, signedIn(c).id);
    return c.json(unwrap(view), 200);
  })
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/events/{id}/inquiries",
      tags,
      summary: "A competition's inquiries, oldest first, with their answers (secretary, head judge)",
      security: SESSION,
      request: { params: CompetitionParam },
      responses: {
        200: jsonResponse(z.array(z.record(z.string(), z.unknown())).openapi("GymInquiries"), "Oldest first"),
        ...problems(401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await assertRole(c, ["secretary", "head_judge"], competitionScope(id));
      const db = createReplicaDb(c.env.DB);
      await findCompetition(db, id);
      return c.json(await inquiriesOf(db, id), 200);
    },
  )
  .openapi(
    dnsRoute("put", "Record that an athlete does not start on an apparatus: no all-around total, their task ends"),
    async (c) => {
      const { id, athlete, apparatus } = c.req.valid("param");
      await assertRole(c, ["secretary", "head_judge"], competitionScope(id));
      const request = { competitionId: id, athleteId: athlete, apparatus, actorId: signedIn(c).id };
      await recordDidNotStart(c.env, createDb(c.env.DB), request);
      return c.body(null, 204);
    },
  )
  .openapi(dnsRoute("delete", "Take back a did-not-start record made by mistake"), async (c) => {
    const { id, athlete, apparatus } = c.req.valid("param");
    await assertRole(c, ["secretary", "head_judge"], competitionScope(id));
    const request = { competitionId: id, athleteId: athlete, apparatus, actorId: signedIn(c).id };
    await withdrawDidNotStart(c.env, createDb(c.env.DB), request);
    return c.body(null, 204);
  });
