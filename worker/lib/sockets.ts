// WebSocket upgrades to Durable Objects (/parties/<object>/<name>). Before anything reaches an
// object the Worker checks, in order: that it is an upgrade to an object a browser may open, that
// the name is well formed (400) and names something that exists (404: so no stranger can make an
// object store anything), that the page is Podium's own (403), and who is connecting (401/403
// where the object serves people by role). The object is told who in headers of our own (a
// client's copies are dropped), and a signed-in socket is recorded with the person's
// PersonSockets, so that the end of the session closes it at once.
import { eq } from "drizzle-orm";
import { routePartykitRequest } from "partyserver";
import type { RevocableBinding } from "../../durable-objects/person-sockets";
import { type Identity, identify } from "../auth/identity";
import type { Grant } from "../auth/rules";
import { loadGrants } from "../auth/viewer";
import { createDb } from "../db";
import { bettingEvent, gymCompetition, rangeLane, trainerContest } from "../db/schema";
import { mayWatchSession, parseSessionName } from "../gym/scoring";
import { isSameOriginOrNotBrowser } from "./guards";
import { GRANTS_HEADER, SESSION_HEADER, VIEWER_HEADER } from "./live";
import { badRequest, forbidden, notFound, Problem, problemResponse, unauthorized } from "./problem";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The objects a browser may open a socket to (no other is there for it): how their names look,
 * whether one exists, and who may connect: anyone (a spectator, too), or those whose role grants
 * admit them. Objects that serve people by role get the grants in a header.
 */
interface LiveObject {
  binding: RevocableBinding;
  wellFormed: (name: string) => boolean;
  exists: (env: Env, name: string) => Promise<boolean>;
  needsGrants: boolean;
  admits?: (name: string, grants: readonly Grant[]) => boolean;
}

const competitionExists = async (env: Env, id: string) =>
  !!(await createDb(env.DB)
    .select({ id: gymCompetition.id })
    .from(gymCompetition)
    .where(eq(gymCompetition.id, id))
    .get());

const LIVE_OBJECTS = new Map<string, LiveObject>([
  [
    "event-line",
    {
      binding: "EVENT_LINE",
      wellFormed: (name) => ID.test(name),
      // The line writes its catalogue row when it is published (EventLine.create).
      exists: async (env, id) =>
        !!(await createDb(env.DB)
          .select({ id: bettingEvent.id })
          .from(bettingEvent)
          .where(eq(bettingEvent.id, id))
          .get()),
      needsGrants: false,
    },
  ],
  [
    "scoreboard",
    { binding: "SCOREBOARD", wellFormed: (name) => ID.test(name), exists: competitionExists, needsGrants: true },
  ],
  [
    "scoring-session",
    {
      binding: "SCORING_SESSION",
      wellFormed: (name) => parseSessionName(name) !== null,
      exists: (env, name) => competitionExists(env, parseSessionName(name)?.competitionId ?? ""),
      // A session's marks and audit log are for the competition's head judge and secretary only.
      needsGrants: true,
      admits: mayWatchSession,
    },
  ],
  [
    "range-lane",
    {
      binding: "RANGE_LANE",
      wellFormed: (name) => ID.test(name),
      exists: async (env, id) =>
        !!(await createDb(env.DB).select({ id: rangeLane.id }).from(rangeLane).where(eq(rangeLane.id, id)).get()),
      // The lane admits its session's shooter and its range's instructors (it knows both).
      needsGrants: true,
    },
  ],
  [
    "trainer-contest",
    {
      binding: "TRAINER_CONTEST",
      wellFormed: (name) => ID.test(name),
      // The catalogue row is written after the object has its setup (trainer/d1/contests.ts create).
      exists: async (env, id) =>
        !!(await createDb(env.DB)
          .select({ id: trainerContest.id })
          .from(trainerContest)
          .where(eq(trainerContest.id, id))
          .get()),
      // The ranking is public, as GET /api/trainer/contests/{id} is: anyone may watch it.
      needsGrants: false,
    },
  ],
]);

export async function routeSocket(request: Request, env: Env): Promise<Response | null> {
  const [, prefix, namespace = "", name = ""] = new URL(request.url).pathname.split("/");
  if (prefix !== "parties") return null;
  try {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      throw notFound("Live objects are reached over WebSocket only.");
    }
    const live = LIVE_OBJECTS.get(namespace);
    if (!live) throw notFound("No such live object.");
    if (!live.wellFormed(name)) {
      throw badRequest(`"${name.slice(0, 80)}${name.length > 80 ? "…" : ""}" is not a ${namespace} name.`, [
        { path: "name", code: "invalid_format", message: "Not a well-formed name." },
      ]);
    }
    // A socket carries the person's cookies: another site's page must not open one as them.
    if (!isSameOriginOrNotBrowser(request.headers, request.url)) {
      throw forbidden("Live connections are open to Podium's own pages only.");
    }
    if (!(await live.exists(env, name))) throw notFound(`There is no ${namespace} ${name}.`);
    const identity = await identify(env, request.headers, new URL(request.url).origin, Date.now());
    const forwarded = await admitted(env, request, live, name, identity);
    const response = await routePartykitRequest(forwarded, env, { prefix: "parties" });
    if (identity && response?.status === 101) {
      await env.PERSON_SOCKETS.getByName(identity.viewer.id).opened(identity.viewer.sessionId, live.binding, name);
    }
    return response;
  } catch (error) {
    if (error instanceof Problem) return problemResponse(error, new URL(request.url).pathname, crypto.randomUUID());
    throw error;
  }
}

/** The request as the object gets it: who connects, in headers only the Worker sets; or a refusal. */
async function admitted(env: Env, request: Request, live: LiveObject, name: string, identity: Identity | null) {
  const viewer = identity?.viewer ?? null;
  // A socket is opened once per visit, not per action: the object gets the grants D1 has now (the
  // pass's may be a minute old), so a judge seated after logging in gets their tasks at once.
  const fresh = identity?.source === "session" ? identity.grants : null;
  const grants = live.needsGrants && viewer ? (fresh ?? (await loadGrants(createDb(env.DB), viewer.id))) : [];
  if (live.admits && !live.admits(name, grants)) throw viewer ? forbidden("Not yours to watch.") : unauthorized();
  const forwarded = new Request(request);
  for (const header of ["x-partykit-props", VIEWER_HEADER, GRANTS_HEADER, SESSION_HEADER]) {
    forwarded.headers.delete(header);
  }
  if (viewer) {
    forwarded.headers.set(VIEWER_HEADER, viewer.id);
    forwarded.headers.set(SESSION_HEADER, viewer.sessionId);
    if (live.needsGrants) forwarded.headers.set(GRANTS_HEADER, JSON.stringify(grants));
  }
  return forwarded;
}
