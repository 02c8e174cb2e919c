// Entry point: WebSockets to Durable Objects under /parties, the API under /api, the cron
// reconciliation; everything else is served from web/build by the assets binding.
import { createApp } from "./app";
import { reconcileBets } from "./betting/reconcile";
import { reconcileEvents } from "./events/reconcile";
import { consumeSettlements, SETTLEMENTS_QUEUE } from "./events/settlement";
import { routeSocket } from "./lib/sockets";
import { consumeNotifications, NOTIFICATIONS_QUEUE } from "./notifications/adapters";
import { consumeRangeJobs, RANGE_QUEUE, RANGE_SHOTS_QUEUE } from "./range/jobs";
import { reconcileBookings } from "./range/reconcile";

export { BenchFloor } from "../durable-objects/bench-floor";
export { EventLine } from "../durable-objects/event-line";
export { PersonSockets } from "../durable-objects/person-sockets";
export { RangeLane } from "../durable-objects/range-lane";
export { Scoreboard } from "../durable-objects/scoreboard";
export { ScoringSession } from "../durable-objects/scoring-session";
export { TrainerContest } from "../durable-objects/trainer-contest";

const app = createApp();

export default {
  async fetch(request, env, ctx) {
    if (new URL(request.url).pathname.startsWith("/parties/")) {
      const routed = await routeSocket(request, env);
      if (routed) return routed;
    }
    return app.fetch(request, env, ctx);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(reconcileBets(env));
    ctx.waitUntil(reconcileBookings(env, ctx));
    ctx.waitUntil(reconcileEvents(env, ctx));
  },
  async queue(batch, env, ctx) {
    if (batch.queue === NOTIFICATIONS_QUEUE) return consumeNotifications(batch, env);
    if (batch.queue === SETTLEMENTS_QUEUE) return consumeSettlements(batch, env, ctx);
    if (batch.queue === RANGE_QUEUE || batch.queue === RANGE_SHOTS_QUEUE) return consumeRangeJobs(batch, env, ctx);
    throw new Error(`No consumer for queue ${batch.queue}.`);
  },
} satisfies ExportedHandler<Env>;
