import { expect, test, type Page } from '@playwright/test';
import { Client } from 'pg';
import { STAFF, sessionCookie, signIn, staffNav } from './staff-helpers';

/**
 * The session limits end to end (decision 003): signed in in the browser by the mailed link, the session's
 * timestamps are moved back in the database, and the next page load decides. Only on PostgreSQL: with the embedded
 * PGlite database the server holds it alone, so nothing else can age a session. The jest tests
 * (__tests__/integration/staff-idle.test.ts) prove the edges to the second on both databases.
 */

const DATABASE_URL = process.env.E2E_DATABASE_URL;
const IDLE_REASON = 'idle for 30 minutes';

test.skip(
  !DATABASE_URL,
  'needs E2E_DATABASE_URL: on the embedded PGlite database the server is the only process that may open it, so the test cannot age a session',
);

let client: Client;
test.beforeEach(async () => {
  client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
});
test.afterEach(async () => {
  await client.end();
});

interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  updated_at: Date;
  expires_at: Date;
}

/** The row of the session this browser's cookie carries (the cookie is `<token>.<signature>`). */
async function browserSession(page: Page): Promise<SessionRow> {
  const cookie = await sessionCookie(page);
  expect(cookie, 'the session cookie').toBeDefined();
  const token = decodeURIComponent(cookie!.value).split('.')[0];
  const { rows } = await client.query<SessionRow>(
    'SELECT id, user_id, created_at, updated_at, expires_at FROM staff_session WHERE token = $1',
    [token],
  );
  expect(rows, 'the session row of the browser cookie').toHaveLength(1);
  return rows[0];
}

async function sessionById(id: string): Promise<SessionRow | undefined> {
  const { rows } = await client.query<SessionRow>(
    'SELECT id, user_id, created_at, updated_at, expires_at FROM staff_session WHERE id = $1',
    [id],
  );
  return rows[0];
}

/** Moves the given timestamps of one session back by `minutes`, as though that much time had passed. */
async function age(id: string, minutes: number, columns: ReadonlyArray<'created_at' | 'updated_at' | 'expires_at'>) {
  const set = columns.map((column) => `${column} = ${column} - make_interval(mins => $2)`).join(', ');
  const { rowCount } = await client.query(`UPDATE staff_session SET ${set} WHERE id = $1`, [id, minutes]);
  expect(rowCount).toBe(1);
}

async function idleSignOuts(userId: string): Promise<number> {
  const { rows } = await client.query<{ count: string }>(
    `SELECT count(*) FROM audit_event WHERE action = 'sign_out' AND actor_id = $1 AND details->>'reason' = $2`,
    [userId, IDLE_REASON],
  );
  return Number(rows[0].count);
}

async function expectSignInPage(page: Page) {
  // The browser still carries the dead session's cookie, so the page says why it is asking again.
  await expect(page).toHaveURL(/\/staff\/sign-in\?ended=1$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Your session has ended, so you need to sign in again.');
  await expect(staffNav(page)).toHaveCount(0);
}

test('29 minutes idle, a reload keeps you signed in; 31 minutes idle, a reload lands on the sign-in page and the session is over', async ({
  page,
}) => {
  const viewer = STAFF.viewer;
  await signIn(page, viewer.email);
  const session = await browserSession(page);
  const idleSignOutsBefore = await idleSignOuts(session.user_id);

  // Just under the limit: still in, and the visit counts as activity.
  await age(session.id, 29, ['updated_at']);
  await page.reload();
  await expect(page).toHaveURL(/\/staff\/submissions$/);
  await expect(staffNav(page)).toContainText(`${viewer.name} (viewer)`);
  const touched = await sessionById(session.id);
  expect(touched, 'the session after a reload at 29 minutes idle').toBeDefined();
  expect(touched!.updated_at.getTime(), 'last use moved to the reload').toBeGreaterThan(Date.now() - 60_000);

  // Over the limit: the reload ends the session on the server and the page sends the browser to sign in.
  await age(session.id, 31, ['updated_at']);
  await page.reload();
  await expectSignInPage(page);
  expect(await sessionById(session.id), 'the session row after the idle reload').toBeUndefined();
  expect(await idleSignOuts(session.user_id), 'audit sign_out with the idle reason').toBe(idleSignOutsBefore + 1);

  // Ended, not just redirected once: the browser's cookie opens no staff page any more.
  const response = await page.request.get('/staff/submissions', { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers()['location']).toBe('/staff/sign-in?ended=1');
  await page.goto('/staff/audit');
  await expectSignInPage(page);
});

test('12 hours after sign-in the session is over even if it was used a minute ago', async ({ page }) => {
  const reviewer = STAFF.reviewer;
  await signIn(page, reviewer.email);
  const session = await browserSession(page);
  const lifetime = session.expires_at.getTime() - session.created_at.getTime();
  expect(lifetime).toBeGreaterThan(12 * 3_600_000 - 5_000);
  expect(lifetime).toBeLessThanOrEqual(12 * 3_600_000 + 1_000);
  const idleSignOutsBefore = await idleSignOuts(session.user_id);

  // Signed in 12 h + 1 min ago, last used 1 minute ago.
  await age(session.id, 12 * 60 + 1, ['created_at', 'expires_at']);
  await age(session.id, 1, ['updated_at']);
  await page.reload();
  await expectSignInPage(page);
  expect(await sessionById(session.id), 'the expired session row').toBeUndefined();
  // Over by age, not idle: no idle sign-out recorded.
  expect(await idleSignOuts(session.user_id)).toBe(idleSignOutsBefore);
});
