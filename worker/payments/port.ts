// The payments port: the one interface every payment provider's adapter implements. A call
// carries the caller's idempotency key, and a provider answers a repeated key with the first
// result, so a call whose answer was lost can be made again without moving money twice.

export interface ProviderCall {
  /** The idempotency key: the same movement, asked for again, is the same movement. */
  key: string;
  /** Kopecks, positive. */
  amount: number;
}

export interface PaymentProvider {
  /** Names the provider in the ledger and its circuit breaker. */
  readonly name: string;
  charge(call: ProviderCall): Promise<{ providerRef: string }>;
  /** Returns money taken by the charge `chargeRef`. */
  refund(call: ProviderCall & { chargeRef: string }): Promise<{ providerRef: string }>;
}

/**
 * A provider's refusal. Transient ones (it is down, timed out, overloaded) are retried and count
 * against its circuit breaker; a definite no (a declined card) is neither.
 */
export class ProviderError extends Error {
  constructor(
    readonly transient: boolean,
    message: string,
  ) {
    super(message);
  }
}
