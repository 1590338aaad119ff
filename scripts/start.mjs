// `npm start`: the production server on PORT (default 3000), building first when there is no build.
import { spawn, spawnSync } from 'node:child_process';
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

const port = process.env.PORT || '3000';
const server = spawn(process.execPath, [nextCli, 'start', '--port', port], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
