// What the Worker tells a live object about who connected (lib/sockets.ts sets these headers;
// a client's own copies are dropped, so an object may trust them).

/** The connecting person's user id, absent for an anonymous spectator. */
export const VIEWER_HEADER = "x-podium-viewer";
/** Their role grants as JSON ([{role, scope}]), for objects that serve people by role. */
export const GRANTS_HEADER = "x-podium-grants";
