import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { hiddenActionFields, multipart, request, sleep, startChild, track, type Child } from '../../bench/lib';
import { validContractRequest } from '../fixtures/contract-request';
import type { Committed, FaultRelay } from './relay';

/**
 * The fault suite's machinery: the production server started as in production (`npm start`, in a process group of its
 * own so that SIGKILL takes every process it started), form posts sent as a browser without JavaScript sends them,
 * a throwaway PostgreSQL that can be stopped and started under the server, and the one check every scenario ends
 * with: what the client was told, what the database holds and what the relay received, compared.
 */

const ROOT = path.resolve(__dirname, '..', '..');
export const FORWARD_INBOX = 'newcontractrequest@careoregon.org';
/** Fixed, so that every start of a server on one database encrypts with the same key. Not a secret. */
const DATA_ENCRYPTION_KEY = Buffer.alloc(32, 0x13).toString('base64');
const CONFIRMATION = /^\/contract-request\/submitted\/(NCR-[0-9A-HJKMNP-TV-Z]{8})$/;
/** What the form says when the submission could not be stored (lib/intake/public-submission.ts; the kind's noun). */
const NOT_STORED = /Sorry, we could not save your request just now/;

export function log(message: string): void {
  console.info(`[faults ${new Date().toISOString().slice(11, 23)}] ${message}`);
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  track({ name: dir, stop: async () => remove(), kill: remove });
  return dir;
}

/** Polls `condition` until it holds, failing after `timeoutMs` (a deadline for a stuck run, not a measurement). */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await sleep(100);
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The first free port from `from` on (the browser tests use 3200 and 3201; this suite starts at 3300). */
export async function freePortFrom(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) if (await portIsFree(port)) return port;
  throw new Error(`No free port in ${from}–${from + 99}`);
}

// ---------------------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------------------

/** Processes of a process group that are still running (zombies do not count), from /proc. */
function livingMembers(group: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …: comm may hold spaces, so read after its closing parenthesis.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === group && state !== 'Z') members.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return members;
}

export interface HealthReply {
  status: number;
  pending?: number;
  failed?: number;
}

/**
 * `npm start` (scripts/start.mjs, whatever it runs) on 127.0.0.1:`port`, with the configuration a test needs and
 * nothing inherited from the shell that the app reads.
 */
export class AppServer {
  private child: Child | undefined;
  /** How many times it was started. */
  starts = 0;
  /** How many times each `event` of the JSON logs was logged (warnings and errors: LOG_LEVEL=warn), over all starts. */
  readonly events = new Map<string, number>();

  constructor(
    readonly label: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.process.pid;
  }

  get isRunning(): boolean {
    return this.child !== undefined && this.child.process.exitCode === null && this.child.process.signalCode === null;
  }

  output(): string {
    return this.child?.output() ?? '';
  }

  async start(): Promise<void> {
    if (this.isRunning) throw new Error(`${this.label}: already running`);
    // A server just killed may still hold the port for a moment.
    await waitUntil(() => portIsFree(this.port), `port ${this.port} is free`, 30_000);
    // Only what npm and node need from the shell: nothing the app reads (DATABASE_URL, a .env's settings) leaks in.
    const inherited = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'USER'].filter((name) => process.env[name] !== undefined);
    const environment = Object.fromEntries(inherited.map((name) => [name, process.env[name] as string]));
    const child = startChild(this.label, 'npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        ...environment,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(this.port),
        APP_URL: this.base,
        LOG_LEVEL: 'warn',
        DATA_ENCRYPTION_KEY,
        OUTBOX_WORKER: 'inline',
        // Fast retries and a short lease, so that recovery takes seconds; the poll is short for the same reason.
        OUTBOX_RETRY_FIRST_SECONDS: '0.2',
        OUTBOX_RETRY_MAX_SECONDS: '1',
        OUTBOX_LEASE_SECONDS: '4',
        OUTBOX_POLL_SECONDS: '0.2',
        // Every post comes from 127.0.0.1; the limit itself is proven by the jest tests.
        SUBMISSIONS_PER_HOUR: '1000000',
        // Never the public NPI registry (issue 15); the registry's own faults are proven by the jest tests.
        NPPES_API_URL: 'off',
        ...this.env,
      },
      onLine: (line) => {
        const event = /"event":"([a-z_]+)"/.exec(line)?.[1];
        if (event) this.events.set(event, (this.events.get(event) ?? 0) + 1);
      },
    });
    this.child = child;
    this.starts += 1;
    await waitUntil(
      async () => {
        if (!this.isRunning) throw new Error(`${this.label} exited while starting:\n${child.output().slice(-4000)}`);
        return (await this.health()).status === 200;
      },
      `${this.label} answers /api/health`,
      120_000,
    );
  }

  /** SIGKILL to every process of the server's group (npm, scripts/start.mjs and whatever it started), at once. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.process.pid) return;
    const group = child.process.pid;
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await child.exited;
    await waitUntil(() => livingMembers(group).length === 0, `every process of ${this.label} has died`, 30_000);
  }

  /** SIGTERM to the group (the app closes its database and stops its worker), SIGKILL after a grace period. */
  async stop(): Promise<void> {
    await this.child?.stop();
  }

  async health(): Promise<HealthReply> {
    try {
      const reply = await request(`${this.base}/api/health`, { timeoutMs: 10_000 });
      const body =
        reply.status === 200 ? (JSON.parse(reply.body.toString()) as { outbox: { pending: number; failed: number } }) : undefined;
      return { status: reply.status, pending: body?.outbox.pending, failed: body?.outbox.failed };
    } catch {
      return { status: 0 };
    }
  }

  /** Waits until the outbox has nothing left to send; a message given up on (failed) fails at once. */
  async drain(timeoutMs = 90_000): Promise<void> {
    await waitUntil(
      async () => {
        if (!this.isRunning) throw new Error(`${this.label} died:\n${this.output().slice(-4000)}`);
        const health = await this.health();
        if (health.failed) throw new Error(`${this.label}: ${health.failed} message(s) failed for good`);
        return health.status === 200 && health.pending === 0;
      },
      `${this.label}'s outbox is drained`,
      timeoutMs,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Traffic: no-JS form posts
// ---------------------------------------------------------------------------------------------------------

/**
 * - accepted: 303 to the confirmation page, with a reference.
 * - refused: the form again (200), with everything typed, saying the submission could not be stored: the friendly error.
 * - failed: the post was sent, but no answer came (connection refused or reset, time-out).
 * - unsent: the form page itself could not be had, so nothing was posted.
 * - server-error: any other answer (a 500, a redirect elsewhere, a form with other errors). Never acceptable.
 */
export type Outcome = 'accepted' | 'refused' | 'failed' | 'unsent' | 'server-error';

export interface Post {
  n: number;
  providerName: string;
  email: string;
  submissionKey?: string;
  outcome: Outcome;
  status?: number;
  reference?: string;
  detail?: string;
  endedAt: number;
}

/**
 * Posts the contract request form as a browser with JavaScript off does: GET the page, read the Server Action's hidden
 * `$ACTION_` inputs and the one-time submission key from its HTML, POST multipart/form-data, and read the answer.
 * Every post has answers of its own (the app treats the very same answers sent again as a repeat).
 */
export class Traffic {
  readonly posts: Post[] = [];
  private made = 0;
  private running: Promise<void>[] = [];
  private isStopping = false;
  /** POSTs sent and not yet answered: the server has them in hand. */
  postsInFlight = 0;

  constructor(
    private readonly server: AppServer,
    private readonly label: string,
  ) {}

  count(outcome: Outcome, since = 0): number {
    return this.posts.filter((post) => post.outcome === outcome && post.endedAt >= since).length;
  }

  async postOne(): Promise<Post> {
    const n = ++this.made;
    const providerName = `Fault ${this.label} clinic ${n}`;
    const email = `fault-${this.label}-${n}@rosecity.example`.toLowerCase();
    const post: Post = { n, providerName, email, outcome: 'unsent', endedAt: 0 };
    const base = this.server.base;
    try {
      let page;
      try {
        page = await request(`${base}/contract-request`, { timeoutMs: 30_000 });
      } catch (error) {
        post.detail = `GET: ${(error as Error).message}`;
        return post;
      }
      if (page.status !== 200) {
        post.outcome = page.status >= 500 ? 'server-error' : 'unsent';
        post.status = page.status;
        post.detail = `GET /contract-request answered ${page.status}`;
        return post;
      }
      const hidden = hiddenActionFields(page.body.toString('utf8'));
      if (hidden.action.length === 0 || !hidden.submissionKey) throw new Error('the form has no $ACTION_ inputs or no submission key');
      post.submissionKey = hidden.submissionKey;
      const { submissionKey: _fixtureKey, ...answers } = validContractRequest({ providerName, email });
      const { body, contentType } = multipart([...hidden.action, ['submissionKey', hidden.submissionKey], ...Object.entries(answers)]);
      let reply;
      this.postsInFlight += 1;
      try {
        reply = await request(`${base}/contract-request`, {
          method: 'POST',
          body,
          timeoutMs: 30_000,
          headers: { 'content-type': contentType, origin: base, referer: `${base}/contract-request`, accept: 'text/html' },
        });
      } catch (error) {
        post.outcome = 'failed';
        post.detail = `POST: ${(error as Error).message}`;
        return post;
      } finally {
        this.postsInFlight -= 1;
      }
      post.status = reply.status;
      const location = String(reply.headers.location ?? '');
      const html = reply.body.toString('utf8');
      const reference = CONFIRMATION.exec(location)?.[1];
      if (reply.status === 303 && reference) {
        post.outcome = 'accepted';
        post.reference = reference;
      } else if (reply.status === 200 && NOT_STORED.test(html) && html.includes('<form') && html.includes(`value="${providerName}"`)) {
        // The form again, with the apology and everything typed.
        post.outcome = 'refused';
      } else {
        post.outcome = 'server-error';
        post.detail = `${reply.status} ${location} ${problemsOf(html)}`.trim();
      }
      return post;
    } finally {
      post.endedAt = Date.now();
      this.posts.push(post);
    }
  }

  /** Starts `concurrency` loops of posts, each pausing `pauseMs` between posts (and a little more after a failure). */
  start(concurrency: number, pauseMs: number): void {
    this.isStopping = false;
    for (let index = 0; index < concurrency; index++) {
      this.running.push(
        (async () => {
          while (!this.isStopping) {
            const post = await this.postOne();
            await sleep(post.outcome === 'accepted' || post.outcome === 'refused' ? pauseMs : Math.max(pauseMs, 100));
          }
        })(),
      );
    }
  }

  async stop(): Promise<void> {
    this.isStopping = true;
    await Promise.all(this.running.splice(0));
  }

  summary(): string {
    const outcomes: Outcome[] = ['accepted', 'refused', 'failed', 'unsent', 'server-error'];
    return `${this.posts.length} posts: ${outcomes.map((outcome) => `${this.count(outcome)} ${outcome}`).join(', ')}`;
  }
}

/** The error summary of a form page, as text, for messages. */
function problemsOf(html: string): string {
  const summary = /<h2 id="error-summary-title">.*?<\/ul>/s.exec(html)?.[0] ?? html.slice(0, 300);
  return summary
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------------------------------------

const PG_BIN = '/usr/lib/postgresql/15/bin';

/**
 * Runs a shell command as the postgres user when we are root (Debian's binaries refuse root), else as ourselves.
 * Asynchronous: the relay and the traffic live in this process and must go on meanwhile.
 */
function runAsPostgres(command: string, timeoutMs = 60_000): Promise<string> {
  const isRoot = process.getuid?.() === 0;
  const child = spawn(isRoot ? 'su' : 'bash', isRoot ? ['postgres', '-c', command] : ['-c', command], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} failed (${signal ?? `exit ${code}`}): ${output}`));
    });
  });
}

/**
 * A throwaway PostgreSQL 15 of this suite's own (.ci/postgres.sh: a free port of 127.0.0.1 chosen by the system, so it
 * never collides with another one started the same way), which the suite may stop and start under the server.
 */
export class ThrowawayPostgres {
  private options = '';

  private constructor(
    readonly dir: string,
    readonly url: string,
  ) {}

  static start(): ThrowawayPostgres {
    const script = path.join(ROOT, '.ci', 'postgres.sh');
    let dir: string | undefined;
    const destroy = () => {
      if (dir) spawnSync('bash', [script, 'stop', dir], { timeout: 30_000, killSignal: 'SIGKILL' });
      dir = undefined;
    };
    // Registered first: a server half started is stopped too.
    track({ name: 'PostgreSQL', stop: async () => destroy(), kill: destroy });
    const result = spawnSync('bash', [script], { cwd: ROOT, encoding: 'utf8', timeout: 90_000, killSignal: 'SIGKILL' });
    dir = /^PG_DIR=(.+)$/m.exec(result.stdout ?? '')?.[1];
    const url = /^PG_URL=(.+)$/m.exec(result.stdout ?? '')?.[1];
    if (result.status !== 0 || !dir || !url) throw new Error(`.ci/postgres.sh failed: ${result.stdout}${result.stderr}`);
    const postgres = new ThrowawayPostgres(dir, url);
    // The options it was started with, to start it again the same way: postmaster.opts is its command line, quoted.
    const words = [...readFileSync(path.join(dir, 'data', 'postmaster.opts'), 'utf8').matchAll(/"([^"]*)"/g)].map((match) => match[1]);
    const at = words.indexOf('-D');
    if (at >= 0) words.splice(at, 2);
    postgres.options = words.map((word) => `"${word}"`).join(' ');
    return postgres;
  }

  async createDatabase(name: string): Promise<string> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    const url = new URL(this.url);
    url.pathname = `/${name}`;
    return url.toString();
  }

  /** `pg_ctl stop -m fast`: open connections are ended, transactions in progress rolled back. */
  async stopServer(): Promise<void> {
    await runAsPostgres(`${PG_BIN}/pg_ctl -D '${this.dir}/data' -m fast -w stop`);
  }

  async startServer(): Promise<void> {
    await runAsPostgres(`${PG_BIN}/pg_ctl -D '${this.dir}/data' -l '${this.dir}/server.log' -w -o '${this.options}' start`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// What the database holds
// ---------------------------------------------------------------------------------------------------------

export interface StoredMessage {
  id: string;
  template: string;
  to: string;
  status: string;
  attempts: number;
  messageId: string | null;
}

export interface StoredSubmission {
  id: string;
  reference: string;
  submissionKey: string;
  name: string;
  messages: StoredMessage[];
}

export type DatabaseTarget = { engine: 'pglite'; dataDir: string } | { engine: 'postgres'; url: string };

const SUBMISSIONS_SQL = `SELECT id, reference, submission_key AS "submissionKey", name FROM submission`;
const MESSAGES_SQL = `SELECT id, submission_id AS "submissionId", template, "to", status::text AS status, attempts, message_id AS "messageId" FROM outbox_message`;

/**
 * Every submission and its outbox mail, read with SQL of our own. PGlite belongs to one process at a time, so its
 * server must have been stopped first.
 */
export async function readDatabase(target: DatabaseTarget): Promise<StoredSubmission[]> {
  let submissions: Omit<StoredSubmission, 'messages'>[];
  let messages: Array<StoredMessage & { submissionId: string | null }>;
  if (target.engine === 'postgres') {
    const client = new Client({ connectionString: target.url });
    await client.connect();
    try {
      submissions = (await client.query(SUBMISSIONS_SQL)).rows;
      messages = (await client.query(MESSAGES_SQL)).rows;
    } finally {
      await client.end();
    }
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const pglite = await PGlite.create(path.join(target.dataDir, 'pglite'), { extensions: { pg_trgm } });
    try {
      submissions = (await pglite.query<Omit<StoredSubmission, 'messages'>>(SUBMISSIONS_SQL)).rows;
      messages = (await pglite.query<StoredMessage & { submissionId: string | null }>(MESSAGES_SQL)).rows;
    } finally {
      await pglite.close();
    }
  }
  return submissions.map((submission) => ({
    ...submission,
    messages: messages.filter((message) => message.submissionId === submission.id),
  }));
}

// ---------------------------------------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------------------------------------

export interface Verdict {
  problems: string[];
  /** Counts for the report. */
  counts: Record<string, number>;
}

/**
 * Compares what the client was told, what the database holds and what the relay committed:
 * - every post that got a reference is in the database exactly once, under that reference;
 * - every post that is in the database (accepted or not) has its two e-mails (receipt to the applicant, forward to the
 *   inbox), both sent, and the relay received each exactly once (by Message-ID; a second copy only where
 *   `allowDuplicate` says the scenario opened the known at-least-once window), with the reference in the subject;
 * - a post the client saw fail is either absent or whole (never a submission without its mail);
 * - nothing answered a 500 or anything else unexpected;
 * - the relay received nothing (since `relayFrom`) that is not one of the outbox's messages.
 */
export function verify(options: {
  posts: Post[];
  stored: StoredSubmission[];
  relay: FaultRelay;
  relayFrom: number;
  allowDuplicate?: (messageId: string, copies: Committed[]) => boolean;
}): Verdict {
  const { posts, stored, relay } = options;
  const problems: string[] = [];
  const copiesOf = new Map<string, Committed[]>();
  for (const message of relay.committed) copiesOf.set(message.messageId, [...(copiesOf.get(message.messageId) ?? []), message]);
  const counts = { posts: posts.length, accepted: 0, refused: 0, failed: 0, unsent: 0, 'server-error': 0 } as Record<string, number>;
  Object.assign(counts, { storedThoughFailed: 0, absentAfterFailing: 0, messages: 0, copiesAtRelay: 0, allowedDuplicates: 0 });

  for (const post of posts) {
    counts[post.outcome] += 1;
    if (post.outcome === 'server-error') problems.push(`post ${post.n}: unexpected answer ${post.detail}`);
    if (post.outcome === 'unsent') continue;
    const rows = stored.filter((row) => row.submissionKey === post.submissionKey || row.name === post.providerName);
    if (rows.length > 1)
      problems.push(`post ${post.n} (${post.outcome}) is stored ${rows.length} times: ${rows.map((row) => row.reference).join(', ')}`);
    if (rows.length === 0) {
      if (post.outcome === 'accepted') problems.push(`post ${post.n} got ${post.reference} but is not in the database`);
      else counts.absentAfterFailing += 1;
      continue;
    }
    const [row] = rows;
    if (post.outcome === 'accepted' && row.reference !== post.reference)
      problems.push(`post ${post.n} got ${post.reference} but is stored as ${row.reference}`);
    if (post.outcome !== 'accepted') counts.storedThoughFailed += 1;

    const expected = [
      { template: 'contract-request-receipt', to: post.email },
      { template: 'contract-request-forward', to: FORWARD_INBOX },
    ];
    if (row.messages.length !== expected.length)
      problems.push(`${row.reference} (post ${post.n}) has ${row.messages.length} outbox messages instead of ${expected.length}`);
    for (const { template, to } of expected) {
      const message = row.messages.find((candidate) => candidate.template === template);
      if (!message) {
        problems.push(`${row.reference} (post ${post.n}) has no ${template}`);
        continue;
      }
      counts.messages += 1;
      const messageId = `<${message.id}@provider-intake>`;
      const copies = copiesOf.get(messageId) ?? [];
      counts.copiesAtRelay += copies.length;
      if (message.to.toLowerCase() !== to) problems.push(`${row.reference}: ${template} is addressed to ${message.to}, not ${to}`);
      if (message.status !== 'SENT') problems.push(`${row.reference}: ${template} is ${message.status} after ${message.attempts} attempts`);
      if (copies.length === 0) problems.push(`${row.reference}: ${template} ${messageId} never reached the relay`);
      if (copies.length > 1) {
        if (options.allowDuplicate?.(messageId, copies)) counts.allowedDuplicates += copies.length - 1;
        else problems.push(`${row.reference}: ${template} ${messageId} reached the relay ${copies.length} times`);
      }
      for (const copy of copies) {
        if (!copy.subject.includes(row.reference))
          problems.push(`${row.reference}: ${template} arrived with the subject "${copy.subject}"`);
        if (!copy.to.map((address) => address.toLowerCase()).includes(to))
          problems.push(`${row.reference}: ${template} arrived for ${copy.to.join(', ')}`);
      }
    }
  }

  const known = new Set(stored.flatMap((row) => row.messages.map((message) => `<${message.id}@provider-intake>`)));
  for (const message of relay.committed.slice(options.relayFrom)) {
    if (!known.has(message.messageId))
      problems.push(`the relay received ${message.messageId} ("${message.subject}"), which no outbox row sent`);
  }
  return { problems, counts };
}

export function randomName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}
