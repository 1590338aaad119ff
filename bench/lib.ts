// Helpers for bench/run.ts: child processes that are always stopped, a bounded HTTP load generator,
// percentiles, the no-JS form post (hidden $ACTION_ inputs + multipart body) and small formatting.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';

// ---------------------------------------------------------------------------------------------------------
// Cleanup: everything started is registered here and stopped on normal end, on error and on SIGINT/SIGTERM.
// ---------------------------------------------------------------------------------------------------------

interface Resource {
  name: string;
  /** Graceful, async stop (normal end). */
  stop: () => Promise<void>;
  /** Last resort, synchronous (process 'exit'). */
  kill: () => void;
}

const resources: Resource[] = [];

export function track(resource: Resource): () => void {
  resources.push(resource);
  return () => {
    const index = resources.indexOf(resource);
    if (index >= 0) resources.splice(index, 1);
  };
}

/** Stops every registered resource, newest first, each with a time limit. */
export async function stopAll(): Promise<void> {
  while (resources.length > 0) {
    const resource = resources.pop()!;
    try {
      await withTimeout(resource.stop(), 15_000, `stopping ${resource.name}`);
    } catch (error) {
      console.error(`[bench] ${(error as Error).message}; killing it`);
      try {
        resource.kill();
      } catch {
        /* already gone */
      }
    }
  }
}

let installed = false;
export function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const resource of resources.splice(0).reverse()) {
      try {
        resource.kill();
      } catch {
        /* already gone */
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n[bench] ${signal}: stopping everything`);
      void stopAll().finally(() => process.exit(130));
    });
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms ${what}`)), ms);
    }),
  ]);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Child {
  process: ChildProcess;
  /** Everything it printed (bounded), for error messages. */
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

/**
 * Spawns a child in its own process group (so anything it starts goes too) and registers it for cleanup.
 * stop(): SIGTERM to the group, SIGKILL after graceMs.
 */
export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; graceMs?: number; onLine?: (line: string) => void },
): Child {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let partial = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    if (options.onLine) {
      partial += text;
      const lines = partial.split('\n');
      partial = lines.pop()!;
      for (const line of lines) options.onLine(line);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let isExited = false;
  void exited.then(() => (isExited = true));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* gone */
    }
  };
  const stop = async () => {
    if (isExited) return;
    killGroup('SIGTERM');
    const graceful = await Promise.race([exited.then(() => true), sleep(options.graceMs ?? 8_000).then(() => false)]);
    if (!graceful) {
      killGroup('SIGKILL');
      await Promise.race([exited, sleep(3_000)]);
    } else {
      killGroup('SIGKILL'); // anything left in the group
    }
  };
  const untrack = track({ name, stop, kill: () => killGroup('SIGKILL') });
  void exited.then(untrack);
  return {
    process: child,
    output: () => output,
    exited,
    stop: async () => {
      await stop();
      untrack();
    },
  };
}

/** Runs a command to completion (bounded), returning stdout; throws with its output on failure. */
export function runSync(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number; inherit?: boolean },
) {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    stdio: options.inherit ? 'inherit' : 'pipe',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})\n${result.stdout ?? ''}${result.stderr ?? ''}`,
    );
  }
  return result.stdout ?? '';
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------------------

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer; agent?: http.Agent | false; timeoutMs?: number } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    if (target.hostname !== '127.0.0.1') return reject(new Error(`refusing non-local URL ${url}`));
    const req = http.request(
      {
        host: '127.0.0.1',
        port: Number(target.port),
        path: target.pathname + target.search,
        method: options.method ?? 'GET',
        headers: { ...(options.body ? { 'content-length': String(options.body.length) } : {}), ...options.headers },
        agent: options.agent ?? false,
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Polls url until it answers 200 (bounded). */
export async function waitForOk(url: string, timeoutMs: number, isAlive: () => boolean): Promise<number> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeoutMs) {
    if (!isAlive()) throw new Error(`server exited before ${url} answered`);
    try {
      const reply = await request(url, { timeoutMs: 5_000 });
      if (reply.status === 200) return Date.now() - started;
      last = `HTTP ${reply.status} ${reply.body.toString().slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${last})`);
}

// ---------------------------------------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------------------------------------

export interface LoadResult {
  mode: string;
  requests: number;
  ok: number;
  errors: number;
  /** A few distinct error descriptions. */
  errorSamples: string[];
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** One request of a load run: resolves to an error description, or undefined when the answer was right. */
export type Shot = (agent: http.Agent) => Promise<string | undefined>;

function summarize(mode: string, latencies: number[], errors: string[], seconds: number, okLatencies: number[]): LoadResult {
  const sorted = [...okLatencies].sort((a, b) => a - b);
  const samples = [...new Set(errors)].slice(0, 5);
  return {
    mode,
    requests: latencies.length,
    ok: okLatencies.length,
    errors: errors.length,
    errorSamples: samples,
    seconds: round(seconds, 2),
    rps: round(okLatencies.length / seconds, 1),
    p50: round(percentile(sorted, 50), 1),
    p95: round(percentile(sorted, 95), 1),
    p99: round(percentile(sorted, 99), 1),
    max: round(sorted[sorted.length - 1] ?? NaN, 1),
  };
}

/** Closed loop: `concurrency` workers, each sending its next request when the last one ends; stops at maxRequests or durationMs. */
export async function closedLoop(
  shot: Shot,
  options: { concurrency: number; durationMs: number; maxRequests: number },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const okLatencies: number[] = [];
  const errors: string[] = [];
  let started = 0;
  const t0 = performance.now();
  const deadline = t0 + options.durationMs;
  const worker = async () => {
    while (started < options.maxRequests && performance.now() < deadline) {
      started++;
      const begin = performance.now();
      let error: string | undefined;
      try {
        error = await shot(agent);
      } catch (caught) {
        error = (caught as Error).message;
      }
      const took = performance.now() - begin;
      latencies.push(took);
      if (error) errors.push(error);
      else okLatencies.push(took);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return summarize(`closed loop, concurrency ${options.concurrency}`, latencies, errors, seconds, okLatencies);
}

/**
 * Open loop: one request every 1000/rate ms for durationMs, whatever the server's speed. Latency counts from the
 * moment the request was due (so a stalled generator or server cannot hide queueing: no coordinated omission).
 */
export async function openLoop(shot: Shot, options: { rate: number; durationMs: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const okLatencies: number[] = [];
  const errors: string[] = [];
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let index = 0; index < total; index++) {
    const due = t0 + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      (async () => {
        let error: string | undefined;
        try {
          error = await shot(agent);
        } catch (caught) {
          error = (caught as Error).message;
        }
        const took = performance.now() - due;
        latencies.push(took);
        if (error) errors.push(error);
        else okLatencies.push(took);
      })(),
    );
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const result = summarize(`open loop, ${options.rate} req/s`, latencies, errors, seconds, okLatencies);
  // Offered load, not achieved completions per wall second (which includes the drain of the last requests).
  return { ...result, rps: round(okLatencies.length / (options.durationMs / 1000), 1) };
}

// ---------------------------------------------------------------------------------------------------------
// The no-JS form post
// ---------------------------------------------------------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };

export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (match, name: string) => {
    if (ENTITIES[name.toLowerCase()] !== undefined) return ENTITIES[name.toLowerCase()];
    if (name[0] === '#')
      return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return match;
  });
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name.replace(/\$/g, '\\$')}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  if (!match) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '');
}

/** The hidden inputs of the first <form> whose names start with $ACTION_, in document order, and its submissionKey. */
export function hiddenActionFields(html: string): {
  action: Array<[string, string]>;
  submissionKey?: string;
  formAction?: string;
  method?: string;
  enctype?: string;
} {
  const formStart = html.search(/<form[\s>]/i);
  if (formStart < 0) throw new Error('no <form> in the page');
  const formEnd = html.indexOf('</form>', formStart);
  const form = html.slice(formStart, formEnd < 0 ? undefined : formEnd);
  const formTag = /^<form[^>]*>/i.exec(form)?.[0] ?? '';
  const action: Array<[string, string]> = [];
  let submissionKey: string | undefined;
  for (const tag of form.match(/<input\b[^>]*>/gi) ?? []) {
    const name = attribute(tag, 'name');
    if (!name) continue;
    if (name.startsWith('$ACTION_')) action.push([name, attribute(tag, 'value') ?? '']);
    if (name === 'submissionKey' && attribute(tag, 'type') === 'hidden') submissionKey = attribute(tag, 'value');
  }
  return {
    action,
    submissionKey,
    formAction: attribute(formTag, 'action'),
    method: attribute(formTag, 'method'),
    enctype: attribute(formTag, 'enctype'),
  };
}

/** multipart/form-data the way a browser encodes it (CRLF, quoted names, "\r\n" normalised newlines). */
export function multipart(fields: Array<[string, string]>): { body: Buffer; contentType: string } {
  const boundary = `----WebKitFormBoundary${randomBytes(12).toString('base64url')}`;
  const escapeName = (name: string) => name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
  const parts = fields.map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${value.replace(/\r?\n/g, '\r\n')}\r\n`,
  );
  return { body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---------------------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------------------

export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [
    headers,
    ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '–') : cell))),
  ];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => (cell ?? '').padEnd(widths[column])).join(' | ')} |`;
  return [line(cells[0]), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

/** Ends a bench child process when the bench that started it is gone (it may have been SIGKILLed). */
export function exitWithParent(onGone: () => void): void {
  const parent = Number(process.env.BENCH_PARENT_PID);
  if (!parent) return;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      onGone();
    }
  }, 1_000).unref();
}
