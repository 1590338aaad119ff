'use server';

import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { submissionAccessKey } from '@/lib/crypto/tokens';
import { confirmLink, recordClinicEmails, resendExpiredLink, resendForRegistrant } from '@/lib/db/clinic-emails';
import { fieldErrorsOf, SUBMISSION_KEY } from '@/lib/forms';
import { consumeLimit, limitMessage } from '@/lib/rate-limit';
import { clinicEmailsSchema, MAX_PEOPLE } from '@/lib/validation/clinic-emails';
import { flatten, readFixed, readRows, toFormInput, type FlatValues } from './form-data';

export type ClinicEmailsFormState =
  | { status: 'idle' }
  | {
      /** `editing`: a row was added or removed without JavaScript; `invalid`: the form has errors. */
      status: 'editing' | 'invalid';
      rows: number;
      values: FlatValues;
      fieldErrors: Record<string, string[] | undefined>;
      formError?: string;
    };


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
  const shown = { rows: Math.max(rows.length, 1), values: flatten(fixed, rows) };
  if (!parsed.success) return { status: 'invalid', ...shown, fieldErrors: fieldErrorsOf(parsed.error) };
  if (!SUBMISSION_KEY.test(fixed.submissionKey)) {
    return {
      status: 'invalid',
      ...shown,
      values: { ...shown.values, submissionKey: randomUUID() },
      fieldErrors: {},
      formError: 'This form was missing its submission key. Check your answers and send it again.',
    };
  }

  const limit = await consumeLimit('clinic-emails');
  if (!limit.allowed) return { status: 'invalid', ...shown, fieldErrors: {}, formError: limitMessage('clinic-emails', limit.retryAfterMinutes) };

  let destination: string;
  try {
    const { id, reference } = await recordClinicEmails(parsed.data, fixed.submissionKey);
    destination = `/clinic-emails/registered/${reference}?key=${submissionAccessKey(id)}`;
  } catch (error) {
    const incident = randomUUID().slice(0, 8);
    console.error(`[clinic-emails] could not store a registration (incident ${incident}):`, (error as Error).message);
    return {
      status: 'invalid',
      ...shown,
      fieldErrors: {},
      formError: `Sorry, we could not save your registration just now. Nothing was lost from this page: please try again in a minute. If it keeps happening, quote incident ${incident}.`,
    };
  }
  redirect(destination);
}

/** The registrant sends a fresh link to one unverified address, from their registration page. */
export async function resendLink(formData: FormData): Promise<void> {
  const reference = String(formData.get('reference') ?? '');
  const key = String(formData.get('key') ?? '');
  const contactId = String(formData.get('contactId') ?? '');
  const outcome = await resendForRegistrant(reference, key, contactId);
  redirect(`/clinic-emails/registered/${encodeURIComponent(reference)}?key=${encodeURIComponent(key)}&resent=${outcome}&contact=${encodeURIComponent(contactId)}`);
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
