import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { pgliteArrayRows, poolArrayRows, type ArrayRowReader } from '@/lib/db/array-rows';
import { serveLocalClients, type LocalSocket } from '@/lib/db/local-socket';
import { Prisma } from '@/lib/generated/prisma/client';
import { useTestDatabase } from '../helpers/database';

/**
 * Rows as arrays, past Prisma (lib/db/array-rows.ts, decision 018): the application's database reads them (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL), and the embedded database reads them alike in its own process and through its
 * socket (decision 016), with the same values for every type a reader may select.
 */

useTestDatabase();
const instant = new Date(Date.UTC(2026, 2, 8, 10, 30, 15, 123));

/** One value of each type the export reads, two parameters, and an empty result. */
async function readsAlike(arrayRows: ArrayRowReader) {
  const result = await arrayRows(Prisma.sql`
    SELECT 'Peña, "Downtown"'::text AS words, NULL::text AS nothing, TRUE AS yes, 'NEW'::"SubmissionStatus" AS status,
           date_part('epoch', ${instant}::timestamptz) AS seconds, 3::int AS small, ${'a\nb'}::text AS parameter`);
  expect(result.columns).toEqual(['words', 'nothing', 'yes', 'status', 'seconds', 'small', 'parameter']);
  expect(result.rows).toEqual([['Peña, "Downtown"', null, true, 'NEW', instant.getTime() / 1000, 3, 'a\nb']]);
  const none = await arrayRows(Prisma.sql`SELECT 1 AS one WHERE FALSE`);
  expect(none).toEqual({ columns: ['one'], rows: [] });
}

test('the application’s database reads rows as arrays of plain values', async () => {
  const { database: open } = await import('@/lib/db/client');
  await readsAlike((await open()).arrayRows);
});

const onPglite = process.env.TEST_DATABASE_URL ? describe.skip : describe;

onPglite('the embedded database, held and through its socket', () => {
  let directory: string;
  let pglite: PGlite;
  let socket: LocalSocket;
  let pool: Pool;
  beforeAll(async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'provider-intake-array-rows-'));
    const { PGlite } = await import('@electric-sql/pglite');
    pglite = await PGlite.create(path.join(directory, 'pglite'));
    await pglite.exec(`CREATE TYPE "SubmissionStatus" AS ENUM ('NEW', 'CLOSED')`);
    socket = (await serveLocalClients(pglite, path.join(directory, 'run')))!;
    pool = new Pool({ host: path.join(directory, 'run'), port: 5432, user: 'postgres', database: 'postgres', max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await socket?.close();
    await pglite?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  test('in this process', () => readsAlike(pgliteArrayRows(pglite)));
  test('through the socket, as another local process reads it', () => readsAlike(poolArrayRows(pool)));
});
