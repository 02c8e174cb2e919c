// The payments use cases, for every area that takes money (events now, the range next): charge
// an invoice, refund part of what it charged. Idempotent by key: the ledger (store.ts) holds one
// movement per key and the provider is called with that key, so a retry, or the same request
// twice at once, moves money once. Transient failures are retried with backoff, through a
// circuit breaker whose state is in D1, shared by every Worker instance.
import { LocalProvider } from "./local";
import { type PaymentProvider, ProviderError } from "./port";
import { admission, BREAKER, type BreakerState, CLOSED, RETRY, retryDelayMs } from "./resilience";
import { type Movement, PaymentStore, type Totals } from "./store";

export type { Totals } from "./store";

export interface Invoice {
  /** The caller's idempotency key for this invoice, e.g. `registration:<id>`. */
  key: string;
  /** What it is for, for people reading the ledger. */
  reference: string;
  description: string;
  /** Kopecks, positive. */
  amount: number;
}

export type PaymentFailure =
  /** The provider said no: trying again will not help until something changes. */
  | "declined"
  /** The provider could not be reached, or its breaker is open: the movement stays pending. */
  | "unavailable"
  /** More than was charged and not yet refunded. */
  | "not_refundable"
  /** The key was used before for a different amount. */
  | "key_reused";

export class PaymentFailed extends Error {
  constructor(
    readonly reason: PaymentFailure,
    message: string,
  ) {
    super(message);
  }
}

export class Payments {
  private readonly store: PaymentStore;

  constructor(
    d1: D1Database,
    private readonly provider: PaymentProvider,
    private readonly clock: () => number = Date.now,
  ) {
    this.store = new PaymentStore(d1, provider.name);
  }

  /** Charges the invoice's amount once; a settled charge is answered with the totals again. */
  async charge(invoice: Invoice): Promise<Totals> {
    const opened = await this.store.openCharge(invoice, this.clock());
    if (opened.invoiceAmount !== invoice.amount) {
      throw new PaymentFailed("key_reused", `Invoice ${invoice.key} was opened for another amount.`);
    }
    const movement = opened.movement as Movement;
    if (movement.status === "settled") return opened.totals;
    return this.complete(movement, opened.breaker ?? CLOSED, () =>
      this.provider.charge({ key: movement.id, amount: movement.amount }),
    );
  }

  /** Refunds `amount` of the invoice under the refund's own key, never beyond what is left to refund. */
  async refund(invoiceKey: string, refund: { key: string; amount: number }): Promise<Totals> {
    const opened = await this.store.openRefund(invoiceKey, refund, this.clock());
    const { movement, chargeRef } = opened;
    if (!movement || !chargeRef) {
      const left = opened.totals.charged - opened.totals.refunded;
      throw new PaymentFailed("not_refundable", `At most ${left} kopecks of ${invoiceKey} may be refunded.`);
    }
    if (movement.amount !== refund.amount) {
      throw new PaymentFailed("key_reused", `Refund ${refund.key} was made for another amount.`);
    }
    if (movement.status === "settled") return opened.totals;
    return this.complete(movement, opened.breaker ?? CLOSED, () =>
      this.provider.refund({ key: movement.id, amount: movement.amount, chargeRef }),
    );
  }

  /** Calls the provider through the breaker, retrying transient failures, and settles the movement. */
  private async complete(
    movement: Movement,
    known: BreakerState,
    call: () => Promise<{ providerRef: string }>,
  ): Promise<Totals> {
    let breaker = known;
    for (let attempt = 1; ; attempt++) {
      const now = this.clock();
      const admitted = admission(breaker, now, BREAKER);
      if (admitted === "reject" || (admitted === "probe" && !(await this.store.claimProbe(now, BREAKER)))) {
        return this.unavailable(movement, `Payments are paused after repeated failures of ${this.provider.name}.`);
      }
      try {
        const { providerRef } = await call();
        if (admitted === "probe" || breaker.failures > 0) await this.store.recordSuccess(this.clock());
        return await this.store.settle(movement, providerRef, this.clock());
      } catch (error) {
        // Anything but a definite no (a network error, a timeout) is taken as the provider being down.
        if (error instanceof ProviderError && !error.transient) {
          // The provider answered: it is up, whatever it thought of this payment.
          if (admitted === "probe" || breaker.failures > 0) await this.store.recordSuccess(this.clock());
          await this.store.fail(movement, error.message);
          throw new PaymentFailed("declined", error.message);
        }
        console.warn(`payments: ${this.provider.name} failed ${movement.id} (attempt ${attempt}):`, error);
        breaker = await this.store.recordFailure(this.clock(), BREAKER);
        if (attempt >= RETRY.attempts) return this.unavailable(movement, String(error));
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt, RETRY, Math.random())));
      }
    }
  }

  private async unavailable(movement: Movement, why: string): Promise<never> {
    await this.store.noteUnreachable(movement, why);
    throw new PaymentFailed("unavailable", "The payment provider is not answering; the payment will be tried again.");
  }
}

/** The payments of this deployment: the built-in local provider (the only adapter so far). */
export function paymentsOf(env: Env): Payments {
  return new Payments(env.DB, new LocalProvider(env.DB, Date.now));
}
