// The range queue's consumer: shots on their way to statistics (statistics-queue.ts), payments
// of bookings the provider could not take at once (billing.ts), and PDF reports (reports.ts). A message that fails is
// retried with a growing delay; every job is idempotent, so a retry never counts or charges twice.
import { z } from "zod";
import { settle } from "./billing";
import { depsOf } from "./deps";
import { makeReport } from "./reports";
import { paymentRetrySeconds } from "./rules";
import { recordShots, ShotJob } from "./statistics-queue";

export const RANGE_QUEUE = "podium-range";

const PaymentJob = z.object({ type: z.literal("payment"), booking_id: z.string().min(1).max(64) });
const ReportJob = z.object({ type: z.literal("report"), user_id: z.string().min(1), report_id: z.string().uuid() });
const Job = z.discriminatedUnion("type", [ShotJob, PaymentJob, ReportJob]);

export async function consumeRangeJobs(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) {
  const deps = depsOf(env, (work) => ctx.waitUntil(work));
  await Promise.all(
    batch.messages.map(async (message) => {
      const job = Job.safeParse(message.body);
      if (!job.success) {
        console.error(`range: unreadable job ${message.id}, dropped:`, message.body);
        message.ack();
        return;
      }
      try {
        if (job.data.type === "shots") {
          await recordShots(env.DB, job.data);
          message.ack();
          return;
        }
        if (job.data.type === "report") {
          await makeReport(deps, env.DOCUMENTS, job.data.user_id, job.data.report_id);
          message.ack();
          return;
        }
        const outcome = await settle(deps, job.data.booking_id);
        if (outcome === "retry") message.retry({ delaySeconds: paymentRetrySeconds(message.attempts) });
        else message.ack();
      } catch (error) {
        console.error(`range: job ${message.id} (${job.data.type}) failed, retried:`, error);
        message.retry({ delaySeconds: Math.min(2 ** message.attempts, 300) });
      }
    }),
  );
}
