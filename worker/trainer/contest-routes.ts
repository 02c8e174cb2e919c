// HTTP adapter of the trainer's contests: teachers (or admins) create them; students join and answer; anyone
// reads a contest and its ranking. The contest's object keeps the clock (durable-objects/).
import { createRoute } from "@hono/zod-openapi";
import { signedIn } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, problems } from "../lib/openapi";
import {
  Contest,
  ContestAnswerRequest,
  ContestAnswerResult,
  ContestList,
  ContestParam,
  CreateContestRequest,
  Ranking,
} from "./contract";
import { trainerDeps } from "./deps";
import { asSignedIn, asTeacher, studentOf } from "./http";
import { trainer } from "./use-cases";

const tags = ["Trainer: contests"];

export const contestRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/trainer/contests",
      tags,
      summary: "Create a contest: a timed set of a subject's questions (given, or drawn at random)",
      ...asTeacher,
      request: { body: jsonBody(CreateContestRequest) },
      responses: { 201: jsonResponse(Contest, "Created"), ...problems(400, 401, 403) },
    }),
    async (c) =>
      c.json(
        await trainer.createContest(
          trainerDeps(c.env, { fresh: true }),
          signedIn(c).id,
          c.req.valid("json"),
          Date.now(),
        ),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/trainer/contests",
      tags,
      summary: "Contests, the latest-starting first",
      responses: { 200: jsonResponse(ContestList, "Contests") },
    }),
    async (c) => c.json({ items: await trainer.listContests(trainerDeps(c.env)) }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/trainer/contests/{id}",
      tags,
      summary: "A contest with its ranking; its questions (without answers) once it has started",
      request: { params: ContestParam },
      responses: { 200: jsonResponse(Contest, "The contest"), ...problems(400, 404) },
    }),
    async (c) => c.json(await trainer.contestView(trainerDeps(c.env), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/trainer/contests/{id}/join",
      tags,
      summary: "Join a contest (again: nothing changes); refused once it is over (409 `over`)",
      ...asSignedIn,
      request: { params: ContestParam },
      responses: { 200: jsonResponse(Ranking, "The ranking"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { deps, student } = await studentOf(c);
      return c.json(await trainer.joinContest(deps, student, c.req.valid("param").id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/trainer/contests/{id}/answers",
      tags,
      summary: "Answer one of the contest's questions, by the contest's clock",
      description:
        "409 with `reason` `not_started`, `over` (by the contest object's clock, whatever the client's says) or `not_joined`. The same question again answers the first verdict with `repeated: true` and counts once.",
      ...asSignedIn,
      request: { params: ContestParam, body: jsonBody(ContestAnswerRequest) },
      responses: { 200: jsonResponse(ContestAnswerResult, "Counted"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { deps, student } = await studentOf(c);
      const { questionId, choices, text } = c.req.valid("json");
      const given = choices !== undefined ? { choices } : { text: text ?? "" };
      return c.json(await trainer.answerContest(deps, student, c.req.valid("param").id, questionId, given), 200);
    },
  );
