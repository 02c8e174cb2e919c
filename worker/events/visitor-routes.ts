// HTTP adapter of visitors, for organizers: a global organizer (or an admin) reaches every
// visitor, an organizer of particular events those registered for them.
import { createRoute } from "@hono/zod-openapi";
import { createDb } from "../db";
import { requireUser } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, pageOf, problems, SESSION } from "../lib/openapi";
import { reachOf } from "./access";
import { CreateVisitorRequest, EventParam, UpdateVisitorRequest, Visitor } from "./contract";
import { VisitorListQuery } from "./list-queries";
import { presentVisitor } from "./present";
import { createVisitor, deleteVisitor, findVisitor, listVisitors, updateVisitor } from "./visitors";

const tags = ["Events: visitors"];
const organizers = { security: SESSION, middleware: requireUser };

export const visitorRoutes = createRouter()
  .openapi(
    createRoute({
      ...organizers,
      method: "get",
      path: "/events/visitors",
      tags,
      summary: "Visitors, newest first; q finds part of a name, email or phone",
      request: { query: VisitorListQuery },
      responses: {
        200: jsonResponse(pageOf(Visitor, "VisitorPage"), "A page of visitors"),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const { limit, cursor, q } = c.req.valid("query");
      return c.json(await listVisitors(createDb(c.env.DB), await reachOf(c), limit, cursor, q), 200);
    },
  )
  .openapi(
    createRoute({
      ...organizers,
      method: "post",
      path: "/events/visitors",
      tags,
      summary: "Add a visitor (409 if the email is someone's already)",
      request: { body: jsonBody(CreateVisitorRequest) },
      responses: { 201: jsonResponse(Visitor, "Added"), ...problems(400, 401, 403, 409) },
    }),
    async (c) => {
      await reachOf(c);
      return c.json(await createVisitor(createDb(c.env.DB), c.req.valid("json")), 201);
    },
  )
  .openapi(
    createRoute({
      ...organizers,
      method: "get",
      path: "/events/visitors/{id}",
      tags,
      summary: "One visitor",
      request: { params: EventParam },
      responses: { 200: jsonResponse(Visitor, "The visitor"), ...problems(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(presentVisitor(await findVisitor(createDb(c.env.DB), c.req.valid("param").id, await reachOf(c))), 200),
  )
  .openapi(
    createRoute({
      ...organizers,
      method: "patch",
      path: "/events/visitors/{id}",
      tags,
      summary: "Change a visitor's details",
      request: { params: EventParam, body: jsonBody(UpdateVisitorRequest) },
      responses: { 200: jsonResponse(Visitor, "The visitor now"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await updateVisitor(createDb(c.env.DB), c.req.valid("param").id, c.req.valid("json"), await reachOf(c)),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...organizers,
      method: "delete",
      path: "/events/visitors/{id}",
      tags,
      summary: "Delete a visitor who never registered (one who did stays on record: 409)",
      request: { params: EventParam },
      responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteVisitor(createDb(c.env.DB), c.req.valid("param").id, await reachOf(c));
      return c.body(null, 204);
    },
  );
