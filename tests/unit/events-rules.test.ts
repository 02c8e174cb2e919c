// The events area's pure rules, and the pure parts of its payments and notifications ports.
import { describe, expect, it } from "vitest";
import {
  checkInRefusal,
  normalisePhone,
  parseTicketCode,
  qrPayload,
  refundOnCancel,
  registrationRefusal,
  settlementRetrySeconds,
  statusChangeRefusal,
  ticketNumber,
} from "../../worker/events/rules";
import { MAX_ATTEMPTS, retryDelaySeconds } from "../../worker/notifications/rules";
import { admission, BREAKER, CLOSED, RETRY, retryDelayMs } from "../../worker/payments/resilience";

const HOUR = 3_600_000;

describe("phone numbers in E.164", () => {
  it.each([
    ["+7 916 123-45-67", "+79161234567"],
    ["8 (916) 123-45-67", "+79161234567"],
    ["7 916 123 45 67", "+79161234567"],
    ["916 123 45 67", "+79161234567"],
    ["+44 20 7946 0958", "+442079460958"],
    ["0044 20 7946 0958", "+442079460958"],
    ["+1 (212) 555-0123", "+12125550123"],
    ["  +49.30.901820  ", "+4930901820"],
  ])("%j is %s", (input, e164) => {
    expect(normalisePhone(input)).toBe(e164);
  });

  it.each([
    "",
    "phone",
    "+7 916 123-45-6",
    "+7 916 123-45-678",
    "12345",
    "+0 123 456 789",
    "+1234567890123456",
    "916-123-45-67 ext 2",
    "++79161234567",
  ])("%j is not a phone number", (input) => {
    expect(normalisePhone(input)).toBeNull();
  });
});

describe("ticket numbers and their QR payload", () => {
  it("are eight digits shown as two groups of four", () => {
    expect(ticketNumber(Uint8Array.from([1, 12, 23, 34, 45, 56, 67, 255]))).toBe("1234-5675");
    expect(ticketNumber(crypto.getRandomValues(new Uint8Array(8)))).toMatch(/^\d{4}-\d{4}$/);
  });

  it("the door reads them from the QR payload or however they were typed", () => {
    expect(parseTicketCode(qrPayload("ab12cd34", "1234-5678"))).toEqual({ eventId: "ab12cd34", number: "1234-5678" });
    for (const typed of ["1234-5678", "12345678", " 1234 5678 ", "1234 - 5678"]) {
      expect(parseTicketCode(typed)).toEqual({ eventId: null, number: "1234-5678" });
    }
  });

  it.each(["", "1234-567", "123456789", "ABCD-EFGH", "PODIUM-TICKET:ab12:12345678", "PODIUM-TICKET:a b:1234-5678"])(
    "%j is not a ticket",
    (code) => {
      expect(parseTicketCode(code)).toBeNull();
    },
  );
});

describe("the refund policy", () => {
  const policy = { fullRefundHours: 48, lateRefundPercent: 50 };
  const start = Date.UTC(2026, 11, 1, 18);

  it("gives everything back until the full-refund window closes", () => {
    expect(refundOnCancel(policy, 1500_00, start, start - 48 * HOUR)).toBe(1500_00);
    expect(refundOnCancel(policy, 1500_00, start, start - 72 * HOUR)).toBe(1500_00);
  });

  it("then the late share, rounded down to a kopeck, until the start", () => {
    expect(refundOnCancel(policy, 1500_00, start, start - 48 * HOUR + 1)).toBe(750_00);
    expect(refundOnCancel(policy, 333, start, start - 1)).toBe(166);
  });

  it("and nothing once the event started", () => {
    expect(refundOnCancel(policy, 1500_00, start, start)).toBe(0);
    expect(refundOnCancel({ fullRefundHours: 0, lateRefundPercent: 100 }, 1500_00, start, start + 1)).toBe(0);
  });

  it("never more than was billed", () => {
    for (const percent of [0, 1, 33, 99, 100]) {
      for (const billed of [0, 1, 99, 1500_00]) {
        const late = refundOnCancel({ fullRefundHours: 48, lateRefundPercent: percent }, billed, start, start - HOUR);
        expect(late).toBeLessThanOrEqual(billed);
        expect(late).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe("when registration is open", () => {
  const start = Date.UTC(2026, 11, 1, 18);
  it.each([
    ["draft", start - HOUR, "not_published"],
    ["cancelled", start - HOUR, "cancelled"],
    ["finished", start - HOUR, "finished"],
    ["published", start, "started"],
  ] as const)("a %s event at %d is refused (%s)", (status, now, reason) => {
    expect(registrationRefusal({ status, startsAt: start }, now)?.reason).toBe(reason);
  });

  it("a published event before its start is open", () => {
    expect(registrationRefusal({ status: "published", startsAt: start }, start - 1)).toBeNull();
  });
});

describe("event status changes", () => {
  it("draft ↔ published while nobody registered, published → finished, and anything → cancelled", () => {
    expect(statusChangeRefusal("draft", "published", 0)).toBeNull();
    expect(statusChangeRefusal("published", "draft", 0)).toBeNull();
    expect(statusChangeRefusal("published", "finished", 3)).toBeNull();
    expect(statusChangeRefusal("published", "cancelled", 3)).toBeNull();
  });

  it("refuses going back to draft with registrations, or leaving cancelled or finished", () => {
    expect(statusChangeRefusal("published", "draft", 1)).toMatch(/registered/);
    expect(statusChangeRefusal("cancelled", "published", 0)).toMatch(/cannot/);
    expect(statusChangeRefusal("finished", "published", 0)).toMatch(/cannot/);
    expect(statusChangeRefusal("finished", "cancelled", 0)).toMatch(/cannot be cancelled/);
    expect(statusChangeRefusal("draft", "finished", 0)).toMatch(/cannot/);
  });
});

describe("check-in", () => {
  it("takes confirmed registrations only, saying why not", () => {
    expect(checkInRefusal("confirmed")).toBeNull();
    expect(checkInRefusal("checked_in")).toMatch(/Already/);
    expect(checkInRefusal("awaiting_payment")).toMatch(/paid/);
    expect(checkInRefusal("waitlisted")).toMatch(/waiting list/);
    expect(checkInRefusal("cancelled")).toMatch(/cancelled/);
  });
});

describe("retrying", () => {
  it("a provider call: doubling from the base, with at most half again of jitter", () => {
    expect(retryDelayMs(1, RETRY, 0)).toBe(RETRY.baseDelayMs);
    expect(retryDelayMs(2, RETRY, 0)).toBe(2 * RETRY.baseDelayMs);
    expect(retryDelayMs(2, RETRY, 0.999)).toBeLessThan(3 * RETRY.baseDelayMs);
  });

  it("a message: 10 s, 30 s, 90 s… an hour at most, and given up after MAX_ATTEMPTS", () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([10, 30, 90, 270]);
    expect(retryDelaySeconds(20)).toBe(3_600);
    expect(MAX_ATTEMPTS).toBe(5);
  });

  it("a settlement: 30 s doubling, an hour at most", () => {
    expect([0, 1, 2, 3].map(settlementRetrySeconds)).toEqual([30, 30, 60, 120]);
    expect(settlementRetrySeconds(50)).toBe(3_600);
  });
});

describe("the circuit breaker lets calls through", () => {
  const now = 1_000_000;
  it("always while closed", () => {
    expect(admission(CLOSED, now, BREAKER)).toBe("call");
  });

  it("not while open and cooling down; then one probe", () => {
    const open = { state: "open" as const, failures: 5, changedAt: now };
    expect(admission(open, now + BREAKER.coolDownMs - 1, BREAKER)).toBe("reject");
    expect(admission(open, now + BREAKER.coolDownMs, BREAKER)).toBe("probe");
  });

  it("not beside a probe under way, unless it never reported back within a cool-down", () => {
    const probing = { state: "half_open" as const, failures: 5, changedAt: now };
    expect(admission(probing, now + 1, BREAKER)).toBe("reject");
    expect(admission(probing, now + BREAKER.coolDownMs, BREAKER)).toBe("probe");
  });
});
