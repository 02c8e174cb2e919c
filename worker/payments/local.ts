// The built-in provider for local use: it settles at once, keeping its own books in D1 (so a
// repeated key is answered with the first result, as a real provider does), and it fails when
// told to: a row in payment_local_fault says how (transient or decline) and for how many calls.
//   wrangler d1 execute DB --local --command "INSERT OR REPLACE INTO payment_local_fault VALUES (1, 'transient', 5)"
import { type PaymentProvider, type ProviderCall, ProviderError } from "./port";

export class LocalProvider implements PaymentProvider {
  readonly name = "local";

  constructor(
    private readonly d1: D1Database,
    private readonly clock: () => number,
  ) {}

  charge(call: ProviderCall) {
    return this.move("charge", call);
  }

  refund(call: ProviderCall) {
    return this.move("refund", call);
  }

  /** Books the movement unless a fault is set, and uses up one failure of the fault: one round trip. */
  private async move(kind: "charge" | "refund", { key, amount }: ProviderCall) {
    const [, fault] = await this.d1.batch<{ mode: "transient" | "decline" }>([
      this.d1
        .prepare(
          `INSERT INTO payment_local_ledger (key, kind, amount, created_at)
           SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM payment_local_fault WHERE remaining > 0)
           ON CONFLICT (key) DO NOTHING`,
        )
        .bind(key, kind, amount, this.clock()),
      this.d1.prepare("UPDATE payment_local_fault SET remaining = remaining - 1 WHERE remaining > 0 RETURNING mode"),
    ]);
    const mode = fault?.results[0]?.mode;
    if (mode === "transient") throw new ProviderError(true, "The local provider is unavailable (told to fail).");
    if (mode === "decline") throw new ProviderError(false, "The local provider declined (told to).");
    return { providerRef: `local:${key}` };
  }
}
