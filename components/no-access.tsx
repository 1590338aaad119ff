import Link from 'next/link';
import { answerWithStatus } from '@/lib/page-status';
import { NO_ACCESS } from '@/lib/staff/no-access';

/** What a staff member reads where their role does not reach. */
export function NoAccessMessage() {
  return (
    <>
      <title>{NO_ACCESS.title}</title>
      <h1>{NO_ACCESS.heading}</h1>
      <p>Your staff role does not allow this. If you need it, ask a Provider Intake admin to change your role.</p>
      <p>
        <Link href={NO_ACCESS.back.href}>{NO_ACCESS.back.text}</Link>
      </p>
    </>
  );
}

/**
 * A staff page's answer to a role too small (lib/auth/session.ts, staffForPage): the message, rendered on the server,
 * and a 403. Only a page returns this; app/forbidden.tsx, which Next renders into every page's payload, uses the
 * message alone.
 */
export function NoAccess() {
  answerWithStatus(403);
  return <NoAccessMessage />;
}
