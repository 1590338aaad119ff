'use server';

import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { recordClinicUpdate } from '@/lib/db/clinic-updates';
import { consumeLimit, limitMessage } from '@/lib/rate-limit';
import { fieldErrorsOf, SUBMISSION_KEY, type FlatValues } from '@/lib/forms';
import { clinicUpdateSchema, MAX_PROVIDERS, type ChangeKind, type ProviderDirection } from '@/lib/validation/clinic-update';
import { flatten, readClinicUpdate, toFormInput } from './form-data';

interface ShownForm {
  /** `editing`: Continue, or a provider row added or removed, without JavaScript; `invalid`: the form has errors. */
  status: 'editing' | 'invalid';
  changes: ChangeKind[];
  rows: Record<ProviderDirection, number>;
  values: FlatValues;
  fieldErrors: Record<string, string[] | undefined>;
  formError?: string;
  /** Said when the page shows new questions instead of sending. */
  notice?: string;
}

export type ClinicUpdateFormState = { status: 'idle' } | ShownForm;

const ROW_INTENT = /^(add|remove):(joining|leaving)(?::(\d+))?$/;

/**
 * The clinic update form's action. Without JavaScript, `Continue` and the add and remove buttons post here too
 * (`intent`): the form comes back with the chosen sections, a row more or less, and everything typed kept.
 */
export async function submitClinicUpdate(_previous: ClinicUpdateFormState, formData: FormData): Promise<ClinicUpdateFormState> {
  const posted = readClinicUpdate(formData);
  const { changes, rows } = posted;
  const editing = (notice?: string): ShownForm => ({
    status: 'editing',
    changes,
    rows: { joining: Math.max(rows.joining.length, 1), leaving: Math.max(rows.leaving.length, 1) },
    values: flatten(posted.values, rows),
    fieldErrors: {},
    notice,
  });

  const rowIntent = ROW_INTENT.exec(posted.intent);
  if (rowIntent) {
    const [, verb, direction, index] = rowIntent as unknown as [string, 'add' | 'remove', ProviderDirection, string?];
    if (verb === 'add' && rows[direction].length < MAX_PROVIDERS) rows[direction] = [...rows[direction], {}];
    if (verb === 'remove' && rows[direction].length > 1) rows[direction] = rows[direction].filter((_, at) => at !== Number(index));
    return editing();
  }
  if (posted.intent === 'continue') return editing();
  // Changes ticked without JavaScript whose questions the page has not shown yet: show them, do not send.
  if (changes.some((kind) => !posted.shown.includes(kind))) {
    return editing('We have added the questions for what is changing. Answer them, then select Send changes.');
  }

  const parsed = clinicUpdateSchema.safeParse(toFormInput(posted));
  const shown: ShownForm = { ...editing(), status: 'invalid' };
  if (!parsed.success) return { ...shown, fieldErrors: fieldErrorsOf(parsed.error) };
  if (!SUBMISSION_KEY.test(posted.values.submissionKey)) {
    return {
      ...shown,
      values: { ...shown.values, submissionKey: randomUUID() },
      formError: 'This form was missing its submission key. Check your answers and send it again.',
    };
  }

  const limit = await consumeLimit('clinic-update');
  if (!limit.allowed) return { ...shown, formError: limitMessage('clinic-update', limit.retryAfterMinutes) };

  let reference: string;
  try {
    ({ reference } = await recordClinicUpdate(parsed.data, posted.values.submissionKey));
  } catch (error) {
    const incident = randomUUID().slice(0, 8);
    console.error(`[clinic-updates] could not store an update (incident ${incident}):`, (error as Error).message);
    return {
      ...shown,
      formError: `Sorry, we could not save your update just now. Nothing was lost from this page: please try again in a minute. If it keeps happening, quote incident ${incident}.`,
    };
  }
  redirect(`/clinic-updates/submitted/${reference}`);
}
