// The pass: a short-lived, signed cookie that says who the caller is and which roles they hold,
// so that a request on a hot path (a bet, a judge's mark) knows its caller without reading D1.
// It is made from the session in D1 (auth/identity.ts) and lives PASS_SECONDS: that is how long a
// password change or a revoked role may take to reach another device. It is bound to the
// browser's session cookie (a hash of it), so a browser that logs out, or a pass copied without
// its session cookie, opens nothing. Signed with HMAC-SHA-256 through WebCrypto (lib/signed.ts).
import { sign, toBase64Url, unsign } from "../lib/signed";
import type { Grant } from "./rules";

/** A pass is good for this long; README and docs/SECURITY.md state it as the revocation bound. */
export const PASS_SECONDS = 60;

/** Grants beyond this much JSON stay out of the pass (cookies hold ~4 KB); they are read from D1. */
const MAX_GRANTS_JSON = 2_000;

export interface PassClaims {
  /** The session (better-auth's id) and the person. */
  sid: string;
  uid: string;
  email: string;
  name: string;
  /** The person's role grants when the pass was made; null when too many to carry. */
  grants: Grant[] | null;
  /** Epoch milliseconds after which the pass is no longer taken. */
  exp: number;
  /** A hash of the session cookie the pass was made for. */
  bind: string;
}

export type PassReading = { ok: true; claims: PassClaims } | { ok: false; why: "expired" | "unbound" | "tampered" };

const PURPOSE = "pass-v1";

/** The hash a pass carries of the session cookie it belongs to. */
export async function bindingOf(sessionCookie: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(sessionCookie));
  return toBase64Url(new Uint8Array(digest).slice(0, 16));
}

export async function issuePass(
  secret: string,
  claims: Omit<PassClaims, "exp" | "grants"> & { grants: Grant[] },
  now: number,
): Promise<string> {
  const grants = JSON.stringify(claims.grants).length <= MAX_GRANTS_JSON ? claims.grants : null;
  return sign(secret, PURPOSE, { ...claims, grants, exp: now + PASS_SECONDS * 1000 });
}

/** The pass's claims if its signature holds, it has not expired and it belongs to this session cookie. */
export async function readPass(
  secret: string,
  value: string,
  sessionCookie: string | undefined,
  now: number,
): Promise<PassReading> {
  const claims = await unsign<PassClaims>(secret, PURPOSE, value);
  if (!claims) return { ok: false, why: "tampered" };
  if (now >= claims.exp) return { ok: false, why: "expired" };
  if (!sessionCookie || claims.bind !== (await bindingOf(sessionCookie))) return { ok: false, why: "unbound" };
  return { ok: true, claims };
}
