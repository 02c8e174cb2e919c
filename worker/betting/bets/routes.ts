// HTTP adapter of the bet maker, with the assignment's paths: /api/betting/events, /bet, /bets.
import { createRoute } from "@hono/zod-openapi";
import { createDb, createReplicaDb } from "../../db";
import { requireUser, signedIn } from "../../lib/auth";
import { cachedFor } from "../../lib/edge-cache";
import { createRouter, jsonBody, jsonResponse, Page, pageOf, problems, SESSION } from "../../lib/openapi";
import { Bet, BettingEvent, IdempotencyHeader, PlaceBetRequest } from "../contract";
import { readRecentBets, rememberedBet } from "./recent";
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
      const bettorId = signedIn(c).id;
      const origin = new URL(c.req.url).origin;
      const recent = await readRecentBets(c.env.AUTH_SECRET, c.req.raw.headers, origin, bettorId);
      const input = c.req.valid("json");
      const { bet, replayed } = await placeBet(c.env, bettorId, input, key, recent);
      if (replayed) return c.json(bet, 200);
      const remembered = { key: key ?? null, eventId: bet.event_id, amount: input.amount, betId: bet.id };
      c.header("set-cookie", await rememberedBet(c.env.AUTH_SECRET, origin, bettorId, recent, remembered), {
        append: true,
      });
      return c.json(bet, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/betting/bets",
      tags,
      summary: "Your bets, newest first",
      description: "A bet is listed from the moment it is accepted, also before its line has written it to D1.",
      security: SESSION,
      middleware: requireUser,
      request: { query: Page },
      responses: { 200: jsonResponse(pageOf(Bet, "BetPage"), "A page of your bets"), ...problems(400, 401) },
    }),
    async (c) => {
      const bettorId = signedIn(c).id;
      const recent = await readRecentBets(c.env.AUTH_SECRET, c.req.raw.headers, new URL(c.req.url).origin, bettorId);
      return c.json(await betsOf(c.env, createDb(c.env.DB), bettorId, c.req.valid("query"), recent), 200);
    },
  );
