// A recorded message as the API shows it, to whoever may read its topic.
import { z } from "@hono/zod-openapi";
import { MESSAGE_STATUSES } from "../db/notifications";

export const RecordedMessage = z
  .object({
    id: z.string(),
    channel: z.string().openapi({ example: "email" }),
    recipient: z.string(),
    kind: z.string().openapi({ example: "events.confirmed" }),
    subject: z.string().nullable().openapi({ description: "As sent; null until it was first rendered" }),
    status: z.enum(MESSAGE_STATUSES),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    created_at: z.iso.datetime(),
    delivered_at: z.iso.datetime().nullable(),
  })
  .openapi("Message");

export type RecordedMessage = z.infer<typeof RecordedMessage>;
