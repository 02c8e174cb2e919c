// The payments ledger and the breaker in D1. Each step is one batch (one round trip), and every
// statement that guards money (what may still be refunded, who probes the provider) is a single
// conditional statement, so concurrent Workers cannot slip past one another.
import type { BreakerPolicy, BreakerState } from "./resilience";

export interface Movement {
  id: string;
  invoiceId: string;
  kind: "charge" | "refund";
  amount: number;
  status: "pending" | "settled" | "failed";
  providerRef: string | null;
}

/** What has been charged and refunded on an invoice: settled movements only. */
export interface Totals {
  charged: number;
  refunded: number;
}

export interface Opened {
  movement: Movement | null;
  /** The invoice's amount as first opened (a key reused for another amount is refused). */
  invoiceAmount: number | null;
  /** The settled charge's reference, which a refund names. */
  chargeRef: string | null;
  breaker: BreakerState | null;
  totals: Totals;
}

type Row = Record<string, unknown>;

const toMovement = (r: Row): Movement => ({
  id: r.id as string,
  invoiceId: r.invoice_id as string,
  kind: r.kind as Movement["kind"],
  amount: r.amount as number,
  status: r.status as Movement["status"],
  providerRef: r.provider_ref as string | null,
});

const toBreaker = (r: Row): BreakerState => ({
  state: r.state as BreakerState["state"],
  failures: r.failures as number,
  changedAt: r.changed_at as number,
});

/** Money that may still go back: settled charges less refunds settled or under way. */
const REFUNDABLE = `(SELECT COALESCE(SUM(CASE
    WHEN kind = 'charge' AND status = 'settled' THEN amount
    WHEN kind = 'refund' AND status IN ('pending', 'settled') THEN -amount
    ELSE 0 END), 0) FROM payment_movement WHERE invoice_id = ?)`;

export class PaymentStore {
  constructor(
    private readonly d1: D1Database,
    private readonly provider: string,
  ) {}

  private reads(movementId: string, invoiceId: string) {
    return [
      this.d1
        .prepare(
          `SELECT m.id, m.invoice_id, m.kind, m.amount, m.status, m.provider_ref, i.amount AS invoice_amount,
             (SELECT provider_ref FROM payment_movement
              WHERE invoice_id = i.id AND kind = 'charge' AND status = 'settled') AS charge_ref
           FROM payment_invoice i LEFT JOIN payment_movement m ON m.id = ? WHERE i.id = ?`,
        )
        .bind(movementId, invoiceId),
      this.d1.prepare("SELECT state, failures, changed_at FROM payment_breaker WHERE provider = ?").bind(this.provider),
      this.totalsStatement(invoiceId),
    ];
  }

  private opened(results: D1Result<Row>[]): Opened {
    const [found, breaker, totals] = results.slice(-3);
    const row = found?.results[0];
    return {
      movement: row?.id ? toMovement(row) : null,
      invoiceAmount: (row?.invoice_amount as number | undefined) ?? null,
      chargeRef: (row?.charge_ref as string | null | undefined) ?? null,
      breaker: breaker?.results[0] ? toBreaker(breaker.results[0]) : null,
      totals: toTotals(totals?.results[0]),
    };
  }

  /**
   * Opens the invoice (once per key) and its charge, pending unless it is settled already (a failed
   * one is pending again: this is a new try), and reads the breaker: one round trip.
   */
  async openCharge(invoice: { key: string; reference: string; description: string; amount: number }, now: number) {
    const movementId = `${invoice.key}:charge`;
    const results = await this.d1.batch<Row>([
      this.d1
        .prepare(
          `INSERT INTO payment_invoice (id, reference, description, amount, provider, created_at)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        )
        .bind(invoice.key, invoice.reference, invoice.description, invoice.amount, this.provider, now),
      this.d1
        .prepare(
          `INSERT INTO payment_movement (id, invoice_id, kind, amount, status, created_at)
           SELECT ?, id, 'charge', amount, 'pending', ? FROM payment_invoice WHERE id = ?
           ON CONFLICT (id) DO UPDATE SET status = 'pending', error = NULL WHERE payment_movement.status = 'failed'`,
        )
        .bind(movementId, now, invoice.key),
      ...this.reads(movementId, invoice.key),
    ]);
    return this.opened(results);
  }

  /**
   * Opens a refund if it fits in what was charged and not yet refunded (checked in the same
   * statement that writes it, so two refunds at once cannot both fit), and reads the breaker.
   * `movement` is null when it does not fit.
   */
  async openRefund(invoiceId: string, refund: { key: string; amount: number }, now: number) {
    const results = await this.d1.batch<Row>([
      this.d1
        .prepare(
          `INSERT INTO payment_movement (id, invoice_id, kind, amount, status, created_at)
           SELECT ?, ?, 'refund', ?, 'pending', ? WHERE ? <= ${REFUNDABLE}
           ON CONFLICT (id) DO UPDATE SET status = 'pending', error = NULL
           WHERE payment_movement.status = 'failed' AND payment_movement.amount <= ${REFUNDABLE}`,
        )
        .bind(refund.key, invoiceId, refund.amount, now, refund.amount, invoiceId, invoiceId),
      ...this.reads(refund.key, invoiceId),
    ]);
    return this.opened(results);
  }

  /** Marks the movement settled (once, whoever gets there first) and reads the invoice's totals. */
  async settle(movement: Movement, providerRef: string, now: number): Promise<Totals> {
    const [, totals] = await this.d1.batch<Row>([
      this.d1
        .prepare(
          `UPDATE payment_movement SET status = 'settled', provider_ref = ?, error = NULL, settled_at = ?
           WHERE id = ? AND status = 'pending'`,
        )
        .bind(providerRef, now, movement.id),
      this.totalsStatement(movement.invoiceId),
    ]);
    return toTotals(totals?.results[0]);
  }

  /** A definite no: the movement failed (and a refund no longer counts against what may go back). */
  async fail(movement: Movement, error: string): Promise<void> {
    await this.d1
      .prepare("UPDATE payment_movement SET status = 'failed', error = ? WHERE id = ? AND status = 'pending'")
      .bind(error, movement.id)
      .run();
  }

  /** The provider could not be reached: the movement stays pending for a later try. */
  async noteUnreachable(movement: Movement, error: string): Promise<void> {
    await this.d1.prepare("UPDATE payment_movement SET error = ? WHERE id = ?").bind(error, movement.id).run();
  }

  private totalsStatement(invoiceId: string) {
    return this.d1
      .prepare(
        `SELECT COALESCE(SUM(CASE WHEN kind = 'charge' THEN amount END), 0) AS charged,
                COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount END), 0) AS refunded
         FROM payment_movement WHERE invoice_id = ? AND status = 'settled'`,
      )
      .bind(invoiceId);
  }

  // The circuit breaker. Each transition is one statement over the row's current values, so
  // failures counted by many Workers at once all count, and only one of them gets the probe.

  /** Counts a failure: opens at the threshold, or at once when the failed call was the probe. */
  async recordFailure(now: number, policy: BreakerPolicy): Promise<BreakerState> {
    const opens = "(state = 'half_open' OR (state = 'closed' AND failures + 1 >= ?2))";
    const row = await this.d1
      .prepare(
        `INSERT INTO payment_breaker (provider, state, failures, changed_at)
         VALUES (?1, CASE WHEN ?2 <= 1 THEN 'open' ELSE 'closed' END, 1, ?3)
         ON CONFLICT (provider) DO UPDATE SET
           failures = failures + 1,
           changed_at = CASE WHEN ${opens} THEN ?3 ELSE changed_at END,
           state = CASE WHEN ${opens} THEN 'open' ELSE state END
         RETURNING state, failures, changed_at`,
      )
      .bind(this.provider, policy.failureThreshold, now)
      .first<Row>();
    return row ? toBreaker(row) : { state: "open", failures: 1, changedAt: now };
  }

  /** A call went through: closed, nothing counted. */
  async recordSuccess(now: number): Promise<void> {
    await this.d1
      .prepare(
        "UPDATE payment_breaker SET state = 'closed', failures = 0, changed_at = ? WHERE provider = ? AND (state <> 'closed' OR failures > 0)",
      )
      .bind(now, this.provider)
      .run();
  }

  /** Takes the probe: true for exactly one caller per cool-down. */
  async claimProbe(now: number, policy: BreakerPolicy): Promise<boolean> {
    const result = await this.d1
      .prepare(
        `UPDATE payment_breaker SET state = 'half_open', changed_at = ?
         WHERE provider = ? AND state <> 'closed' AND changed_at <= ?`,
      )
      .bind(now, this.provider, now - policy.coolDownMs)
      .run();
    return result.meta.changes === 1;
  }
}

function toTotals(row: Row | undefined): Totals {
  return { charged: (row?.charged as number | undefined) ?? 0, refunded: (row?.refunded as number | undefined) ?? 0 };
}
