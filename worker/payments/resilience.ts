// Pure rules of calling a provider safely: how often and how soon to retry a transient failure,
// and when the circuit breaker lets a call through. The breaker's state lives in D1
// (payment_breaker, changed by store.ts in single statements), so every Worker instance sees it.

export interface RetryPolicy {
  /** Calls per operation, the first included. */
  attempts: number;
  /** The wait before the first retry; each later one doubles it. */
  baseDelayMs: number;
}

/** Short: the caller (a person registering, or the settlement queue) is waiting. */
export const RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 100 };

/**
 * The wait before retry `n` (1 for the first): doubling from the base, plus up to half of it
 * again at random, so that callers failed by the same outage do not all retry in step.
 */
export function retryDelayMs(n: number, policy: RetryPolicy, random: number): number {
  const delay = policy.baseDelayMs * 2 ** (n - 1);
  return delay + Math.floor(delay * 0.5 * random);
}

export interface BreakerPolicy {
  /** Failed calls in a row that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before one probe may try the provider again. */
  coolDownMs: number;
}

export const BREAKER: BreakerPolicy = { failureThreshold: 5, coolDownMs: 30_000 };

type BreakerStateName = "closed" | "open" | "half_open";

export interface BreakerState {
  state: BreakerStateName;
  failures: number;
  /** When it opened, or when its probe started (epoch ms). */
  changedAt: number;
}

/** A provider never seen before has a closed breaker. */
export const CLOSED: BreakerState = { state: "closed", failures: 0, changedAt: 0 };

/**
 * What a call may do now: go ahead (closed); be the one probe (open, or half-open with a probe
 * that never reported back, for a whole cool-down: its Worker died); or fail fast.
 */
export function admission(breaker: BreakerState, now: number, policy: BreakerPolicy): "call" | "probe" | "reject" {
  if (breaker.state === "closed") return "call";
  return now - breaker.changedAt >= policy.coolDownMs ? "probe" : "reject";
}
