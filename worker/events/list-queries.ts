// The queries of the events area's lists: pages (lib/openapi.ts) with their filters. Kept apart
// from contract.ts, whose types the web app imports: these bring the router's own module along.
import { z } from "@hono/zod-openapi";
import { EVENT_STATUSES, REGISTRATION_STATUSES } from "../db/events";
import { Page } from "../lib/openapi";
import { Id, When } from "./contract";

export const EventListQuery = Page.extend({
  status: z.enum(EVENT_STATUSES).optional(),
  from: When("from").optional().openapi({ description: "Events starting at or after this" }),
  to: When("to").optional().openapi({ description: "Events starting before this" }),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: "Words in the title or location" }),
  mine: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .openapi({ description: "Only the events you organize, drafts included" }),
  door: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .openapi({ description: "Only the events whose door you keep (door staff or organizer), drafts excluded" }),
});

export const VisitorListQuery = Page.extend({
  q: z.string().trim().min(1).max(100).optional().openapi({ description: "Part of a name, email or phone" }),
});

export const RegistrationListQuery = Page.extend({
  event_id: Id.optional(),
  visitor_id: Id.optional(),
  status: z.enum(REGISTRATION_STATUSES).optional(),
});

export type EventListQuery = z.infer<typeof EventListQuery>;
export type RegistrationListQuery = z.infer<typeof RegistrationListQuery>;
