// Contracts become the OpenAPI document (ARCHITECTURE rule 3): routers are OpenAPIHono
// instances whose validation failures all become the same problem+json.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { CURSOR_PATTERN } from "./paging";
import { PATTERNS, type PatternName } from "./patterns";
import { validationProblem } from "./problem";

const PARTS: Record<string, string> = { json: "request body", query: "query string", param: "path", header: "headers" };

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      // zod-validator hands the hook the raw input as `data`, though its type does not say so.
      const input = (result as { data?: unknown }).data;
      if (!result.success) throw validationProblem(result.error, PARTS[result.target] ?? result.target, input);
    },
  });
}

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "urn:podium:problem:validation" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string(),
          limit: z.number().optional(),
          format: z.string().optional(),
          pattern: z
            .enum(Object.keys(PATTERNS) as [PatternName, ...PatternName[]])
            .optional()
            .openapi({ description: 'For format "regex": the shape the value should have, by name' }),
        }),
      )
      .optional(),
  })
  .openapi("Problem");

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed or invalid input; `errors[]` names each field",
  401: "Not logged in",
  403: "Logged in, but without the role this needs",
  404: "No such thing",
  409: "Conflicts with the current state",
  415: "The body is not JSON: send it with Content-Type: application/json",
  422: "This Idempotency-Key was already used for a different request",
  429: "Too many attempts; see Retry-After",
};

/** The problem responses a route may give, for its OpenAPI entry. */
export function problems(...statuses: (keyof typeof PROBLEM_DESCRIPTIONS)[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? "Error",
        content: { "application/problem+json": { schema: ProblemSchema } },
      },
    ]),
  );
}

/** Every route that takes a JSON body may answer 415 (lib/guards.ts): say so in its description. */
export function documentMediaTypeRefusals(registry: OpenAPIHono<AppEnv>["openAPIRegistry"]): void {
  for (const definition of registry.definitions) {
    if (definition.type === "route" && definition.route.request?.body) {
      Object.assign(definition.route.responses, problems(415));
    }
  }
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

/** The query of a keyset-paginated list (lib/paging.ts). */
export const Page = z.object({
  cursor: z
    .string()
    .max(200)
    .regex(CURSOR_PATTERN, "Pass the next_cursor of the previous page as it came.")
    .optional()
    .openapi({ description: "next_cursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** A page of a list: its items and the cursor of the next page, null on the last. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() }).openapi(name);
}

/** The security requirement of routes behind the session cookie. */
export const SESSION = [{ session: [] }];
