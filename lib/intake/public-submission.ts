import 'server-only';
import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import type { RecordedSubmission } from '@/lib/db/submissions';
import { ambiguousFields, SUBMISSION_KEY, type FieldErrors, type FlatValues, type FormState } from '@/lib/forms';
import type { SubmissionKind } from '@/lib/generated/prisma/enums';
import { screenOnArrival } from '@/lib/exclusions/screening';
import { consumeLimit, limitMessage } from '@/lib/rate-limit';
import { scheduleRegistryCheck } from '@/lib/registry/schedule';
import { KINDS } from './kinds';
import { log } from '@/lib/log';

/**
 * The one way a public form becomes a submission, for every kind: the post read one way only (no field twice, no
 * bytes that are not UTF-8), the answers checked (by the form's schema and any server-only check), the one-time submission key, the client's rate limit, the recording (rows and outbox in
 * one transaction), then the redirect to the confirmation. Anything short of that answers the form with
 * everything typed and what went wrong.
 */

export type Parsed<Input> = { success: true; data: Input } | { success: false; fieldErrors: FieldErrors };

export async function submitPublicForm<Input, Shown extends object>(options: {
  kind: SubmissionKind;
  /** What the form needs to show itself again: the typed values under their input names, and `Shown`. */
  shown: { values: FlatValues } & Shown;
  parsed: Parsed<Input>;
  submissionKey: string;
  /** The post itself, checked for fields sent twice or not valid UTF-8; `repeatable` fields may come many times. */
  formData: FormData;
  repeatable?: readonly string[];
  record: (input: Input, submissionKey: string) => Promise<RecordedSubmission>;
  /** Where the browser goes once it is recorded (a repeat goes to the first submission's page). */
  destination: (recorded: RecordedSubmission) => string;
}): Promise<FormState<Shown>> {
  const { kind, shown, parsed, submissionKey } = options;
  const { rateLimit, form } = KINDS[kind];
  const refuse = (formError?: string, fieldErrors: FieldErrors = {}, values = shown.values): FormState<Shown> => ({
    status: 'invalid',
    ...shown,
    values,
    fieldErrors,
    formError,
  });

  const ambiguous = ambiguousFields(options.formData, options.repeatable);
  if (Object.keys(ambiguous).length > 0) {
    return refuse('Part of this form could not be read as it was sent. Check the answers marked below, then send it again.', ambiguous);
  }
  if (!parsed.success) return refuse(undefined, parsed.fieldErrors);
  if (!SUBMISSION_KEY.test(submissionKey)) {
    const values = { ...shown.values, submissionKey: randomUUID() };
    return refuse('This form was missing its submission key. Check your answers and send it again.', {}, values);
  }
  const limit = await consumeLimit(rateLimit);
  if (!limit.allowed) return refuse(limitMessage(rateLimit, limit.retryAfterMinutes));

  let destination: string;
  let recorded: RecordedSubmission;
  try {
    recorded = await options.record(parsed.data, submissionKey);
    // After it is stored, never before: the registry cannot lose or block a submission (issue 15).
    if (recorded.isNew) scheduleRegistryCheck(recorded.id);
    destination = options.destination(recorded);
  } catch (error) {
    const incident = randomUUID().slice(0, 8);
    log().error({ event: 'submission_not_stored', kind, incident, err: (error as Error).message }, `could not store a ${form.noun}`);
    return refuse(
      `Sorry, we could not save your ${form.noun} just now. Nothing was lost from this page: please try again in a minute. If it keeps happening, quote incident ${incident}.`,
    );
  }
  // Screened against the exclusion list as it arrives (issue 15): never throws; a failure waits for the next screening.
  if (recorded.isNew) await screenOnArrival(recorded.id, kind);
  redirect(destination);
}
