import 'server-only';
import { requireStaff } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { listPeople, type Person } from './people';

/** Every staff account, for /staff/people: admins only. */
export async function listAccounts(): Promise<Person[]> {
  await requireStaff('admin');
  return listPeople(await db());
}
