import { redirect } from 'next/navigation';
import { staffForPage } from '@/lib/auth/session';
import { NoAccess } from '@/components/no-access';

export default async function StaffHome() {
  if (!(await staffForPage('viewer'))) return <NoAccess />;
  redirect('/staff/submissions');
}
