// A Durable Object's own SQLite schema, kept by version: waking from hibernation is frequent,
// so when the stored version is current this costs one read and nothing else.

export function ensureSchema(sql: SqlStorage, version: number, statements: readonly string[]): void {
  sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
  const stored = sql.exec("SELECT value FROM meta WHERE key = 'schema'").toArray()[0]?.value ?? 0;
  if (stored === version) return;
  if (stored !== 0) throw new Error(`no migration from object schema ${stored} to ${version}`);
  for (const statement of statements) sql.exec(statement);
  sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)", version);
}
