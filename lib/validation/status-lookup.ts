import * as z from 'zod/mini';
import { normalizeReferenceOf, referencePattern } from '@/lib/reference-format';
import { emailAddress } from './fields';

/** The status page's question: which request (its reference) and the e-mail address it was sent from. */

export const STATUS_LOOKUP_FIELDS = ['reference', 'email'] as const;
export type StatusLookupField = (typeof STATUS_LOOKUP_FIELDS)[number];

const MISSING_REFERENCE = 'Enter the reference from your receipt';

/**
 * The schema, for the kinds' reference prefixes (lib/intake/kinds.ts): the server passes them all, and the page
 * hands the same list to the browser.
 */
export function statusLookupSchemaFor(prefixes: readonly string[]) {
  const pattern = referencePattern(prefixes);
  const normalize = (typed: string) => normalizeReferenceOf(typed, prefixes);
  return z.object({
    reference: z.pipe(
      z.string(MISSING_REFERENCE).check(
        z.trim(),
        z.refine((value) => value !== '' && pattern.test(normalize(value)), {
          error: (issue) => (issue.input === '' ? MISSING_REFERENCE : 'Enter the reference as it is in your receipt, like NCR-7K3M9Q2X'),
        }),
      ),
      z.transform(normalize),
    ),
    email: emailAddress('Enter the e-mail address you sent the request from'),
  });
}

type StatusLookupSchema = ReturnType<typeof statusLookupSchemaFor>;
export type StatusLookupForm = z.input<StatusLookupSchema>;
export type StatusLookupInput = z.output<StatusLookupSchema>;
