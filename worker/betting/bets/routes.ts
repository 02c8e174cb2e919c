// HTTP adapter of the bet maker, with the assignment's paths: /api/betting/events, /bet, /bets.
import { createRoute } from "@hono/zod-openapi";
import { createDb, createReplicaDb } from "../../db";
import { requireUser, signedIn } from "../../lib/auth";
import { cachedFor } from "../../lib/edge-cache";
import { createRouter, jsonBody, jsonResponse, Page, pageOf, problems, SESSION } from "../../lib/openapi";
import { Bet, BettingEvent, IdempotencyHeader, PlaceBetRequest } from "../contract";
import { betsOf, openEvents, placeBet } from "./service";

const tags = ["Betting: bet maker"];

/** How stale the list of open events may be: it is read far more often than it changes. */
const OPEN_EVENTS_TTL_SECONDS = 2;

export const betRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/betting/events",
      tags,
      summary: "Events that still take bets, soonest deadline first",
      description: `Cached for ${OPEN_EVENTS_TTL_SECONDS} s: may lag the line provider by that much.`,
      request: { query: Page },
      responses: {
        200: jsonResponse(pageOf(BettingEvent, "OpenEventPage"), "A page of open events"),
        ...problems(400),
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      return cachedFor(c, OPEN_EVENTS_TTL_SECONDS, async () =>
        c.json(await openEvents(createReplicaDb(c.env.DB), Date.now(), limit, cursor), 200),
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/betting/bet",
      tags,
      summary: "Place a bet on a win of the first team",
      description:
        "Accepted by the event's line against its own clock, strictly before the deadline. Send `expected_odds` to be refused (409, with `current_odds`) if they changed, and an `Idempotency-Key` to make retries safe.",
      security: SESSION,
      middleware: requireUser,
      request: { body: jsonBody(PlaceBetRequest), headers: IdempotencyHeader },
      responses: {
        201: jsonResponse(Bet, "Accepted"),
        200: jsonResponse(Bet, "A retry: the bet this key placed before"),
        ...problems(400, 401, 404, 409, 422),
      },
    }),
    async (c) => {
      const key = c.req.valid("header")["idempotency-key"];
      const { bet, replayed } = await placeBet(c.env, signedIn(c).id, c.req.valid("json"), key);
      return replayed ? c.json(bet, 200) : c.json(bet, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/betting/bets",
      tags,
      summary: "Your bets, newest first",
      security: SESSION,
      middleware: requireUser,
      request: { query: Page },
      responses: { 200: jsonResponse(pageOf(Bet, "BetPage"), "A page of your bets"), ...problems(400, 401) },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      return c.json(await betsOf(createDb(c.env.DB), signedIn(c).id, limit, cursor), 200);
    },
  );
