// The target systems' credentials: a JWT (jose, HS256) naming one lane and the token's id, signed
// under a key derived from AUTH_SECRET for this purpose alone. Staff issue one per device and
// may revoke it: the Worker checks the signature and the lane, the lane's object knows which ids
// are revoked (it is asked on every shot anyway, so revocation takes effect at once).
import { jwtVerify, SignJWT } from "jose";

const ISSUER = "podium";
const AUDIENCE = "podium:range-target";

const keys = new Map<string, Promise<CryptoKey>>();

/** The HMAC key, imported once per isolate: jose given raw bytes imports them on every shot. */
function keyOf(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    const raw = new TextEncoder().encode(`podium-range-device:${secret}`);
    key = crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, key);
  }
  return key;
}

export async function issueDeviceToken(secret: string, laneId: string, tokenId: string, now: number): Promise<string> {
  return new SignJWT({ lane: laneId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setJti(tokenId)
    .setIssuedAt(Math.floor(now / 1000))
    .sign(await keyOf(secret));
}

/** The lane and token id of a genuine token, or null for anything else (altered, foreign, malformed). */
export async function readDeviceToken(
  secret: string,
  token: string,
): Promise<{ laneId: string; tokenId: string } | null> {
  try {
    const { payload } = await jwtVerify(token, await keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    if (typeof payload.lane !== "string" || typeof payload.jti !== "string") return null;
    return { laneId: payload.lane, tokenId: payload.jti };
  } catch {
    return null;
  }
}
