import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { serveLocalClients, type LocalSocket } from '@/lib/db/local-socket';

/**
 * The embedded database shared on a Unix socket (lib/db/local-socket.ts), with real pg clients on the socket and
 * this process's own queries on the same PGlite: a client's transaction is never interleaved with this process's
 * work, a client that dies or idles inside one is rolled back, and an error leaves nothing held. PGlite only.
 */

const onPglite = process.env.TEST_DATABASE_URL ? describe.skip : describe;
const IDLE_MS = 1_500;

let directory: string;
let pglite: PGlite;
let socket: LocalSocket;
const clients: Client[] = [];

async function connect(): Promise<Client> {
  const client = new Client({ host: path.join(directory, 'run'), port: 5432, user: 'postgres', database: 'postgres' });
  client.on('error', () => {});
  await client.connect();
  clients.push(client);
  return client;
}

async function rows(sql: string): Promise<Array<Record<string, unknown>>> {
  return (await pglite.query<Record<string, unknown>>(sql)).rows;
}

onPglite('the embedded database on its socket', () => {
  beforeAll(async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'provider-intake-socket-'));
    const { PGlite } = await import('@electric-sql/pglite');
    pglite = await PGlite.create(path.join(directory, 'pglite'));
    await pglite.exec('CREATE TABLE item (id serial PRIMARY KEY, source text NOT NULL, note text)');
    socket = (await serveLocalClients(pglite, path.join(directory, 'run'), { idleInTransactionMs: IDLE_MS }))!;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => {})));
    await socket?.close();
    await pglite?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  test('a client’s transaction holds this process’s queries until it ends, and they see only what it committed', async () => {
    const client = await connect();
    await client.query('BEGIN');
    await client.query("INSERT INTO item (source) VALUES ('client')");
    const order: string[] = [];
    // This process's own query waits for the client's transaction (it would otherwise run inside it).
    const own = pglite.query<{ n: number }>("SELECT count(*)::int AS n FROM item WHERE source = 'client'").then((result) => {
      order.push('own query');
      return result.rows[0].n;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.query("INSERT INTO item (source) VALUES ('client')");
    order.push('client commits');
    await client.query('COMMIT');
    expect(await own).toBe(2);
    expect(order).toEqual(['client commits', 'own query']);
  });

  test('a rolled-back client transaction leaves nothing, and this process’s transaction runs whole beside clients', async () => {
    const client = await connect();
    const other = await connect();
    const mine = pglite.transaction(async (tx) => {
      await tx.query("INSERT INTO item (source, note) VALUES ('own', 'tx')");
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.query("INSERT INTO item (source, note) VALUES ('own', 'tx')");
    });
    await Promise.all([
      (async () => {
        await client.query('BEGIN');
        await client.query("INSERT INTO item (source, note) VALUES ('client', 'rolled back')");
        await client.query('ROLLBACK');
      })(),
      other.query("INSERT INTO item (source, note) VALUES ('other', $1)", ['extended protocol']),
      mine,
    ]);
    expect(await rows('SELECT source, note FROM item WHERE note IS NOT NULL ORDER BY source')).toEqual([
      { source: 'other', note: 'extended protocol' },
      { source: 'own', note: 'tx' },
      { source: 'own', note: 'tx' },
    ]);
  });

  test('a client that dies inside a transaction is rolled back, and the database is free again', async () => {
    const client = await connect();
    await client.query('BEGIN');
    await client.query("INSERT INTO item (source, note) VALUES ('client', 'died')");
    // The connection is cut, as when the command is killed.
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect(await rows("SELECT count(*)::int AS n FROM item WHERE note = 'died'")).toEqual([{ n: 0 }]);
    expect(pglite.isInTransaction()).toBe(false);
  });

  test('a client idle inside a transaction is disconnected after the limit, rolled back, and this process goes on', async () => {
    const client = await connect();
    const errors: string[] = [];
    client.on('error', (error) => errors.push(error.message));
    await client.query('BEGIN');
    await client.query("INSERT INTO item (source, note) VALUES ('client', 'idle')");
    const started = Date.now();
    expect(await rows("SELECT count(*)::int AS n FROM item WHERE note = 'idle'")).toEqual([{ n: 0 }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_MS - 100);
    await expect(client.query('COMMIT')).rejects.toThrow();
  });

  test('an error inside a batch or a transaction leaves the session usable for everyone', async () => {
    const client = await connect();
    await expect(client.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    await client.query('BEGIN');
    await expect(client.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
    await client.query('ROLLBACK');
    expect((await client.query('SELECT 41 + 1 AS answer')).rows).toEqual([{ answer: 42 }]);
    expect(await rows('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
