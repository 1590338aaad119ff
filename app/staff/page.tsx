import { redirect } from 'next/navigation';
import { requireStaff } from '@/lib/auth/session';

export default async function StaffHome() {
  await requireStaff('viewer');
  redirect('/staff/submissions');
}
