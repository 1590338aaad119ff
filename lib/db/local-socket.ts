import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { log } from '@/lib/log';

/**
 * The embedded database served to the other processes of this machine (`npm run staff`, `npm run worker`, …) while
 * the server holds it: PGlite runs in one process only (lib/db/directory-lock.ts), so the process that holds it
 * speaks PostgreSQL's wire protocol on a Unix socket, `DATA_DIR/run/.s.PGSQL.5432`, in a directory only this
 * operating-system user may enter. Decision 016.
 *
 * PGlite is one session. The stock server of `@electric-sql/pglite-socket` interleaves a socket client's
 * transaction with this process's own queries (measured: rolled-back rows present, transactions split), so a client
 * here owns PGlite's transaction mutex, the one PGlite's own `transaction()` takes and the Prisma adapter waits on,
 * from its first message until the session is idle again after a Sync or a simple Query: one batch, or a whole
 * `BEGIN … COMMIT`. A client that goes away inside one is rolled back; one that sits idle inside one for
 * IDLE_IN_TRANSACTION_MS is disconnected (and so rolled back), as PostgreSQL's idle_in_transaction_session_timeout
 * would, so that it cannot hold the server's requests up for longer. Idle clients outside a transaction hold nothing.
 */

export const SOCKET_FILE = '.s.PGSQL.5432';
/** The port number PostgreSQL clients put in the socket's name (`.s.PGSQL.<port>`). */
export const SOCKET_PORT = 5432;
const IDLE_IN_TRANSACTION_MS = 10_000;
const MAX_CLIENTS = 8;
/** Linux's limit on a Unix socket's path (sun_path), less its terminating NUL. */
const MAX_SOCKET_PATH = 107;

const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);
const ROLLBACK = new Uint8Array(Buffer.concat([Buffer.from('Q'), Buffer.from([0, 0, 0, 13]), Buffer.from('ROLLBACK\0')]));
const PROTOCOL_3 = 196608;

/** Where the socket of the embedded database under `pgliteDirectory` (DATA_DIR/pglite) lives: DATA_DIR/run. */
export function socketDirectoryOf(pgliteDirectory: string): string {
  return path.join(path.dirname(pgliteDirectory), 'run');
}

/**
 * One socket client at a time owns the database session; this process's own queries wait as they would for another
 * of its transactions. Implements the part of pglite-socket's QueryQueueManager its handler calls.
 */
export class SessionQueue {
  private owner: number | null = null;
  private releaseOwner: (() => void) | null = null;
  private readonly gone = new Set<number>();
  /** Each client's messages run one after another, in the order they arrived. */
  private readonly tails = new Map<number, Promise<unknown>>();

  private idleTimer: NodeJS.Timeout | undefined;

  /** `disconnect` is called with a client that sat idle while it owned the session. */
  constructor(
    private readonly db: PGlite,
    private readonly disconnect: (handlerId: number) => void = () => {},
    private readonly idleInTransactionMs = IDLE_IN_TRANSACTION_MS,
  ) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const run = (this.tails.get(handlerId) ?? Promise.resolve()).then(() => this.run(handlerId, message, onData));
    this.tails.set(
      handlerId,
      run.catch(() => {}),
    );
    return run;
  }

  clearQueueForHandler(handlerId: number): void {
    this.gone.add(handlerId);
    this.tails.delete(handlerId);
  }

  /** The client went away while it owned the session: end its batch and its transaction, then let the others in. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    await this.db.runExclusive(async () => {
      // Sync ends a batch left waiting for one after an error; ROLLBACK ends a transaction left open.
      await this.db.execProtocolRaw(SYNC);
      if (this.db.isInTransaction()) await this.db.execProtocolRaw(ROLLBACK);
    });
    this.release();
  }

  private async run(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    clearTimeout(this.idleTimer);
    if (this.owner !== handlerId) await this.acquire(handlerId);
    if (this.gone.has(handlerId)) {
      await this.clearTransactionIfNeeded(handlerId);
      throw new Error('The client disconnected');
    }
    let size = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(message, {
          onRawData: (data) => {
            size += data.length;
            onData(data);
          },
        }),
      );
    } catch (error) {
      await this.clearTransactionIfNeeded(handlerId);
      throw error;
    }
    const type = message[0];
    const startup = message.length >= 8 && Buffer.from(message.buffer, message.byteOffset, 8).readInt32BE(4) === PROTOCOL_3;
    // After Sync ('S') or a simple Query ('Q') the backend answers ReadyForQuery: idle unless inside a transaction.
    if ((type === 0x53 || type === 0x51 || startup) && !this.db.isInTransaction()) this.release();
    else if (this.owner === handlerId) {
      // Still its session (inside a transaction, or mid-batch): it has until its next message to hand it back.
      this.idleTimer = setTimeout(() => {
        if (this.owner === handlerId) this.disconnect(handlerId);
      }, this.idleInTransactionMs);
      this.idleTimer.unref();
    }
    return size;
  }

  private acquire(handlerId: number): Promise<void> {
    return new Promise<void>((acquired) => {
      // Held until release(); PGlite's query() and transaction() from this process queue behind it (FIFO).
      void this.db._runExclusiveTransaction(
        () =>
          new Promise<void>((release) => {
            this.owner = handlerId;
            this.releaseOwner = release;
            acquired();
          }),
      );
    });
  }

  private release() {
    clearTimeout(this.idleTimer);
    const release = this.releaseOwner;
    this.owner = null;
    this.releaseOwner = null;
    release?.();
  }
}

export interface LocalSocket {
  socketPath: string;
  close(): Promise<void>;
}

/**
 * Serves `db` on `socketDirectory`/.s.PGSQL.5432. Only the process holding the data directory's lock calls this, so
 * a socket file found there is stale (left by a process killed with SIGKILL) and is replaced. Returns undefined,
 * with a warning, where the path is too long for a Unix socket.
 */
export async function serveLocalClients(
  db: PGlite,
  socketDirectory: string,
  { idleInTransactionMs = IDLE_IN_TRANSACTION_MS } = {},
): Promise<LocalSocket | undefined> {
  const socketPath = path.join(socketDirectory, SOCKET_FILE);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    log().warn(
      { event: 'database_socket_skipped', length: Buffer.byteLength(socketPath) },
      `the embedded database is not shared with other processes: ${socketPath} is longer than a Unix socket's path may be`,
    );
    return undefined;
  }
  const { PGLiteSocketHandler } = await import('@electric-sql/pglite-socket');
  mkdirSync(socketDirectory, { recursive: true, mode: 0o700 });
  // mkdir's mode is masked by the umask, and ignored for a directory that already exists.
  chmodSync(socketDirectory, 0o700);
  rmSync(socketPath, { force: true });
  const handlers = new Map<number, InstanceType<typeof PGLiteSocketHandler>>();
  const queue = new SessionQueue(
    db,
    (handlerId) => {
      log().warn({ event: 'database_socket_idle_in_transaction' }, 'a local client sat idle in a transaction: disconnected');
      void handlers.get(handlerId)?.detach(true);
    },
    idleInTransactionMs,
  );
  const server: Server = createServer((socket) => {
    const handler = new PGLiteSocketHandler({
      queryQueue: queue as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'],
      closeOnDetach: true,
    });
    handlers.set(handler.handlerId, handler);
    const forget = () => handlers.delete(handler.handlerId);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    void handler.attach(socket);
  });
  server.maxConnections = MAX_CLIENTS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(socketPath, 0o600);
  server.on('error', (error) => log().warn({ event: 'database_socket_failed', err: error.message }, 'the database socket failed'));
  log().info({ event: 'database_socket_open' }, `the embedded database is shared with local processes on ${socketPath}`);
  return {
    socketPath,
    async close() {
      await Promise.all([...handlers.values()].map((handler) => handler.detach(true)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(socketPath, { force: true });
    },
  };
}

/** Whether a socket file is there to try (the process that made it may be gone: connecting tells). */
export function socketExists(socketDirectory: string): boolean {
  return existsSync(path.join(socketDirectory, SOCKET_FILE));
}
