import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { env } from '@/lib/env';
import { log, maskEmail } from '@/lib/log';

/**
 * Sends one message. With SMTP_URL: pooled SMTP with connection, greeting and socket timeouts.
 * Without it: the message is written as an .eml file under DATA_DIR/mail and a log line names it.
 * Sending returns a result instead of throwing, so the outbox decides what a failure means.
 */

export interface OutgoingMail {
  /** Stable across retries (derived from the outbox row), so a receiver can spot a redelivery. */
  messageId: string;
  to: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html: string;
}

/** `permanent`: the relay refused the message for good (a 5xx reply, such as an unknown mailbox); trying again is pointless. */
export type SendResult = { ok: true; messageId: string } | { ok: false; error: string; permanent?: boolean };

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

export function createMailer(): Mailer {
  const { SMTP_URL, DATA_DIR, MAIL_FROM, SMTP_MAX_CONNECTIONS } = env();
  return SMTP_URL ? smtpMailer(SMTP_URL, MAIL_FROM, SMTP_MAX_CONNECTIONS) : fileMailer(path.resolve(DATA_DIR, 'mail'), MAIL_FROM);
}

function toMessage(mail: OutgoingMail, from: string) {
  return {
    from,
    to: mail.to,
    replyTo: mail.replyTo ?? undefined,
    // Subjects are built from validated one-line fields; folding any stray line break is belt and braces.
    subject: mail.subject.replace(/[\r\n]+/g, ' '),
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
  };
}

export function smtpMailer(url: string, from: string, maxConnections = 5): Mailer {
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections,
    maxMessages: 1000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail(toMessage(mail, from));
        return { ok: true, messageId: info.messageId ?? mail.messageId };
      } catch (error) {
        const { responseCode } = error as { responseCode?: number };
        return { ok: false, error: (error as Error).message, permanent: typeof responseCode === 'number' && responseCode >= 500 };
      }
    },
    close: () => transport.close(),
  };
}

export function fileMailer(directory: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail(toMessage(mail, from));
        await mkdir(directory, { recursive: true });
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^A-Za-z0-9-]/g, '')}.eml`;
        const file = path.join(directory, name);
        await writeFile(file, info.message as Buffer);
        log().info(
          { event: 'mail_file_written', file: path.relative(process.cwd(), file), to: maskEmail(mail.to) },
          'no SMTP_URL: mail written to a file',
        );
        return { ok: true, messageId: info.messageId ?? mail.messageId };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
    close: () => transport.close(),
  };
}
