// Builds the Hono app: cross-cutting middleware, then one router per area, then the docs.
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { version } from "../package.json";
import { adminRoutes } from "./admin/routes";
import { authRoutes } from "./auth/routes";
import { betRoutes } from "./betting/bets/routes";
import { lineRoutes } from "./betting/line/routes";
import { eventRoutes } from "./events/routes";
import { reviewRoutes } from "./gym/review-routes";
import { competitionRoutes } from "./gym/routes";
import { scoringRoutes } from "./gym/scoring-routes";
import { setupRoutes } from "./gym/setup-routes";
import { floorRoutes } from "./health/floor";
import { healthRoutes } from "./health/routes";
import { docsHeaders, docsPage } from "./lib/docs";
import { crossOriginProtection, jsonBodiesOnly } from "./lib/guards";
import { createRouter, documentMediaTypeRefusals } from "./lib/openapi";
import { notFound, Problem, problemResponse } from "./lib/problem";
import { rangeRoutes } from "./range/routes";
import { PICTURE_UPLOAD_PATH } from "./trainer/question-routes";
import { trainerRoutes } from "./trainer/routes";

/** Larger bodies are refused before they are read: no Podium request needs more. */
export const MAX_BODY_BYTES = 64 * 1024;

export function createApp() {
  const app = createRouter().basePath("/api");

  app.use(requestId());
  // JSON needs no policy beyond "load nothing"; overwrite: false keeps a route's own (the docs page's).
  const apiHeaders = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    referrerPolicy: "strict-origin-when-cross-origin",
    xFrameOptions: "DENY",
    overwrite: false,
  });
  // A WebSocket upgrade's answer (101) is an object's, with headers that cannot change, and no content.
  app.use((c, next) => (c.req.header("upgrade") ? next() : apiHeaders(c, next)));
  const smallBodies = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new Problem(413, "payload-too-large", "Request body too large", `Send at most ${MAX_BODY_BYTES} bytes.`);
    },
  });
  // A trainer question's picture is the one body neither small nor JSON: its route limits and checks it.
  const isPicture = (c: Context) => c.req.method === "PUT" && PICTURE_UPLOAD_PATH.test(c.req.path);
  app.use((c, next) => (isPicture(c) ? next() : smallBodies(c, next)));
  app.use(crossOriginProtection);
  app.use((c, next) => (isPicture(c) ? next() : jsonBodiesOnly(c, next)));

  app.route("/", healthRoutes);
  app.route("/", floorRoutes);
  app.route("/", authRoutes);
  app.route("/", adminRoutes);
  app.route("/", lineRoutes);
  app.route("/", betRoutes);
  app.route("/", competitionRoutes);
  app.route("/", scoringRoutes);
  app.route("/", reviewRoutes);
  app.route("/", setupRoutes);
  app.route("/", eventRoutes);
  app.route("/", rangeRoutes);
  app.route("/", trainerRoutes);

  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "podium.session_token",
    description: "Set by POST /api/auth/login (named __Secure-podium.session_token over HTTPS).",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "device", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A range lane's device token, issued by its staff (POST /api/range/lanes/{lane_id}/tokens).",
  });
  documentMediaTypeRefusals(app.openAPIRegistry);
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Podium API",
      version,
      description: "Live events: registrations, gymnastics scoring, betting, a shooting range, an olympiad trainer.",
    },
  });
  app.get("/docs", docsHeaders, docsPage);

  app.notFound((c) => {
    throw notFound(`No route for ${c.req.method} ${new URL(c.req.url).pathname}.`);
  });

  app.onError((error, c) => {
    const instance = new URL(c.req.url).pathname;
    const id = c.get("requestId") ?? crypto.randomUUID();
    if (error instanceof Problem) return problemResponse(error, instance, id);
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own refusals, e.g. "Malformed JSON in request body".
      return problemResponse(new Problem(error.status, "bad-request", "Bad request", error.message), instance, id);
    }
    console.error(`request ${id} ${c.req.method} ${instance} failed:`, error);
    return problemResponse(
      new Problem(500, "internal", "Internal error", `Something went wrong on our side. Quote request id ${id}.`),
      instance,
      id,
    );
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
