'use server';

import { randomUUID } from 'node:crypto';
import { findRequestStatus, statusLookupSchema } from '@/lib/intake/request-status';
import { statusView, type StatusView } from '@/lib/request-status';
import { consumeLimit, limitMessage } from '@/lib/rate-limit';
import { fieldErrorsOf, formValues, type FormState } from '@/lib/forms';
import { STATUS_LOOKUP_FIELDS, type StatusLookupField } from '@/lib/validation/status-lookup';
import { log } from '@/lib/log';

export type StatusFormState = FormState | { status: 'found'; request: StatusView; values: Record<StatusLookupField, string> };

const NOT_FOUND = 'We could not find a request with that reference sent from that e-mail address. Check both against your receipt e-mail.';

/** Looks a request up by its reference and the address it was sent from; the same answer for any mismatch. */
export async function checkStatus(_previous: StatusFormState, formData: FormData): Promise<StatusFormState> {
  const values = formValues(formData, STATUS_LOOKUP_FIELDS);
  const parsed = statusLookupSchema.safeParse(values);
  if (!parsed.success) return { status: 'invalid', values, fieldErrors: fieldErrorsOf(parsed.error) };
  const limit = await consumeLimit('status-lookup');
  if (!limit.allowed)
    return { status: 'invalid', values, fieldErrors: {}, formError: limitMessage('status-lookup', limit.retryAfterMinutes) };
  try {
    const request = await findRequestStatus(parsed.data.reference, parsed.data.email);
    if (!request) return { status: 'invalid', values, fieldErrors: {}, formError: NOT_FOUND };
    return { status: 'found', request: statusView(request), values: { reference: parsed.data.reference, email: values.email } };
  } catch (error) {
    const incident = randomUUID().slice(0, 8);
    log().error({ event: 'status_lookup_failed', incident, err: (error as Error).message }, 'could not look a request up');
    return {
      status: 'invalid',
      values,
      fieldErrors: {},
      formError: `Sorry, we could not look your request up just now. Please try again in a few minutes. If it keeps happening, quote incident ${incident}.`,
    };
  }
}
