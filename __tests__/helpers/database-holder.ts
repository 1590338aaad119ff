/**
 * A stand-in for the running server in the staff CLI's tests: holds the database open through lib/db/client and
 * prints `holding <pid>`. With `--share` it shares the embedded database on its socket (as lib/server-start.ts does)
 * and runs transactions of its own without pause, each inserting a `rate_limit` row `holder-<pid>-<n>` with 1 point and
 * raising it to 2: a transaction the CLI's work got mixed into would leave a row at 1, or a failure in the output.
 * Runs until killed.
 */
import { database } from '@/lib/db/client';

async function main() {
  const db = await database();
  const share = process.argv.includes('--share');
  if (share) await db.shareWithLocalProcesses?.();
  console.log(`holding ${process.pid}`);
  if (!share) {
    setInterval(() => {}, 1000);
    return;
  }
  for (let done = 0; ; done++) {
    await new Promise((resolve) => setImmediate(resolve));
    const key = `holder-${process.pid}-${done}`;
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO rate_limit (key, points) VALUES (${key}, 1)`;
      await tx.$executeRaw`UPDATE rate_limit SET points = points + 1 WHERE key = ${key}`;
    });
  }
}

main().catch((error: unknown) => {
  console.error(`holder failed: ${(error as Error).stack}`);
  process.exit(1);
});
