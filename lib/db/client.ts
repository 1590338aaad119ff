import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';
import { pgliteArrayRows, poolArrayRows, type ArrayRowReader } from './array-rows';
import { applyMigrations, PRISMA_MIGRATION_LOCK_KEY, readMigrations, type SqlRunner } from './migrate';
import { DirectoryBusyError, lockDirectory } from './directory-lock';
import { serveLocalClients, socketDirectoryOf, socketExists, SOCKET_PORT, type LocalSocket } from './local-socket';
import { grantRuntimeRole } from './runtime-role';
import { log } from '@/lib/log';

/**
 * The one database handle of the process: PostgreSQL through @prisma/adapter-pg when DATABASE_URL is set,
 * otherwise the embedded PGlite under DATA_DIR. Migrations are applied when it opens.
 * When another process (the running server) holds the embedded database and shares it on its Unix socket
 * (lib/db/local-socket.ts), this process connects through that socket instead of opening the directory.
 * Kept on globalThis because Next may load this module more than once in one process.
 */

export interface Database {
  prisma: PrismaClient;
  /** Many rows as arrays, past Prisma's row decoding (lib/db/array-rows.ts): the staff export's batches. */
  arrayRows: ArrayRowReader;
  engine: 'postgres' | 'pglite';
  /** For the embedded database: whether this process holds it, or reaches it through the process that does. */
  embedded?: 'held' | 'through-socket';
  /** Only where this process holds the embedded database: shares it with local processes until close(). */
  shareWithLocalProcesses?(): Promise<void>;
  close(): Promise<void>;
}

const holder = globalThis as typeof globalThis & { __providerIntakeDatabase?: Promise<Database> };

export function database(): Promise<Database> {
  holder.__providerIntakeDatabase ??= openDatabase().catch((error: unknown) => {
    holder.__providerIntakeDatabase = undefined;
    throw error;
  });
  return holder.__providerIntakeDatabase;
}

export async function db(): Promise<PrismaClient> {
  return (await database()).prisma;
}

/** Closes the process's database (tests, CLIs, shutdown). The next database() call opens it again. */
export async function closeDatabase(): Promise<void> {
  const current = holder.__providerIntakeDatabase;
  holder.__providerIntakeDatabase = undefined;
  if (current) await (await current).close();
}

export function embeddedDatabaseDirectory(): string {
  return path.resolve(env().DATA_DIR, 'pglite');
}

async function openDatabase(): Promise<Database> {
  const { DATABASE_URL, DATABASE_MIGRATION_URL } = env();
  return DATABASE_URL ? openPostgres(DATABASE_URL, DATABASE_MIGRATION_URL) : openPglite(embeddedDatabaseDirectory());
}

/**
 * PostgreSQL. Migrations run under PostgreSQL's advisory lock, as the owner role of `migrationUrl` when there is one
 * (then the runtime role is granted what it needs, lib/db/runtime-role.ts), otherwise as the runtime role itself.
 */
async function openPostgres(connectionString: string, migrationUrl: string | undefined): Promise<Database> {
  const pool = await newPool({ connectionString, max: 10 }, 'an idle PostgreSQL connection failed');
  const runtimeRole = (await pool.query<{ role: string }>('SELECT current_user AS role')).rows[0].role;
  const { client: owner, done } = await connectOwner(pool, migrationUrl);
  try {
    const runner: SqlRunner = {
      exec: async (sql) => void (await owner.query(sql)),
      query: async (sql, params) => (await owner.query(sql, params)).rows,
    };
    await owner.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATION_LOCK_KEY]);
    try {
      logApplied(await applyMigrations(runner, await readMigrations()));
      const [{ role: ownerRole }] = await runner.query<{ role: string }>('SELECT current_user AS role');
      if (ownerRole !== runtimeRole) await grantRuntimeRole(runner, runtimeRole);
    } finally {
      await owner.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATION_LOCK_KEY]);
    }
  } finally {
    await done();
  }
  return overPool(pool, { engine: 'postgres' });
}

/** A pg pool whose idle connection failing (a restart, a failover) is logged, not a crash: the pool replaces it. */
async function newPool(config: import('pg').PoolConfig, failure: string): Promise<import('pg').Pool> {
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionTimeoutMillis: 5_000, ...config });
  pool.on('error', (error) => log().warn({ event: 'db_idle_connection_failed', err: error.message }, failure));
  return pool;
}

/** The application's database over a pg pool: PostgreSQL, or the embedded database through its socket. */
async function overPool(pool: import('pg').Pool, kind: Pick<Database, 'engine' | 'embedded'>): Promise<Database> {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    arrayRows: poolArrayRows(pool),
    ...kind,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** The connection migrations run on: the owner role's own, or one of the pool's. */
async function connectOwner(pool: import('pg').Pool, migrationUrl: string | undefined) {
  if (!migrationUrl) {
    const client = await pool.connect();
    return { client, done: async () => client.release() };
  }
  const { Client } = await import('pg');
  const client = new Client({ connectionString: migrationUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  return { client, done: () => client.end() };
}

/**
 * PGlite's memory (decision 017). Its WebAssembly memory only grows, and PostgreSQL's default 128 MB of shared buffers
 * became resident as pages were read: 245 MB more RSS just for opening the database. The embedded database is small
 * and its files sit in the operating system's page cache, so 32 MB of buffers hold its working set; the server's
 * idle RSS went from 435 MB to under 400 MB with the bench's figures unchanged. PostgreSQL proper is not affected.
 */
const PGLITE_SETTINGS = ['shared_buffers = 32MB'];

/**
 * A new embedded database is created (PostgreSQL's initdb, a WebAssembly program of its own) in a short-lived child
 * process: run in this one, it left about 120 MB of resident memory behind for the life of the server, even after
 * garbage collection (decision 017).
 */
async function createPgliteDirectory(directory: string): Promise<void> {
  if (existsSync(path.join(directory, 'PG_VERSION'))) return;
  const script = `const { PGlite } = await import('@electric-sql/pglite');
const db = await PGlite.create(process.argv[1], { postgresqlconf: JSON.parse(process.argv[2]) });
await db.close();`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, directory, JSON.stringify(PGLITE_SETTINGS)], {
    cwd: process.cwd(),
    timeout: 120_000,
  });
}

async function openPglite(directory: string): Promise<Database> {
  let release: () => void;
  try {
    release = lockDirectory(directory);
  } catch (error) {
    if (error instanceof DirectoryBusyError) return (await openThroughSocket(directory)) ?? Promise.reject(error);
    throw error;
  }
  let shared: LocalSocket | undefined;
  try {
    await createPgliteDirectory(directory);
    const { PGlite } = await import('@electric-sql/pglite');
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    // pg_trgm: the staff queue's search by part of a name uses a trigram index (as on PostgreSQL).
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const pglite = await PGlite.create(directory, { extensions: { pg_trgm }, postgresqlconf: PGLITE_SETTINGS });
    const runner: SqlRunner = {
      exec: async (sql) => void (await pglite.exec(sql)),
      query: async <Row>(sql: string, params?: unknown[]) => (await pglite.query<Row>(sql, params)).rows,
    };
    logApplied(await applyMigrations(runner, await readMigrations()));
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      prisma,
      arrayRows: pgliteArrayRows(pglite),
      engine: 'pglite',
      embedded: 'held',
      shareWithLocalProcesses: async () => {
        shared ??= await serveLocalClients(pglite, socketDirectoryOf(directory));
      },
      close: async () => {
        await shared?.close();
        await prisma.$disconnect();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * The embedded database through the socket of the process that holds it, or undefined when nothing answers there
 * (no socket, or one left by a process that died). Migrations are the holder's to apply: a process whose code expects
 * one the database lacks is refused, and told to restart the server.
 */
async function openThroughSocket(directory: string): Promise<Database | undefined> {
  const socketDirectory = socketDirectoryOf(directory);
  if (!socketExists(socketDirectory)) return undefined;
  const pool = await newPool(
    { host: socketDirectory, port: SOCKET_PORT, user: 'postgres', database: 'postgres', max: 2 },
    'an idle connection to the embedded database failed',
  );
  let applied: string[];
  try {
    applied = (
      await pool.query<{ name: string }>('SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL')
    ).rows.map((row) => row.name);
  } catch (error) {
    await pool.end().catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ENOENT') return undefined;
    throw error;
  }
  const missing = (await readMigrations()).map((migration) => migration.name).filter((name) => !applied.includes(name));
  if (missing.length > 0) {
    await pool.end();
    throw new Error(
      `The running server's embedded database lacks the migration(s) ${missing.join(', ')}: restart the server (it applies them), then run this again.`,
    );
  }
  return overPool(pool, { engine: 'pglite', embedded: 'through-socket' });
}

function logApplied(names: string[]) {
  for (const name of names) log().info({ event: 'migration_applied', migration: name }, `applied migration ${name}`);
}
