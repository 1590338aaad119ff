import * as z from 'zod/mini';
import { MAX_PEOPLE } from './options';
import { emailAddress, npiField, requiredLine, usPhoneField } from '@/lib/validation/fields';

/** The clinic alert e-mail registration form. Used by the browser (zodResolver) and by registerClinicEmails. */

export { MAX_PEOPLE };

export const personSchema = z.object({
  fullName: requiredLine('Enter the person’s full name', 200, 'Full name must be 200 characters or fewer'),
  jobTitle: requiredLine('Enter the person’s job title', 200, 'Job title must be 200 characters or fewer'),
  email: emailAddress('Enter the person’s e-mail address'),
});

export const clinicEmailsSchema = z.object({
  clinicName: requiredLine('Enter the clinic name', 200, 'Clinic name must be 200 characters or fewer'),
  clinicNpi: npiField('Enter the clinic’s NPI'),
  clinicPhone: usPhoneField('Enter the clinic’s phone number'),
  people: z.array(personSchema).check(
    z.minLength(1, 'Add at least one person'),
    z.maxLength(MAX_PEOPLE, `Add at most ${MAX_PEOPLE} people`),
    z.superRefine(
      (people, ctx) => {
        // The same address twice is an error on the later one, naming the earlier.
        const seen = new Map<string, number>();
        people.forEach((person, index) => {
          if (typeof person?.email !== 'string') return;
          const address = person.email.trim().toLowerCase();
          if (!address) return;
          const first = seen.get(address);
          if (first === undefined) seen.set(address, index);
          else
            ctx.addIssue({
              code: 'custom',
              path: [index, 'email'],
              message: `This address is already given for person ${first + 1}`,
              input: person.email,
            });
        });
      },
      { when: (payload) => Array.isArray(payload.value) },
    ),
  ),
  registrantName: requiredLine('Enter your name', 200, 'Your name must be 200 characters or fewer'),
  registrantEmail: emailAddress('Enter your e-mail address'),
});

export type ClinicEmailsForm = z.input<typeof clinicEmailsSchema>;
export type ClinicEmailsInput = z.output<typeof clinicEmailsSchema>;
export type PersonField = keyof z.input<typeof personSchema>;
export const PERSON_FIELDS = Object.keys(personSchema.shape) as PersonField[];
export const CLINIC_FIELDS = ['clinicName', 'clinicNpi', 'clinicPhone'] as const;
export const REGISTRANT_FIELDS = ['registrantName', 'registrantEmail'] as const;
