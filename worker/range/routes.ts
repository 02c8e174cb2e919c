// HTTP adapter of the range for shooters: free slots with weapons, bookings (book, list, read,
// pay, cancel), starting a session on arrival, statistics and their PDF reports. Staff's routes are in
// staff-routes.ts, the target systems' in shot-routes.ts; all are mounted here.
import { createRoute, z } from "@hono/zod-openapi";
import { requireUser, signedIn } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, ProblemSchema, problems, SESSION } from "../lib/openapi";
import { conflict, notFound, Problem } from "../lib/problem";
import { assertClubPerson, assertInstructor, assertOwnOr, assertStaff } from "./access";
import { book, cancel, payAgain } from "./bookings";
import {
  Booking,
  BookingListQuery,
  BookingRequest,
  IdempotencyHeader,
  IdParam,
  ReportJob,
  SessionReportRequest,
  SlotQuery,
  Slots,
  Stats,
  StatsQuery,
} from "./contract";
import { depsFor } from "./deps";
import { presentBooking } from "./present";
import { reportFileName, reportJob, reportPdf, requestReport } from "./reports";
import { startSession } from "./sessions";
import { shotRoutes } from "./shot-routes";
import { freeSlots } from "./slots";
import { staffRoutes } from "./staff-routes";
import { statisticsOf } from "./statistics";
import { bookingsOf, findBooking } from "./store";

const tags = ["Range: shooters"];
const signedInOnly = { security: SESSION, middleware: requireUser };
const DAY = 86_400_000;

const paymentProblem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

const shooterRoutes = createRouter()
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/range/slots",
      tags,
      summary: "Free slots of a day, each with the free weapons your licence allows (or why none)",
      request: { query: SlotQuery },
      responses: { 200: jsonResponse(Slots, "The day's free slots"), ...problems(400, 401) },
    }),
    async (c) => c.json(await freeSlots(depsFor(c), signedIn(c).id, c.req.valid("query"), Date.now()), 200),
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/bookings",
      tags,
      summary: "Book a lane slot with weapons; the invoice is charged at once",
      description:
        "201 with status confirmed once paid, pending_payment while the provider does not answer (paid later by " +
        "itself), or cancelled when the provider declines (the slot is free again; invoice.payment_error says why). 409 with `reason`: licence_missing, licence_unverified, licence_expires, licence_category, " +
        "weapon_unavailable, lane_taken, weapon_taken, instructor_taken. A retry with the same Idempotency-Key answers " +
        "200 with the first booking; the same key with another request is 422.",
      request: { headers: IdempotencyHeader, body: jsonBody(BookingRequest) },
      responses: {
        201: jsonResponse(Booking, "Booked"),
        200: jsonResponse(Booking, "A retry: the booking this key made"),
        ...problems(400, 401, 409, 422),
      },
    }),
    async (c) => {
      const { view, created } = await book(
        depsFor(c),
        signedIn(c).id,
        c.req.valid("json"),
        c.req.valid("header")["idempotency-key"],
      );
      return c.json(presentBooking(view, Date.now()), created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/range/my/bookings",
      tags,
      summary: "Your bookings starting between two days (default: from a week ago, 30 days on), soonest first",
      request: { query: BookingListQuery },
      responses: { 200: jsonResponse(z.object({ items: z.array(Booking) }), "Your bookings"), ...problems(400, 401) },
    }),
    async (c) => {
      const { from, to } = c.req.valid("query");
      const now = Date.now();
      const start = from ? Date.parse(`${from}T00:00:00Z`) : now - 7 * DAY;
      const end = to ? Date.parse(`${to}T00:00:00Z`) + DAY : start + 37 * DAY;
      const views = await bookingsOf(depsFor(c).db, signedIn(c).id, start, end);
      return c.json({ items: views.map((v) => presentBooking(v, now)) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/range/bookings/{id}",
      tags,
      summary: "A booking with its invoice: its shooter's, or for the club's range staff and instructors",
      request: { params: IdParam },
      responses: { 200: jsonResponse(Booking, "The booking"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const view = await findBooking(depsFor(c).db, c.req.valid("param").id);
      await assertOwnOr(c, view.booking.userId, assertClubPerson, view.lane.rangeId);
      return c.json(presentBooking(view, Date.now()), 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/bookings/{id}/payment",
      tags,
      summary: "Pay a booking awaiting payment now, rather than when the provider is next tried",
      description:
        "402 when the provider declines: the booking is then cancelled and its slot freed. 503 with Retry-After " +
        "when it cannot be reached: the booking keeps waiting and is paid later by itself.",
      request: { params: IdParam },
      responses: {
        200: jsonResponse(Booking, "The booking now"),
        402: paymentProblem("Declined: the booking is cancelled"),
        503: paymentProblem("The provider did not answer; it is tried again by itself"),
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const deps = depsFor(c);
      const view = await findBooking(deps.db, c.req.valid("param").id);
      await assertOwnOr(c, view.booking.userId, assertStaff, view.lane.rangeId);
      const { after, outcome } = await payAgain(deps, view);
      if (outcome === "retry") {
        throw new Problem(
          503,
          "payment-unavailable",
          "Payment provider unavailable",
          "The payment will be tried again.",
          {
            headers: { "Retry-After": "30" },
          },
        );
      }
      if (outcome === "stop") {
        throw new Problem(402, "payment-declined", "Payment declined", after.booking.paymentError ?? "Declined.");
      }
      return c.json(presentBooking(after, Date.now()), 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/bookings/{id}/cancel",
      tags,
      summary: "Cancel a booking not yet started; refund under the policy (range staff: in full)",
      description:
        "Cancelled 24 hours or more before the start: all that was paid back; later, half; from the start, nothing.",
      request: { params: IdParam },
      responses: { 200: jsonResponse(Booking, "Cancelled"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const deps = depsFor(c);
      const view = await findBooking(deps.db, c.req.valid("param").id);
      await assertOwnOr(c, view.booking.userId, assertStaff, view.lane.rangeId);
      const by = view.booking.userId === signedIn(c).id ? "shooter" : "staff";
      return c.json(presentBooking(await cancel(deps, view, by), Date.now()), 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/bookings/{id}/start",
      tags,
      summary: "Start the session on arrival (the shooter, or an instructor of the club); the lane then takes shots",
      request: { params: IdParam },
      responses: { 200: jsonResponse(Booking, "In progress"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const deps = depsFor(c);
      const view = await findBooking(deps.db, c.req.valid("param").id);
      await assertOwnOr(c, view.booking.userId, assertInstructor, view.lane.rangeId);
      return c.json(presentBooking(await startSession(deps, view), Date.now()), 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/range/my/statistics",
      tags,
      summary: "Your statistics over a period in one discipline: figures, sessions, series, comparison",
      request: { query: StatsQuery },
      responses: { 200: jsonResponse(Stats, "Your statistics"), ...problems(400, 401) },
    }),
    async (c) => c.json(await statisticsOf(depsFor(c), signedIn(c).id, c.req.valid("query")), 200),
  );

const reportRoutes = createRouter()
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/my/reports",
      tags,
      summary: "Ask for a PDF of your statistics over a period: made in the background; poll the job",
      request: { body: jsonBody(StatsQuery) },
      responses: { 202: jsonResponse(ReportJob, "Queued"), ...problems(400, 401) },
    }),
    async (c) =>
      c.json(
        await requestReport(depsFor(c), c.env.DOCUMENTS, signedIn(c).id, {
          kind: "period",
          query: c.req.valid("json"),
        }),
        202,
      ),
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/bookings/{id}/report",
      tags,
      summary:
        "Ask for a PDF of a session with its targets: made in the background; poll the job under /range/my/reports",
      description:
        "For the booking's shooter, or the club's range staff and instructors. 409 `no_session` until the session " +
        "has started.",
      request: { params: IdParam, body: jsonBody(SessionReportRequest) },
      responses: { 202: jsonResponse(ReportJob, "Queued"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const deps = depsFor(c);
      const view = await findBooking(deps.db, c.req.valid("param").id);
      await assertOwnOr(c, view.booking.userId, assertClubPerson, view.lane.rangeId);
      if (view.booking.status !== "in_progress" && view.booking.status !== "completed") {
        throw conflict("This booking has no session to report on yet.", { reason: "no_session" });
      }
      const { language } = c.req.valid("json");
      const subject = { kind: "session", bookingId: view.booking.id, language } as const;
      return c.json(await requestReport(deps, c.env.DOCUMENTS, signedIn(c).id, subject), 202);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/range/my/reports/{id}",
      tags,
      summary: "A report job you asked for (a period's or a session's): queued, running, done (download it) or failed",
      request: { params: IdParam },
      responses: { 200: jsonResponse(ReportJob, "The job"), ...problems(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const job = await reportJob(c.env.DOCUMENTS, signedIn(c).id, id);
      if (!job) throw notFound(`You have no report ${id}.`);
      return c.json(job, 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/range/my/reports/{id}/pdf",
      tags,
      summary: "Download a finished report",
      request: { params: IdParam },
      responses: {
        200: {
          description: "The PDF",
          content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
        },
        ...problems(400, 401, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const userId = signedIn(c).id;
      const job = await reportJob(c.env.DOCUMENTS, userId, id);
      if (!job) throw notFound(`You have no report ${id}.`);
      const pdf = job.status === "done" ? await reportPdf(c.env.DOCUMENTS, userId, id) : null;
      if (!pdf) throw conflict(`Report ${id} is ${job.status}.`, { reason: "not_ready", status: job.status });
      return c.body(pdf, 200, {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${reportFileName(job)}"`,
      });
    },
  );

export const rangeRoutes = createRouter();
rangeRoutes.route("/", staffRoutes);
rangeRoutes.route("/", shotRoutes);
rangeRoutes.route("/", shooterRoutes);
rangeRoutes.route("/", reportRoutes);
