import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

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
