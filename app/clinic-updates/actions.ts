'use server';

import { fieldErrorsOf, type FormState } from '@/lib/forms';
import { recordClinicUpdate } from '@/lib/intake/clinic-update/record';
import { clinicUpdateSchema, MAX_PROVIDERS, type ChangeKind, type ProviderDirection } from '@/lib/intake/clinic-update/schema';
import { submitPublicForm } from '@/lib/intake/public-submission';
import { flatten, readClinicUpdate, toFormInput } from './form-data';

/** What the form needs to show itself again: the changes ticked, and how many provider rows each list shows. */
interface Shown {
  changes: ChangeKind[];
  rows: Record<ProviderDirection, number>;
}

export type ClinicUpdateFormState = FormState<Shown>;

const ROW_INTENT = /^(add|remove):(joining|leaving)(?::(\d+))?$/;

/**
 * The clinic update form's action. Without JavaScript, `Continue` and the add and remove buttons post here too
 * (`intent`): the form comes back with the chosen sections, a row more or less, and everything typed kept.
 */
export async function submitClinicUpdate(_previous: ClinicUpdateFormState, formData: FormData): Promise<ClinicUpdateFormState> {
  const posted = readClinicUpdate(formData);
  const { changes, rows } = posted;
  // The form as it is to be shown again: after a row is added or removed, with that row more or less.
  const shown = () => ({
    changes,
    rows: { joining: Math.max(rows.joining.length, 1), leaving: Math.max(rows.leaving.length, 1) },
    values: flatten(posted.values, rows),
  });
  const editing = (notice?: string): ClinicUpdateFormState => ({ status: 'editing', ...shown(), fieldErrors: {}, notice });

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
  return submitPublicForm({
    kind: 'CLINIC_UPDATE',
    shown: shown(),
    parsed: parsed.success ? parsed : { success: false, fieldErrors: fieldErrorsOf(parsed.error) },
    submissionKey: posted.values.submissionKey,
    formData,
    repeatable: ['changes'],
    record: recordClinicUpdate,
    destination: ({ reference }) => `/clinic-updates/submitted/${reference}`,
  });
}
