/**
 * Runs once when the server starts: hands scripts/server.mjs the preparation of every request (its id, nonce and
 * security headers), validates the configuration, opens (and migrates) the database, and starts the outbox worker in
 * this process unless OUTBOX_WORKER=off (when `npm run worker` runs apart).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { handRequestPreparationToServer } = await import('./lib/request-preparation');
  handRequestPreparationToServer();
  const { startServerServices } = await import('./lib/server-start');
  await startServerServices();
}
