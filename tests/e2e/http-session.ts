// An HTTP client that keeps its session cookie, for driving the API from Node: the end-to-end
// tests' other actors and the benchmarks' clients.

export class HttpSession {
  /** The cookies this client holds, by name, as a browser keeps them. */
  #cookies = new Map<string, string>();

  constructor(readonly baseURL: string) {}

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(`${this.baseURL}${path}`, {
      method,
      headers: {
        ...(this.#cookies.size && { cookie: this.cookieHeader() }),
        ...(body !== undefined && { "content-type": "application/json" }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name = "", value = ""] = pair.split(/=(.*)/s); // a value may itself hold "="
      if (value === "" || /max-age=0/i.test(cookie)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return response;
  }

  /** These cookies as a Cookie header, e.g. for a WebSocket this client opens. */
  cookieHeader(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async json<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const response = await this.send(method, path, body, headers);
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
}

export async function logIn(baseURL: string, email: string, password: string): Promise<HttpSession> {
  const session = new HttpSession(baseURL);
  await session.json("POST", "/api/auth/login", { email, password });
  return session;
}

export async function registerBettors(baseURL: string, count: number): Promise<HttpSession[]> {
  const run = Date.now();
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const session = new HttpSession(baseURL);
      await session.json("POST", "/api/auth/register", {
        email: `bench-${run}-${i}@example.com`,
        password: "bench password",
        displayName: `Bench ${i}`,
      });
      return session;
    }),
  );
}
