// The shapes of text the API takes by pattern (ids, seats, scopes, keys), each with a name. A
// refusal names the shape it wanted (FieldError.pattern), so a client can say it in the reader's
// language; the hint is the API's own English wording, for everyone else.
import { z } from "@hono/zod-openapi";
import { SCOPE_PATTERN } from "../auth/rules";

export const PATTERNS = {
  /** A record's id chosen by a person or a system: a competition, a betting event, a theme. */
  id: { regex: /^[A-Za-z0-9_-]{1,64}$/, hint: "Use 1–64 letters, digits, - or _." },
  /** A short lower-case id that shows in addresses (a trainer subject). */
  slug: { regex: /^[a-z0-9][a-z0-9_-]{0,39}$/, hint: "Use 1–40 lower-case letters, digits, - or _." },
  /** A gymnastics apparatus. */
  apparatus: { regex: /^[a-z][a-z_]{1,31}$/, hint: "Use lower-case letters and _, e.g. pommel_horse." },
  /** A judge's seat on a panel. */
  seat: { regex: /^[A-Z][0-9]$/, hint: "A seat like D1, E3 or R2." },
  /** Where a role holds (auth/rules.ts). */
  scope: {
    regex: SCOPE_PATTERN,
    hint: 'Use "*" or kind:id segments, e.g. "event:42" or "competition:7/apparatus:floor/position:E2".',
  },
  /** A client's Idempotency-Key. */
  key: { regex: /^[\x21-\x7e]{1,100}$/, hint: "Use 1–100 visible ASCII characters." },
  /** A target system's id of a shot. */
  shot: { regex: /^[A-Za-z0-9_.:-]{1,64}$/, hint: "Use 1–64 letters, digits, _ . : or -." },
} as const;

export type PatternName = keyof typeof PATTERNS;

/** `text` (a string schema, with its own type error if it has one) held to the named pattern. */
export const shaped = (name: PatternName, text = z.string()) => text.regex(PATTERNS[name].regex, PATTERNS[name].hint);

const BY_SOURCE = new Map(
  Object.entries(PATTERNS).map(([name, { regex }]) => [String(regex), name as PatternName] as const),
);

/** The name of a pattern as a zod issue gives it (the regex as text), if it is one of these. */
export const patternNamed = (pattern: string | undefined) => (pattern ? BY_SOURCE.get(pattern) : undefined);
