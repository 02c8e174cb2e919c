// HTTP adapter of the line provider: /api/betting/line/events. Bookmakers write; anyone reads.
import { createRoute } from "@hono/zod-openapi";
import { createReplicaDb } from "../../db";
import { requireRole, signedIn } from "../../lib/auth";
import { createRouter, jsonBody, jsonResponse, Page, pageOf, problems, SESSION } from "../../lib/openapi";
import { BettingEvent, CreateEventRequest, EventParam, UpdateEventRequest } from "../contract";
import { createEvent, listEvents, readEvent, updateEvent } from "./service";

const tags = ["Betting: line provider"];
const bookmaker = { security: SESSION, middleware: requireRole("bookmaker") };

export const lineRoutes = createRouter()
  .openapi(
    createRoute({
      ...bookmaker,
      method: "post",
      path: "/betting/line/events",
      tags,
      summary: "Publish an event (idempotent for the same id and values)",
      request: { body: jsonBody(CreateEventRequest) },
      responses: {
        201: jsonResponse(BettingEvent, "Published"),
        200: jsonResponse(BettingEvent, "Already published with these values"),
        ...problems(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const { event, created } = await createEvent(c.env, c.req.valid("json"), signedIn(c).id);
      return created ? c.json(event, 201) : c.json(event, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/betting/line/events",
      tags,
      summary: "Every event, newest first (from the catalogue)",
      request: { query: Page },
      responses: { 200: jsonResponse(pageOf(BettingEvent, "BettingEventPage"), "A page of events"), ...problems(400) },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      return c.json(await listEvents(createReplicaDb(c.env.DB), limit, cursor), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/betting/line/events/{id}",
      tags,
      summary: "One event, as its line holds it now",
      request: { params: EventParam },
      responses: { 200: jsonResponse(BettingEvent, "The event"), ...problems(400, 404) },
    }),
    async (c) => c.json(await readEvent(c.env, c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      ...bookmaker,
      method: "patch",
      path: "/betting/line/events/{id}",
      tags,
      summary: "Change the odds or deadline, or set the outcome (bets settle at once)",
      description:
        "Setting status to first_team_won or second_team_won settles every bet. Changing a set outcome re-settles them and needs a reason; it is audited. A finished event cannot be reopened.",
      request: { params: EventParam, body: jsonBody(UpdateEventRequest) },
      responses: {
        200: jsonResponse(BettingEvent, "The event after the change"),
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await updateEvent(c.env, c.req.valid("param").id, c.req.valid("json"), signedIn(c).id), 200),
  );
