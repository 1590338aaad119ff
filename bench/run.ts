// `npm run bench` (npx tsx bench/run.ts): throughput and latency of the public contract request form on the
// production build, with embedded PGlite and with PostgreSQL; the ceiling a bare node:http server reaches with
// the same database work; the form page's JavaScript against Next's floor; and the outbox drain rate.
// Prints tables and writes bench/results.json. Everything it starts (servers, PostgreSQL, temp dirs) is stopped
// on exit, on error and on Ctrl-C. Traffic goes to 127.0.0.1 only.
//
// Environment (all optional):
//   BENCH_DATABASE_URL   an existing PostgreSQL server to use (databases bench_* are created on it and dropped
//                        after) instead of a throwaway one from .ci/postgres.sh
//   BENCH_SECONDS        length of each load phase (default 10)
//   BENCH_ONLY           comma list of parts to run: pglite,postgres,js,outbox,queue,exclusions (default all)
//   BENCH_OUTBOX_PGLITE  0 to skip the PGlite outbox drain (default 1)
//   BENCH_TIME_LIMIT_S   hard stop for the whole run (default 1200)
//   BENCH_MINIMAL        0 to skip the form pages against the minimal Next page (bench/form-pages.ts)
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Client } from 'pg';
import { KINDS, SUBMISSION_KINDS } from '../lib/intake/kinds';
import { validContractRequest } from '../__tests__/fixtures/contract-request';
import {
  closedLoop,
  freePort,
  hiddenActionFields,
  installCleanupHandlers,
  multipart,
  openLoop,
  request,
  round,
  runSync,
  startChild,
  stopAll,
  table,
  track,
  waitForOk,
  type Child,
  type LoadResult,
  type Shot,
} from './lib';
import { buildMinimalNext, measureFormPages, rssMb, startMinimalNext, watchRss, type FormPageResult } from './form-pages';

const ROOT = path.resolve(__dirname, '..');
const NEXT_CLI = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PHASE_MS = SECONDS * 1000;
const ONLY = new Set((process.env.BENCH_ONLY ?? 'pglite,postgres,js,outbox,queue,exclusions').split(',').map((part) => part.trim()));
/** Fixed so every run (and every instance on PostgreSQL) encrypts with the same key. Not a secret. */
const DATA_ENCRYPTION_KEY = Buffer.alloc(32, 0x42).toString('base64');
const GET_CONCURRENCY = 10;
const POST_CONCURRENCY = 8;
const OPEN_RATE = 20;
const REDIRECT = /^\/contract-request\/submitted\/NCR-[0-9A-HJKMNP-TV-Z]{8}$/;

/** Variables the app reads: never inherited from the caller's shell, so a local .env or DATABASE_URL cannot leak in. */
const APP_VARIABLES = [
  'DATABASE_URL',
  'DATA_DIR',
  'SMTP_URL',
  'MAIL_FROM',
  'APP_URL',
  'INBOX_NEW_CONTRACT',
  'INBOX_CLINIC_ALERTS',
  'INBOX_PROVIDER_UPDATES',
  'DATA_ENCRYPTION_KEY',
  'OUTBOX_WORKER',
  'OUTBOX_RETRY_FIRST_SECONDS',
  'OUTBOX_RETRY_MAX_SECONDS',
  'OUTBOX_GIVE_UP_HOURS',
  'OUTBOX_LEASE_SECONDS',
  'OUTBOX_POLL_SECONDS',
  'SMTP_MAX_CONNECTIONS',
  'PORT',
  'SUBMISSIONS_PER_HOUR',
  'STATUS_LOOKUPS_PER_15_MINUTES',
  'STAFF_SIGN_IN_REQUESTS_PER_15_MINUTES',
  'TRUSTED_PROXIES',
];

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of APP_VARIABLES) delete base[name];
  return {
    ...base,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATA_ENCRYPTION_KEY,
    BENCH_PARENT_PID: String(process.pid),
    ...extra,
  };
}

const log = (message: string) => console.info(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  track({
    name: dir,
    stop: async () => rmSync(dir, { recursive: true, force: true }),
    kill: () => rmSync(dir, { recursive: true, force: true }),
  });
  return dir;
}

// ---------------------------------------------------------------------------------------------------------
// Build, PostgreSQL
// ---------------------------------------------------------------------------------------------------------

function ensureBuild(): { built: boolean; buildId: string; seconds?: number } {
  const marker = path.join(ROOT, '.next', 'BUILD_ID');
  if (existsSync(marker)) return { built: false, buildId: readFileSync(marker, 'utf8').trim() };
  log('no production build (.next/BUILD_ID): running `next build` (about a minute or two)');
  const started = Date.now();
  runSync(process.execPath, [NEXT_CLI, 'build'], { cwd: ROOT, env: childEnv({}), timeoutMs: 300_000, inherit: true });
  return { built: true, buildId: readFileSync(marker, 'utf8').trim(), seconds: round((Date.now() - started) / 1000) };
}

interface Postgres {
  /** Creates a fresh database and returns its URL (dropped at the end when the server is not ours). */
  createDatabase(name: string): Promise<string>;
  source: string;
}

async function startPostgres(): Promise<Postgres> {
  let serverUrl = process.env.BENCH_DATABASE_URL;
  let source = 'BENCH_DATABASE_URL';
  const isOurs = !serverUrl;
  if (!serverUrl) {
    const script = path.join(ROOT, '.ci', 'postgres.sh');
    // Registered before it runs: a half-started server is still stopped if we die while it starts.
    let pgDir: string | undefined;
    const stopPostgres = () => {
      if (pgDir) runSync('bash', [script, 'stop', pgDir], { cwd: ROOT, timeoutMs: 30_000 });
      pgDir = undefined;
    };
    track({ name: 'PostgreSQL', stop: async () => stopPostgres(), kill: stopPostgres });
    const output = runSync('bash', [script], { cwd: ROOT, timeoutMs: 60_000 });
    pgDir = /^PG_DIR=(.+)$/m.exec(output)?.[1];
    serverUrl = /^PG_URL=(.+)$/m.exec(output)?.[1];
    if (!pgDir || !serverUrl) throw new Error(`.ci/postgres.sh printed no PG_DIR/PG_URL:\n${output}`);
    source = `throwaway PostgreSQL 15 from .ci/postgres.sh (${pgDir})`;
  }
  const admin = serverUrl;
  if (new URL(admin).hostname !== '127.0.0.1' && new URL(admin).hostname !== 'localhost') {
    throw new Error('BENCH_DATABASE_URL must point at 127.0.0.1 (this bench sends traffic only to this machine)');
  }
  return {
    source,
    async createDatabase(prefix) {
      const name = `${prefix}_${randomUUID().slice(0, 8)}`;
      const client = new Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      if (!isOurs) {
        const drop = async () => {
          const dropper = new Client({ connectionString: admin });
          await dropper.connect();
          await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => dropper.end());
        };
        track({ name: `database ${name}`, stop: drop, kill: () => console.error(`[bench] database ${name} left on BENCH_DATABASE_URL`) });
      }
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------------------------------------

interface Server {
  base: string;
  child: Child;
  startMs: number;
}

async function startNext(dbEnv: Record<string, string>, label: string): Promise<Server> {
  const port = await freePort();
  const child = startChild(
    `server (${label})`,
    process.execPath,
    [path.join(ROOT, 'scripts', 'server.mjs'), '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: ROOT,
      // The load comes from one address: the limit is raised so every post is stored, and its count (one upsert) is still paid.
      env: childEnv({
        ...dbEnv,
        PORT: String(port),
        OUTBOX_WORKER: 'off',
        APP_URL: `http://127.0.0.1:${port}`,
        SUBMISSIONS_PER_HOUR: '1000000000',
        PUBLIC_MAILS_PER_ADDRESS_PER_HOUR: '1000000000',
        // The submission bench measures our work, never the public NPI registry's.
        NPPES_API_URL: 'off',
      }),
    },
  );
  const base = `http://127.0.0.1:${port}`;
  let alive = true;
  void child.exited.then(() => (alive = false));
  try {
    const startMs = await waitForOk(`${base}/api/health`, 60_000, () => alive);
    return { base, child, startMs };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- server output ---\n${child.output().slice(-3000)}`);
  }
}

async function startCeiling(dbEnv: Record<string, string>, label: string): Promise<Server> {
  const port = await freePort();
  const child = startChild(`ceiling (${label})`, process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'ceiling-server.ts')], {
    cwd: ROOT,
    env: childEnv({ ...dbEnv, PORT: String(port) }),
  });
  const base = `http://127.0.0.1:${port}`;
  let alive = true;
  void child.exited.then(() => (alive = false));
  try {
    const startMs = await waitForOk(`${base}/health`, 60_000, () => alive);
    return { base, child, startMs };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- ceiling output ---\n${child.output().slice(-3000)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Shots
// ---------------------------------------------------------------------------------------------------------

function getShot(url: string): Shot {
  return async (agent: http.Agent) => {
    const reply = await request(url, { agent, headers: { 'accept-encoding': 'gzip', accept: 'text/html' } });
    if (reply.status !== 200) return `HTTP ${reply.status}`;
    return undefined;
  };
}

interface FormPost {
  action: Array<[string, string]>;
  shot: Shot;
  /** Redirects seen (should equal successful posts). */
  redirects: () => number;
}

let formsMade = 0;
/** A valid form with answers of its own: the app treats the very same answers sent again as a repeat. */
function uniqueForm() {
  formsMade += 1;
  return validContractRequest({ providerName: `Bench Clinic ${formsMade}` });
}

/** What a browser with JavaScript off sends: the hidden $ACTION_ inputs, then the fields, as multipart/form-data. */
async function formPost(base: string, postUrl: string): Promise<FormPost> {
  const page = await request(`${base}/contract-request`);
  if (page.status !== 200) throw new Error(`GET /contract-request answered ${page.status}`);
  const hidden = hiddenActionFields(page.body.toString('utf8'));
  if (hidden.action.length === 0)
    throw new Error('the form has no $ACTION_ hidden inputs: is it still a progressively enhanced Server Action form?');
  if (!hidden.submissionKey) throw new Error('the form has no hidden submissionKey input');
  if (hidden.enctype && hidden.enctype !== 'multipart/form-data') throw new Error(`the form's enctype is ${hidden.enctype}`);
  let redirects = 0;
  const shot: Shot = async (agent) => {
    const { submissionKey: _unused, ...fields } = uniqueForm();
    // Document order: React renders the $ACTION_ inputs first, then submissionKey, then the fields.
    const { body, contentType } = multipart([...hidden.action, ['submissionKey', randomUUID()], ...Object.entries(fields)]);
    const reply = await request(postUrl, {
      method: 'POST',
      agent,
      body,
      headers: {
        'content-type': contentType,
        origin: base,
        referer: `${base}/contract-request`,
        accept: 'text/html,application/xhtml+xml',
        'accept-encoding': 'gzip',
      },
    });
    if (reply.status !== 303) {
      const text = reply.body.toString('utf8');
      const problem =
        /<h2 id="error-summary-title">.*?<\/ul>/s
          .exec(text)?.[0]
          ?.replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ') ?? text.slice(0, 120);
      return `HTTP ${reply.status}: ${problem}`;
    }
    const location = String(reply.headers.location ?? '');
    if (!REDIRECT.test(location)) return `303 to unexpected ${location}`;
    redirects++;
    return undefined;
  };
  return { action: hidden.action, shot, redirects: () => redirects };
}

async function warmUp(shot: Shot, count: number) {
  await closedLoop(shot, { concurrency: 2, durationMs: 20_000, maxRequests: count });
}

async function outboxPending(base: string): Promise<number | undefined> {
  const reply = await request(`${base}/api/health`);
  return reply.status === 200 ? (JSON.parse(reply.body.toString()) as { outbox: { pending: number } }).outbox.pending : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// One database
// ---------------------------------------------------------------------------------------------------------

interface DatabaseResult {
  engine: 'pglite' | 'postgres';
  serverStartMs: number;
  get: LoadResult;
  postOpen: LoadResult;
  postClosed: LoadResult;
  ceiling?: LoadResult & { serverStartMs: number };
  ratioNextToCeiling?: number;
  check: { redirects: number; outboxPendingAfter?: number; expectedOutbox: number; consistent: boolean };
  serverErrorLines: string[];
  /** Each form page's GET against the minimal Next page (bench/form-pages.ts). */
  formPages?: { pages: FormPageResult[]; ceilingHtmlBytes: number; ceilingRss: { idleMb?: number; loadedMb?: number } };
  /** The server's resident memory: 3 s after it answered, and the most seen while loaded. */
  rss: { idleMb?: number; loadedMb?: number };
}

async function benchDatabase(
  engine: 'pglite' | 'postgres',
  pg: Postgres | undefined,
  js: { run: boolean; result?: unknown },
): Promise<DatabaseResult> {
  const nextEnv: Record<string, string> =
    engine === 'pglite'
      ? { DATA_DIR: tempDir('bench-pglite-next-') }
      : { DATABASE_URL: await pg!.createDatabase('bench_next'), DATA_DIR: tempDir('bench-pg-next-') };
  log(`${engine}: starting the server (OUTBOX_WORKER=off)`);
  const next = await startNext(nextEnv, engine);
  log(`${engine}: ready in ${next.startMs} ms at ${next.base}`);
  let result: DatabaseResult;
  let formPages: DatabaseResult['formPages'];
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const idleMb = rssMb(next.child.process.pid);
  const loadedRss = watchRss(next.child.process.pid);
  try {
    if (minimalDir) formPages = await formPagesAgainstMinimal(engine, next.base);
    if (js.run) {
      log('measuring the JavaScript the form page loads');
      js.result = await measureJavaScript(next.base);
    }

    const get = getShot(`${next.base}/contract-request`);
    await warmUp(get, 40);
    log(`${engine}: GET /contract-request, concurrency ${GET_CONCURRENCY}, ${SECONDS} s`);
    const getResult = await closedLoop(get, { concurrency: GET_CONCURRENCY, durationMs: PHASE_MS, maxRequests: 20_000 });

    const post = await formPost(next.base, `${next.base}/contract-request`);
    actionFields = post.action;
    await warmUp(post.shot, 20);
    log(`${engine}: no-JS POST, open loop ${OPEN_RATE} req/s, ${SECONDS} s`);
    const postOpen = await openLoop(post.shot, { rate: OPEN_RATE, durationMs: PHASE_MS });
    log(`${engine}: no-JS POST, closed loop concurrency ${POST_CONCURRENCY}, ${SECONDS} s`);
    const postClosed = await closedLoop(post.shot, { concurrency: POST_CONCURRENCY, durationMs: PHASE_MS, maxRequests: 10_000 });
    const pending = await outboxPending(next.base);
    const expectedOutbox = post.redirects() * 2;
    const serverErrorLines = next.child
      .output()
      .split('\n')
      .filter((line) => /error|warn|could not/i.test(line))
      .slice(0, 10);
    result = {
      engine,
      serverStartMs: next.startMs,
      get: getResult,
      postOpen,
      postClosed,
      check: { redirects: post.redirects(), outboxPendingAfter: pending, expectedOutbox, consistent: pending === expectedOutbox },
      serverErrorLines,
      formPages,
      rss: { idleMb, loadedMb: loadedRss() },
    };
  } finally {
    await next.child.stop();
  }

  // The ceiling, with the Next server stopped so the two never share the two cores.
  try {
    const ceilingEnv: Record<string, string> =
      engine === 'pglite'
        ? { DATA_DIR: tempDir('bench-pglite-ceiling-') }
        : { DATABASE_URL: await pg!.createDatabase('bench_ceiling'), DATA_DIR: tempDir('bench-pg-ceiling-') };
    log(`${engine}: starting the node:http ceiling server`);
    const ceiling = await startCeiling(ceilingEnv, engine);
    try {
      // Same body as the Next post (the $ACTION_ fields are parsed and ignored), same load.
      const post = ceilingPost(ceiling.base);
      await warmUp(post, 20);
      log(`${engine}: ceiling POST, closed loop concurrency ${POST_CONCURRENCY}, ${SECONDS} s`);
      const ceilingResult = await closedLoop(post, { concurrency: POST_CONCURRENCY, durationMs: PHASE_MS, maxRequests: 20_000 });
      result.ceiling = { ...ceilingResult, serverStartMs: ceiling.startMs };
      result.ratioNextToCeiling = round(result.postClosed.rps / ceilingResult.rps, 3);
    } finally {
      await ceiling.child.stop();
    }
  } catch (error) {
    console.error(`[bench] ${engine}: ceiling failed: ${(error as Error).message}`);
  }
  return result;
}

/** The minimal Next app's build (bench/form-pages.ts), made once per run when a database part runs. */
let minimalDir: string | undefined;

async function formPagesAgainstMinimal(engine: string, base: string): Promise<DatabaseResult['formPages']> {
  const minimal = await startMinimalNext(ROOT, minimalDir!, childEnv({}));
  try {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleMb = rssMb(minimal.child.process.pid);
    const loaded = watchRss(minimal.child.process.pid);
    log(`${engine}: GET of each form page against the minimal Next page, concurrency ${GET_CONCURRENCY}, ${SECONDS} s each`);
    const measured = await measureFormPages(base, [...FORM_PAGES, '/status'], minimal.base, {
      concurrency: GET_CONCURRENCY,
      durationMs: PHASE_MS,
    });
    return { pages: measured.pages, ceilingHtmlBytes: measured.ceilingHtmlBytes, ceilingRss: { idleMb, loadedMb: loaded() } };
  } finally {
    await minimal.child.stop();
  }
}

/** The same multipart post, sent to the ceiling server (which has no form page to read hidden inputs from). */
function ceilingPost(base: string): Shot {
  const action = actionFields ?? [];
  return async (agent) => {
    const { submissionKey: _unused, ...fields } = uniqueForm();
    const { body, contentType } = multipart([...action, ['submissionKey', randomUUID()], ...Object.entries(fields)]);
    const reply = await request(`${base}/contract-request`, {
      method: 'POST',
      agent,
      body,
      headers: { 'content-type': contentType, origin: base },
    });
    if (reply.status !== 303) return `HTTP ${reply.status}: ${reply.body.toString().slice(0, 120)}`;
    if (!REDIRECT.test(String(reply.headers.location ?? ''))) return `303 to unexpected ${reply.headers.location}`;
    return undefined;
  };
}
/** The $ACTION_ hidden inputs the last Next form page carried, so the ceiling parses the same body. */
let actionFields: Array<[string, string]> | undefined;

// ---------------------------------------------------------------------------------------------------------
// JavaScript weight
// ---------------------------------------------------------------------------------------------------------

interface Chunk {
  src: string;
  noModule: boolean;
  raw: number;
  gzip9: number;
  served: number;
  servedEncoding: string;
}

async function scriptsOf(
  base: string,
  pathname: string,
): Promise<{ status: number; html: { raw: number; gzip9: number }; chunks: Chunk[] }> {
  const page = await request(`${base}${pathname}`);
  const html = page.body.toString('utf8');
  const chunks: Chunk[] = [];
  for (const tag of html.match(/<script\b[^>]*\bsrc="[^"]+"[^>]*>/gi) ?? []) {
    const src = /\bsrc="([^"]+)"/i.exec(tag)![1].replace(/&amp;/g, '&');
    if (!src.startsWith('/')) continue; // only this server's chunks
    if (chunks.some((chunk) => chunk.src === src)) continue;
    const plain = await request(`${base}${src}`);
    if (plain.status !== 200) throw new Error(`GET ${src} answered ${plain.status}`);
    const served = await request(`${base}${src}`, { headers: { 'accept-encoding': 'gzip' } });
    chunks.push({
      src,
      noModule: /\snomodule/i.test(tag),
      raw: plain.body.length,
      gzip9: zlib.gzipSync(plain.body, { level: 9 }).length,
      served: served.body.length,
      servedEncoding: String(served.headers['content-encoding'] ?? 'identity'),
    });
  }
  return { status: page.status, html: { raw: page.body.length, gzip9: zlib.gzipSync(page.body, { level: 9 }).length }, chunks };
}

const kb = (bytes: number) => round(bytes / 1024, 1);
const sum = (chunks: Chunk[], key: 'raw' | 'gzip9' | 'served') =>
  chunks.filter((chunk) => !chunk.noModule).reduce((total, chunk) => total + chunk[key], 0);

/** The public form pages, each held to the same budget above the floor. */
const FORM_PAGES = SUBMISSION_KINDS.map((kind) => KINDS[kind].form.path);

async function measureJavaScript(base: string) {
  const home = await scriptsOf(base, '/');
  const notFound = await scriptsOf(base, '/bench-no-such-page');
  const homeSrcs = new Set(home.chunks.map((chunk) => chunk.src));
  const total = (page: typeof home) => ({
    scripts: page.chunks.filter((chunk) => !chunk.noModule).length,
    rawKB: kb(sum(page.chunks, 'raw')),
    gzip9KB: kb(sum(page.chunks, 'gzip9')),
    servedKB: kb(sum(page.chunks, 'served')),
    htmlKB: kb(page.html.raw),
    htmlGzip9KB: kb(page.html.gzip9),
  });
  const budgetKB = 20;
  const forms = [];
  for (const path of FORM_PAGES) {
    const form = await scriptsOf(base, path);
    const differenceKB = round(kb(sum(form.chunks, 'gzip9')) - kb(sum(home.chunks, 'gzip9')), 1);
    forms.push({
      path,
      ...total(form),
      differenceGzip9KB: differenceKB,
      formOnlyChunksGzip9KB: kb(
        sum(
          form.chunks.filter((chunk) => !chunk.noModule && !homeSrcs.has(chunk.src)),
          'gzip9',
        ),
      ),
      withinBudget: differenceKB <= budgetKB,
      largestChunks: [...form.chunks]
        .filter((chunk) => !chunk.noModule && !homeSrcs.has(chunk.src))
        .sort((a, b) => b.gzip9 - a.gzip9)
        .slice(0, 4)
        .map((chunk) => ({ src: chunk.src, rawKB: kb(chunk.raw), gzip9KB: kb(chunk.gzip9), servedKB: kb(chunk.served) })),
    });
  }
  return {
    floorPage: '/ (home page: static, a heading, a paragraph and one <Link>)',
    budgetKB,
    forms,
    floor: total(home),
    notFound: { status: notFound.status, ...total(notFound) },
    withinBudget: forms.every((form) => form.withinBudget),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Outbox drain
// ---------------------------------------------------------------------------------------------------------

async function outboxDrain(engine: 'pglite' | 'postgres', pg: Postgres | undefined): Promise<Record<string, unknown>> {
  const dbEnv: Record<string, string> =
    engine === 'pglite'
      ? { DATA_DIR: tempDir('bench-pglite-outbox-') }
      : { DATABASE_URL: await pg!.createDatabase('bench_outbox'), DATA_DIR: tempDir('bench-pg-outbox-') };
  log(`${engine}: outbox drain of 2000 messages, two workers, SMTP greeting delay 100 ms`);
  let result: Record<string, unknown> | undefined;
  const child = startChild(`outbox drain (${engine})`, process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'outbox-drain.ts')], {
    cwd: ROOT,
    env: childEnv({ ...dbEnv, BENCH_OUTBOX_COUNT: '2000', BENCH_GREETING_DELAY_MS: '100', BENCH_OUTBOX_TIME_LIMIT_MS: '90000' }),
    onLine: (line) => {
      if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as Record<string, unknown>;
    },
  });
  const code = await Promise.race([child.exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 150_000))]);
  await child.stop();
  if (!result) throw new Error(`outbox drain (${engine}) gave no result (exit ${code}):\n${child.output().slice(-3000)}`);
  const warnings = child
    .output()
    .split('\n')
    .filter((line) => /\[outbox\]/.test(line));
  return { ...result, workerLogLines: warnings.length, workerLogSample: warnings.slice(0, 3) };
}

/** The staff queue with BENCH_QUEUE_ROWS (default 1,000,000) submissions seeded in PostgreSQL (bench/queue.ts). */
async function queueAtScale(pg: Postgres): Promise<Record<string, unknown>> {
  const rows = process.env.BENCH_QUEUE_ROWS ?? '1000000';
  log(`postgres: staff queue with ${Number(rows).toLocaleString('en-US')} submissions (seeding takes a few minutes)`);
  let result: Record<string, unknown> | undefined;
  const child = startChild(
    'staff queue',
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'bench', 'queue.ts')],
    {
      cwd: ROOT,
      env: childEnv({ DATABASE_URL: await pg.createDatabase('bench_queue'), DATA_DIR: tempDir('bench-queue-'), BENCH_QUEUE_ROWS: rows }),
      onLine: (line) => {
        if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as Record<string, unknown>;
        else if (line.startsWith('[queue] ')) log(line.slice(8));
      },
    },
  );
  const code = await Promise.race([child.exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 1_500_000))]);
  await child.stop();
  if (!result) throw new Error(`staff queue gave no result (exit ${code}):\n${child.output().slice(-3000)}`);
  return result;
}

/** The exclusion list: an 80,000-row LEIE file loaded and 100,000 open submissions screened (bench/exclusions.ts). */
async function exclusionListAtScale(pg: Postgres): Promise<Record<string, unknown>> {
  log('postgres: exclusion list, 80,000 entries against 100,000 open submissions');
  let result: Record<string, unknown> | undefined;
  const child = startChild(
    'exclusion list',
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'bench', 'exclusions.ts')],
    {
      cwd: ROOT,
      env: childEnv({ DATABASE_URL: await pg.createDatabase('bench_exclusions'), DATA_DIR: tempDir('bench-exclusions-') }),
      onLine: (line) => {
        if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as Record<string, unknown>;
      },
    },
  );
  const code = await Promise.race([child.exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 600_000))]);
  await child.stop();
  if (!result) throw new Error(`exclusion list gave no result (exit ${code}):\n${child.output().slice(-3000)}`);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------

function loadRow(database: string, test: string, load: LoadResult | undefined): Array<string | number> {
  if (!load) return [database, test, 'not run', '', '', '', '', '', ''];
  return [database, test, load.rps, load.p50, load.p95, load.p99, load.max, load.ok, load.errors];
}

function report(results: Record<string, any>): string {
  const out: string[] = [];
  const dbs = results.databases as Record<string, DatabaseResult>;
  const rows: Array<Array<string | number>> = [];
  for (const [name, db] of Object.entries(dbs)) {
    rows.push(loadRow(name, `GET /contract-request (c=${GET_CONCURRENCY})`, db.get));
    rows.push(loadRow(name, `no-JS POST, open ${OPEN_RATE}/s`, db.postOpen));
    rows.push(loadRow(name, `no-JS POST (c=${POST_CONCURRENCY})`, db.postClosed));
    rows.push(loadRow(name, `ceiling node:http POST (c=${POST_CONCURRENCY})`, db.ceiling));
  }
  out.push(`HTTP (${SECONDS} s per phase; latencies in ms; open-loop latency counted from when each request was due)`);
  out.push(table(['database', 'test', 'req/s', 'p50', 'p95', 'p99', 'max', 'ok', 'errors'], rows));
  const ratios = Object.entries(dbs).map(
    ([name, db]) =>
      `${name}: Next/ceiling = ${db.ratioNextToCeiling ?? '–'}; outbox rows ${db.check.outboxPendingAfter} for ${db.check.redirects} redirects (${db.check.consistent ? 'consistent' : 'INCONSISTENT'}); server ready in ${db.serverStartMs} ms`,
  );
  out.push(...ratios);
  for (const [name, db] of Object.entries(dbs)) {
    for (const load of [db.get, db.postOpen, db.postClosed, db.ceiling]) {
      if (load && load.errors > 0) out.push(`  ${name} ${load.mode}: errors: ${load.errorSamples.join(' | ')}`);
    }
    if (db.serverErrorLines.length > 0) out.push(`  ${name} server log lines with error/warn: ${db.serverErrorLines.join(' | ')}`);
  }

  const withPages = Object.entries(dbs).filter(([, db]) => db.formPages);
  if (withPages.length > 0) {
    out.push(
      '',
      `Form pages against a minimal Next 16 page with a Server Action (next start, rendered per request; c=${GET_CONCURRENCY}, ${SECONDS} s each; budget: ratio >= 0.9, HTML <= 60 KB)`,
    );
    out.push(
      table(
        ['database', 'page', 'HTML KB', 'req/s', 'p95', 'minimal req/s', 'ratio', 'budget'],
        withPages.flatMap(([name, db]) => [
          ...db.formPages!.pages.map((page) => [
            name,
            page.path,
            kb(page.htmlBytes),
            page.get.rps,
            page.get.p95,
            page.ceilingRps,
            page.ratio,
            [page.ratio >= 0.9 ? 'rate met' : 'rate MISSED', page.htmlBytes <= 60 * 1024 ? 'size met' : 'size MISSED'].join(', '),
          ]),
          [name, '(minimal page)', kb(db.formPages!.ceilingHtmlBytes), '', '', '', '', ''],
        ]),
      ),
    );
  }
  out.push('', 'Server memory (RSS, MB): 3 s after start, and the most seen under the load above; budget: idle < 400 on PGlite');
  out.push(
    table(
      ['server', 'idle', 'loaded'],
      Object.entries(dbs).flatMap(([name, db]) => [
        [`app on ${name}`, db.rss?.idleMb ?? '–', db.rss?.loadedMb ?? '–'],
        ...(db.formPages
          ? [[`minimal Next page (during ${name})`, db.formPages.ceilingRss.idleMb ?? '–', db.formPages.ceilingRss.loadedMb ?? '–']]
          : []),
      ]),
    ),
  );

  if (results.javascript) {
    const js = results.javascript;
    out.push('', `Form page JavaScript (<script src> chunks, noModule excluded; floor = ${js.floorPage})`);
    out.push(
      table(
        ['page', 'scripts', 'raw KB', 'gzip-9 KB', 'above floor KB', 'budget', 'HTML KB', 'HTML gzip-9 KB'],
        [
          ...js.forms.map((form: any) => [
            form.path,
            form.scripts,
            form.rawKB,
            form.gzip9KB,
            form.differenceGzip9KB,
            form.withinBudget ? `within ${js.budgetKB}` : `OVER ${js.budgetKB}`,
            form.htmlKB,
            form.htmlGzip9KB,
          ]),
          ['/ (floor)', js.floor.scripts, js.floor.rawKB, js.floor.gzip9KB, '', '', js.floor.htmlKB, js.floor.htmlGzip9KB],
          [
            `404 (status ${js.notFound.status})`,
            js.notFound.scripts,
            js.notFound.rawKB,
            js.notFound.gzip9KB,
            '',
            '',
            js.notFound.htmlKB,
            js.notFound.htmlGzip9KB,
          ],
        ],
      ),
    );
    out.push('Largest chunks of each form page that the floor does not load:');
    out.push(
      table(
        ['page', 'chunk', 'raw KB', 'gzip-9 KB', 'served KB'],
        js.forms.flatMap((form: any) =>
          form.largestChunks.map((chunk: any) => [form.path, chunk.src, chunk.rawKB, chunk.gzip9KB, chunk.servedKB]),
        ),
      ),
    );
  }

  if (results.exclusions) {
    const ex = results.exclusions;
    const met = (seconds: number, budget: number) => (seconds < budget ? 'met' : 'MISSED');
    out.push(
      '',
      `Exclusion list on PostgreSQL: an LEIE file of ${ex.rows.toLocaleString('en-US')} entries (${ex.fileMB} MB) against ${ex.submissions.toLocaleString('en-US')} open submissions, seconds`,
    );
    out.push(
      table(
        ['step', 'seconds', 'result', 'budget'],
        [
          [
            'load (first)',
            ex.firstLoad.seconds,
            `${ex.firstLoad.rows.toLocaleString('en-US')} entries`,
            `10 s: ${met(ex.firstLoad.seconds, 10)}`,
          ],
          [
            'screening, first (every submission’s names gathered from its kind)',
            ex.firstScreening.seconds,
            `${ex.firstScreening.screened.toLocaleString('en-US')} screened, ${ex.firstScreening.flagged} flagged`,
            `30 s: ${met(ex.firstScreening.seconds, 30)}`,
          ],
          [
            'load (next month)',
            ex.reload.seconds,
            `${ex.reload.rows.toLocaleString('en-US')} entries`,
            `10 s: ${met(ex.reload.seconds, 10)}`,
          ],
          [
            'screening after the load',
            ex.screening.seconds,
            `${ex.screening.screened.toLocaleString('en-US')} screened, ${ex.screening.flagged} flagged`,
            `30 s: ${met(ex.screening.seconds, 30)}`,
          ],
        ],
      ),
    );
  }

  if (results.queue) {
    const queue = results.queue;
    out.push(
      '',
      `Staff queue on PostgreSQL with ${queue.rows.toLocaleString('en-US')} submissions (seeded in ${queue.seedSeconds} s); one page of 50 with the counts per status, ms`,
    );
    out.push(
      table(
        ['query', 'runs', 'rows', 'matching', 'p50', 'p95', 'max', 'budget p95 100'],
        queue.results.map((row: any) => [
          row.name,
          row.runs,
          row.rows,
          row.matching,
          row.p50,
          row.p95,
          row.max,
          row.p95 <= 100 ? 'met' : 'MISSED',
        ]),
      ),
    );
    const exported = queue.export;
    if (exported) {
      out.push('', `CSV export of every submission (lib/staff/csv-export.ts), read to the end`);
      out.push(
        table(
          ['rows', 'MB', 'seconds', 'first byte ms', 'rows/s', 'memory growth MB', 'budgets (1 s, 50,000 rows/s, 50 MB)'],
          [
            [
              exported.rows,
              exported.megabytes,
              exported.seconds,
              exported.firstByteMs,
              exported.rowsPerSecond,
              exported.memoryGrowthMb,
              [exported.firstByteMs < 1000, exported.rowsPerSecond >= 50_000, exported.memoryGrowthMb < 50]
                .map((met) => (met ? 'met' : 'MISSED'))
                .join(', '),
            ],
          ],
        ),
      );
    }
  }

  if (results.outbox) {
    out.push('', 'Outbox drain (2 workers, each its own pooled smtpMailer; test SMTP with 100 ms greeting delay)');
    out.push(
      table(
        [
          'database',
          'messages',
          'enqueue ms',
          'drain s',
          'msg/s',
          'received',
          'unique Message-IDs',
          'duplicates',
          'sent by worker',
          'all SENT',
        ],
        Object.values(results.outbox as Record<string, any>).map((o) =>
          o.error
            ? [o.engine, 'failed', '', '', '', '', '', '', '', String(o.error).slice(0, 60)]
            : [
                o.engine,
                o.messages,
                o.enqueueMs,
                o.drainSeconds,
                o.messagesPerSecond,
                o.received,
                o.uniqueMessageIds,
                o.duplicates,
                o.sentByWorker.join(' / '),
                o.complete ? 'yes' : 'NO',
              ],
        ),
      ),
    );
  }
  if (results.failures.length > 0) out.push('', 'FAILED PARTS:', ...results.failures.map((failure: string) => `  - ${failure}`));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  installCleanupHandlers();
  const limitSeconds = Number(process.env.BENCH_TIME_LIMIT_S ?? 1200);
  setTimeout(() => {
    console.error(`[bench] time limit of ${limitSeconds} s reached: stopping everything`);
    void stopAll().finally(() => process.exit(2));
  }, limitSeconds * 1000).unref();

  const started = Date.now();
  const results: Record<string, any> = {
    startedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverageAtStart: os.loadavg().map((value) => round(value, 2)),
    },
    settings: {
      seconds: SECONDS,
      getConcurrency: GET_CONCURRENCY,
      postConcurrency: POST_CONCURRENCY,
      openRate: OPEN_RATE,
      loadGenerator: 'node:http keep-alive agent, in the bench process',
    },
    databases: {},
    failures: [] as string[],
  };
  // The staff queue and the outbox drain run without the Next server: no build for them alone.
  results.build = ['pglite', 'postgres', 'js'].some((part) => ONLY.has(part)) ? ensureBuild() : { built: false, buildId: 'not needed' };
  log(`build ${results.build.buildId}${results.build.built ? ` (built in ${results.build.seconds} s)` : ''}`);

  let pg: Postgres | undefined;
  if (ONLY.has('postgres') || ONLY.has('outbox') || ONLY.has('queue') || ONLY.has('exclusions')) {
    try {
      pg = await startPostgres();
      results.postgres = pg.source;
      log(`PostgreSQL: ${pg.source}`);
    } catch (error) {
      results.failures.push(`PostgreSQL: ${(error as Error).message}`);
    }
  }

  if ((ONLY.has('pglite') || ONLY.has('postgres')) && process.env.BENCH_MINIMAL !== '0') {
    try {
      log('building the minimal Next page (bench/form-pages.ts)');
      const dir = tempDir('bench-minimal-next-');
      buildMinimalNext(ROOT, dir, childEnv({}));
      minimalDir = dir;
    } catch (error) {
      results.failures.push(`minimal Next page: ${(error as Error).message.slice(0, 2000)}`);
    }
  }

  // The JavaScript weight is read from the first Next server that runs (it does not depend on the database).
  const js = { run: ONLY.has('js'), result: undefined as unknown };
  for (const engine of ['pglite', 'postgres'] as const) {
    if (!ONLY.has(engine)) continue;
    if (engine === 'postgres' && !pg) continue;
    try {
      results.databases[engine] = await benchDatabase(engine, pg, js);
    } catch (error) {
      results.failures.push(`${engine}: ${(error as Error).message}`);
      console.error(`[bench] ${engine} failed: ${(error as Error).message}`);
    }
    if (js.result) js.run = false;
  }
  if (js.run) {
    try {
      const next = await startNext({ DATA_DIR: tempDir('bench-pglite-js-') }, 'js');
      try {
        js.result = await measureJavaScript(next.base);
      } finally {
        await next.child.stop();
      }
    } catch (error) {
      results.failures.push(`javascript: ${(error as Error).message}`);
    }
  }
  if (js.result) results.javascript = js.result;

  if (ONLY.has('outbox')) {
    results.outbox = {};
    const engines: Array<'postgres' | 'pglite'> = [];
    if (pg) engines.push('postgres');
    if (process.env.BENCH_OUTBOX_PGLITE !== '0') engines.push('pglite');
    for (const engine of engines) {
      try {
        results.outbox[engine] = await outboxDrain(engine, pg);
      } catch (error) {
        results.outbox[engine] = { engine, error: (error as Error).message };
        results.failures.push(`outbox ${engine}: ${(error as Error).message}`);
      }
    }
  }

  if (ONLY.has('queue') && pg) {
    try {
      results.queue = await queueAtScale(pg);
    } catch (error) {
      results.failures.push(`queue: ${(error as Error).message}`);
    }
  }

  if (ONLY.has('exclusions') && pg) {
    try {
      results.exclusions = await exclusionListAtScale(pg);
    } catch (error) {
      results.failures.push(`exclusions: ${(error as Error).message}`);
    }
  }

  results.totalSeconds = round((Date.now() - started) / 1000);
  results.machine.loadAverageAtEnd = os.loadavg().map((value: number) => round(value, 2));
  const text = report(results);
  console.info(
    `\n${text}\n\nTotal ${results.totalSeconds} s on ${results.machine.cpus} CPUs; load average at start ${results.machine.loadAverageAtStart.join(' ')}, at end ${results.machine.loadAverageAtEnd.join(' ')} (other processes on the machine skew every figure)`,
  );
  writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('wrote bench/results.json');
  return results.failures.length === 0 ? 0 : 1;
}

main()
  .then(async (code) => {
    await stopAll();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(`[bench] ${(error as Error).stack ?? error}`);
    await stopAll();
    process.exit(1);
  });
