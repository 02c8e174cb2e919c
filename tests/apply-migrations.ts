import { applyD1Migrations, listDurableObjectIds, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll } from "vitest";

// Every file of a batch shares one storage (scripts/test-workers.mjs); applying the migrations
// again changes nothing once they are in.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// A file's objects may still hold an alarm when its last test ends (a write-through to D1 due in
// 100 ms); one firing while the file's storage is being torn down stalled the pool, and the next
// file never started. So every object's alarms are run to the end before a file is done.
afterAll(async () => {
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
