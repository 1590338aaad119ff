import { simpleParser } from 'mailparser';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP relay for the fault suite (smtp-server + mailparser, in the suite's own process, no jest), on one fixed
 * port of 127.0.0.1 that it can leave and come back to. It counts what it commits, by Message-ID.
 *
 * Modes:
 * - `up`: every message is committed (recorded) and answered 250.
 * - `down`: nothing listens on the port (connections are refused); connections open when it went down are told 421
 *   and closed, and a message whose data ends after that is not committed.
 * - `refuse`: listening, but a new connection is greeted with 421 and a message on a connection already open is
 *   answered 451 (both "try again later"), and not committed.
 * - `hold`: each message is committed once its data has ended, but the reply is held back. This is a relay that has
 *   taken responsibility for a message when the sender dies before reading the 250 (RFC 1047): the sender cannot
 *   know, so it will send the message again. Leaving `hold` answers the held messages 250 (to senders still there).
 */
export type RelayMode = 'up' | 'down' | 'refuse' | 'hold';

export interface Committed {
  messageId: string;
  subject: string;
  to: string[];
  /** Date.now() when it was committed. */
  at: number;
  /**
   * Date.now() when the connection that carried it was opened. A sender that dies leaves its last bytes in the
   * kernel's buffers, so the relay may read a message after the sender is gone: what tells which process sent a copy
   * is when its connection opened, not when its data ended.
   */
  connectedAt: number;
}

export interface RelayStats {
  /** Connections greeted with 421, and messages answered 451 or 421, while refusing or going down. */
  refused: number;
  /** Messages committed while `hold` was on (their Message-IDs). */
  held: string[];
}

const CLOSE_GRACE_MS = 50;

export class FaultRelay {
  readonly committed: Committed[] = [];
  readonly stats: RelayStats = { refused: 0, held: [] };
  private mode: RelayMode = 'down';
  private server: SMTPServer | undefined;
  /** Raised whenever the relay goes down: a message from an older generation is never committed. */
  private generation = 0;
  private heldReplies: Array<() => void> = [];
  private waiters: Array<() => void> = [];
  /** When each open connection (smtp-server's session id) was opened. */
  private connectedAt = new Map<string, number>();

  private constructor(readonly port: number) {}

  /** A relay on a free port of 127.0.0.1, in the given mode. */
  static async start(mode: RelayMode = 'up'): Promise<FaultRelay> {
    const relay = new FaultRelay(await freePort());
    await relay.setMode(mode);
    return relay;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get currentMode(): RelayMode {
    return this.mode;
  }

  async setMode(mode: RelayMode): Promise<void> {
    const previous = this.mode;
    this.mode = mode;
    if (previous === 'hold' && mode !== 'hold') this.heldReplies.splice(0).forEach((reply) => reply());
    if (mode === 'down') await this.stopListening();
    else if (!this.server) await this.listen();
  }

  /** How many times each Message-ID was committed. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const message of this.committed) counts.set(message.messageId, (counts.get(message.messageId) ?? 0) + 1);
    return counts;
  }

  /** Resolves once `condition` holds, checked on every commit and refusal and every 100 ms, or rejects at the deadline. */
  async waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async close(): Promise<void> {
    this.heldReplies = [];
    await this.stopListening();
  }

  private wake() {
    this.waiters.splice(0).forEach((wake) => wake());
  }

  private async listen(): Promise<void> {
    const generation = this.generation;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      banner: 'fault suite relay',
      closeTimeout: CLOSE_GRACE_MS,
      onConnect: (session, callback) => {
        this.connectedAt.set(session.id, Date.now());
        if (this.mode !== 'refuse') return callback();
        this.stats.refused += 1;
        this.wake();
        callback(transient(421, 'Service not available, try again later'));
      },
      onClose: (session) => {
        this.connectedAt.delete(session.id);
      },
      onData: (stream, session, callback) => {
        const connectedAt = this.connectedAt.get(session.id) ?? 0;
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          void simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              // Decided in one turn of the event loop: committed and answered together, or neither.
              if (generation !== this.generation || this.mode === 'down') {
                this.stats.refused += 1;
                this.wake();
                return callback(transient(421, 'Service shutting down'));
              }
              if (this.mode === 'refuse') {
                this.stats.refused += 1;
                this.wake();
                return callback(transient(451, 'Mailbox busy, try again later'));
              }
              const messageId = mail.messageId ?? '';
              this.committed.push({
                messageId,
                subject: mail.subject ?? '',
                to: [mail.to ?? []].flat().flatMap((address) => address.value.map((entry) => entry.address ?? '')),
                at: Date.now(),
                connectedAt,
              });
              if (this.mode === 'hold') {
                this.stats.held.push(messageId);
                this.heldReplies.push(() => callback());
              } else {
                callback();
              }
              this.wake();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    server.on('error', () => {});
    for (let attempt = 0; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          server.server.once('error', reject);
          server.listen(this.port, '127.0.0.1', () => {
            server.server.off('error', reject);
            resolve();
          });
        });
        break;
      } catch (error) {
        // The port was just let go of: it can take a moment to be free again.
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    this.server = server;
  }

  private async stopListening(): Promise<void> {
    this.generation += 1;
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    // smtp-server stops listening at once, then tells open connections 421 after CLOSE_GRACE_MS and closes them.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

function transient(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
