import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { lockDirectory } from '@/lib/db/directory-lock';
import { TEST_DATA_ENCRYPTION_KEY } from '../helpers/database';
import { waitUntil } from '../helpers/wait';

/**
 * `npm run staff -- …` (scripts/staff.ts) as a separate process, the way an admin runs it, against a database this
 * test process does not hold open: its own PGlite directory (read here only between runs, under the directory
 * lock), or with TEST_DATABASE_URL a fresh PostgreSQL database.
 */

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const ENGINE = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const OS_USER = `${os.userInfo().username}@${os.hostname()} (command line)`;

let dataDir: string;
let databaseUrl: string | undefined;
let databaseName: string | undefined;
let childEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'provider-intake-cli-'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    databaseName = `intake_cli_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    await admin.end();
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${databaseName}`;
    databaseUrl = parsed.toString();
  }
  const { NODE_OPTIONS: _options, DATABASE_URL: _url, TEST_DATABASE_URL: _test, SMTP_URL: _smtp, ...inherited } = process.env;
  childEnv = {
    ...inherited,
    DATA_DIR: dataDir,
    DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
});
afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (databaseName && process.env.TEST_DATABASE_URL) {
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const started: ChildProcess[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run staff -- <args>` (the script is `tsx scripts/staff.ts`). */
function staff(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['scripts/staff.ts', ...args], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    // The database's own log lines (migrations applied, warnings) are not the command's answer.
    const withoutDbLog = (text: string) => text.replace(/^\[db\] .*\n/gm, '');
    child.on('close', (code) => resolve({ code, stdout: withoutDbLog(stdout), stderr: withoutDbLog(stderr) }));
  });
}

/**
 * Reads or writes the CLI's database from this test, between runs: PGlite under the same directory lock every
 * process respects (and closed again before the next run), or a plain pg client.
 */
async function inCliDatabase<T>(work: (query: <Row>(sql: string, params?: unknown[]) => Promise<Row[]>) => Promise<T>): Promise<T> {
  if (databaseUrl) {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return await work(async (sql, params) => (await client.query(sql, params)).rows);
    } finally {
      await client.end();
    }
  }
  const directory = path.join(dataDir, 'pglite');
  const release = lockDirectory(directory);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create(directory);
    try {
      return await work(async <Row>(sql: string, params?: unknown[]) => (await pglite.query<Row>(sql, params)).rows);
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}

interface StaffRow {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  email_verified: boolean;
}
interface AuditRow {
  action: string;
  actor_id: string | null;
  actor_email: string | null;
  details: Record<string, string>;
}

/** Every staff account and the whole audit log, in one visit to the CLI's database. */
const state = () =>
  inCliDatabase(async (query) => ({
    staff: await query<StaffRow>('SELECT id, email, name, role, disabled, email_verified FROM staff_user ORDER BY email'),
    audit: await query<AuditRow>('SELECT action, actor_id, actor_email, details FROM audit_event ORDER BY at, id'),
  }));
const staffIn = (current: { staff: StaffRow[] }, email: string) => current.staff.find((row) => row.email === email);

test('list with no accounts says how to add the first', async () => {
  const run = await staff('list');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout.trim()).toBe('No staff accounts yet. Add one with: npm run staff -- add <email> --role admin');
});

test('add creates the account (address in lower case, the role, verified, active) and audits staff_added with the OS user', async () => {
  const run = await staff('add', 'Nia.Admin@CareOregon.test', '--role', 'admin', '--name', 'Nia Admin');
  expect(run.code).toBe(0);
  expect(run.stdout.trim()).toBe('Added nia.admin@careoregon.test as admin. They can sign in at /staff/sign-in.');

  const { staff: accounts, audit } = await state();
  expect(staffIn({ staff: accounts }, 'nia.admin@careoregon.test')).toMatchObject({
    name: 'Nia Admin',
    role: 'admin',
    disabled: false,
    email_verified: true,
  });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toEqual({
    action: 'staff_added',
    actor_id: null,
    actor_email: null,
    details: { by: OS_USER, email: 'nia.admin@careoregon.test', role: 'admin' },
  });
});

test('add without --name names the account after the address', async () => {
  const run = await staff('add', 'omar.viewer@careoregon.test', '--role', 'viewer');
  expect(run.code).toBe(0);
  expect(staffIn(await state(), 'omar.viewer@careoregon.test')).toMatchObject({
    name: 'omar.viewer',
    role: 'viewer',
    disabled: false,
    email_verified: true,
  });
});

test('disable ends every session of that account (and no other) and audits staff_disabled', async () => {
  await staff('add', 'pia.reviewer@careoregon.test', '--role', 'reviewer');
  const { pia, nia, auditBefore } = await inCliDatabase(async (query) => {
    const [pia] = await query<StaffRow>('SELECT * FROM staff_user WHERE email = $1', ['pia.reviewer@careoregon.test']);
    const [nia] = await query<StaffRow>('SELECT * FROM staff_user WHERE email = $1', ['nia.admin@careoregon.test']);
    const future = new Date(Date.now() + 3_600_000);
    for (const userId of [pia.id, pia.id, nia.id]) {
      await query('INSERT INTO staff_session (id, expires_at, token, updated_at, user_id) VALUES ($1, $2, $3, now(), $4)', [
        randomUUID(),
        future,
        randomUUID(),
        userId,
      ]);
    }
    const [{ n }] = await query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event');
    return { pia, nia, auditBefore: n };
  });

  const run = await staff('disable', 'PIA.reviewer@careoregon.test');
  expect(run.code).toBe(0);
  expect(run.stdout.trim()).toBe('Disabled pia.reviewer@careoregon.test: they cannot sign in, and their sessions have ended.');

  const { after, sessions, audit } = await inCliDatabase(async (query) => ({
    after: (await query<StaffRow>('SELECT * FROM staff_user WHERE id = $1', [pia.id]))[0],
    sessions: await query<{ user_id: string }>('SELECT user_id FROM staff_session'),
    audit: (await query<AuditRow>('SELECT action, actor_id, actor_email, details FROM audit_event ORDER BY at, id')).slice(auditBefore),
  }));
  expect(after).toMatchObject({ disabled: true, role: 'reviewer' });
  expect(sessions.map((session) => session.user_id)).toEqual([nia.id]);
  expect(audit).toEqual([
    {
      action: 'staff_disabled',
      actor_id: null,
      actor_email: null,
      details: { by: OS_USER, email: 'pia.reviewer@careoregon.test', sessionsEnded: '2' },
    },
  ]);
});

test('add for an existing account changes its role and enables it again, keeping its name; audits staff_changed', async () => {
  const auditBefore = (await state()).audit.length;
  const run = await staff('add', 'pia.reviewer@careoregon.test', '--role', 'admin');
  expect(run.code).toBe(0);
  expect(run.stdout.trim()).toBe('pia.reviewer@careoregon.test was already a staff member: now admin, active.');
  const renamed = await staff('add', 'omar.viewer@careoregon.test', '--role', 'viewer', '--name', 'Omar Ortiz');
  expect(renamed.code).toBe(0);

  const after = await state();
  expect(staffIn(after, 'pia.reviewer@careoregon.test')).toMatchObject({ name: 'pia.reviewer', role: 'admin', disabled: false });
  expect(staffIn(after, 'omar.viewer@careoregon.test')).toMatchObject({ name: 'Omar Ortiz', role: 'viewer', disabled: false });
  expect(after.audit.slice(auditBefore)).toEqual([
    {
      action: 'staff_changed',
      actor_id: null,
      actor_email: null,
      details: { by: OS_USER, email: 'pia.reviewer@careoregon.test', role: 'admin', was: 'reviewer, disabled' },
    },
    {
      action: 'staff_changed',
      actor_id: null,
      actor_email: null,
      details: { by: OS_USER, email: 'omar.viewer@careoregon.test', role: 'viewer', was: 'viewer' },
    },
  ]);
});

test('list shows every account by address: role, active or disabled, name', async () => {
  await staff('add', 'quill.gone@careoregon.test', '--role', 'viewer', '--name', 'Quill Gone');
  await staff('disable', 'quill.gone@careoregon.test');
  const run = await staff('list');
  expect(run.code).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines.map((line) => line.split(/\s+/)[0])).toEqual([
    'nia.admin@careoregon.test',
    'omar.viewer@careoregon.test',
    'pia.reviewer@careoregon.test',
    'quill.gone@careoregon.test',
  ]);
  expect(lines[0]).toMatch(/^nia\.admin@careoregon\.test\s+admin\s+active\s+Nia Admin$/);
  expect(lines[1]).toMatch(/^omar\.viewer@careoregon\.test\s+viewer\s+active\s+Omar Ortiz$/);
  expect(lines[3]).toMatch(/^quill\.gone@careoregon\.test\s+viewer\s+disabled\s+Quill Gone$/);
});

const USAGE_ERRORS: Array<[string, string[], RegExp]> = [
  [
    'a role that does not exist',
    ['add', 'rex@careoregon.test', '--role', 'superuser'],
    /^Give a role: --role viewer, reviewer, admin\.\nUsage:/,
  ],
  ['no role', ['add', 'rex@careoregon.test'], /^Give a role: --role viewer, reviewer, admin\./],
  ['no address', ['add', '--role', 'admin'], /^Give an e-mail address\.\nUsage:/],
  ['not an address', ['add', 'rex-at-careoregon', '--role', 'admin'], /^Give an e-mail address\./],
  ['disable with no address', ['disable'], /^Give an e-mail address\./],
  ['no command', [], /^Usage:\n {2}npm run staff -- add <email> --role <viewer\|reviewer\|admin>/],
  ['an unknown command', ['remove', 'nia.admin@careoregon.test'], /^Usage:/],
];

test('usage errors (bad or missing role, missing or bad address, no or unknown command) exit 1 with the usage, changing nothing', async () => {
  const snapshot = () =>
    inCliDatabase(async (query) => ({
      staff: await query('SELECT * FROM staff_user ORDER BY email'),
      audit: (await query('SELECT count(*)::int AS n FROM audit_event'))[0],
    }));
  const before = await snapshot();
  // These are refused before the database is opened, so they can run side by side.
  const runs = await Promise.all(USAGE_ERRORS.map(([, args]) => staff(...args)));
  USAGE_ERRORS.forEach(([label, , message], index) => {
    expect({ label, code: runs[index].code, stdout: runs[index].stdout }).toEqual({ label, code: 1, stdout: '' });
    expect([label, runs[index].stderr.trim()]).toEqual([label, expect.stringMatching(message)]);
  });
  const unknown = await staff('disable', 'nobody@careoregon.test');
  expect(unknown.code).toBe(1);
  expect(unknown.stderr.trim()).toBe('No staff account has the address nobody@careoregon.test.');
  expect(await snapshot()).toEqual(before);
});

/**
 * A process holding the database open through lib/db/client (__tests__/helpers/database-holder.ts); resolves with its
 * pid. With `share`, it shares the embedded database on its socket as the running server does, and keeps writing to
 * it in transactions of its own meanwhile, as a busy server would.
 */
async function startHolder({ share = false } = {}): Promise<Holder> {
  const child = spawn(TSX, ['__tests__/helpers/database-holder.ts', ...(share ? ['--share'] : [])], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const pid = await waitUntil(
    () => Number(/holding (\d+)/.exec(output)?.[1]) || child.exitCode !== null,
    'the holder has the database open',
    60_000,
  );
  if (typeof pid !== 'number') throw new Error(`The holder exited: ${output}`);
  return { child, pid, output: () => output };
}

interface Holder {
  child: ChildProcess;
  pid: number;
  output(): string;
}

async function stopHolder(holder: Holder) {
  if (holder.child.exitCode !== null) throw new Error(`The holder had exited by itself: ${holder.output()}`);
  const exited = new Promise((resolve) => holder.child.once('close', resolve));
  // Kill the process that holds the database (tsx runs the script in a child of its own): tsx reaps it and exits.
  // Killing tsx first would orphan it, and an orphan nobody reaps yet still looks alive to the lock's pid check.
  process.kill(holder.pid, 'SIGKILL');
  const fallback = setTimeout(() => holder.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(fallback);
}

const onPglite = ENGINE === 'pglite' ? test : test.skip;
const onPostgres = ENGINE === 'postgres' ? test : test.skip;

onPglite(
  'while another process holds the embedded database without sharing it, the CLI exits 1 naming its pid and says what to do',
  async () => {
    const holder = await startHolder();
    try {
      const lock = path.join(dataDir, 'pglite', '.lock');
      expect(readFileSync(lock, 'utf8')).toBe(String(holder.pid));
      const run = await staff('add', 'sam@careoregon.test', '--role', 'viewer');
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `The embedded database is in use by another process (pid ${holder.pid}) that does not share it. ` +
          'A running server shares it (this command then works through it); stop that process first, or start the server, then run this again.',
      );
      // The refused run left the holder's lock alone.
      expect(readFileSync(lock, 'utf8')).toBe(String(holder.pid));
    } finally {
      await stopHolder(holder);
    }
    // The killed holder left its lock behind: a lock whose process is gone is taken over.
    expect(existsSync(path.join(dataDir, 'pglite', '.lock'))).toBe(true);
    const run = await staff('add', 'sam@careoregon.test', '--role', 'viewer');
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(existsSync(path.join(dataDir, 'pglite', '.lock'))).toBe(false);
    expect(staffIn(await state(), 'sam@careoregon.test')).toMatchObject({ role: 'viewer' });
  },
);

onPglite(
  'while the server holds the embedded database, the CLI works through its socket, and neither mixes into the other’s transactions',
  async () => {
    const holder = await startHolder({ share: true });
    const socket = path.join(dataDir, 'run', '.s.PGSQL.5432');
    try {
      // Only this operating-system user may reach the socket.
      expect(statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
      expect(statSync(socket).mode & 0o777).toBe(0o600);
      const added = await staff('add', 'tia.admin@careoregon.test', '--role', 'admin', '--name', 'Tia Admin');
      expect({ code: added.code, stderr: added.stderr, stdout: added.stdout.trim() }).toEqual({
        code: 0,
        stderr: '',
        stdout: 'Added tia.admin@careoregon.test as admin. They can sign in at /staff/sign-in.',
      });
      const [added2, listed] = await Promise.all([staff('add', 'uma@careoregon.test', '--role', 'viewer'), staff('list')]);
      expect([added2.code, added2.stderr, listed.code, listed.stderr]).toEqual([0, '', 0, '']);
      expect(listed.stdout).toMatch(/^tia\.admin@careoregon\.test\s+admin\s+active\s+Tia Admin$/m);
      const disabled = await staff('disable', 'uma@careoregon.test');
      expect({ code: disabled.code, stderr: disabled.stderr }).toEqual({ code: 0, stderr: '' });
      // The holder (not this command) still holds the directory.
      expect(readFileSync(path.join(dataDir, 'pglite', '.lock'), 'utf8')).toBe(String(holder.pid));
    } finally {
      await stopHolder(holder);
    }
    const after = await inCliDatabase(async (query) => ({
      staff: await query<StaffRow>('SELECT id, email, name, role, disabled, email_verified FROM staff_user ORDER BY email'),
      audit: await query<AuditRow>('SELECT action, actor_id, actor_email, details FROM audit_event ORDER BY at, id'),
      holder: (
        await query<{ transactions: number; whole: number }>(
          "SELECT count(*)::int AS transactions, count(*) FILTER (WHERE points = 2)::int AS whole FROM rate_limit WHERE key LIKE 'holder-%'",
        )
      )[0],
    }));
    expect(staffIn(after, 'tia.admin@careoregon.test')).toMatchObject({ role: 'admin', name: 'Tia Admin', disabled: false });
    expect(staffIn(after, 'uma@careoregon.test')).toMatchObject({ role: 'viewer', disabled: true });
    expect(after.audit.slice(-3).map((event) => [event.action, event.details.email])).toEqual(
      expect.arrayContaining([
        ['staff_added', 'tia.admin@careoregon.test'],
        ['staff_added', 'uma@careoregon.test'],
        ['staff_disabled', 'uma@careoregon.test'],
      ]),
    );
    // The holder went on with its own transactions meanwhile, each one whole.
    expect(after.holder.transactions).toBeGreaterThan(10);
    expect(after.holder.whole).toBe(after.holder.transactions);
  },
);

onPglite('through the socket, a CLI that expects a migration the running server has not applied is refused', async () => {
  const holder = await startHolder({ share: true });
  const client = new Client({ host: path.join(dataDir, 'run'), port: 5432, user: 'postgres', database: 'postgres' });
  const clientErrors: string[] = [];
  client.on('error', (error) => clientErrors.push(error.message));
  await client.connect();
  try {
    const { rows } = await client.query(
      'DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations) RETURNING *',
    );
    try {
      const run = await staff('list');
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `[staff] The running server's embedded database lacks the migration(s) ${rows[0].migration_name}: restart the server (it applies them), then run this again.`,
      );
    } finally {
      const columns = Object.keys(rows[0]);
      await client.query(
        `INSERT INTO _prisma_migrations (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`,
        columns.map((column) => rows[0][column]),
      );
    }
  } finally {
    await client.end();
    await stopHolder(holder);
  }
  expect(clientErrors).toEqual([]);
});

onPglite('a lock file naming a live process that is not a database user still stops the CLI', async () => {
  const lock = path.join(dataDir, 'pglite', '.lock');
  const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  started.push(sleeper);
  try {
    writeFileSync(lock, String(sleeper.pid));
    const run = await staff('list');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`(pid ${sleeper.pid})`);
    expect(run.stderr).toContain('does not share it');
  } finally {
    sleeper.kill('SIGKILL');
    rmSync(lock, { force: true });
  }
});

onPostgres('with DATABASE_URL the CLI works while another process (the server) has the database open', async () => {
  const holder = await startHolder();
  try {
    const run = await staff('add', 'sam@careoregon.test', '--role', 'viewer');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(staffIn(await state(), 'sam@careoregon.test')).toMatchObject({ role: 'viewer' });
  } finally {
    await stopHolder(holder);
  }
});
