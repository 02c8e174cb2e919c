// Retried commands (ARCHITECTURE rule 5): a client-chosen Idempotency-Key names the command, and
// a hash of what was asked tells a true retry (answered with the first result) from the same key
// sent with another request (refused: the client has a bug, and guessing would be worse).
import { Problem } from "./problem";

export const idempotencyConflict = () =>
  new Problem(
    422,
    "idempotency-key-reused",
    "Idempotency-Key reused",
    "This Idempotency-Key was already used for a different request: send a new key for a new request.",
  );

/** A digest of a request's meaningful parts, stored beside its key. */
export async function requestHash(parts: unknown[]): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(parts)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
