// Calls the real Worker (exports.default.fetch) the way a browser would, keeping its cookies.
import { exports } from "cloudflare:workers";
import type { ProblemBody } from "../../worker/lib/problem";

export const ORIGIN = "http://127.0.0.1:8787";

export interface Sent {
  status: number;
  headers: Headers;
  body: unknown;
}

export class Client {
  private cookies = new Map<string, string>();

  constructor(readonly address = "198.51.100.1") {}

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Sent> {
    const init: RequestInit = {
      method,
      headers: {
        "cf-connecting-ip": this.address,
        ...(this.cookies.size && { cookie: this.cookieHeader() }),
        ...(body !== undefined && { "content-type": "application/json" }),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
    };
    const response = await exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name = "", value = ""] = pair.split(/=(.*)/s); // a value may itself hold "="
      if (value === "" || /max-age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  }

  /** This browser's cookies as a Cookie header, e.g. for a WebSocket it opens. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get = (path: string) => this.send("GET", path);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.send("POST", path, body, headers);
  delete = (path: string) => this.send("DELETE", path);

  /** Copies this browser's cookies, as if a second tab or a stolen cookie. */
  clone(): Client {
    const copy = new Client(this.address);
    copy.cookies = new Map(this.cookies);
    return copy;
  }
}

let counter = 0;
/** A fresh account, logged in on the returned client. */
export async function newUser(name = "Test Person", address?: string) {
  const client = new Client(address);
  const email = `person${++counter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = "correct horse 1";
  const res = await client.post("/api/auth/register", { email, password, displayName: name });
  if (res.status !== 201) throw new Error(`registering ${email} failed: ${JSON.stringify(res.body)}`);
  return { client, email, password, id: (res.body as { id: string }).id };
}

/** Asserts a problem+json response and returns its body. */
export function problemOf(res: Sent, status: number): ProblemBody {
  const type = res.headers.get("content-type");
  if (res.status !== status || type !== "application/problem+json") {
    throw new Error(`expected ${status} problem+json, got ${res.status} ${type}: ${JSON.stringify(res.body)}`);
  }
  return res.body as ProblemBody;
}
