// WebSocket upgrades to Durable Objects (/parties/<object>/<name>). The Worker decides who is
// connecting and tells the object in a header of its own; a client's copy of it is dropped,
// and plain HTTP to an object is refused: objects are reached only as the Worker allows.
import { routePartykitRequest } from "partyserver";
import { type Identity, identify } from "../auth/identity";
import type { Grant } from "../auth/rules";
import { loadGrants } from "../auth/viewer";
import { createDb } from "../db";
import { mayWatchSession } from "../gym/scoring";
import { isSameOriginOrNotBrowser } from "./guards";
import { GRANTS_HEADER, VIEWER_HEADER } from "./live";
import { forbidden, notFound, Problem, problemResponse, unauthorized } from "./problem";

/**
 * The bindings of the objects a browser may open a socket to (no other is there for it), and who
 * may: anyone (a spectator, too), or only those whose role grants admit them to that object.
 * Objects that serve people by role get the grants in a header (one more D1 read on connect).
 */
interface LiveObject {
  needsGrants: boolean;
  admits?: (name: string, grants: readonly Grant[]) => boolean;
}

const LIVE_OBJECTS = new Map<string, LiveObject>([
  ["EVENT_LINE", { needsGrants: false }],
  ["SCOREBOARD", { needsGrants: true }],
  // A session's marks and audit log are for the competition's head judge and secretary only.
  ["SCORING_SESSION", { needsGrants: true, admits: mayWatchSession }],
]);

export async function routeSocket(request: Request, env: Env): Promise<Response | null> {
  return routePartykitRequest(request, env, {
    prefix: "parties",
    onBeforeConnect: async (req, lobby) => {
      const live = LIVE_OBJECTS.get(lobby.className);
      if (!live) return refusal(notFound("No such live object."), req);
      // A socket carries the person's cookies: another site's page must not open one as them.
      if (!isSameOriginOrNotBrowser(req.headers, req.url)) {
        return refusal(forbidden("Live connections are open to Podium's own pages only."), req);
      }
      let identity: Identity | null;
      try {
        identity = await identify(env, req.headers, new URL(req.url).origin, Date.now());
      } catch (error) {
        if (error instanceof Problem) return refusal(error, req);
        throw error;
      }
      const viewer = identity?.viewer ?? null;
      const forwarded = new Request(req);
      forwarded.headers.delete("x-partykit-props");
      forwarded.headers.delete(VIEWER_HEADER);
      forwarded.headers.delete(GRANTS_HEADER);
      const fromD1 = () => (viewer ? loadGrants(createDb(env.DB), viewer.id) : Promise.resolve([]));
      let grants = live.needsGrants ? (identity?.grants ?? (await fromD1())) : [];
      if (live.admits && !live.admits(lobby.name, grants)) {
        // The pass may predate a grant: ask D1 before refusing.
        if (identity?.source === "pass") grants = await fromD1();
        if (!live.admits(lobby.name, grants)) {
          return refusal(viewer ? forbidden("Not yours to watch.") : unauthorized(), req);
        }
      }
      if (viewer) {
        forwarded.headers.set(VIEWER_HEADER, viewer.id);
        if (live.needsGrants) forwarded.headers.set(GRANTS_HEADER, JSON.stringify(grants));
      }
      return forwarded;
    },
    onBeforeRequest: (req) => refusal(notFound("Live objects are reached over WebSocket only."), req),
  });
}

function refusal(problem: Problem, req: Request): Response {
  return problemResponse(problem, new URL(req.url).pathname, crypto.randomUUID());
}
