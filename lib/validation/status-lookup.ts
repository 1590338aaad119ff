import * as z from 'zod/mini';
import { normalizeReference, REFERENCE_PATTERN } from '@/lib/reference-format';
import { emailAddress } from './fields';

/** The status page's question: which request (its reference) and the e-mail address it was sent from. */

export const STATUS_LOOKUP_FIELDS = ['reference', 'email'] as const;
export type StatusLookupField = (typeof STATUS_LOOKUP_FIELDS)[number];

const MISSING_REFERENCE = 'Enter the reference from your receipt';

export const statusLookupSchema = z.object({
  reference: z.pipe(
    z.string(MISSING_REFERENCE).check(
      z.trim(),
      z.refine((value) => value !== '' && REFERENCE_PATTERN.test(normalizeReference(value)), {
        error: (issue) =>
          issue.input === '' ? MISSING_REFERENCE : 'Enter the reference as it is in your receipt, like NCR-7K3M9Q2X',
      }),
    ),
    z.transform(normalizeReference),
  ),
  email: emailAddress('Enter the e-mail address you sent the request from'),
});

export type StatusLookupForm = z.input<typeof statusLookupSchema>;
export type StatusLookupInput = z.output<typeof statusLookupSchema>;
