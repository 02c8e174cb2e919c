// HTTP adapter of the lanes' target systems: a shot posted with the lane's device token
// (Authorization: Bearer). The Worker checks the token's signature and lane (401, 403); the
// lane's object checks that it is not revoked, scores and stores the shot, and answers.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { createRouter, jsonBody, jsonResponse, problems } from "../lib/openapi";
import { forbidden, unauthorized } from "../lib/problem";
import { unwrap } from "../lib/rpc";
import { LaneParam, ShotAck, ShotRequest } from "./contract";
import { depsFor } from "./deps";
import { readDeviceToken } from "./device";
import { laneObject } from "./sessions";

const tags = ["Range: target systems"];

async function deviceOf(c: Context<AppEnv>, laneId: string) {
  const header = c.req.header("authorization") ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!bearer) throw unauthorized("Send the lane's device token as Authorization: Bearer <token>.");
  const device = await readDeviceToken(c.env.AUTH_SECRET, bearer);
  if (!device) throw unauthorized("This device token is not valid.");
  if (device.laneId !== laneId) throw forbidden("This device token is for another lane.");
  return device;
}

export const shotRoutes = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/range/lanes/{lane_id}/shots",
    tags,
    summary: "A shot from the lane's target system; a repeated shot_id is answered with the first",
    description:
      "x and y in millimetres from the centre (right and up positive). 201 with the ISSF score; 200 for a " +
      "repeated shot_id; 409 `no_session` outside a running session; 401 bad token; 403 revoked or another lane's.",
    security: [{ device: [] }],
    request: { params: LaneParam, body: jsonBody(ShotRequest) },
    responses: {
      201: jsonResponse(ShotAck, "Scored and stored"),
      200: jsonResponse(ShotAck, "Already stored: the first answer"),
      ...problems(400, 401, 403, 409),
    },
  }),
  async (c) => {
    const { lane_id } = c.req.valid("param");
    const device = await deviceOf(c, lane_id);
    const shot = c.req.valid("json");
    const ack = unwrap(
      await laneObject(depsFor(c), lane_id).ingest(device.tokenId, {
        id: shot.shot_id,
        x: shot.x,
        y: shot.y,
        at: shot.at,
        sighter: shot.kind === "sighter",
      }),
    );
    return c.json(ack, ack.duplicate ? 200 : 201);
  },
);
