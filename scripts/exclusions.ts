// `npm run exclusions -- import <file>`: loads the OIG's exclusion list (LEIE, UPDATED.csv) in place of the one in use,
// then screens every open submission against it; `screen` screens them again without a load; `status` shows the list
// in use. /staff/exclusions (admins) does the same load from a browser. Both are audited.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, database } from '@/lib/db/client';
import { DirectoryBusyError } from '@/lib/db/directory-lock';
import { currentExclusionList, loadExclusionList } from '@/lib/exclusions/load';
import { screenOpenSubmissions, type ScreeningSummary } from '@/lib/exclusions/screening';

const USAGE = `Usage:
  npm run exclusions -- import <UPDATED.csv>
  npm run exclusions -- screen
  npm run exclusions -- status`;

class UsageError extends Error {}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function screened(summary: ScreeningSummary): string {
  return (
    `Screened ${summary.screened.toLocaleString('en-US')} open submissions in ${seconds(summary.durationMs)}: ` +
    `${summary.flagged.toLocaleString('en-US')} flagged Possible exclusion.`
  );
}

async function main(argv: string[]): Promise<string> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  const [command, file] = positionals;
  if (!command || !['import', 'screen', 'status'].includes(command)) throw new UsageError(USAGE);
  if (command === 'import') {
    if (!file) throw new UsageError(`Give the file to load.\n${USAGE}`);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw new UsageError(`${file} is not a file.`);
  }

  const { prisma } = await database();
  if (command === 'status') {
    const list = await currentExclusionList(prisma);
    if (!list) return 'No exclusion list loaded yet. Load one with: npm run exclusions -- import UPDATED.csv';
    return `${list.fileName}: ${list.rowCount.toLocaleString('en-US')} entries, SHA-256 ${list.sha256}, loaded ${list.loadedAt.toISOString()} by ${list.loadedBy}.`;
  }
  if (command === 'screen') return screened(await screenOpenSubmissions(prisma));

  const loaded = await loadExclusionList(prisma, createReadStream(file), {
    fileName: path.basename(file),
    // The command line has no staff identity: the load records the operating-system user who ran it.
    loadedBy: { actor: null, label: `${os.userInfo().username}@${os.hostname()} (command line)` },
  });
  if (loaded.outcome === 'REFUSED') {
    process.exitCode = 1;
    return `Refused ${loaded.fileName}: ${loaded.problem} The list in use is unchanged.`;
  }
  const lines = [
    `Loaded ${loaded.fileName}: ${loaded.rowCount.toLocaleString('en-US')} entries in ${seconds(loaded.durationMs)}, SHA-256 ${loaded.sha256}.`,
  ];
  try {
    lines.push(screened(await screenOpenSubmissions(prisma)));
  } catch (error) {
    process.exitCode = 1;
    lines.push(
      `The list is loaded, but screening the open submissions failed (${(error as Error).message}): run npm run exclusions -- screen.`,
    );
  }
  return lines.join('\n');
}

main(process.argv.slice(2))
  .then(async (message) => {
    console.info(message);
    await closeDatabase();
  })
  .catch(async (error) => {
    if (error instanceof UsageError) console.error(error.message);
    else if (error instanceof DirectoryBusyError)
      console.error(
        `The embedded database is in use by another process (pid ${error.pid}), probably the running server. ` +
          'Stop the server first, or load the file at /staff/exclusions. (With DATABASE_URL set, this works while the server runs.)',
      );
    else console.error(`[exclusions] ${(error as Error).message}`);
    await closeDatabase().catch(() => {});
    process.exit(1);
  });
