// How long to keep trying a message. Pure.

/** Delivery attempts before a message is given up as failed (and shown so to its organizer). */
export const MAX_ATTEMPTS = 5;

/** The queue's delay before attempt `attempts + 1`: 10 s, 30 s, 90 s, 270 s… at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(10 * 3 ** (attempts - 1), 3_600);
}
