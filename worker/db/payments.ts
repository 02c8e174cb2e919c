// The payments port's ledger in D1 (worker/payments/): invoices, every money movement as a row
// you can sum, the circuit breaker around each provider, and the local provider's own books.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** What someone owes for something (an event registration, a range booking), by the caller's key. */
export const paymentInvoice = sqliteTable("payment_invoice", {
  /** The caller's key: opening the same invoice again finds this one. */
  id: text("id").primaryKey(),
  /** What it is for, e.g. `registration:<id>`. */
  reference: text("reference").notNull(),
  description: text("description").notNull(),
  /** Kopecks. */
  amount: integer("amount").notNull(),
  provider: text("provider").notNull(),
  createdAt: integer("created_at").notNull(),
});

/**
 * A charge or a refund. Pending while the provider is asked (a pending refund already counts
 * against what may still be refunded), settled once it answered yes, failed on a definite no.
 */
export const paymentMovement = sqliteTable(
  "payment_movement",
  {
    /** The idempotency key the provider is called with. */
    id: text("id").primaryKey(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => paymentInvoice.id),
    kind: text("kind", { enum: ["charge", "refund"] }).notNull(),
    /** Kopecks, always positive: a refund is money going back. */
    amount: integer("amount").notNull(),
    status: text("status", { enum: ["pending", "settled", "failed"] }).notNull(),
    providerRef: text("provider_ref"),
    error: text("error"),
    createdAt: integer("created_at").notNull(),
    settledAt: integer("settled_at"),
  },
  (t) => [index("payment_movement_invoice_idx").on(t.invoiceId, t.kind, t.status)],
);

/** One circuit breaker per provider, shared by every Worker instance. */
export const paymentBreaker = sqliteTable("payment_breaker", {
  provider: text("provider").primaryKey(),
  state: text("state", { enum: ["closed", "open", "half_open"] }).notNull(),
  /** Failed calls in a row. */
  failures: integer("failures").notNull(),
  /** When it last opened, or when its half-open probe started. */
  changedAt: integer("changed_at").notNull(),
});

/** The local provider's side: what it has charged and refunded, by the caller's key. */
export const paymentLocalLedger = sqliteTable("payment_local_ledger", {
  key: text("key").primaryKey(),
  kind: text("kind", { enum: ["charge", "refund"] }).notNull(),
  amount: integer("amount").notNull(),
  createdAt: integer("created_at").notNull(),
});

/**
 * Tells the local provider to fail its next `remaining` calls: `transient` (it is down: retried,
 * counted by the breaker) or `decline` (a definite no). One row; absent or 0 remaining: it works.
 */
export const paymentLocalFault = sqliteTable("payment_local_fault", {
  id: integer("id").primaryKey(),
  mode: text("mode", { enum: ["transient", "decline"] }).notNull(),
  remaining: integer("remaining").notNull(),
});
