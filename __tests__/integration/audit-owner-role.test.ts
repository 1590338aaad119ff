import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { submitContractRequest } from '@/app/contract-request/actions';
import { recordAudit } from '@/lib/audit';
import { closeDatabase, db } from '@/lib/db/client';
import { validContractRequest } from '../fixtures/contract-request';
import { TEST_DATA_ENCRYPTION_KEY } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';

/**
 * The audit log the application cannot rewrite (PostgreSQL): migrations run as the owner role of
 * DATABASE_MIGRATION_URL, and the application's own role (DATABASE_URL's) may only read and add audit events. Needs a
 * PostgreSQL server where roles can be made (TEST_DATABASE_URL); PGlite has one role, so there it is skipped.
 */

const serverUrl = process.env.TEST_DATABASE_URL;
const suffix = randomBytes(4).toString('hex');
const names = { database: `intake_roles_${suffix}`, owner: `intake_owner_${suffix}`, app: `intake_app_${suffix}` };
const password = randomBytes(12).toString('hex');

function urlAs(role: string): string {
  const url = new URL(serverUrl!);
  url.username = role;
  url.password = password;
  url.pathname = `/${names.database}`;
  return url.toString();
}

async function asServer(sql: string) {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let dataDir: string;
let app: Client;

(serverUrl ? describe : describe.skip)('the audit log, with a migration role apart (PostgreSQL)', () => {
  beforeAll(async () => {
    await asServer(`CREATE ROLE ${names.owner} LOGIN PASSWORD '${password}'`);
    await asServer(`CREATE ROLE ${names.app} LOGIN PASSWORD '${password}'`);
    await asServer(`CREATE DATABASE ${names.database} OWNER ${names.owner}`);
    await asServer(`GRANT CONNECT ON DATABASE ${names.database} TO ${names.app}`);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'provider-intake-roles-'));
    Object.assign(process.env, {
      DATA_DIR: dataDir,
      DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY,
      APP_URL: 'https://intake.test',
      SUBMISSIONS_PER_HOUR: '1000000',
      DATABASE_URL: urlAs(names.app),
      DATABASE_MIGRATION_URL: urlAs(names.owner),
    });
    await db(); // opens as the application: migrates as the owner, then grants the application its share
    app = new Client({ connectionString: urlAs(names.app) });
    await app.connect();
  }, 180_000);

  afterAll(async () => {
    await app?.end();
    await closeDatabase();
    delete process.env.DATABASE_URL;
    delete process.env.DATABASE_MIGRATION_URL;
    await asServer(`DROP DATABASE IF EXISTS ${names.database} WITH (FORCE)`);
    await asServer(`DROP ROLE IF EXISTS ${names.app}`);
    await asServer(`DROP ROLE IF EXISTS ${names.owner}`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the tables belong to the owner role, and the application works as its own role', async () => {
    const owners = await app.query<{ owner: string }>(`SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'`);
    expect(owners.rows.map((row) => row.owner)).toEqual([names.owner]);
    expect((await app.query<{ role: string }>('SELECT current_user AS role')).rows[0].role).toBe(names.app);

    const { location } = await redirectOf(() => submitContractRequest({ status: 'idle' }, toFormData(validContractRequest())));
    expect(location).toMatch(/^\/contract-request\/submitted\/NCR-/);
    const prisma = await db();
    await recordAudit(prisma, { action: 'staff_added', actor: null, details: { email: 'new@careoregon.test' } });
    expect(await prisma.auditEvent.count({ where: { action: 'staff_added' } })).toBe(1);
  });

  test.each([
    ['update an event', `UPDATE audit_event SET actor_email = 'someone@else.test'`],
    ['delete an event', 'DELETE FROM audit_event'],
    ['truncate the log', 'TRUNCATE audit_event'],
    ['disable its triggers', 'ALTER TABLE audit_event DISABLE TRIGGER ALL'],
    ['drop the table', 'DROP TABLE audit_event'],
    ['drop the trigger that stamps the time', 'DROP TRIGGER "audit_event_time_is_the_database_s" ON audit_event'],
  ])('the application’s role cannot %s', async (_what, sql) => {
    const before = (await app.query('SELECT id, at, actor_email FROM audit_event ORDER BY id')).rows;
    await expect(app.query(sql)).rejects.toThrow(/permission denied|must be (the )?owner/);
    expect((await app.query('SELECT id, at, actor_email FROM audit_event ORDER BY id')).rows).toEqual(before);
  });

  test('the application’s role cannot back-date an event: the database stamps each one with its own time', async () => {
    const inserted = await app.query<{ at: Date }>(
      `INSERT INTO audit_event (id, at, action, actor_email, details)
       VALUES (gen_random_uuid()::text, '2001-01-01T00:00:00Z', 'sign_in', 'backdated@careoregon.test', '{}') RETURNING at`,
    );
    expect(Math.abs(inserted.rows[0].at.getTime() - Date.now())).toBeLessThan(60_000);
  });
});
