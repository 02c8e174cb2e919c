// HTTP adapter of registrations: organizers list, register, change and cancel them; a person
// lists their own; a ticket (addressed by its registration's unguessable id, which only its
// visitor was given) is read, cancelled and paid by whoever holds it, logged in or not.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { assertRole, requireUser, signedIn } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, Page, ProblemSchema, pageOf, problems, SESSION } from "../lib/openapi";
import { reachOf } from "./access";
import {
  EventParam,
  IdempotencyHeader,
  OrganizerRegistrationRequest,
  Registration,
  Ticket,
  UpdateRegistrationRequest,
} from "./contract";
import { depsFor } from "./deps";
import { checkIn } from "./door";
import { RegistrationListQuery } from "./list-queries";
import { presentRegistration, presentTicket } from "./present";
import { cancel, listRegistrations, payNow, registerVisitor, registrationsOf } from "./registrations";
import { eventScope } from "./rules";
import { findRegistration } from "./store";

const tags = ["Events: registrations"];
type Ctx = Context<AppEnv>;

/** The registration, for an organizer of its event (the registration's own id is in the path). */
async function organizersRegistration(c: Ctx, id: string) {
  const view = await findRegistration(depsFor(c).db, id);
  await assertRole(c, "organizer", eventScope(view.eventId));
  return view;
}

const signedInOnly = { security: SESSION, middleware: requireUser };

/** How a cancellation is refused, for every route that cancels. */
const CANCEL_REFUSALS =
  "Cancelling is refused with 409 and a `reason`: the registration's status when it cannot be cancelled (`cancelled`, `checked_in`), or `kept_changing` when it changed under the cancellation three times running (a payment landing): read it again and retry.";

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

export const registrationRoutes = createRouter()
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/events/registrations",
      tags,
      summary: "Registrations of the events you organize, in the order they came",
      request: { query: RegistrationListQuery },
      responses: {
        200: jsonResponse(pageOf(Registration, "RegistrationPage"), "A page of registrations"),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      if (query.event_id) await assertRole(c, "organizer", eventScope(query.event_id));
      return c.json(await listRegistrations(depsFor(c), query, query.event_id ? "all" : await reachOf(c)), 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/events/registrations",
      tags,
      summary: "Register a visitor for an event you organize",
      description: "As a visitor's own registration: Idempotency-Key, capacity and waiting list, payment.",
      request: { headers: IdempotencyHeader, body: jsonBody(OrganizerRegistrationRequest) },
      responses: {
        201: jsonResponse(Registration, "Registered"),
        200: jsonResponse(Registration, "A retry: the registration this key made"),
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      await assertRole(c, "organizer", eventScope(input.event_id));
      const { registration, created } = await registerVisitor(
        depsFor(c),
        signedIn(c).id,
        input,
        c.req.valid("header")["idempotency-key"],
      );
      return created ? c.json(registration, 201) : c.json(registration, 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/events/my/registrations",
      tags,
      summary: "Your registrations (as a logged-in visitor), newest first, as tickets",
      request: { query: Page },
      responses: { 200: jsonResponse(pageOf(Ticket, "TicketPage"), "A page of your tickets"), ...problems(400, 401) },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      return c.json(await registrationsOf(depsFor(c), signedIn(c).id, limit, cursor), 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/events/registrations/{id}",
      tags,
      summary: "One registration, for an organizer of its event or the visitor it belongs to",
      request: { params: EventParam },
      responses: { 200: jsonResponse(Registration, "The registration"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const view = await findRegistration(depsFor(c).db, c.req.valid("param").id);
      if (view.visitor.userId !== signedIn(c).id) await assertRole(c, "organizer", eventScope(view.eventId));
      return c.json(presentRegistration(view), 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "patch",
      path: "/events/registrations/{id}",
      tags,
      summary: "Cancel a registration (refunding all that was paid, or `refund`), or check it in",
      description: CANCEL_REFUSALS,
      request: { params: EventParam, body: jsonBody(UpdateRegistrationRequest) },
      responses: { 200: jsonResponse(Registration, "The registration now"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const view = await organizersRegistration(c, c.req.valid("param").id);
      const { status, refund } = c.req.valid("json");
      const deps = depsFor(c);
      if (status === "checked_in") {
        // Checking in from the organizer's pages: a repeated request is the same check-in.
        await checkIn(deps, view.eventId, { code: view.number, client_id: `organizer:${view.id}` }, signedIn(c).id);
        return c.json(presentRegistration(await findRegistration(deps.db, view.id)), 200);
      }
      return c.json(presentRegistration(await cancel(deps, view, { by: "organizer", refund })), 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "delete",
      path: "/events/registrations/{id}",
      tags,
      summary: "Cancel a registration and refund all that was paid; the first in line moves up",
      description: CANCEL_REFUSALS,
      request: { params: EventParam },
      responses: { 200: jsonResponse(Registration, "Cancelled"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const view = await organizersRegistration(c, c.req.valid("param").id);
      return c.json(presentRegistration(await cancel(depsFor(c), view, { by: "organizer" })), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/tickets/{id}",
      tags,
      summary: "A ticket: its number, QR payload, status, and what cancelling now would refund",
      request: { params: EventParam },
      responses: { 200: jsonResponse(Ticket, "The ticket"), ...problems(400, 404) },
    }),
    async (c) => c.json(presentTicket(await findRegistration(depsFor(c).db, c.req.valid("param").id), Date.now()), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/tickets/{id}/cancel",
      tags,
      summary: "Cancel your registration; the refund follows the event's policy (see refund_if_cancelled_now)",
      description: CANCEL_REFUSALS,
      request: { params: EventParam },
      responses: { 200: jsonResponse(Ticket, "Cancelled"), ...problems(400, 404, 409) },
    }),
    async (c) => {
      const deps = depsFor(c);
      const view = await findRegistration(deps.db, c.req.valid("param").id);
      return c.json(presentTicket(await cancel(deps, view, { by: "visitor" }), Date.now()), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/tickets/{id}/payment",
      tags,
      summary: "Pay for a registration awaiting payment (after a declined or failed charge)",
      description:
        "402 when the provider declines; 503 with Retry-After when it cannot be reached (it is tried again by itself).",
      request: { params: EventParam },
      responses: {
        200: jsonResponse(Ticket, "Paid"),
        402: problemResponse("The provider declined the payment"),
        503: problemResponse("The provider did not answer; see Retry-After"),
        ...problems(400, 404, 409),
      },
    }),
    async (c) => {
      const deps = depsFor(c);
      const view = await findRegistration(deps.db, c.req.valid("param").id);
      return c.json(await payNow(deps, view), 200);
    },
  );
