// When a session ends or a person's roles change, their open sockets must stop at once: the
// person's PersonSockets object closes them wherever they are (durable-objects/person-sockets.ts).

/** Closes the sockets opened with this session (it ended), or all the person's (roles or password changed). */
export async function closeSockets(env: Env, userId: string, sessionId: string | null): Promise<void> {
  await env.PERSON_SOCKETS.getByName(userId).revoke(userId, sessionId);
}
