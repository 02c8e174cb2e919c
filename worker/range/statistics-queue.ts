// Shots on their way to statistics (the description's message queue): the lane object sends them
// in batches; the consumer writes each shot once (its key is the booking and the shot id) and
// recomputes the session's sums from the stored shots in the same D1 batch, so a message
// delivered twice, or retried after a failure half-way, counts every shot exactly once.
import { z } from "zod";
import type { ShotRecord } from "./lane-store";

export const ShotJob = z.object({
  type: z.literal("shots"),
  lane_id: z.string(),
  discipline: z.string(),
  shots: z.array(
    z.object({
      booking_id: z.string(),
      shot_id: z.string(),
      user_id: z.string(),
      x: z.number().int(),
      y: z.number().int(),
      at: z.number().int(),
      sighter: z.boolean(),
      match_number: z.number().int().nullable(),
      ring: z.number().int(),
      decimal: z.number().int(),
      inner_ten: z.boolean(),
    }),
  ),
});
export type ShotJob = z.infer<typeof ShotJob>;

export async function queueShots(queue: Queue, laneId: string, discipline: string, shots: ShotRecord[]) {
  const job: ShotJob = { type: "shots", lane_id: laneId, discipline, shots };
  await queue.send(job);
}

/** The session's sums, recomputed from every match shot stored for it. */
const RECOMPUTE = `INSERT INTO range_session_stat (booking_id, user_id, discipline, started_at, shots, decimal_sum,
    ring_sum, tens, inner_tens, sum_x, sum_y, sum_xx, sum_yy)
  SELECT booking_id, MIN(user_id), MIN(discipline), MIN(shot_at), COUNT(*), SUM(decimal), SUM(ring),
    SUM(ring = 10), SUM(inner_ten), SUM(x), SUM(y), SUM(x * x), SUM(y * y)
  FROM range_shot WHERE booking_id = ? AND sighter = 0 GROUP BY booking_id
  ON CONFLICT (booking_id) DO UPDATE SET shots = excluded.shots, decimal_sum = excluded.decimal_sum,
    ring_sum = excluded.ring_sum, tens = excluded.tens, inner_tens = excluded.inner_tens, sum_x = excluded.sum_x,
    sum_y = excluded.sum_y, sum_xx = excluded.sum_xx, sum_yy = excluded.sum_yy, started_at = excluded.started_at`;

/**
 * Records the shots of every message in a delivery and their sessions' sums: one D1 batch, all or
 * nothing (twenty lanes each sending a message every half second made a batch per message the
 * consumer's main cost).
 */
export async function recordShots(d1: D1Database, jobs: ShotJob[]): Promise<void> {
  const inserts = jobs.flatMap((job) =>
    job.shots.map((s) =>
      d1
        .prepare(
          `INSERT INTO range_shot (booking_id, shot_id, user_id, lane_id, discipline, x, y, sighter, match_number, ring,
             decimal, inner_ten, shot_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (booking_id, shot_id) DO NOTHING`,
        )
        .bind(
          s.booking_id,
          s.shot_id,
          s.user_id,
          job.lane_id,
          job.discipline,
          s.x,
          s.y,
          s.sighter ? 1 : 0,
          s.match_number,
          s.ring,
          s.decimal,
          s.inner_ten ? 1 : 0,
          s.at,
        ),
    ),
  );
  const sessions = [...new Set(jobs.flatMap((job) => job.shots.map((s) => s.booking_id)))];
  await d1.batch([...inserts, ...sessions.map((id) => d1.prepare(RECOMPUTE).bind(id))]);
}
