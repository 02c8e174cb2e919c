// Small values the server hands a browser and must get back unaltered (the pass, a bettor's recent
// bets): JSON, signed with HMAC-SHA-256 through WebCrypto under a key derived from AUTH_SECRET for
// each purpose, so a value signed for one purpose is never taken for another.

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string, purpose: string): Promise<CryptoKey> {
  const label = `${purpose}:${secret}`;
  let key = keys.get(label);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(`podium-${label}`), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keys.set(label, key);
  }
  return key;
}

export const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  // A plain loop: Uint8Array.from(binary, mapper) walks the string's iterator, which made reading
  // a bettor's recent-bets cookie cost more than the bet's own work.
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `payload.signature`, both base64url: safe in a cookie as it is. */
export async function sign(secret: string, purpose: string, value: unknown): Promise<string> {
  const payload = encoder.encode(JSON.stringify(value));
  const signature = await crypto.subtle.sign("HMAC", await keyFor(secret, purpose), payload);
  return `${toBase64Url(payload)}.${toBase64Url(new Uint8Array(signature))}`;
}

/** The value signed for this purpose, or null if the text is not one, or was altered. */
export async function unsign<T>(secret: string, purpose: string, text: string): Promise<T | null> {
  const [payloadText = "", signatureText = "", ...rest] = text.split(".");
  const payload = fromBase64Url(payloadText);
  const signature = fromBase64Url(signatureText);
  if (rest.length || !payload || !signature) return null;
  if (!(await crypto.subtle.verify("HMAC", await keyFor(secret, purpose), signature, payload))) return null;
  return JSON.parse(new TextDecoder().decode(payload)) as T;
}
