// Demo data for a local Podium (`npm start` runs this under Node; never in production).
// Idempotent: rows have fixed ids and are inserted with INSERT OR IGNORE, so running it again
// changes nothing, and a demo password someone changed stays changed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/rules";
import { seatScope } from "../gym/panel";
import { seedBettingEvents } from "./seed-betting";
import { demoEvents } from "./seed-events";
import { demoRange } from "./seed-range";
import { demoTrainer } from "./seed-trainer";

export const DEMO_PASSWORD = "podium-demo";

/** Listed in README: keep the two in step. */
export const DEMO_ACCOUNTS: { key: string; name: string; roles: Role[] }[] = [
  { key: "admin", name: "Алина Админова", roles: ["admin"] },
  { key: "organizer", name: "Олег Организаторов", roles: ["organizer"] },
  { key: "door", name: "Денис Дверев", roles: ["door"] },
  { key: "headjudge", name: "Галина Главсудьева", roles: ["head_judge"] },
  { key: "secretary", name: "Сергей Секретарёв", roles: ["secretary"] },
  { key: "judge", name: "Юлия Судейкина", roles: ["judge"] },
  { key: "bookmaker", name: "Борис Букмекеров", roles: ["bookmaker"] },
  { key: "instructor", name: "Игорь Инструкторов", roles: ["instructor"] },
  { key: "rangestaff", name: "Роман Тиров", roles: ["range_staff"] },
  { key: "teacher", name: "Татьяна Учителева", roles: ["teacher"] },
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
  statements.push(...demoCompetition(now));
  statements.push(...demoEvents(now, quote));
  statements.push(...demoRange(now, quote));
  statements.push(...demoTrainer(now, quote));
  return statements.join("\n");
}

/**
 * A running MAG competition to try the gym area on at once: three athletes, and the demo judge
 * seated on the floor panel at D1 and E1 (both tasks reach the one phone); the demo head judge
 * and secretary run it from its console.
 */
function demoCompetition(now: number): string[] {
  const id = "demo-cup";
  const apparatus = JSON.stringify(["floor", "pommel_horse", "rings", "vault", "parallel_bars", "horizontal_bar"]);
  const athletes = [
    ["Никита Нагорный", "Москва"],
    ["Артур Далалоян", "Новосибирск"],
    ["Давид Белявский", "Екатеринбург"],
  ];
  return [
    `INSERT OR IGNORE INTO gym_competition (id, name, discipline, schema, rounding, vault_rule, tie_break, apparatus, status, created_by, created_at, updated_at) VALUES (${quote(id)}, 'Кубок Podium (демо)', 'MAG', 'fig_artistic', 'truncate', 'first', 'apparatus_final', ${quote(apparatus)}, 'running', 'demo-headjudge', ${now}, ${now});`,
    ...athletes.map(
      ([name, team], i) =>
        `INSERT OR IGNORE INTO gym_athlete (id, competition_id, name, team, bib, created_at) VALUES ('demo-athlete-${i + 1}', ${quote(id)}, ${quote(name as string)}, ${quote(team as string)}, ${i + 1}, ${now});`,
    ),
    ...["D1", "E1"].flatMap((position) => [
      `INSERT OR IGNORE INTO gym_panel_seat (competition_id, apparatus, position, user_id, created_at) VALUES (${quote(id)}, 'floor', '${position}', 'demo-judge', ${now});`,
      `INSERT OR IGNORE INTO role_grant (id, user_id, role, scope, created_at) VALUES ('demo-judge-${position}', 'demo-judge', 'judge', ${quote(seatScope(id, "floor", position))}, ${now});`,
    ]),
  ];
}

const file = join(mkdtempSync(join(tmpdir(), "podium-seed-")), "seed.sql");
writeFileSync(file, await seedSql());
execFileSync("wrangler", ["d1", "execute", "DB", "--local", "--file", file, ...process.argv.slice(2)], {
  stdio: ["ignore", "ignore", "inherit"],
});
const openBets = await seedBettingEvents(process.argv.slice(2), {
  email: "bookmaker@podium.local",
  password: DEMO_PASSWORD,
});
console.log(
  `Demo accounts ready: ${DEMO_ACCOUNTS.map((a) => `${a.key}@podium.local`).join(", ")} (password ${DEMO_PASSWORD}); demo competition at /gym/demo-cup; demo range lanes at /range; a demo question bank at /trainer; ${openBets} demo betting events open at /betting`,
);
