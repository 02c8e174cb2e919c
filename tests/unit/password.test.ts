import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../worker/auth/password";

describe("password hashing (PBKDF2-SHA256)", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword({ hash, password: "correct horse" })).toBe(true);
    expect(await verifyPassword({ hash, password: "correct horsE" })).toBe(false);
  });

  it("salts: the same password hashes differently twice", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("handles non-Latin passwords", async () => {
    const hash = await hashPassword("пароль-пароль");
    expect(await verifyPassword({ hash, password: "пароль-пароль" })).toBe(true);
  });

  it("refuses a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword({ hash: "md5$abc", password: "x" })).toBe(false);
  });
});
