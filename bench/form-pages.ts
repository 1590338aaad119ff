// The form pages against the framework's ceiling (issue 16, decisions 017 and 019): a minimal Next 16 app, built once
// into a temp dir from this repo's node_modules and started with `next start`, whose one page renders per request (as
// ours would, for the CSP nonce and the one-time submission key, but for the page templates of scripts/server.mjs) and
// holds a form posting to a real Server Action.
// Each public form page is loaded with the same generator (bench/lib.ts) in the same run, and compared with it;
// the HTML size of each page and the server's resident memory (idle, and the most seen under load) are reported.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { closedLoop, freePort, request, round, runSync, startChild, waitForOk, type Child, type LoadResult, type Shot } from './lib';

const MINIMAL_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'bench-minimal-next', private: true }),
  'next.config.js': "module.exports = { poweredByHeader: false, turbopack: { root: '/' } };\n",
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['dom', 'esnext'],
      jsx: 'react-jsx',
      module: 'esnext',
      moduleResolution: 'bundler',
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      esModuleInterop: true,
      isolatedModules: true,
      resolveJsonModule: true,
      plugins: [{ name: 'next' }],
    },
    include: ['**/*.ts', '**/*.tsx'],
    exclude: ['node_modules'],
  }),
  'app/layout.tsx': `import type { ReactNode } from 'react';
export default function RootLayout({ children }: { children: ReactNode }) {
  return (<html lang="en"><body>{children}</body></html>);
}
`,
  'app/page.tsx': `import { connection } from 'next/server';
import { redirect } from 'next/navigation';

async function send(formData: FormData) {
  'use server';
  redirect('/?name=' + encodeURIComponent(String(formData.get('name') ?? '')));
}

export default async function Page() {
  await connection();
  return (
    <main>
      <h1>Minimal form</h1>
      <form action={send}>
        <label htmlFor="name">Name</label>
        <input id="name" name="name" />
        <button type="submit">Send</button>
      </form>
    </main>
  );
}
`,
};

/** Writes and builds the minimal app in `dir` (node_modules is a link to this repo's); about half a minute. */
export function buildMinimalNext(root: string, dir: string, env: NodeJS.ProcessEnv): void {
  for (const [file, text] of Object.entries(MINIMAL_FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  runSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: dir,
    env,
    timeoutMs: 300_000,
  });
}

export async function startMinimalNext(root: string, dir: string, env: NodeJS.ProcessEnv): Promise<{ base: string; child: Child }> {
  const port = await freePort();
  const child = startChild(
    'minimal Next page',
    process.execPath,
    [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    { cwd: dir, env },
  );
  const base = `http://127.0.0.1:${port}`;
  let alive = true;
  void child.exited.then(() => (alive = false));
  await waitForOk(`${base}/`, 60_000, () => alive);
  return { base, child };
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const kb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? round(kb / 1024, 0) : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every 200 ms until stopped; returns the most seen. */
export function watchRss(pid: number | undefined): () => number | undefined {
  let most = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (now !== undefined && (most === undefined || now > most)) most = now;
  }, 200);
  return () => {
    clearInterval(timer);
    const now = rssMb(pid);
    return now !== undefined && (most === undefined || now > most) ? now : most;
  };
}

function getShot(url: string): Shot {
  return async (agent: http.Agent) => {
    const reply = await request(url, { agent, headers: { 'accept-encoding': 'gzip', accept: 'text/html' } });
    return reply.status === 200 ? undefined : `HTTP ${reply.status}`;
  };
}

export interface FormPageResult {
  path: string;
  htmlBytes: number;
  get: LoadResult;
  /** The minimal page's GET rate, measured just before and just after this page's phase (their mean). */
  ceilingRps: number;
  ratio: number;
}

/**
 * GET of each form page at `concurrency`, each phase between two phases of the minimal page, so that both see
 * the same machine (other processes share its two cores).
 */
export async function measureFormPages(
  base: string,
  paths: string[],
  ceilingBase: string,
  options: { concurrency: number; durationMs: number },
): Promise<{ pages: FormPageResult[]; ceiling: LoadResult[]; ceilingHtmlBytes: number }> {
  const load = { concurrency: options.concurrency, durationMs: options.durationMs, maxRequests: 100_000 };
  const ceilingShot = getShot(`${ceilingBase}/`);
  await closedLoop(ceilingShot, { concurrency: 2, durationMs: 10_000, maxRequests: 40 });
  const ceiling = [await closedLoop(ceilingShot, load)];
  const pages: FormPageResult[] = [];
  for (const pathname of paths) {
    const shot = getShot(`${base}${pathname}`);
    await closedLoop(shot, { concurrency: 2, durationMs: 10_000, maxRequests: 40 });
    const get = await closedLoop(shot, load);
    ceiling.push(await closedLoop(ceilingShot, load));
    const ceilingRps = round((ceiling.at(-1)!.rps + ceiling.at(-2)!.rps) / 2, 1);
    const htmlBytes = (await request(`${base}${pathname}`)).body.length;
    pages.push({ path: pathname, htmlBytes, get, ceilingRps, ratio: round(get.rps / ceilingRps, 2) });
  }
  const ceilingHtmlBytes = (await request(`${ceilingBase}/`)).body.length;
  return { pages, ceiling, ceilingHtmlBytes };
}
