// A Durable Object's own SQLite schema, kept by version: waking from hibernation is frequent,
// so when the stored version is current this costs one read and nothing else. Each migration
// is a list of statements; an object created long ago runs the ones it has not seen, in order.

export type Migrations = readonly (readonly string[])[];

export function ensureSchema(sql: SqlStorage, migrations: Migrations): void {
  sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
  const stored = Number(sql.exec("SELECT value FROM meta WHERE key = 'schema'").toArray()[0]?.value ?? 0);
  if (stored === migrations.length) return;
  if (stored > migrations.length)
    throw new Error(`object schema ${stored} is newer than this code (${migrations.length})`);
  for (const migration of migrations.slice(stored)) for (const statement of migration) sql.exec(statement);
  sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)", migrations.length);
}
