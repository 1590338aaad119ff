import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { db } from '@/lib/db/client';
import { DirectoryBusyError, lockDirectory } from '@/lib/db/directory-lock';
import { applyMigrations, readMigrations, type SqlRunner } from '@/lib/db/migrate';
import { useTestDatabase } from '../helpers/database';

describe('the lock on the embedded database directory', () => {
  let directory: string;
  let other: ChildProcess | undefined;
  beforeEach(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'intake-lock-'));
  });
  afterEach(() => {
    other?.kill();
    rmSync(directory, { recursive: true, force: true });
  });

  test('a directory held by another live process is refused with a message naming it', () => {
    other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    writeFileSync(path.join(directory, '.lock'), String(other.pid));
    expect(() => lockDirectory(directory)).toThrow(DirectoryBusyError);
    expect(() => lockDirectory(directory)).toThrow(new RegExp(`pid ${other.pid}.*Stop that process`));
  });

  test('a lock left by a process that died is taken over, and released on close', async () => {
    other = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => other!.on('exit', resolve));
    writeFileSync(path.join(directory, '.lock'), String(other.pid));
    const release = lockDirectory(directory);
    expect(readFileSync(path.join(directory, '.lock'), 'utf8')).toBe(String(process.pid));
    expect(() => lockDirectory(directory)).toThrow(DirectoryBusyError);
    release();
    expect(existsSync(path.join(directory, '.lock'))).toBe(false);
  });

  // A zombie is a process that has died and not yet been collected by its parent: here a short `sleep`, whose parent
  // shell has meanwhile become the long `sleep` (exec), which never collects it. Linux shows it in /proc with the state Z.
  (process.platform === 'linux' ? test : test.skip)(
    'a lock left by a killed process not yet collected (a zombie) is taken over',
    async () => {
      other = spawn('sh', ['-c', 'sleep 0.5 & echo $!; exec sleep 30']);
      const zombie = Number(await new Promise<string>((resolve) => other!.stdout!.once('data', (chunk) => resolve(String(chunk)))));
      const state = () => readFileSync(`/proc/${zombie}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
      for (let tries = 0; state() !== 'Z'; tries++) {
        if (tries > 250) throw new Error(`process ${zombie} did not become a zombie`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      writeFileSync(path.join(directory, '.lock'), String(zombie));
      const release = lockDirectory(directory);
      expect(readFileSync(path.join(directory, '.lock'), 'utf8')).toBe(String(process.pid));
      release();
    },
  );
});

describe('migrations', () => {
  const database = useTestDatabase();

  test('are recorded in Prisma’s _prisma_migrations table with the SHA-256 of each file, and applied once', async () => {
    const prisma = await db();
    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);
    const rows = await prisma.$queryRaw<Array<{ migration_name: string; checksum: string; finished_at: Date | null }>>`
      SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    for (const file of files) {
      const sql = readFileSync(path.join(process.cwd(), 'prisma', 'migrations', file.name, 'migration.sql'));
      expect(rows.find((row) => row.migration_name === file.name)?.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    }
    expect(rows.every((row) => row.finished_at instanceof Date)).toBe(true);

    const runner: SqlRunner = {
      exec: async (sql) => void (await prisma.$executeRawUnsafe(sql)),
      query: async (sql, params = []) => prisma.$queryRawUnsafe(sql, ...params),
    };
    expect(await applyMigrations(runner, files)).toEqual([]);
  });

  test('a migration that fails is rolled back whole and not recorded', async () => {
    const prisma = await db();
    const broken = { name: '29991231000000_broken', sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;', checksum: 'x' };
    // One connection, as the runner gets at start: a pg client on PostgreSQL, PGlite's only connection otherwise.
    const pg = database.testDb.url ? new Client({ connectionString: database.testDb.url }) : undefined;
    await pg?.connect();
    const runner: SqlRunner = pg
      ? { exec: async (sql) => void (await pg.query(sql)), query: async (sql, params) => (await pg.query(sql, params)).rows }
      : {
          exec: async (sql) => {
            for (const statement of sql
              .split(';')
              .map((part) => part.trim())
              .filter(Boolean))
              await prisma.$executeRawUnsafe(statement);
          },
          query: async (sql, params = []) => prisma.$queryRawUnsafe(sql, ...params),
        };
    try {
      await expect(applyMigrations(runner, [broken])).rejects.toThrow(/29991231000000_broken failed/);
    } finally {
      await pg?.end();
    }
    const [{ exists }] = await prisma.$queryRaw<Array<{ exists: boolean }>>`SELECT to_regclass('half_done') IS NOT NULL AS exists`;
    expect(exists).toBe(false);
    expect(await prisma.$queryRaw`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken'`).toEqual([]);
  });
});
