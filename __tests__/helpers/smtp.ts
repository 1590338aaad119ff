import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { TestDatabaseHandle } from './database';

/**
 * A real SMTP server on 127.0.0.1 for tests: records every message it accepts, parsed with mailparser.
 * `refuse` makes it answer 451 (try again later) to every message until switched off; `hold` makes it take a
 * message's data and never answer, as a server does when the sender dies mid-send. An address in `unknownMailboxes`
 * is refused for good (550 to RCPT TO), as a relay refuses a mailbox that does not exist.
 */
export interface TestSmtp {
  readonly url: string;
  readonly port: number;
  received: ParsedMail[];
  refuse: boolean;
  hold: boolean;
  unknownMailboxes: Set<string>;
  /** How many messages were taken and left unanswered while `hold` was on. */
  readonly held: number;
  /** Resolves when at least `count` messages have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  greetingDelayMs?: number;
}

export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const smtp = createTestSmtp(options);
  await smtp.listen();
  return smtp;
}

/**
 * The SMTP server of the calling test file: started in beforeAll, closed before the database closes. The object is
 * there at once (its `received`, `refuse`, `waitFor` work in any test); `url` and `port` once beforeAll has run.
 */
export function useTestSmtp(database: TestDatabaseHandle, options: TestSmtpOptions = {}): TestSmtp {
  const smtp = createTestSmtp(options);
  beforeAll(async () => {
    await smtp.listen();
    database.beforeClose(() => smtp.close());
  });
  return smtp;
}

/** A test SMTP server that listens once `listen()` has resolved. */
function createTestSmtp(options: TestSmtpOptions): TestSmtp & { listen(): Promise<void> } {
  const received: ParsedMail[] = [];
  const waiters: Array<() => void> = [];
  const state = { refuse: false, hold: false, held: 0 };
  const unknownMailboxes = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    banner: 'test smtp',
    onConnect(_session, callback) {
      if (options.greetingDelayMs) setTimeout(() => callback(), options.greetingDelayMs);
      else callback();
    },
    onRcptTo(address, _session, callback) {
      if (unknownMailboxes.has(address.address.toLowerCase())) {
        const error = new Error('5.1.1 Mailbox unknown') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      if (state.hold) {
        stream.resume();
        stream.on('end', () => {
          state.held += 1;
        });
        return;
      }
      if (state.refuse) {
        stream.resume();
        stream.on('end', () => {
          const error = new Error('Mailbox busy, try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
        });
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          waiters.splice(0).forEach((wake) => wake());
          callback();
        })
        .catch(callback);
    },
  });
  server.on('error', () => {});
  let port: number | undefined;
  const listening = () => {
    if (port === undefined) throw new Error('The test SMTP server is not listening yet');
    return port;
  };
  return {
    async listen() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.server.address() as AddressInfo).port;
    },
    get url() {
      return `smtp://127.0.0.1:${listening()}`;
    },
    get port() {
      return listening();
    },
    received,
    unknownMailboxes,
    get refuse() {
      return state.refuse;
    },
    set refuse(value: boolean) {
      state.refuse = value;
    },
    get hold() {
      return state.hold;
    },
    set hold(value: boolean) {
      state.hold = value;
    },
    get held() {
      return state.held;
    },
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} messages, the SMTP server received ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
