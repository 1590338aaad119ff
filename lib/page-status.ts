import 'server-only';
import type { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A page that answers "not found" or "not allowed" by rendering its message, not by throwing Next's notFound() or
 * forbidden(): Next renders those on the client only, so a visitor without JavaScript would see a blank page
 * (decision 011). The status code still reaches the browser: scripts/server.mjs serves each request inside an
 * AsyncLocalStorage, and the status a page asks for here replaces Next's 200 when the headers go out.
 */

const STATUS_MARK = Symbol.for('provider-intake.page-status');

type StatusStore = AsyncLocalStorage<{ status?: number }>;

/** Asks for this status on the response being rendered. Started some other way than scripts/server.mjs: a 200. */
export function answerWithStatus(status: 403 | 404): void {
  const store = (globalThis as Record<symbol, StatusStore | undefined>)[STATUS_MARK]?.getStore();
  if (store) store.status = status;
}
