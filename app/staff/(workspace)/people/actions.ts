'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { addPerson, changeRole, disablePerson, enablePerson, PeopleError } from '@/lib/staff/people';

/** An admin's changes to staff accounts (lib/staff/people.ts has the rules). Each checks the session and role itself. */

export type PeopleState =
  | { status: 'idle' }
  | { status: 'done'; message: string; at: number }
  | { status: 'error'; message: string; field?: string; values: Record<string, string> };

const text = (formData: FormData, name: string) => String(formData.get(name) ?? '').trim();

async function attempt(values: Record<string, string>, work: () => Promise<void>, done: string): Promise<PeopleState> {
  try {
    await work();
  } catch (error) {
    if (error instanceof PeopleError) return { status: 'error', message: error.message, field: error.field, values };
    throw error;
  }
  revalidatePath('/staff/people');
  return { status: 'done', message: done, at: Date.now() };
}

export async function addPersonAction(_previous: PeopleState, formData: FormData): Promise<PeopleState> {
  const admin = await requireStaff('admin');
  const values = { email: text(formData, 'email'), name: text(formData, 'name'), role: text(formData, 'role') };
  return attempt(
    values,
    async () => void (await addPerson(await db(), admin, values)),
    `Added ${values.email.toLowerCase()} as ${values.role}.`,
  );
}

export async function changePersonAction(_previous: PeopleState, formData: FormData): Promise<PeopleState> {
  const admin = await requireStaff('admin');
  const values = { email: text(formData, 'email'), role: text(formData, 'role'), intent: text(formData, 'intent') };
  const prisma = await db();
  switch (values.intent) {
    case 'role':
      return attempt(values, () => changeRole(prisma, admin, values.email, values.role), `${values.email} is now ${values.role}.`);
    case 'disable':
      return attempt(
        values,
        async () => void (await disablePerson(prisma, admin, values.email)),
        `${values.email} is disabled: they cannot sign in, and their sessions have ended.`,
      );
    case 'enable':
      return attempt(values, () => enablePerson(prisma, admin, values.email), `${values.email} can sign in again.`);
    default:
      return { status: 'error', message: 'This form is out of date: reload the page.', values };
  }
}
