import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { env } from '@/lib/env';

/**
 * Structured logs: one JSON line per event (pino), on standard output. Never a TIN, a token, a link or a full e-mail
 * address: addresses go through maskEmail, paths through loggablePath, and fields that could hold a secret are
 * redacted by name whatever logs them. LOG_LEVEL sets the level (info by default; silent in the jest tests' setup).
 */

const REDACTED_FIELDS = ['tin', 'newTin', 'token', 'link', 'url', 'href', 'text', 'html', 'password', 'secret', 'cookie'];

/** The configured level; info when the configuration itself is what is wrong (its problems must still be logged). */
function configuredLevel(): Level | 'silent' {
  try {
    return env().LOG_LEVEL;
  } catch {
    return 'info';
  }
}

function create(destination?: DestinationStream, level = configuredLevel()): Logger {
  return pino(
    {
      level,
      base: { service: 'provider-intake' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_FIELDS, ...REDACTED_FIELDS.map((field) => `*.${field}`)], censor: '[redacted]' },
    },
    destination,
  );
}

const holder = globalThis as typeof globalThis & { __providerIntakeLog?: Logger };

/** The process's logger. */
export function log(): Logger {
  holder.__providerIntakeLog ??= create();
  return holder.__providerIntakeLog;
}

/** Sends the logs to `destination` from now on, at `level` (tests read what was logged). */
export function logTo(destination: DestinationStream, level: Level = 'info'): void {
  holder.__providerIntakeLog = create(destination, level);
}

/** `o…@rosecity.example`: enough to tell mailboxes apart in a log, not enough to write to one. */
export function maskEmail(address: string | null | undefined): string | undefined {
  if (!address) return undefined;
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address[0]}…${address.slice(at)}` : '…';
}

/** A request's path for the log: no query string, and no segment that could be a token (long and random). */
export function loggablePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) =>
      segment.length >= 24 && /^[A-Za-z0-9_-]+$/.test(segment) && !/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(segment) ? '[token]' : segment,
    )
    .join('/');
}

/** Free text for the log (an SMTP server's reply, an error): every e-mail address in it masked. */
export function scrubbed(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, (address) => maskEmail(address) ?? '…');
}
