import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite takes no lock on its data directory, and a second process opening it corrupts it.
 * This lock file, holding the owner's pid, is respected by everything that opens the embedded database
 * (the server, `npm run worker`, `npm run db:migrate`, the staff CLI).
 */

export class DirectoryBusyError extends Error {
  constructor(
    readonly directory: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${directory} is open in another process (pid ${pid}). ` +
        'Stop that process (the server, the worker or a CLI) first, or set DATABASE_URL to share a PostgreSQL database.',
    );
    this.name = 'DirectoryBusyError';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A process that was killed but not yet collected by its parent (a server killed with SIGKILL whose parent died with it
 * waits for PID 1) still answers kill(0), but holds no files: its lock is stale (__tests__/faults, scenario 1).
 * Linux only; elsewhere nothing changes.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state …: the command name may hold spaces or parentheses, so the state follows the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Takes the lock or throws DirectoryBusyError; a lock left by a dead process is taken over. Returns the release function. */
export function lockDirectory(directory: string): () => void {
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, '.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        rmSync(file, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && isRunning(pid)) throw new DirectoryBusyError(directory, pid);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${directory}`);
}
