// Errors are data (ARCHITECTURE rule 4): every error leaves the API as RFC 9457 problem+json.
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { type PatternName, patternNamed } from "./patterns";

export interface FieldError {
  /** Dotted path of the offending field in the request, e.g. "email" or "items.0.amount". */
  path: string;
  message: string;
  /** What is wrong, for clients that word it themselves: "required", "too_small", "invalid_format", … */
  code: string;
  /** The bound a too_small or too_big value broke (a length for strings). */
  limit?: number;
  /** The format a value failed, e.g. "email". */
  format?: string;
  /** For format "regex": the shape the value should have had, by name (patterns.ts), when it is a named one. */
  pattern?: PatternName;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** A failure a client can act on. Thrown anywhere; `app.onError` turns it into a response. */
export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(detail);
  }

  toBody(instance: string, requestId: string): ProblemBody {
    const { headers: _headers, ...extensions } = this.extra;
    return {
      type: `urn:podium:problem:${this.slug}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      instance,
      requestId,
      ...extensions,
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new Problem(400, errors ? "validation" : "bad-request", errors ? "Invalid request" : "Bad request", detail, {
    ...(errors && { errors }),
  });

export const unauthorized = (detail = "Log in to do this.") =>
  new Problem(401, "unauthorized", "Not logged in", detail);

export const forbidden = (detail: string) => new Problem(403, "forbidden", "Forbidden", detail);

export const notFound = (detail: string) => new Problem(404, "not-found", "Not found", detail);

export const conflict = (detail: string, extensions: Record<string, unknown> = {}) =>
  new Problem(409, "conflict", "Conflict", detail, extensions);

export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new Problem(429, "too-many-requests", "Too many requests", detail, {
    retryAfter: retryAfterSeconds,
    headers: { "Retry-After": String(retryAfterSeconds) },
  });

/**
 * Maps zod issues to field errors; `where` says which part of the request was checked and
 * `input` is what was sent there, to tell a missing field from one of the wrong type.
 */
export function validationProblem(error: ZodError, where: string, input?: unknown): Problem {
  const errors = error.issues.map((issue): FieldError => {
    const path = issue.path.map(String).join(".") || where;
    if (issue.code === "invalid_type" && valueAt(input, issue.path) === undefined) {
      return { path, code: "required", message: "Required." };
    }
    // A custom check names its own code and bound in `params` (lib/decimal.ts: "decimals", places).
    const custom =
      issue.code === "custom" ? (issue.params as { code?: string; limit?: number } | undefined) : undefined;
    const limit = issue.code === "too_small" ? issue.minimum : issue.code === "too_big" ? issue.maximum : custom?.limit;
    return {
      path,
      code: custom?.code ?? issue.code,
      message: issue.message,
      ...(limit !== undefined && { limit: Number(limit) }),
      ...(issue.code === "invalid_format" && { format: issue.format }),
      ...(issue.code === "invalid_format" && patternOf(issue)),
    };
  });
  const fields = [...new Set(errors.map((e) => e.path))].join(", ");
  return badRequest(`The ${where} has invalid fields: ${fields}.`, errors);
}

/** The named pattern a regex refusal was about, as a field of the error (none for an unnamed one). */
function patternOf(issue: { pattern?: string }): { pattern?: PatternName } {
  const pattern = patternNamed(issue.pattern);
  return pattern ? { pattern } : {};
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export function problemResponse(problem: Problem, instance: string, requestId: string): Response {
  return new Response(JSON.stringify(problem.toBody(instance, requestId)), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", ...problem.extra.headers },
  });
}
