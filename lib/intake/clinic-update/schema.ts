import * as z from 'zod/mini';
import { normalizeZip } from '@/lib/validation/address';
import { hasValidNpiCheckDigit, normalizeNpi } from '@/lib/validation/npi';
import { addressShape, checkAddress } from '@/lib/validation/address-fields';
import {
  CHANGE_KINDS,
  CHANGE_LABELS,
  chosenChanges,
  MAX_PROVIDERS,
  PROVIDER_FIELDS,
  type ChangeKind,
  type ProviderDirection,
  type ProviderField,
} from './options';
import { addYears, parseCalendarDate, todayInPacific } from '@/lib/validation/dates';
import {
  emailAddress,
  npiField,
  optionalText,
  requiredLine,
  requiredText,
  tinField,
  usFaxField,
  usPhoneField,
} from '@/lib/validation/fields';
import { formatCalendarDate } from '@/lib/format';

/**
 * The clinic information change form. Used by the browser (zodResolver) and by submitClinicUpdate.
 * Each change the clinic ticks has its own section of questions; only the chosen sections are checked and kept.
 */

export { CHANGE_KINDS, CHANGE_LABELS, chosenChanges, MAX_PROVIDERS, PROVIDER_FIELDS };
export type { ChangeKind, ProviderDirection, ProviderField };

export const providerSchema = z.object({
  name: requiredLine('Enter the provider’s name', 200, 'Provider name must be 200 characters or fewer'),
  npi: npiField('Enter the provider’s NPI'),
});

function providerList(direction: ProviderDirection) {
  return z.array(providerSchema, `Add at least one provider ${direction}`).check(
    z.minLength(1, `Add at least one provider ${direction}`),
    z.maxLength(MAX_PROVIDERS, `Add at most ${MAX_PROVIDERS} providers ${direction}`),
    z.superRefine(
      (providers, ctx) => {
        // The same NPI twice is an error on the later one, naming the earlier.
        const seen = new Map<string, number>();
        providers.forEach((provider, index) => {
          const npi = typeof provider?.npi === 'string' ? normalizeNpi(provider.npi) : '';
          // An NPI that is wrong already has its own message.
          if (!/^\d{10}$/.test(npi) || !hasValidNpiCheckDigit(npi)) return;
          const first = seen.get(npi);
          if (first === undefined) seen.set(npi, index);
          else
            ctx.addIssue({
              code: 'custom',
              path: [index, 'npi'],
              message: `This NPI is already given for provider ${direction} ${first + 1}`,
              input: provider.npi,
            });
        });
      },
      { when: (payload) => Array.isArray(payload.value) },
    ),
  );
}

const newAddressSchema = z.object(addressShape('new')).check(
  z.superRefine((form, ctx) => checkAddress(form, 'new', { which: 'new ', isPhysical: true }, ctx), {
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  }),
);

/** The questions of each change, checked only when that change is chosen. */
export const sectionSchemas = {
  address: newAddressSchema,
  phoneFax: z.object({
    newPhone: usPhoneField('Enter the new phone number'),
    newFax: usFaxField(),
  }),
  name: z.object({
    newClinicName: requiredLine('Enter the new clinic name', 200, 'New clinic name must be 200 characters or fewer'),
  }),
  hours: z.object({
    newHours: requiredText('Enter the new hours', 1000, 'New hours must be 1,000 characters or fewer'),
  }),
  acceptingPatients: z.object({
    acceptingNewPatients: z.enum(['yes', 'no'], 'Choose Yes or No'),
  }),
  providerJoining: z.object({ joining: providerList('joining') }),
  providerLeaving: z.object({ leaving: providerList('leaving') }),
  tin: z.object({ newTin: tinField('Enter the new TIN') }),
  other: z.object({
    description: requiredText('Describe the change', 2000, 'The description must be 2,000 characters or fewer'),
  }),
} satisfies Record<ChangeKind, z.ZodMiniObject>;

/** Which form fields belong to which change: the no-JS form shows and the server keeps only the chosen ones. */
export const SECTION_FIELDS = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, Object.keys(sectionSchemas[kind].shape)])) as Record<
  ChangeKind,
  string[]
>;

/** A section's field, before its section is chosen: anything, checked later by its section's schema. */
const later = <T>() => z.optional(z.custom<T>());

const changeList = z.pipe(
  // A plain form post gives one value per ticked box; react-hook-form gives an array, or false for none.
  z.transform((value: unknown) => (Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : [])),
  z.array(z.string()).check(
    z.minLength(1, 'Choose at least one thing that is changing'),
    z.refine((kinds) => kinds.every((kind) => (CHANGE_KINDS as readonly string[]).includes(kind)), 'Choose from the list'),
  ),
);

const effectiveDate = z.pipe(
  z.string('Enter the effective date').check(
    z.trim(),
    z.superRefine((value, ctx) => {
      const issue = (message: string) => ctx.addIssue({ code: 'custom', message, input: value });
      if (value === '') return issue('Enter the effective date');
      const date = parseCalendarDate(value);
      if (!date) return issue('Enter a real date, for example 12/1/2026');
      const today = todayInPacific();
      const earliest = addYears(today, -1);
      const latest = addYears(today, 1);
      if (date < earliest) issue(`The effective date cannot be more than a year ago: use ${formatCalendarDate(earliest)} or later`);
      if (date > latest) issue(`The effective date cannot be more than a year ahead: use ${formatCalendarDate(latest)} or earlier`);
    }),
  ),
  z.transform((value) => parseCalendarDate(value)!),
);

const formSchema = z
  .object({
    clinicName: requiredLine('Enter the clinic name', 200, 'Clinic name must be 200 characters or fewer'),
    clinicNpi: npiField('Enter the clinic’s NPI'),
    tin: tinField('Enter the clinic’s TIN'),
    senderName: requiredLine('Enter your name', 200, 'Your name must be 200 characters or fewer'),
    senderJobTitle: requiredLine('Enter your job title', 200, 'Your job title must be 200 characters or fewer'),
    senderEmail: emailAddress('Enter your e-mail address'),
    senderPhone: usPhoneField('Enter your phone number'),
    changes: changeList,
    newStreet: later<string>(),
    newLine2: later<string>(),
    newCity: later<string>(),
    newState: later<string>(),
    newZip: later<string>(),
    newPhone: later<string>(),
    newFax: later<string>(),
    newClinicName: later<string>(),
    newHours: later<string>(),
    acceptingNewPatients: later<string | null>(),
    joining: later<Array<Partial<Record<ProviderField, string>>>>(),
    leaving: later<Array<Partial<Record<ProviderField, string>>>>(),
    newTin: later<string>(),
    description: later<string>(),
    effectiveDate,
    notes: optionalText(2000, 'Anything else must be 2,000 characters or fewer'),
  })
  .check(
    z.superRefine(
      (form, ctx) => {
        for (const kind of chosenChanges(form.changes)) {
          const result = sectionSchemas[kind].safeParse(form);
          for (const issue of result.error?.issues ?? []) {
            ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[], message: issue.message, input: undefined });
          }
        }
      },
      // Runs even when other fields failed, so every error shows at once.
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    ),
  );

export interface NewAddress {
  street: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}

export interface ProviderChange {
  name: string;
  npi: string;
}

/** A validated clinic update: who sent it, and the new value of each chosen change (only those). */
export interface ClinicUpdateInput {
  clinicName: string;
  clinicNpi: string;
  tin: string;
  senderName: string;
  senderJobTitle: string;
  senderEmail: string;
  senderPhone: string;
  changes: ChangeKind[];
  effectiveDate: string;
  notes?: string;
  address?: NewAddress;
  phone?: string;
  fax?: string;
  newClinicName?: string;
  hours?: string;
  acceptingNewPatients?: boolean;
  joining?: ProviderChange[];
  leaving?: ProviderChange[];
  newTin?: string;
  description?: string;
}

export const clinicUpdateSchema = z.pipe(
  formSchema,
  z.transform((form): ClinicUpdateInput => {
    const section = <K extends ChangeKind>(kind: K) =>
      (form.changes as string[]).includes(kind) ? (sectionSchemas[kind].parse(form) as z.output<(typeof sectionSchemas)[K]>) : undefined;
    const address = section('address');
    const phoneFax = section('phoneFax');
    const accepting = section('acceptingPatients');
    const input: ClinicUpdateInput = {
      clinicName: form.clinicName,
      clinicNpi: form.clinicNpi,
      tin: form.tin,
      senderName: form.senderName,
      senderJobTitle: form.senderJobTitle,
      senderEmail: form.senderEmail,
      senderPhone: form.senderPhone,
      changes: chosenChanges(form.changes),
      effectiveDate: form.effectiveDate,
      notes: form.notes,
      address: address && {
        street: address.newStreet!,
        ...(address.newLine2 ? { line2: address.newLine2 } : {}),
        city: address.newCity!,
        state: address.newState!,
        zip: normalizeZip(address.newZip!),
      },
      phone: phoneFax?.newPhone,
      fax: phoneFax?.newFax,
      newClinicName: section('name')?.newClinicName,
      hours: section('hours')?.newHours,
      acceptingNewPatients: accepting && accepting.acceptingNewPatients === 'yes',
      joining: section('providerJoining')?.joining,
      leaving: section('providerLeaving')?.leaving,
      newTin: section('tin')?.newTin,
      description: section('other')?.description,
    };
    // Absent, not undefined, for what was not chosen: the stored answers and their fingerprint stay small.
    return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as ClinicUpdateInput;
  }),
);

export type ClinicUpdateForm = z.input<typeof formSchema>;
export type ClinicUpdateField = Exclude<keyof ClinicUpdateForm, 'joining' | 'leaving'>;

/** Who is sending: the fields that are always asked, before the changes. */
export const WHO_FIELDS = ['clinicName', 'clinicNpi', 'tin', 'senderName', 'senderJobTitle', 'senderEmail', 'senderPhone'] as const;
