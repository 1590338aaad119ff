import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * A fresh, migrated database for one test file, through the application's own lib/db/client:
 * PGlite in a temporary directory by default; with TEST_DATABASE_URL, a new PostgreSQL database created
 * on that server for this file (and dropped after), so test files running side by side never share rows.
 * Call before anything reads the configuration (lib/env caches it).
 */
export interface TestDatabase {
  engine: 'pglite' | 'postgres';
  /** The connection string of this file's PostgreSQL database (postgres only), for a second client. */
  url?: string;
  dataDir: string;
  close(): Promise<void>;
}

export const TEST_DATA_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export async function openTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'provider-intake-test-'));
  process.env.DATA_DIR = dataDir;
  process.env.DATA_ENCRYPTION_KEY = TEST_DATA_ENCRYPTION_KEY;
  process.env.APP_URL = 'https://intake.test';
  // Tests post many forms from one (absent) address; the limits are proven where they are set low on purpose.
  process.env.SUBMISSIONS_PER_HOUR ??= '1000000';
  process.env.STATUS_LOOKUPS_PER_15_MINUTES ??= '1000000';
  process.env.STAFF_SIGN_IN_REQUESTS_PER_15_MINUTES ??= '1000000';
  process.env.PUBLIC_MAILS_PER_ADDRESS_PER_HOUR ??= '1000000';
  // Never the public NPI registry: tests that check NPIs start a fake one (__tests__/helpers/fake-registry.ts).
  process.env.NPPES_API_URL ??= 'off';
  delete process.env.SMTP_URL;
  const serverUrl = process.env.TEST_DATABASE_URL;
  let url: string | undefined;
  let dropDatabase = async () => {};
  if (serverUrl) {
    const name = `intake_test_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    process.env.DATABASE_URL = url;
    dropDatabase = async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else {
    delete process.env.DATABASE_URL;
  }
  const { database, closeDatabase } = await import('@/lib/db/client');
  await database();
  return {
    engine: serverUrl ? 'postgres' : 'pglite',
    url,
    dataDir,
    async close() {
      await closeDatabase();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Empties every table between tests. */
export async function truncateAll(): Promise<void> {
  const { db } = await import('@/lib/db/client');
  const prisma = await db();
  await prisma.$executeRawUnsafe('TRUNCATE outbox_message, contract_request, submission CASCADE');
}

export interface TestDatabaseOptions {
  /** Run truncateAll before each test: submissions and their mail go, staff accounts and the audit log stay. */
  truncate?: boolean;
  /**
   * Environment variables to set before the database opens (lib/env reads the configuration once, on first use) and
   * to delete once it has closed. A function is called in beforeAll, for values known only then.
   */
  env?: Record<string, string> | (() => Record<string, string>);
}

/** This file's database, as useTestDatabase's beforeAll opened it. */
export interface TestDatabaseHandle {
  /** The database itself (its engine, its PostgreSQL URL). Read it in hooks and tests, not while the file loads. */
  readonly testDb: TestDatabase;
  /** The application's Prisma client on it (lib/db/client's db()). Read it in hooks and tests, not while the file loads. */
  readonly prisma: PrismaClient;
  /**
   * Hands `teardown` to the database's afterAll, which runs it before closing the database: what is started once the
   * database is open (an SMTP server, an outbox worker) stops while the database is still there. Teardowns run last
   * added first.
   */
  beforeClose(teardown: () => unknown): void;
}

/**
 * A fresh, migrated database for the calling test file (openTestDatabase), with the hooks that open and close it:
 * call once at the top of the file, before any other setup that needs the database. Jest runs a file's afterAll
 * hooks in the order they were added, so anything that must stop before the database closes is handed to
 * `beforeClose` rather than to an afterAll of its own.
 */
export function useTestDatabase(options: TestDatabaseOptions = {}): TestDatabaseHandle {
  let testDb: TestDatabase | undefined;
  let prisma: PrismaClient | undefined;
  let variables: string[] = [];
  const teardowns: Array<() => unknown> = [];

  beforeAll(async () => {
    const env = typeof options.env === 'function' ? options.env() : (options.env ?? {});
    variables = Object.keys(env);
    Object.assign(process.env, env);
    testDb = await openTestDatabase();
    const { db } = await import('@/lib/db/client');
    prisma = await db();
  }, 180_000); // opening and migrating a database takes long on a busy machine

  afterAll(async () => {
    const errors: unknown[] = [];
    for (const teardown of teardowns.splice(0).reverse()) {
      try {
        await teardown();
      } catch (error) {
        errors.push(error);
      }
    }
    try {
      await testDb?.close();
    } catch (error) {
      errors.push(error);
    }
    for (const name of variables) delete process.env[name];
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'Closing the test database failed');
  });

  if (options.truncate) beforeEach(truncateAll);

  return {
    get testDb() {
      if (!testDb) throw new Error('The test database is not open: read it in a hook or a test, after useTestDatabase’s beforeAll');
      return testDb;
    },
    get prisma() {
      if (!prisma) throw new Error('The test database is not open: read it in a hook or a test, after useTestDatabase’s beforeAll');
      return prisma;
    },
    beforeClose(teardown) {
      teardowns.push(teardown);
    },
  };
}
