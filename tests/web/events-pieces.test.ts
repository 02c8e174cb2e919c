// The events pages' own logic, in Node: the Idempotency-Key a registration keeps across retries,
// the days picked turned into the API's range, chart buckets filled in, the event form read as
// typed, and the ticket's QR code read back by the door's decoder (jsQR).
import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import { rangeQuery, today } from "../../web/src/lib/events/day-range";
import { bodyOf, draftOf, readDraft } from "../../web/src/lib/events/event-draft";
import { drawQr } from "../../web/src/lib/events/qr";
import { forgetRequestKey, requestKey } from "../../web/src/lib/events/request-key";
import { DAY_MS, everyBucket, QUARTER_HOUR_MS } from "../../web/src/lib/events/series";
import { parseTicketCode } from "../../worker/events/rules";

/** A sessionStorage of one's own. */
function store() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe("the registration's Idempotency-Key", () => {
  it("is the same for the same details sent again (a double tap, a retry, a reload), new for other details", () => {
    const tab = store();
    const details = { first_name: "Анна", email: "anna@example.com" };
    const first = requestKey("register.ev1", details, tab);
    expect(requestKey("register.ev1", { ...details }, tab)).toBe(first);
    const changed = requestKey("register.ev1", { ...details, email: "anna@example.org" }, tab);
    expect(changed).not.toBe(first);
    expect(requestKey("register.ev2", details, tab)).not.toBe(changed);
  });

  it("is new after the registration was made, for registering again after cancelling", () => {
    const tab = store();
    const first = requestKey("register.ev1", { email: "anna@example.com" }, tab);
    forgetRequestKey("register.ev1", tab);
    expect(requestKey("register.ev1", { email: "anna@example.com" }, tab)).not.toBe(first);
  });
});

describe("days picked as the API's range", () => {
  it("runs from the start of the first day to the start of the day after the last, in local time", () => {
    const query = rangeQuery("2026-12-01", "2026-12-03");
    expect(query.get("from")).toBe(new Date(2026, 11, 1).toISOString());
    expect(query.get("to")).toBe(new Date(2026, 11, 4).toISOString());
    expect([...rangeQuery("", "").keys()]).toEqual([]);
    expect(today(new Date(2026, 0, 5, 23, 30))).toBe("2026-01-05");
  });
});

describe("chart buckets", () => {
  it("fill the empty ones between the first and the last with zero", () => {
    const day = (d: number) => new Date(Date.UTC(2026, 11, d)).toISOString();
    expect(
      everyBucket(
        [
          { at: day(1), count: 3 },
          { at: day(4), count: 1 },
        ],
        DAY_MS,
      ),
    ).toEqual([
      { at: day(1), count: 3 },
      { at: day(2), count: 0 },
      { at: day(3), count: 0 },
      { at: day(4), count: 1 },
    ]);
    expect(everyBucket([], DAY_MS)).toEqual([]);
  });

  it("keep the latest when there would be too many bars for a phone", () => {
    const start = Date.UTC(2026, 11, 1, 18);
    const series = [
      { at: new Date(start).toISOString(), count: 1 },
      { at: new Date(start + 1_000 * QUARTER_HOUR_MS).toISOString(), count: 2 },
    ];
    const filled = everyBucket(series, QUARTER_HOUR_MS);
    expect(filled).toHaveLength(120);
    expect(filled.at(-1)).toEqual(series[1]);
  });
});

describe("the event form", () => {
  it("reads a new event into the API's body: money and counts as typed, times as instants", () => {
    const draft = {
      ...draftOf(null, new Date(2026, 10, 30, 12)),
      title: " Лекция ",
      location: "Москва",
      limit: "",
      price: "1500,50",
      costs: [{ name: "Зал", amount: "8000" }],
    };
    const body = bodyOf(draft, readDraft(draft));
    expect(body).toMatchObject({
      title: "Лекция",
      visitor_limit: null,
      price: 1500.5,
      refund_policy: { full_refund_hours: 48, late_refund_percent: 0 },
      costs: [{ name: "Зал", amount: 8000 }],
      starts_at: new Date(2026, 11, 7, 18).toISOString(),
      ends_at: new Date(2026, 11, 7, 20).toISOString(),
    });
  });

  it("sends nothing while a number cannot be read as typed", () => {
    for (const typed of [{ price: "2e2" }, { limit: "0" }, { lateRefundPercent: "101" }, { price: "1.555" }]) {
      const draft = { ...draftOf(null), ...typed };
      expect(bodyOf(draft, readDraft(draft))).toBeNull();
    }
  });
});

describe("the ticket's QR code", () => {
  it("is read back by the door's decoder into the ticket and its event", () => {
    const payload = "PODIUM-TICKET:ab12cd34:4821-0937";
    const qr = drawQr(payload);
    const scale = 6;
    const side = qr.size * scale;
    const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
    for (const [, x, y] of qr.path.matchAll(/M(\d+) (\d+)/g)) {
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = ((Number(y) * scale + dy) * side + Number(x) * scale + dx) * 4;
          pixels.fill(0, at, at + 3);
        }
      }
    }
    const read = jsQR(pixels, side, side);
    expect(read?.data).toBe(payload);
    expect(parseTicketCode(read?.data ?? "")).toEqual({ eventId: "ab12cd34", number: "4821-0937" });
  });
});
