import { applyD1Migrations, listDurableObjectIds, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll, vi } from "vitest";

// Every file of a batch shares one storage (scripts/test-workers.mjs); applying the migrations
// again changes nothing once they are in.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// What a file leaves behind must not reach the next one of its batch: its faked clock and spies
// are put back, the local payment provider it told to fail works again (its circuit breaker
// closed), and its objects' alarms are run to the end (a write-through to D1 due in 100 ms,
// firing while the runtime moved on, once stalled the pool for good).
afterAll(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await env.DB.batch([
    env.DB.prepare("DELETE FROM payment_local_fault"),
    env.DB.prepare("DELETE FROM payment_breaker"),
  ]);
  const namespaces: DurableObjectNamespace[] = [
    env.EVENT_LINE,
    env.SCORING_SESSION,
    env.SCOREBOARD,
    env.RANGE_LANE,
    env.TRAINER_CONTEST,
  ];
  for (const namespace of namespaces) {
    for (const id of await listDurableObjectIds(namespace)) {
      const stub = namespace.get(id);
      for (let run = 0; run < 50 && (await runDurableObjectAlarm(stub)); run++);
    }
  }
});
