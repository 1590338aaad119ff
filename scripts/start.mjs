// `npm start`: the production server (scripts/server.mjs) on PORT (default 3000), building first when there is no build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const nextCli = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.info('[start] no production build yet: running `next build` first (about a minute)');
  const build = spawnSync(process.execPath, [nextCli, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// In this process: the server reads PORT itself, and stops on SIGTERM or SIGINT (lib/server-start.ts).
await import('./server.mjs');
