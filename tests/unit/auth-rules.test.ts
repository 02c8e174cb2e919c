import { describe, expect, it } from "vitest";
import {
  ACCOUNT_POLICY,
  holdsRole,
  retryAfterSeconds,
  SCOPE_PATTERN,
  scopeCovers,
  type ThrottlePolicy,
} from "../../worker/auth/rules";

describe("scopes", () => {
  it.each([
    ["*", "event:1", true],
    ["event:1", "event:1", true],
    ["event:1", "event:12", false],
    ["competition:7", "competition:7/apparatus:floor/position:E2", true],
    ["competition:7/apparatus:floor/position:E2", "competition:7", false],
    ["competition:7/apparatus:floor/position:E2", "competition:7/apparatus:floor/position:E3", false],
  ])("a grant on %s covers %s: %s", (granted, required, covers) => {
    expect(scopeCovers(granted, required)).toBe(covers);
  });

  it.each(["*", "event:1", "competition:7/apparatus:floor/position:E2", "range:north-1"])("%s is a scope", (s) => {
    expect(SCOPE_PATTERN.test(s)).toBe(true);
  });

  it.each(["", "event", "event:", "event:1/", "Event:1", "event:1 ", "**"])("%j is not a scope", (s) => {
    expect(SCOPE_PATTERN.test(s)).toBe(false);
  });

  it("a global admin holds every role everywhere; a scoped admin does not", () => {
    expect(holdsRole([{ role: "admin", scope: "*" }], "judge", "competition:1")).toBe(true);
    expect(holdsRole([{ role: "admin", scope: "event:1" }], "organizer", "event:1")).toBe(false);
  });

  it("the role must match, not just the scope", () => {
    expect(holdsRole([{ role: "secretary", scope: "competition:1" }], "head_judge", "competition:1")).toBe(false);
  });
});

describe("login throttle", () => {
  const policy: ThrottlePolicy = { ...ACCOUNT_POLICY };
  const t0 = 1_700_000_000_000;
  const waitAfterFailures = (failures: number, secondsLater: number) =>
    retryAfterSeconds({ failures, lastFailureAt: t0 }, policy, t0 + secondsLater * 1000);

  it("no record, no wait", () => {
    expect(retryAfterSeconds(undefined, policy, t0)).toBe(0);
  });

  it("the first failures are free: people mistype", () => {
    expect(waitAfterFailures(policy.freeFailures, 0)).toBe(0);
  });

  it("then each failure doubles the wait", () => {
    expect(waitAfterFailures(policy.freeFailures + 1, 0)).toBe(policy.baseDelaySeconds);
    expect(waitAfterFailures(policy.freeFailures + 2, 0)).toBe(policy.baseDelaySeconds * 2);
    expect(waitAfterFailures(policy.freeFailures + 3, 0)).toBe(policy.baseDelaySeconds * 4);
  });

  it("the wait counts down from the last failure", () => {
    expect(waitAfterFailures(policy.freeFailures + 2, 1)).toBe(policy.baseDelaySeconds * 2 - 1);
    expect(waitAfterFailures(policy.freeFailures + 2, policy.baseDelaySeconds * 2)).toBe(0);
  });

  it("the doubling stops at the maximum", () => {
    expect(waitAfterFailures(policy.lockoutFailures - 1, 0)).toBeLessThanOrEqual(policy.maxDelaySeconds);
  });

  it("at the lockout count the key is refused for the lockout period", () => {
    expect(waitAfterFailures(policy.lockoutFailures, 0)).toBe(policy.lockoutSeconds);
    expect(waitAfterFailures(policy.lockoutFailures, policy.lockoutSeconds - 1)).toBe(1);
    expect(waitAfterFailures(policy.lockoutFailures, policy.lockoutSeconds)).toBe(0);
  });

  it("a quiet spell longer than the window forgets everything", () => {
    expect(waitAfterFailures(policy.lockoutFailures + 5, policy.windowSeconds + 1)).toBe(0);
  });
});
