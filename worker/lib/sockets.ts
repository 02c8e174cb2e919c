// WebSocket upgrades to Durable Objects (/parties/<object>/<name>). The Worker decides who is
// connecting and tells the object in a header of its own; a client's copy of it is dropped,
// and plain HTTP to an object is refused: objects are reached only as the Worker allows.
import { routePartykitRequest } from "partyserver";
import { createAuth } from "../auth/better-auth";
import { loadViewer } from "../auth/viewer";
import { VIEWER_HEADER } from "../betting/protocol";
import { notFound, type Problem, problemResponse } from "./problem";

/** The bindings of the objects a browser may open a socket to; no other is there for it. */
const LIVE_OBJECTS = new Set(["EVENT_LINE"]);

export async function routeSocket(request: Request, env: Env): Promise<Response | null> {
  return routePartykitRequest(request, env, {
    prefix: "parties",
    onBeforeConnect: async (req, lobby) => {
      if (!LIVE_OBJECTS.has(lobby.className)) return refusal(notFound("No such live object."), req);
      const viewer = await loadViewer(createAuth(env, new URL(req.url).origin), req.headers);
      const forwarded = new Request(req);
      forwarded.headers.delete("x-partykit-props");
      if (viewer) forwarded.headers.set(VIEWER_HEADER, viewer.id);
      else forwarded.headers.delete(VIEWER_HEADER);
      return forwarded;
    },
    onBeforeRequest: (req) => refusal(notFound("Live objects are reached over WebSocket only."), req),
  });
}

function refusal(problem: Problem, req: Request): Response {
  return problemResponse(problem, new URL(req.url).pathname, crypto.randomUUID());
}
