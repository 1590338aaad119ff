'use client';

import { useActionState, useEffect, useRef } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { RegistryLookup, useRegistryLookup } from '@/components/registry/registry-lookup';
import { useServerErrors } from '@/components/form/use-server-form';
import type { ClinicEmailsForm as FormValues, ClinicEmailsInput } from '@/lib/intake/clinic-emails/schema';
import { MAX_PEOPLE } from '@/lib/intake/clinic-emails/options';
import { lazyResolver } from '@/lib/validation/lazy-resolver';
import { registerClinicEmails, type ClinicEmailsFormState } from './actions';

const INITIAL: ClinicEmailsFormState = { status: 'idle' };

const validation = lazyResolver<FormValues, ClinicEmailsInput>(() =>
  import('@/lib/intake/clinic-emails/schema').then((module) => module.clinicEmailsSchema),
);

const PERSON_LABELS = { fullName: 'Full name', jobTitle: 'Job title', email: 'E-mail' } as const;
const FIXED_LABELS = {
  clinicName: 'Clinic name',
  clinicNpi: 'Clinic NPI',
  clinicPhone: 'Clinic phone',
  registrantName: 'Your name',
  registrantEmail: 'Your e-mail',
} as const;

function labelOf(path: string): string {
  const person = /^people\.(\d+)\.(\w+)$/.exec(path);
  if (person) return `Person ${Number(person[1]) + 1}: ${PERSON_LABELS[person[2] as keyof typeof PERSON_LABELS] ?? person[2]}`;
  if (path === 'people') return 'People';
  return FIXED_LABELS[path as keyof typeof FIXED_LABELS] ?? path;
}

export function ClinicEmailsForm({ submissionKey }: { submissionKey: string }) {
  const [state, formAction, isPending] = useActionState(registerClinicEmails, INITIAL);
  const values = state.status === 'idle' ? {} : state.values;
  const rowCount = state.status === 'idle' ? 1 : state.rows;
  const formRef = useRef<HTMLFormElement>(null);

  const { register, control, handleSubmit, formState, getValues, setValue } = useForm<FormValues, unknown, ClinicEmailsInput>({
    resolver: validation.resolver,
    // onBlur, not onTouched: with onTouched, adding a row validates the whole list and flags the new, untouched
    // row at once, and the messages shifting the page can swallow the click on "Add another person".
    mode: 'onBlur',
    shouldFocusError: false,
    defaultValues: {
      clinicName: values.clinicName ?? '',
      clinicNpi: values.clinicNpi ?? '',
      clinicPhone: values.clinicPhone ?? '',
      registrantName: values.registrantName ?? '',
      registrantEmail: values.registrantEmail ?? '',
      people: Array.from({ length: rowCount }, (_, index) => ({
        fullName: values[`people.${index}.fullName`] ?? '',
        jobTitle: values[`people.${index}.jobTitle`] ?? '',
        email: values[`people.${index}.email`] ?? '',
      })),
    },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'people' });
  useEffect(() => validation.prefetch(), []);
  const registry = useRegistryLookup();

  const { errorOf, errorsIn, sendToServer } = useServerErrors({ state, browserErrors: formState.errors, formAction, formRef });

  const paths = [
    'clinicName',
    'clinicNpi',
    'clinicPhone',
    'people',
    ...fields.flatMap((_, index) => ['fullName', 'jobTitle', 'email'].map((field) => `people.${index}.${field}`)),
    'registrantName',
    'registrantEmail',
  ];
  const errors = errorsIn(paths);
  const showSummary = (formState.isSubmitted || state.status === 'invalid') && errors.length > 0;

  const text = (name: string, label: string, props: Record<string, unknown> = {}, hint?: string) => (
    <Field name={name} label={label} hint={hint} error={errorOf(name)}>
      {(control) => <input {...control} {...register(name as 'clinicName')} type="text" defaultValue={values[name]} {...props} />}
    </Field>
  );

  return (
    <form ref={formRef} action={formAction} onSubmit={handleSubmit(sendToServer)} noValidate className="form">
      <title>{`${showSummary ? 'Error: ' : ''}Register clinic alert e-mails – Provider Intake`}</title>
      {showSummary && <ErrorSummary errors={errors.map(([path, message]) => [path, `${labelOf(path)}: ${message}`])} />}
      {state.status === 'invalid' && state.formError && (
        <div className="panel panel--warning" role="alert">
          {state.formError}
        </div>
      )}
      <input type="hidden" name="submissionKey" value={values.submissionKey || submissionKey} />

      {text('clinicName', 'Clinic name', { autoComplete: 'organization' })}
      <div style={{ display: 'contents' }} onBlur={registry.onBlur}>
        {text(
          'clinicNpi',
          'Clinic NPI',
          { inputMode: 'numeric', className: 'input--medium' },
          "The clinic's (organisation's) 10-digit NPI",
        )}
      </div>
      <RegistryLookup
        npi={registry.npi}
        fields={{ name: 'clinicName' }}
        valueOf={(name) => String(getValues(name as 'clinicName') ?? '')}
        fill={(name, value) => setValue(name as 'clinicName', value, { shouldDirty: true })}
      />
      {text('clinicPhone', 'Clinic phone', { type: 'tel', className: 'input--medium' }, 'A US number, for example (503) 555-0123')}

      <h2>Who should receive alerts</h2>
      <p>Each person gets an e-mail with a link to confirm their address. Up to {MAX_PEOPLE} people.</p>
      {fields.map((field, index) => (
        <fieldset key={field.id} className="repeat">
          <legend>{`Person ${index + 1}`}</legend>
          {text(`people.${index}.fullName`, 'Full name', { autoComplete: 'off' })}
          {text(`people.${index}.jobTitle`, 'Job title', { autoComplete: 'off' })}
          {text(`people.${index}.email`, 'E-mail', { type: 'email', spellCheck: false, autoComplete: 'off' })}
          {fields.length > 1 && (
            <button
              type="submit"
              name="intent"
              value={`remove:${index}`}
              formNoValidate
              className="button button--secondary"
              onClick={(event) => {
                event.preventDefault();
                remove(index);
              }}
            >
              Remove<span className="visually-hidden">{` person ${index + 1}`}</span>
            </button>
          )}
        </fieldset>
      ))}
      {fields.length < MAX_PEOPLE && (
        <p>
          <button
            type="submit"
            name="intent"
            value="add"
            formNoValidate
            className="button button--secondary"
            onClick={(event) => {
              event.preventDefault();
              append({ fullName: '', jobTitle: '', email: '' });
            }}
          >
            Add another person
          </button>
        </p>
      )}

      <h2>About you</h2>
      {text('registrantName', 'Your name', { autoComplete: 'name' })}
      {text(
        'registrantEmail',
        'Your e-mail',
        { type: 'email', autoComplete: 'email', spellCheck: false },
        'We send you a receipt when the list goes to CareOregon.',
      )}

      <button type="submit" name="intent" value="submit" className="button" disabled={isPending}>
        Register e-mails
      </button>
    </form>
  );
}
