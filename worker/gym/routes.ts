// HTTP adapter of running a competition: /api/gym/events… (head judge), /api/gym/events/active
// (judges), and the public reads.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { closeSockets } from "../auth/revocation";
import { createDb, createReplicaDb } from "../db";
import type { AppEnv } from "../env";
import { requireRole, requireUser, signedIn } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, Page, pageOf, problems, SESSION } from "../lib/openapi";
import {
  AddAthleteRequest,
  Athlete,
  Competition,
  CompetitionParam,
  CreateCompetitionRequest,
  JudgeAssignment,
  PanelSeat,
  SeatJudgeRequest,
  SeatParam,
  StatusRequest,
} from "./contract";
import { competitionScope } from "./panel";
import {
  activeFor,
  addAthlete,
  changeStatus,
  createCompetition,
  freeSeat,
  getCompetition,
  listAthletes,
  listCompetitions,
  panelOf,
  seatJudge,
} from "./service";

const tags = ["Gym: competitions"];
const scopeOfThis = (c: Context<AppEnv>) => competitionScope(c.req.param("id") ?? "");
export const headJudgeOfThis = { security: SESSION, middleware: requireRole("head_judge", scopeOfThis) };
/** The competition's officials, its head judge and secretary: the start list is the secretary's work too. */
export const officialsOfThis = {
  security: SESSION,
  middleware: requireRole(["head_judge", "secretary"], scopeOfThis),
};

export const competitionRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/gym/events",
      tags,
      summary: "Create a competition (you become its head judge)",
      security: SESSION,
      middleware: requireRole("head_judge"),
      request: { body: jsonBody(CreateCompetitionRequest) },
      responses: { 201: jsonResponse(Competition, "Created, in draft"), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await createCompetition(createDb(c.env.DB), c.req.valid("json"), signedIn(c).id), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/events/active",
      tags,
      summary: "The running competitions where you judge, with your seats",
      security: SESSION,
      middleware: requireUser,
      responses: { 200: jsonResponse(z.array(JudgeAssignment), "Your assignments"), ...problems(401) },
    }),
    async (c) => c.json(await activeFor(createDb(c.env.DB), signedIn(c).id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/events",
      tags,
      summary: "Every competition, newest first",
      request: { query: Page },
      responses: {
        200: jsonResponse(pageOf(Competition, "CompetitionPage"), "A page of competitions"),
        ...problems(400),
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      return c.json(await listCompetitions(createReplicaDb(c.env.DB), limit, cursor), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/events/{id}",
      tags,
      summary: "One competition",
      request: { params: CompetitionParam },
      responses: { 200: jsonResponse(Competition, "The competition"), ...problems(400, 404) },
    }),
    async (c) => c.json(await getCompetition(createDb(c.env.DB), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      ...headJudgeOfThis,
      method: "put",
      path: "/gym/events/{id}/status",
      tags,
      summary: "Start, pause or finish the competition",
      request: { params: CompetitionParam, body: jsonBody(StatusRequest) },
      responses: { 200: jsonResponse(Competition, "The competition now"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(await changeStatus(createDb(c.env.DB), c.req.valid("param").id, c.req.valid("json").action), 200),
  )
  .openapi(
    createRoute({
      ...officialsOfThis,
      method: "post",
      path: "/gym/events/{id}/athletes",
      tags,
      summary: "Register an athlete by start number (idempotent)",
      request: { params: CompetitionParam, body: jsonBody(AddAthleteRequest) },
      responses: {
        201: jsonResponse(Athlete, "Registered"),
        200: jsonResponse(Athlete, "Already registered"),
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { athlete, created } = await addAthlete(createDb(c.env.DB), c.req.valid("param").id, c.req.valid("json"));
      return created ? c.json(athlete, 201) : c.json(athlete, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/events/{id}/athletes",
      tags,
      summary: "The start list",
      request: { params: CompetitionParam },
      responses: { 200: jsonResponse(z.array(Athlete), "Athletes by start number"), ...problems(400, 404) },
    }),
    async (c) => c.json(await listAthletes(createDb(c.env.DB), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/events/{id}/judges",
      tags,
      summary: "The panels: who sits where",
      request: { params: CompetitionParam },
      responses: { 200: jsonResponse(z.array(PanelSeat), "Seats by apparatus and position"), ...problems(400, 404) },
    }),
    async (c) => c.json(await panelOf(createDb(c.env.DB), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      ...headJudgeOfThis,
      method: "post",
      path: "/gym/events/{id}/judges",
      tags,
      summary: "Seat a judge on a panel (grants the judge role for that seat only)",
      request: { params: CompetitionParam, body: jsonBody(SeatJudgeRequest) },
      responses: {
        201: jsonResponse(PanelSeat, "Seated"),
        200: jsonResponse(PanelSeat, "Already seated there"),
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { seat, created } = await seatJudge(
        createDb(c.env.DB),
        c.req.valid("param").id,
        c.req.valid("json"),
        signedIn(c).id,
      );
      // The judge's open sockets reconnect with the new seat, so its tasks reach them.
      if (created) await closeSockets(c.env, seat.judge.id, null);
      return created ? c.json(seat, 201) : c.json(seat, 200);
    },
  )
  .openapi(
    createRoute({
      ...headJudgeOfThis,
      method: "delete",
      path: "/gym/events/{id}/judges/{apparatus}/{position}",
      tags,
      summary: "Free a seat: its judge loses that seat's role and cannot mark the sessions opened after",
      description: "Sessions already open keep the panel they opened with; the head judge can ask for a re-score.",
      request: { params: SeatParam },
      responses: { 200: jsonResponse(PanelSeat, "Freed (the seat as it was)"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, apparatus, position } = c.req.valid("param");
      const freed = await freeSeat(createDb(c.env.DB), id, apparatus, position);
      await closeSockets(c.env, freed.judge.id, null);
      return c.json(freed, 200);
    },
  );
