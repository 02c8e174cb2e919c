// The range queues' consumer: shots on their way to statistics (statistics-queue.ts) on a queue of
// their own, large batches of them written at once; payments of bookings the provider could not
// take at once (billing.ts) and PDF reports (reports.ts) on another, a few a batch (each asks D1,
// the provider or R2 several times: wrangler.toml sizes the batches). Either queue's jobs are
// understood on both, so a message sent before a deploy that moved its kind still lands. A message
// that fails is retried with a growing delay; every job is idempotent, so a retry never counts or
// charges twice.
import { z } from "zod";
import { settle } from "./billing";
import { depsOf } from "./deps";
import { makeReport } from "./reports";
import { paymentRetrySeconds } from "./rules";
import { recordShots, ShotJob } from "./statistics-queue";

/** Payments and reports. */
export const RANGE_QUEUE = "podium-range";
/** Shots. */
export const RANGE_SHOTS_QUEUE = "podium-range-shots";

const PaymentJob = z.object({ type: z.literal("payment"), booking_id: z.string().min(1).max(64) });
const ReportJob = z.object({ type: z.literal("report"), user_id: z.string().min(1), report_id: z.string().uuid() });
const Job = z.discriminatedUnion("type", [ShotJob, PaymentJob, ReportJob]);

type Job = z.infer<typeof Job>;
type Delivered<T extends Job["type"]> = { message: Message<unknown>; job: Extract<Job, { type: T }> };

/** Every shot message of the delivery in one D1 batch: all acknowledged, or all retried. */
async function recordDeliveredShots(db: D1Database, delivered: Delivered<"shots">[]) {
  if (!delivered.length) return;
  try {
    await recordShots(
      db,
      delivered.map((d) => d.job),
    );
    for (const { message } of delivered) message.ack();
  } catch (error) {
    console.error(`range: ${delivered.length} shot messages failed, retried:`, error);
    for (const { message } of delivered) message.retry({ delaySeconds: retrySeconds(message) });
  }
}

const retrySeconds = (message: Message<unknown>) => Math.min(2 ** message.attempts, 300);

export async function consumeRangeJobs(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) {
  const deps = depsOf(env, (work) => ctx.waitUntil(work));
  const shots: Delivered<"shots">[] = [];
  const others: Delivered<"payment" | "report">[] = [];
  for (const message of batch.messages) {
    const job = Job.safeParse(message.body);
    if (!job.success) {
      console.error(`range: unreadable job ${message.id}, dropped:`, message.body);
      message.ack();
    } else if (job.data.type === "shots") shots.push({ message, job: job.data });
    else others.push({ message, job: job.data });
  }
  await Promise.all([
    recordDeliveredShots(env.DB, shots),
    ...others.map(async ({ message, job }) => {
      try {
        if (job.type === "report") {
          await makeReport(deps, env.DOCUMENTS, job.user_id, job.report_id);
          message.ack();
          return;
        }
        const outcome = await settle(deps, job.booking_id);
        if (outcome === "retry") message.retry({ delaySeconds: paymentRetrySeconds(message.attempts) });
        else message.ack();
      } catch (error) {
        console.error(`range: job ${message.id} (${job.type}) failed, retried:`, error);
        message.retry({ delaySeconds: retrySeconds(message) });
      }
    }),
  ]);
}
