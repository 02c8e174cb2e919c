// Demo data for a local Podium (`npm start` runs this under Node; never in production).
// Idempotent: rows have fixed ids and are inserted with INSERT OR IGNORE, so running it again
// changes nothing, and a demo password someone changed stays changed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/rules";

export const DEMO_PASSWORD = "podium-demo";

/** Listed in README: keep the two in step. */
export const DEMO_ACCOUNTS: { key: string; name: string; roles: Role[] }[] = [
  { key: "admin", name: "Алина Админова", roles: ["admin"] },
  { key: "organizer", name: "Олег Организаторов", roles: ["organizer"] },
  { key: "headjudge", name: "Галина Главсудьева", roles: ["head_judge"] },
  { key: "secretary", name: "Сергей Секретарёв", roles: ["secretary"] },
  { key: "judge", name: "Юлия Судейкина", roles: ["judge"] },
  { key: "bookmaker", name: "Борис Букмекеров", roles: ["bookmaker"] },
  { key: "instructor", name: "Игорь Инструкторов", roles: ["instructor"] },
  { key: "visitor", name: "Вера Зрителева", roles: [] },
];

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

async function seedSql(): Promise<string> {
  const now = Date.now();
  const statements: string[] = [];
  for (const { key, name, roles } of DEMO_ACCOUNTS) {
    const id = `demo-${key}`;
    const hash = await hashPassword(DEMO_PASSWORD);
    statements.push(
      `INSERT OR IGNORE INTO user (id, name, email, email_verified, created_at, updated_at) VALUES (${quote(id)}, ${quote(name)}, ${quote(`${key}@podium.local`)}, 1, ${now}, ${now});`,
      `INSERT OR IGNORE INTO account (id, account_id, provider_id, user_id, password, created_at, updated_at) VALUES (${quote(`${id}-credential`)}, ${quote(id)}, 'credential', ${quote(id)}, ${quote(hash)}, ${now}, ${now});`,
      ...roles.map(
        (role) =>
          `INSERT OR IGNORE INTO role_grant (id, user_id, role, scope, created_at) VALUES (${quote(`${id}-${role}`)}, ${quote(id)}, ${quote(role)}, '*', ${now});`,
      ),
    );
  }
  return statements.join("\n");
}

const file = join(mkdtempSync(join(tmpdir(), "podium-seed-")), "seed.sql");
writeFileSync(file, await seedSql());
execFileSync("wrangler", ["d1", "execute", "DB", "--local", "--file", file, ...process.argv.slice(2)], {
  stdio: ["ignore", "ignore", "inherit"],
});
console.log(
  `Demo accounts ready: ${DEMO_ACCOUNTS.map((a) => `${a.key}@podium.local`).join(", ")} (password ${DEMO_PASSWORD})`,
);
