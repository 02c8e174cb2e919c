// HTTP adapter of the range for the club's people (access.ts says who is who): for range staff,
// licences, the armoury, lanes and the target systems' device tokens; for instructors, ending
// sessions; the day's schedule for both. Lanes are listed to anyone: a shooter picks one.
import { createRoute, z } from "@hono/zod-openapi";
import { asc } from "drizzle-orm";
import type { Context } from "hono";
import { createDb } from "../db";
import { rangeLane } from "../db/schema";
import type { AppEnv } from "../env";
import { requireUser, signedIn } from "../lib/auth";
import { createRouter, jsonBody, jsonResponse, problems, SESSION } from "../lib/openapi";
import { shaped } from "../lib/patterns";
import { notFound } from "../lib/problem";
import { assertAnyStaff, assertClubPerson, assertInstructor, assertStaff } from "./access";
import {
  addLane,
  addWeapon,
  issueToken,
  recordLicence,
  revokeToken,
  setVerified,
  setWeaponState,
  tokensOf,
  weaponsOf,
} from "./armoury";
import {
  Booking,
  DeviceToken,
  DeviceTokenRequest,
  IdParam,
  Lane,
  LaneParam,
  LaneRequest,
  Licence,
  LicenceQuery,
  LicenceRequest,
  ScheduleQuery,
  Weapon,
  WeaponRequest,
  WeaponStateRequest,
} from "./contract";
import { depsFor } from "./deps";
import { presentBooking, presentLane, presentLicence, presentWeapon } from "./present";
import { localDayStart } from "./rules";
import { endSession } from "./sessions";
import { findBooking, findLane, findLicence, findWeapon, licencesOf, scheduleOf } from "./store";

const tags = ["Range: staff"];
const signedInOnly = { security: SESSION, middleware: requireUser };
type Ctx = Context<AppEnv>;
const DAY = 86_400_000;
const RangeParam = z.object({ range_id: shaped("id") });
const TokenParam = LaneParam.extend({ token_id: shaped("id") });

async function staffLane(c: Ctx, laneId: string) {
  const lane = await findLane(depsFor(c).db, laneId);
  await assertStaff(c, lane.rangeId);
  return lane;
}

export const staffRoutes = createRouter()
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/licences",
      tags,
      summary: "Record a shooter's licence from the document shown (verified by you at once)",
      request: { body: jsonBody(LicenceRequest) },
      responses: { 201: jsonResponse(Licence, "Recorded"), ...problems(400, 401, 403, 409) },
    }),
    async (c) => {
      await assertAnyStaff(c);
      return c.json(presentLicence(await recordLicence(depsFor(c), signedIn(c).id, c.req.valid("json"))), 201);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/range/licences",
      tags,
      summary: "Licences of a person: your own, or anyone's for staff",
      request: { query: LicenceQuery },
      responses: { 200: jsonResponse(z.object({ items: z.array(Licence) }), "Licences"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const userId = c.req.valid("query").user_id ?? signedIn(c).id;
      if (userId !== signedIn(c).id) await assertAnyStaff(c);
      return c.json({ items: (await licencesOf(depsFor(c).db, userId)).map(presentLicence) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/licences/{id}/verification",
      tags,
      summary: "Verify a licence again, or withdraw its verification (verified: false)",
      request: { params: IdParam, body: jsonBody(z.object({ verified: z.boolean() })) },
      responses: { 200: jsonResponse(Licence, "The licence now"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      await assertAnyStaff(c);
      const deps = depsFor(c);
      const { id } = c.req.valid("param");
      await findLicence(deps.db, id);
      const licence = await setVerified(deps, signedIn(c).id, id, c.req.valid("json").verified);
      if (!licence) throw notFound(`No licence ${id}.`);
      return c.json(presentLicence(licence), 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/range/ranges/{range_id}/weapons",
      tags,
      summary: "The club's armoury",
      request: { params: RangeParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(Weapon) }), "Weapons"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { range_id } = c.req.valid("param");
      await assertStaff(c, range_id);
      return c.json({ items: (await weaponsOf(depsFor(c), range_id)).map(presentWeapon) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/weapons",
      tags,
      summary: "Add a weapon to a club's armoury (available at once)",
      request: { body: jsonBody(WeaponRequest) },
      responses: { 201: jsonResponse(Weapon, "Added"), ...problems(400, 401, 403, 409) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      await assertStaff(c, input.range_id);
      const weapon = await addWeapon(depsFor(c), {
        rangeId: input.range_id,
        model: input.model,
        discipline: input.discipline,
        calibre: input.calibre,
        serial: input.serial,
        licenceCategory: input.licence_category,
      });
      return c.json(presentWeapon(weapon), 201);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/weapons/{id}/state",
      tags,
      summary: "Set a weapon's state: available, maintenance or retired (bookings made stay; no new ones)",
      request: { params: IdParam, body: jsonBody(WeaponStateRequest) },
      responses: { 200: jsonResponse(Weapon, "The weapon now"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const deps = depsFor(c);
      const weapon = await findWeapon(deps.db, c.req.valid("param").id);
      await assertStaff(c, weapon.rangeId);
      return c.json(presentWeapon(await setWeaponState(deps, weapon, c.req.valid("json").state)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/range/lanes",
      tags,
      summary: "Every lane: discipline, opening hours, slot length and price",
      responses: { 200: jsonResponse(z.object({ items: z.array(Lane) }), "Lanes") },
    }),
    async (c) => {
      const lanes = await createDb(c.env.DB).select().from(rangeLane).orderBy(asc(rangeLane.name)).all();
      return c.json({ items: lanes.map(presentLane) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/lanes",
      tags,
      summary: "Add a lane to a club",
      request: { body: jsonBody(LaneRequest) },
      responses: { 201: jsonResponse(Lane, "Added"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      await assertStaff(c, input.range_id);
      const lane = await addLane(depsFor(c), {
        rangeId: input.range_id,
        name: input.name,
        discipline: input.discipline,
        opensAt: input.opens_at,
        closesAt: input.closes_at,
        utcOffsetMinutes: input.utc_offset_minutes,
        slotMinutes: input.slot_minutes,
        slotPrice: input.slot_price,
      });
      return c.json(presentLane(lane), 201);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/range/lanes/{lane_id}/tokens",
      tags,
      summary: "The lane's device tokens (without the tokens themselves)",
      request: { params: LaneParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(DeviceToken) }), "Tokens"),
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const lane = await staffLane(c, c.req.valid("param").lane_id);
      return c.json({ items: await tokensOf(depsFor(c), lane.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/lanes/{lane_id}/tokens",
      tags,
      summary: "Issue a device token for the lane's target system (the token is shown this once)",
      request: { params: LaneParam, body: jsonBody(DeviceTokenRequest) },
      responses: { 201: jsonResponse(DeviceToken, "Issued"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const lane = await staffLane(c, c.req.valid("param").lane_id);
      return c.json(await issueToken(depsFor(c), lane, c.req.valid("json").label, signedIn(c).id), 201);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "delete",
      path: "/range/lanes/{lane_id}/tokens/{token_id}",
      tags,
      summary: "Revoke a device token: the lane refuses its shots from now on",
      request: { params: TokenParam },
      responses: { 200: jsonResponse(DeviceToken, "Revoked"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { lane_id, token_id } = c.req.valid("param");
      await staffLane(c, lane_id);
      const token = await revokeToken(depsFor(c), lane_id, token_id);
      if (!token) throw notFound(`No token ${token_id} on lane ${lane_id}.`);
      return c.json(token, 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "get",
      path: "/range/schedule",
      tags,
      summary: "The day's bookings on the club's lanes, for its range staff and instructors",
      request: { query: ScheduleQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(Booking) }), "The schedule"),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const { range_id, day } = c.req.valid("query");
      await assertClubPerson(c, range_id);
      // Lanes may sit in any offset: the day is read wide (UTC+14 to UTC-12), then cut at each lane's own midnight.
      const views = await scheduleOf(
        depsFor(c).db,
        range_id,
        localDayStart(day, 14 * 60),
        localDayStart(day, -12 * 60) + DAY,
      );
      const onDay = views.filter(({ booking, lane }) => {
        const start = localDayStart(day, lane.utcOffsetMinutes);
        return booking.startsAt >= start && booking.startsAt < start + DAY;
      });
      const now = Date.now();
      return c.json({ items: onDay.map((v) => presentBooking(v, now)) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...signedInOnly,
      method: "post",
      path: "/range/bookings/{id}/end",
      tags,
      summary: "End the session (the club's instructors): the lane takes no more shots for it",
      request: { params: IdParam },
      responses: { 200: jsonResponse(Booking, "Completed"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const deps = depsFor(c);
      const view = await findBooking(deps.db, c.req.valid("param").id);
      await assertInstructor(c, view.lane.rangeId);
      return c.json(presentBooking(await endSession(deps, view), Date.now()), 200);
    },
  );
