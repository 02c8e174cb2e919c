// The events reports as JSON (their CSV and PDF carry the same figures): for the report pages
// and their charts. Money is in roubles with two decimals; times are ISO 8601 UTC.
import { z } from "@hono/zod-openapi";
import { REGISTRATION_STATUSES } from "../db/events";
import { LANGUAGES } from "../lib/language";

const When = z.iso.datetime();
const Range = z.iso.datetime().nullable().openapi({ description: "null: open-ended" });

export const ReportFormat = z.object({
  format: z
    .enum(["json", "csv", "pdf"])
    .default("json")
    .openapi({ description: "csv is UTF-8 with a BOM; pdf is A4 with its font embedded" }),
  lang: z.enum(LANGUAGES).optional().openapi({
    description:
      "The language of the CSV's and PDF's headings and words (the figures and names are as they are); without it, the first of Accept-Language that Podium speaks, else English",
  }),
});

export const RangeQuery = ReportFormat.extend({
  from: z.iso
    .datetime({ offset: true, error: "Give from as an ISO 8601 date and time." })
    .transform((v) => Date.parse(v))
    .optional()
    .openapi({ type: "string", format: "date-time", description: "Events starting at or after this" }),
  to: z.iso
    .datetime({ offset: true, error: "Give to as an ISO 8601 date and time." })
    .transform((v) => Date.parse(v))
    .optional()
    .openapi({ type: "string", format: "date-time", description: "Events starting before this" }),
});

const ByStatus = z
  .object(Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, z.number().int()])))
  .openapi("ByStatus");

const ListedVisitor = z.object({
  event_id: z.string(),
  event_title: z.string(),
  number: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  phone: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  registered_at: When,
  checked_in_at: When.nullable(),
});

const EventRef = z.object({ id: z.string(), title: z.string(), starts_at: When });

export const EventVisitorsReport = z
  .object({ event: EventRef, by_status: ByStatus, total: z.number().int(), visitors: z.array(ListedVisitor) })
  .openapi("EventVisitorsReport");

export const VisitorsReport = z
  .object({
    from: Range,
    to: Range,
    by_status: ByStatus,
    events: z.array(EventRef.extend({ by_status: ByStatus, total: z.number().int() })),
    visitors: z.array(ListedVisitor),
    truncated: z.boolean().openapi({ description: "The list stops at 5,000; the counts never do" }),
  })
  .openapi("VisitorsReport");

const Money = {
  billed: z.number(),
  refunded: z.number(),
  net: z.number().openapi({ description: "billed − refunded" }),
  costs: z.number(),
  profit: z.number().openapi({ description: "net − costs" }),
};

export const EventFinanceReport = z
  .object({
    event: EventRef,
    ...Money,
    cost_items: z.array(z.object({ name: z.string(), amount: z.number() })),
  })
  .openapi("EventFinanceReport");

export const FinanceReport = z
  .object({
    from: Range,
    to: Range,
    events: z.array(EventRef.extend({ status: z.string(), ...Money })),
    total: z.object(Money),
  })
  .openapi("FinanceReport");

export const VisitorHistoryReport = z
  .object({
    visitor: z.object({ id: z.string(), first_name: z.string(), last_name: z.string(), email: z.string() }),
    registered: z.number().int(),
    attended: z.number().int(),
    events: z.array(
      z.object({
        event_id: z.string(),
        event_title: z.string(),
        starts_at: When,
        number: z.string(),
        status: z.enum(REGISTRATION_STATUSES),
        attended: z.boolean(),
        billed: z.number(),
        refunded: z.number(),
      }),
    ),
  })
  .openapi("VisitorHistoryReport");

const Series = z.array(
  z.object({
    at: When.openapi({ description: "The bucket's start" }),
    count: z.number().int(),
    cumulative: z.number().int(),
  }),
);

export const RegistrationsOverTimeReport = z
  .object({ event: z.object({ id: z.string(), title: z.string() }), bucket: z.literal("day"), series: Series })
  .openapi("RegistrationsOverTimeReport");

export const CheckInsReport = z
  .object({
    event: EventRef.extend({ ends_at: When }),
    bucket: z.literal("15 minutes"),
    expected: z.number().int().openapi({ description: "Places held: who may still come" }),
    series: Series,
  })
  .openapi("CheckInsReport");

export type EventVisitorsReport = z.infer<typeof EventVisitorsReport>;
export type VisitorsReport = z.infer<typeof VisitorsReport>;
export type EventFinanceReport = z.infer<typeof EventFinanceReport>;
export type FinanceReport = z.infer<typeof FinanceReport>;
export type VisitorHistoryReport = z.infer<typeof VisitorHistoryReport>;
export type RegistrationsOverTimeReport = z.infer<typeof RegistrationsOverTimeReport>;
export type CheckInsReport = z.infer<typeof CheckInsReport>;
