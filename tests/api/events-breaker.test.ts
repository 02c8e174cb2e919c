// The payments port's circuit breaker, on the real ledger in D1 and the local provider told to
// fail: it opens after consecutive failures, fails fast while open, lets one probe through after
// the cool-down, and closes when the probe succeeds (or opens again when it fails). The clock is
// the test's, so the cool-down passes without waiting.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LocalProvider } from "../../worker/payments/local";
import { BREAKER, RETRY } from "../../worker/payments/resilience";
import { PaymentFailed, Payments } from "../../worker/payments/service";
import { failPayments, rows } from "./events-helpers";

/** Payments on a clock the test moves; the provider's breaker is the one every request shares. */
function paymentsAt(start: number) {
  const clock = { now: start };
  const tick = () => clock.now;
  return { payments: new Payments(env.DB, new LocalProvider(env.DB, tick), tick), clock };
}

const invoice = (n: string) => ({
  key: `breaker-test:${n}`,
  reference: `test:${n}`,
  description: "Test",
  amount: 10_00,
});

async function breaker() {
  const [row] = await rows<{ state: string; failures: number }>(
    "SELECT state, failures FROM payment_breaker WHERE provider = 'local'",
  );
  return row;
}

async function faultsLeft() {
  const [row] = await rows<{ remaining: number }>("SELECT remaining FROM payment_local_fault WHERE id = 1");
  return row?.remaining;
}

const unavailable = expect.objectContaining({ reason: "unavailable" });

describe("the circuit breaker around the payment provider", () => {
  it("retries a transient failure with backoff and succeeds without opening", async () => {
    const { payments } = paymentsAt(Date.now());
    await failPayments("transient", RETRY.attempts - 1);
    await expect(payments.charge(invoice("retried"))).resolves.toEqual({ charged: 10_00, refunded: 0 });
    expect(await breaker()).toEqual({ state: "closed", failures: 0 });
  });

  it("opens after consecutive failures, half-opens after the cool-down, closes on a good probe", async () => {
    const { payments, clock } = paymentsAt(Date.now());
    await failPayments("transient", 100);

    // Each charge tries RETRY.attempts times; the breaker opens at the threshold, mid-charge.
    await expect(payments.charge(invoice("a"))).rejects.toEqual(unavailable);
    expect(await breaker()).toEqual({ state: "closed", failures: RETRY.attempts });
    await expect(payments.charge(invoice("b"))).rejects.toEqual(unavailable);
    expect(await breaker()).toMatchObject({ state: "open", failures: BREAKER.failureThreshold });
    // Once open, no more calls reached the provider: exactly `threshold` were made.
    expect(await faultsLeft()).toBe(100 - BREAKER.failureThreshold);

    // While open, calls fail fast without reaching the provider.
    await expect(payments.charge(invoice("c"))).rejects.toBeInstanceOf(PaymentFailed);
    expect(await faultsLeft()).toBe(100 - BREAKER.failureThreshold);

    // After the cool-down one probe goes through; it succeeds, and the breaker closes.
    await failPayments("transient", 0);
    clock.now += BREAKER.coolDownMs;
    await expect(payments.charge(invoice("c"))).resolves.toEqual({ charged: 10_00, refunded: 0 });
    expect(await breaker()).toEqual({ state: "closed", failures: 0 });
    await expect(payments.charge(invoice("d"))).resolves.toMatchObject({ charged: 10_00 });
  });

  it("a failed probe opens it again for another cool-down; concurrent callers send one probe between them", async () => {
    const { payments, clock } = paymentsAt(Date.now() + 10 * BREAKER.coolDownMs);
    await failPayments("transient", 100);
    for (const n of ["e", "f"]) await payments.charge(invoice(n)).catch(() => undefined);
    expect(await breaker()).toMatchObject({ state: "open" });

    clock.now += BREAKER.coolDownMs;
    const before = (await faultsLeft()) ?? 0;
    const probes = await Promise.allSettled(["g", "h", "i", "j", "k"].map((n) => payments.charge(invoice(n))));
    expect(probes.every((p) => p.status === "rejected")).toBe(true);
    expect(await faultsLeft()).toBe(before - 1);
    expect(await breaker()).toMatchObject({ state: "open" });

    clock.now += BREAKER.coolDownMs - 1;
    await expect(payments.charge(invoice("l"))).rejects.toEqual(unavailable);
    expect(await faultsLeft()).toBe(before - 1);

    await failPayments("transient", 0);
    clock.now += 1;
    await expect(payments.charge(invoice("l"))).resolves.toMatchObject({ charged: 10_00 });
    expect(await breaker()).toEqual({ state: "closed", failures: 0 });
  });

  it("a charge left pending while the provider was down is charged once when it is back", async () => {
    const { payments, clock } = paymentsAt(Date.now() + 100 * BREAKER.coolDownMs);
    await failPayments("transient", RETRY.attempts);
    await expect(payments.charge(invoice("m"))).rejects.toEqual(unavailable);
    const [pending] = await rows<{ status: string }>(
      "SELECT status FROM payment_movement WHERE id = ?",
      `${invoice("m").key}:charge`,
    );
    expect(pending?.status).toBe("pending");
    clock.now += BREAKER.coolDownMs;
    await Promise.all([payments.charge(invoice("m")), payments.charge(invoice("m"))]);
    const movements = await rows("SELECT status FROM payment_movement WHERE invoice_id = ?", invoice("m").key);
    expect(movements).toEqual([{ status: "settled" }]);
    await expect(payments.charge({ ...invoice("m"), amount: 11_00 })).rejects.toMatchObject({ reason: "key_reused" });
  });
});
