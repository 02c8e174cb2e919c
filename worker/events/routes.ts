// HTTP adapter of events: the catalogue and event CRUD, registering for an event, an event's
// messages (its door is door-routes.ts). The other resources of the area are mounted here too, before the routes
// with an event id, so that /events/visitors is never read as the event "visitors".
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createDb } from "../db";
import type { AppEnv } from "../env";
import { requireRole, signedIn, viewerOf } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, Page, pageOf, problems, SESSION } from "../lib/openapi";
import { notFound } from "../lib/problem";
import { RecordedMessage } from "../notifications/contract";
import { messagesOf, resend } from "../notifications/service";
import { doorReachOf, organizes, reachOf } from "./access";
import {
  CreateEventRequest,
  Event,
  EventDeletion,
  EventParam,
  IdempotencyHeader,
  MessageParam,
  RegisterRequest,
  Ticket,
  UpdateEventRequest,
} from "./contract";
import { depsFor } from "./deps";
import { doorRoutes } from "./door-routes";
import { EventListQuery } from "./list-queries";
import { registrationRoutes } from "./registration-routes";
import { register } from "./registrations";
import { eventReportRoutes } from "./report-routes";
import { eventScope } from "./rules";
import { createEvent, deleteEvent, listEvents, readEvent, updateEvent } from "./service";
import { visitorRoutes } from "./visitor-routes";

const tags = ["Events"];
type Ctx = Context<AppEnv>;

const idOf = (c: Ctx) => c.req.param("id") ?? "";
const organizerOfThis = { security: SESSION, middleware: requireRole("organizer", (c: Ctx) => eventScope(idOf(c))) };

const eventCrud = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/events",
      tags,
      summary:
        "The catalogue: events open to the public, soonest first; with mine=true, the events you organize; with door=true, those whose door you keep",
      request: { query: EventListQuery },
      responses: { 200: jsonResponse(pageOf(Event, "EventPage"), "A page of events"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const reach = query.mine ? await reachOf(c) : query.door ? await doorReachOf(c) : null;
      return c.json(await listEvents(createDb(c.env.DB), query, reach, { drafts: query.mine === true }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events",
      tags,
      summary: "Create an event (you become its organizer)",
      security: SESSION,
      middleware: requireRole("organizer"),
      request: { body: jsonBody(CreateEventRequest) },
      responses: { 201: jsonResponse(Event, "Created"), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await createEvent(createDb(c.env.DB), c.req.valid("json"), signedIn(c).id), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{id}",
      tags,
      summary: "One event (a draft only for its organizers, who also see its costs)",
      request: { params: EventParam },
      responses: { 200: jsonResponse(Event, "The event"), ...problems(400, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await readEvent(createDb(c.env.DB), id, await organizes(c, id)), 200);
    },
  )
  .openapi(
    createRoute({
      ...organizerOfThis,
      method: "patch",
      path: "/events/{id}",
      tags,
      summary: "Change an event",
      description:
        "Raising or lifting the visitor limit moves the waiting list up at once; it cannot go below the places taken (409). Status: draft → published → finished; published → draft while nobody registered; cancelled cancels every registration and refunds what was paid.",
      request: { params: EventParam, body: jsonBody(UpdateEventRequest) },
      responses: { 200: jsonResponse(Event, "The event now"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await updateEvent(depsFor(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      ...organizerOfThis,
      method: "delete",
      path: "/events/{id}",
      tags,
      summary: "Delete an event; one with registrations is cancelled instead, and everyone refunded",
      description:
        "The answer says which: `deleted` (nobody had registered) or `cancelled`, with how many registrations were cancelled and what is being refunded (in the background, retried until the provider takes it).",
      request: { params: EventParam },
      responses: { 200: jsonResponse(EventDeletion, "Deleted, or cancelled"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await deleteEvent(depsFor(c), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{id}/registrations",
      tags,
      summary: "Register for an event (anonymous with your details, or logged in as yourself)",
      description:
        "Needs an `Idempotency-Key`: a retry with it answers 200 with the first result; the same key with another request is refused (422). Over the visitor limit you are put on the waiting list. A paid registration is charged at once; if that fails it stays awaiting payment and is charged later. 409 with `reason` for an event not open (`not_published`, `cancelled`, `finished`, `started`) and for a visitor already registered (`already_registered`).",
      request: { params: EventParam, headers: IdempotencyHeader, body: jsonBody(RegisterRequest) },
      responses: {
        201: jsonResponse(Ticket, "Registered: confirmed, awaiting payment, or on the waiting list"),
        200: jsonResponse(Ticket, "A retry: the registration this key made"),
        ...problems(400, 404, 409, 422),
      },
    }),
    async (c) => {
      const { ticket, created } = await register(
        depsFor(c),
        c.req.valid("param").id,
        c.req.valid("json"),
        await viewerOf(c),
        c.req.valid("header")["idempotency-key"],
      );
      return created ? c.json(ticket, 201) : c.json(ticket, 200);
    },
  )
  .openapi(
    createRoute({
      ...organizerOfThis,
      method: "get",
      path: "/events/{id}/messages",
      tags,
      summary: "The messages sent about the event's registrations, newest first, with their delivery status",
      request: { params: EventParam, query: Page },
      responses: {
        200: jsonResponse(pageOf(RecordedMessage, "MessagePage"), "A page of messages"),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      return c.json(await messagesOf(createDb(c.env.DB), eventScope(c.req.valid("param").id), limit, cursor), 200);
    },
  )
  .openapi(
    createRoute({
      ...organizerOfThis,
      method: "post",
      path: "/events/{id}/messages/{messageId}/resend",
      tags,
      summary: "Send a message again, from its first attempt",
      request: { params: MessageParam },
      responses: { 200: jsonResponse(RecordedMessage, "Queued again"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, messageId } = c.req.valid("param");
      const message = await resend(createDb(c.env.DB), c.env.NOTIFICATIONS, messageId, eventScope(id));
      if (!message) throw notFound(`No message ${messageId} for event ${id}.`);
      return c.json(message, 200);
    },
  );

/** The events area's API: one router, mounted once by the app. */
export const eventRoutes = createRouter()
  .route("/", visitorRoutes)
  .route("/", registrationRoutes)
  .route("/", eventReportRoutes)
  .route("/", doorRoutes)
  .route("/", eventCrud);
