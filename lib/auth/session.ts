import 'server-only';
import { getSessionCookie } from 'better-auth/cookies';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { recordAudit } from '@/lib/audit';
import { db } from '@/lib/db/client';
import { getAuth } from './auth';
import { hasRole, isStaffRole, type StaffRole } from './roles';

/**
 * The one lock on everything under /staff: every staff page (staffForPage) and every staff Server Action and data
 * function (requireStaff) asks for the role it needs, first. Deny by default: no session, a disabled account, an unknown role, or a session
 * idle for 30 minutes is nobody. (The proxy and layouts are conveniences, never the lock.)
 */

export const IDLE_MINUTES = 30;
/** A session's last use is written at most this often. */
const TOUCH_SECONDS = 60;

export interface Staff {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  sessionId: string;
}

/** The signed-in staff member, or null. Once per request. */
export const getStaff = cache(async (): Promise<Staff | null> => {
  // headers() first: it marks the page dynamic before anything opens the database (never at build time).
  return staffOfRequest(await headers());
});

/**
 * The staff member whose session cookie these request headers carry, or null. A session idle for more than
 * IDLE_MINUTES is ended here (deleted, audited as a sign-out); a live one has its last use moved to `now`.
 */
export async function staffOfRequest(requestHeaders: Headers, now: Date = new Date()): Promise<Staff | null> {
  const auth = await getAuth();
  const result = await auth.api.getSession({ headers: requestHeaders });
  if (!result) return null;
  const { session, user } = result;
  if (user.disabled || !isStaffRole(user.role)) return null;
  const prisma = await db();
  const idleMs = now.getTime() - new Date(session.updatedAt).getTime();
  if (idleMs > IDLE_MINUTES * 60_000) {
    const { count } = await prisma.staffSession.deleteMany({ where: { id: session.id } });
    if (count > 0) await recordAudit(prisma, { action: 'sign_out', actor: user, details: { reason: `idle for ${IDLE_MINUTES} minutes` } });
    return null;
  }
  if (idleMs > TOUCH_SECONDS * 1000) {
    await prisma.staffSession.updateMany({ where: { id: session.id }, data: { updatedAt: now } });
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.id };
}

/** A session cookie that no longer signs anyone in: the session ended (idle, 12 hours, or its account disabled). */
async function carriesSessionCookie(): Promise<boolean> {
  return getSessionCookie(await headers()) !== null;
}

/**
 * The signed-in staff member if their role allows `role`. Otherwise an action or data function goes no further:
 * nobody is sent to the sign-in page, too small a role gets 403. Pages use staffForPage instead.
 */
export async function requireStaff(role: StaffRole): Promise<Staff> {
  const staff = await signedInStaff();
  if (!hasRole(staff.role, role)) forbidden();
  return staff;
}

/**
 * For a page: the signed-in staff member if their role allows `role`, or null when it does not, and the page then
 * renders <NoAccess /> (a 403 readable without JavaScript; Next's forbidden() renders on the client only). Nobody
 * signed in is sent to the sign-in page.
 */
export async function staffForPage(role: StaffRole): Promise<Staff | null> {
  const staff = await signedInStaff();
  return hasRole(staff.role, role) ? staff : null;
}

async function signedInStaff(): Promise<Staff> {
  const staff = await getStaff();
  if (!staff) redirect((await carriesSessionCookie()) ? '/staff/sign-in?ended=1' : '/staff/sign-in');
  return staff;
}
