// Runs `prisma generate` on machines that cannot download Prisma's native schema engine.
// Generating the client never uses that engine, but the CLI checks that its file exists;
// any existing file satisfies the check (see docs/decisions/001-migrations.md).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, 'package.json');
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
