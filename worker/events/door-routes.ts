// HTTP adapter of an event's door: checking tickets in (its door staff and organizers), and its
// organizers giving and taking the door to people. Granting and revoking asks D1, never the pass
// (as the admin's routes do): an organizer who lost the event stops at once.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { closeSockets } from "../auth/revocation";
import { createDb } from "../db";
import type { AppEnv } from "../env";
import { requireRole, signedIn } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, problems, SESSION } from "../lib/openapi";
import { AddDoorStaffRequest, CheckIn, CheckInRequest, DoorStaff, DoorStaffParam, EventParam } from "./contract";
import { depsFor } from "./deps";
import { checkIn } from "./door";
import { addDoorStaff, doorStaffOf, removeDoorStaff } from "./door-staff";
import { DOOR_ROLES, eventScope } from "./rules";

const tags = ["Events: door"];
type Ctx = Context<AppEnv>;

const thisEvent = (c: Ctx) => eventScope(c.req.param("id") ?? "");
const organizerOfThis = {
  security: SESSION,
  middleware: requireRole("organizer", thisEvent, { fresh: true }),
};

export const doorRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{id}/check-ins",
      tags,
      summary:
        "Check a ticket in at the door (its door staff: role door on event:{id} or everywhere; or its organizers)",
      description:
        "`code` is the scanned QR payload or the typed number. The same `client_id` again is answered as the first time (a door phone resending); anyone else checking the ticket in again is refused (409, `reason` already_checked_in, with `checked_in_at`). A door grant taken away stops working within the minute a pass lives (README).",
      security: SESSION,
      middleware: requireRole([...DOOR_ROLES], thisEvent),
      request: { params: EventParam, body: jsonBody(CheckInRequest) },
      responses: { 200: jsonResponse(CheckIn, "Checked in"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await checkIn(depsFor(c), c.req.valid("param").id, c.req.valid("json"), signedIn(c).id), 200),
  )
  .openapi(
    createRoute({
      ...organizerOfThis,
      method: "get",
      path: "/events/{id}/door-staff",
      tags,
      summary: "The event's door staff: who holds the role door on it (its organizers may check in too)",
      request: { params: EventParam },
      responses: { 200: jsonResponse(z.array(DoorStaff), "Its door staff"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await doorStaffOf(createDb(c.env.DB), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      ...organizerOfThis,
      method: "post",
      path: "/events/{id}/door-staff",
      tags,
      summary: "Give someone the event's door, by the email of their Podium account (idempotent)",
      description:
        "Grants the role `door` on `event:{id}`: they may open the event's check-in page and check tickets in, and nothing else of the organizer's. 404 when nobody has an account with that email.",
      request: { params: EventParam, body: jsonBody(AddDoorStaffRequest) },
      responses: {
        201: jsonResponse(DoorStaff, "Added"),
        200: jsonResponse(DoorStaff, "They keep the door already; nothing changed"),
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { staff, created } = await addDoorStaff(
        createDb(c.env.DB),
        c.req.valid("param").id,
        c.req.valid("json").email,
        signedIn(c).id,
      );
      // Their open sockets reconnect with the new role, as after any grant.
      if (created) await closeSockets(c.env, staff.user_id, null);
      return created ? c.json(staff, 201) : c.json(staff, 200);
    },
  )
  .openapi(
    createRoute({
      ...organizerOfThis,
      method: "delete",
      path: "/events/{id}/door-staff/{userId}",
      tags,
      summary: "Take the event's door from someone",
      description:
        "Revokes their role `door` on `event:{id}` (a global door grant is the admin's to revoke). Their other devices stop checking in within the minute a pass lives, as after any revoked role.",
      request: { params: DoorStaffParam },
      responses: { 200: jsonResponse(DoorStaff, "Removed (as they were)"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, userId } = c.req.valid("param");
      const removed = await removeDoorStaff(createDb(c.env.DB), id, userId);
      await closeSockets(c.env, userId, null);
      return c.json(removed, 200);
    },
  );
