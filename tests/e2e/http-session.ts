// An HTTP client that keeps its session cookie, for driving the API from Node: the end-to-end
// tests' other actors and the benchmarks' clients.

export class HttpSession {
  #cookie = "";

  constructor(readonly baseURL: string) {}

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(`${this.baseURL}${path}`, {
      method,
      headers: {
        ...(this.#cookie && { cookie: this.#cookie }),
        ...(body !== undefined && { "content-type": "application/json" }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
    if (cookies.length) this.#cookie = cookies.join("; ");
    return response;
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
