import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { log } from '@/lib/log';

/**
 * Applies prisma/migrations/<name>/migration.sql files in name order and records them in Prisma's own
 * `_prisma_migrations` table, so that `prisma migrate deploy` on a machine with Prisma's native engine
 * sees the same history. See docs/decisions/001-migrations.md.
 */

export interface SqlRunner {
  /** Runs a script of one or more statements. */
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** Prisma's own advisory lock key, so this runner and `prisma migrate deploy` exclude each other. */
export const PRISMA_MIGRATION_LOCK_KEY = 72707369;

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export function migrationsDirectory(): string {
  return path.join(process.cwd(), 'prisma', 'migrations');
}

export async function readMigrations(directory = migrationsDirectory()): Promise<MigrationFile[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ directory, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(directory, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/** Applies every migration not yet finished; each in its own transaction. Returns the names applied. */
export async function applyMigrations(runner: SqlRunner, migrations: MigrationFile[]): Promise<string[]> {
  await runner.exec(MIGRATIONS_TABLE);
  const rows = await runner.query<{ migration_name: string; checksum: string }>(
    'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
  const done: string[] = [];
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) {
        log().warn(
          { event: 'migration_edited', migration: migration.name },
          'a migration was edited after it was applied (checksum differs)',
        );
      }
      continue;
    }
    await runner.exec('BEGIN');
    try {
      await runner.exec(migration.sql);
      await runner.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, now(), $3, now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      await runner.exec('COMMIT');
    } catch (error) {
      await runner.exec('ROLLBACK');
      throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
    }
    done.push(migration.name);
  }
  return done;
}
