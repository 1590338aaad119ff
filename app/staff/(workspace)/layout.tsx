import Link from 'next/link';
import type { ReactNode } from 'react';
import { hasRole } from '@/lib/auth/roles';
import { getStaff } from '@/lib/auth/session';
import { signOut } from './actions';

/** The signed-in area's navigation. Only a convenience: each page checks the session and role itself. */
export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const staff = await getStaff();
  return (
    <div className="staff">
      {staff && (
        <nav className="staff-nav" aria-label="Staff">
          <ul>
            <li>
              <Link href="/staff/submissions">Submissions</Link>
            </li>
            {hasRole(staff.role, 'admin') && (
              <>
                <li>
                  <Link href="/staff/outbox">Mail</Link>
                </li>
                <li>
                  <Link href="/staff/people">People</Link>
                </li>
                <li>
                  <Link href="/staff/audit">Audit log</Link>
                </li>
                <li>
                  <Link href="/staff/exclusions">Exclusion list</Link>
                </li>
              </>
            )}
          </ul>
          <form action={signOut} className="staff-nav__account">
            <span>
              {staff.name} ({staff.role})
            </span>
            <button type="submit" className="button button--secondary">
              Sign out
            </button>
          </form>
        </nav>
      )}
      {children}
    </div>
  );
}
