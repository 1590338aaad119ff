'use server';

import { redirect } from 'next/navigation';
import { submissionAccessKey } from '@/lib/crypto/tokens';
import { fieldErrorsOf, type FormState } from '@/lib/forms';
import { recordClinicEmails } from '@/lib/intake/clinic-emails/record';
import { confirmLink, resendExpiredLink, resendForRegistrant } from '@/lib/intake/clinic-emails/verification';
import { clinicEmailsSchema, MAX_PEOPLE } from '@/lib/intake/clinic-emails/schema';
import { submitPublicForm } from '@/lib/intake/public-submission';
import { flatten, readFixed, readRows, toFormInput } from './form-data';

/** `rows`: how many people the form shows. */
export type ClinicEmailsFormState = FormState<{ rows: number }>;

/**
 * The clinic alert e-mail form's action. Without JavaScript the Add and Remove buttons post here too
 * (`intent`), and the form comes back with a row more or less and everything typed kept.
 */
export async function registerClinicEmails(_previous: ClinicEmailsFormState, formData: FormData): Promise<ClinicEmailsFormState> {
  const fixed = readFixed(formData);
  let rows = readRows(formData);
  const intent = String(formData.get('intent') ?? 'submit');
  if (intent === 'add' || intent.startsWith('remove:')) {
    if (intent === 'add' && rows.length < MAX_PEOPLE) rows = [...rows, {}];
    if (intent.startsWith('remove:') && rows.length > 1) rows = rows.filter((_, index) => index !== Number(intent.slice(7)));
    return { status: 'editing', rows: rows.length, values: flatten(fixed, rows), fieldErrors: {} };
  }

  const parsed = clinicEmailsSchema.safeParse(toFormInput(fixed, rows));
  return submitPublicForm({
    kind: 'CLINIC_EMAILS',
    shown: { rows: Math.max(rows.length, 1), values: flatten(fixed, rows) },
    parsed: parsed.success ? parsed : { success: false, fieldErrors: fieldErrorsOf(parsed.error) },
    submissionKey: fixed.submissionKey,
    formData,
    record: recordClinicEmails,
    destination: ({ id, reference }) => `/clinic-emails/registered/${reference}?key=${submissionAccessKey(id)}`,
  });
}

/** The registrant sends a fresh link to one unverified address, from their registration page. */
export async function resendLink(formData: FormData): Promise<void> {
  const reference = String(formData.get('reference') ?? '');
  const key = String(formData.get('key') ?? '');
  const contactId = String(formData.get('contactId') ?? '');
  const outcome = await resendForRegistrant(reference, key, contactId);
  redirect(
    `/clinic-emails/registered/${encodeURIComponent(reference)}?key=${encodeURIComponent(key)}&resent=${outcome}&contact=${encodeURIComponent(contactId)}`,
  );
}

/** The person confirms their address: the POST behind the link's button (mail scanners only ever GET). */
export async function confirmAddress(formData: FormData): Promise<void> {
  const token = String(formData.get('token') ?? '');
  const result = await confirmLink(token);
  redirect(`/clinic-emails/verify/${encodeURIComponent(token)}${result.state === 'valid' ? '?confirmed=1' : ''}`);
}

/** From the expired-link page: a fresh link to the same address. */
export async function sendNewLink(formData: FormData): Promise<void> {
  const token = String(formData.get('token') ?? '');
  const outcome = await resendExpiredLink(token);
  redirect(`/clinic-emails/verify/${encodeURIComponent(token)}?resent=${outcome}`);
}
