// The one way the web app calls the API: JSON in, JSON out, problems thrown as ApiProblem.
import type { FieldError, ProblemBody } from "../../../worker/lib/problem";
import { m } from "./paraglide/messages";

export class ApiProblem extends Error {
  constructor(readonly problem: ProblemBody) {
    super(problem.detail);
  }

  get status() {
    return this.problem.status;
  }

  /** The message for one field, if the API named it. */
  field(path: string): string | undefined {
    return this.problem.errors?.find((e: FieldError) => e.path === path)?.message;
  }

  /** What to tell the person, in their language where Podium knows the case. */
  get message(): string {
    const retryAfter = this.problem.retryAfter;
    if (this.status === 429 && typeof retryAfter === "number") return m.error_try_again_in({ seconds: retryAfter });
    return this.problem.detail;
  }
}

export async function api<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiProblem({ type: "urn:podium:problem:network", title: "Offline", status: 0, detail: m.error_network() });
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiProblem(data as ProblemBody);
  return data as T;
}
