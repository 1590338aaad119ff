'use client';

import { lazy, useActionState, useEffect, useRef } from 'react';
import { useFieldArray, useForm, useWatch, type UseFormRegister } from 'react-hook-form';
import { ChoiceGroup } from '@/components/form/choice-group';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { RegistryLookup, useRegistryLookup } from '@/components/registry/registry-lookup';
import { TextAreaField, TextField } from '@/components/form/text-field';
import { useIsHydrated } from '@/components/form/use-is-hydrated';
import { useServerErrors } from '@/components/form/use-server-form';
import type { ClinicUpdateForm as FormValues, ClinicUpdateInput } from '@/lib/intake/clinic-update/schema';
import { CHANGE_KINDS, CHANGE_LABELS, chosenChanges, type ChangeKind, type ProviderDirection } from '@/lib/intake/clinic-update/options';
import { lazyResolver } from '@/lib/validation/lazy-resolver';
import { submitClinicUpdate, type ClinicUpdateFormState } from './actions';

// The questions of the chosen changes: loaded when the first change is ticked. Like next/dynamic with ssr (whose
// loader adds 1.7 KB), without a Suspense boundary: the server renders them inline, which the no-JS form needs.
const ChangeSections = lazy(() => import('./change-sections'));

const INITIAL: ClinicUpdateFormState = { status: 'idle' };

const validation = lazyResolver<FormValues, ClinicUpdateInput>(() =>
  import('@/lib/intake/clinic-update/schema').then((module) => module.clinicUpdateSchema),
);

const WHO = [
  ['clinicName', 'Clinic name'],
  ['clinicNpi', 'Clinic NPI'],
  ['tin', 'TIN'],
  ['senderName', 'Your name'],
  ['senderJobTitle', 'Your job title'],
  ['senderEmail', 'Your e-mail'],
  ['senderPhone', 'Your phone'],
] as const;

/** The fields of each section, in page order, for the error summary. */
const SECTION_PATHS: Record<ChangeKind, (rows: Record<ProviderDirection, number>) => string[]> = {
  address: () => ['newStreet', 'newLine2', 'newCity', 'newState', 'newZip'],
  phoneFax: () => ['newPhone', 'newFax'],
  name: () => ['newClinicName'],
  hours: () => ['newHours'],
  acceptingPatients: () => ['acceptingNewPatients'],
  providerJoining: (rows) => ['joining', ...rowPaths('joining', rows.joining)],
  providerLeaving: (rows) => ['leaving', ...rowPaths('leaving', rows.leaving)],
  tin: () => ['newTin'],
  other: () => ['description'],
};

function rowPaths(direction: ProviderDirection, count: number): string[] {
  return Array.from({ length: count }, (_, index) => [`${direction}.${index}.name`, `${direction}.${index}.npi`]).flat();
}

/** A provider row's errors name the row: several rows ask the same questions. */
function summaryMessage(path: string, message: string): string {
  const row = /^(joining|leaving)\.(\d+)\.\w+$/.exec(path);
  return row ? `Provider ${row[1]} ${Number(row[2]) + 1}: ${message}` : message;
}

export function ClinicUpdateForm(props: { submissionKey: string; earliestDate: string; latestDate: string }) {
  const { submissionKey, earliestDate, latestDate } = props;
  const [state, formAction, isPending] = useActionState(submitClinicUpdate, INITIAL);
  const values: Record<string, string | undefined> = state.status === 'idle' ? {} : state.values;
  const serverChanges = state.status === 'idle' ? [] : state.changes;
  const serverRows = state.status === 'idle' ? { joining: 1, leaving: 1 } : state.rows;
  const formRef = useRef<HTMLFormElement>(null);
  const isHydrated = useIsHydrated();

  const providerDefaults = (direction: ProviderDirection) =>
    Array.from({ length: serverRows[direction] }, (_, index) => ({
      name: values[`${direction}.${index}.name`] ?? '',
      npi: values[`${direction}.${index}.npi`] ?? '',
    }));
  const { register, control, handleSubmit, formState, getValues, setValue } = useForm<FormValues, unknown, ClinicUpdateInput>({
    resolver: validation.resolver,
    // onBlur, not onTouched: with onTouched, typing in a provider row just added flags the whole row at once, and
    // the messages shifting the page can swallow the click on "Add another provider" (as in the clinic e-mails form).
    mode: 'onBlur',
    shouldFocusError: false,
    defaultValues: {
      ...(values as Partial<FormValues>),
      changes: serverChanges,
      joining: providerDefaults('joining'),
      leaving: providerDefaults('leaving'),
    },
  });
  const joining = useFieldArray({ control, name: 'joining' });
  const leaving = useFieldArray({ control, name: 'leaving' });
  const lists = { joining, leaving };
  const watchedChanges = useWatch({ control, name: 'changes' });
  // The server's answer until the page is interactive, so the first render matches the HTML it sent.
  const chosen = isHydrated ? chosenChanges(watchedChanges) : serverChanges;
  useEffect(() => validation.prefetch(), []);
  const registry = useRegistryLookup();

  const { errorOf, errorsIn, sendToServer } = useServerErrors({ state, browserErrors: formState.errors, formAction, formRef });
  const rowCounts = { joining: joining.fields.length, leaving: leaving.fields.length };
  const paths = [
    ...WHO.map(([name]) => name),
    'changes',
    ...chosen.flatMap((kind) => SECTION_PATHS[kind](rowCounts)),
    'effectiveDate',
    'notes',
  ];
  const errors = errorsIn(paths);
  const showSummary = (formState.isSubmitted || state.status === 'invalid') && errors.length > 0;
  const anyRegister = register as unknown as UseFormRegister<Record<string, unknown>>;

  const text = (name: string, label: string, input: Record<string, unknown> = {}, hint?: string) => (
    <TextField
      name={name}
      label={label}
      hint={hint}
      error={errorOf(name)}
      register={anyRegister}
      defaultValue={values[name]}
      input={input}
    />
  );

  return (
    <form ref={formRef} action={formAction} onSubmit={handleSubmit(sendToServer)} noValidate className="form">
      <title>{`${showSummary ? 'Error: ' : ''}Clinic information change – Provider Intake`}</title>
      {showSummary && <ErrorSummary errors={errors.map(([path, message]) => [path, summaryMessage(path, message)])} />}
      {state.status === 'invalid' && state.formError && (
        <div className="panel panel--warning" role="alert">
          {state.formError}
        </div>
      )}
      {state.status === 'editing' && state.notice && (
        <div className="panel panel--notice" role="status">
          {state.notice}
        </div>
      )}
      <input type="hidden" name="submissionKey" value={values.submissionKey || submissionKey} />
      <input type="hidden" name="shown" value={chosen.join(' ')} />

      <h2>Your clinic</h2>
      {text('clinicName', 'Clinic name', { autoComplete: 'organization' }, 'As it is known today')}
      <div style={{ display: 'contents' }} onBlur={registry.onBlur}>
        {text(
          'clinicNpi',
          'Clinic NPI',
          { inputMode: 'numeric', className: 'input--medium' },
          'The clinic’s (organisation’s) 10-digit NPI',
        )}
      </div>
      <RegistryLookup
        npi={registry.npi}
        fields={{ name: 'clinicName' }}
        valueOf={(name) => String(getValues(name as 'clinicName') ?? '')}
        fill={(name, value) => setValue(name as 'clinicName', value, { shouldDirty: true })}
      />
      {text(
        'tin',
        'TIN',
        { inputMode: 'numeric', className: 'input--medium', autoComplete: 'off' },
        'The clinic’s current Tax Identification Number: 9 digits, like 12-3456789. It is encrypted.',
      )}

      <h2>About you</h2>
      {text('senderName', 'Your name', { autoComplete: 'name' })}
      {text('senderJobTitle', 'Your job title', { autoComplete: 'organization-title' })}
      {text(
        'senderEmail',
        'Your e-mail',
        { type: 'email', autoComplete: 'email', spellCheck: false },
        'We send your receipt here, and write to you here if we need anything more.',
      )}
      {text('senderPhone', 'Your phone', { type: 'tel', autoComplete: 'tel', className: 'input--medium' })}

      <h2>The change</h2>
      <ChoiceGroup
        name="changes"
        legend="What is changing?"
        hint="Choose everything that is changing."
        type="checkbox"
        error={errorOf('changes')}
        choices={CHANGE_KINDS.map((kind) => [kind, CHANGE_LABELS[kind]] as const)}
        inputProps={(value) => ({ ...anyRegister('changes'), defaultChecked: serverChanges.includes(value as ChangeKind) })}
      />
      {!isHydrated && (
        <p>
          <button type="submit" name="intent" value="continue" formNoValidate className="button button--secondary">
            Continue
          </button>
          <span className="hint"> Shows the questions for what you chose.</span>
        </p>
      )}

      {chosen.length > 0 && <ChangeSections chosen={chosen} register={anyRegister} errorOf={errorOf} values={values} lists={lists} />}

      <Field
        name="effectiveDate"
        label="Effective date"
        hint="The day the change takes effect. It can be up to a year ago or a year ahead."
        error={errorOf('effectiveDate')}
      >
        {(field) => (
          <input
            {...field}
            {...register('effectiveDate')}
            type="date"
            min={earliestDate}
            max={latestDate}
            defaultValue={values.effectiveDate}
          />
        )}
      </Field>
      <TextAreaField
        name="notes"
        label="Anything else (optional)"
        error={errorOf('notes')}
        register={anyRegister}
        defaultValue={values.notes}
      />

      <button type="submit" name="intent" value="submit" className="button" disabled={isPending}>
        Send changes
      </button>
    </form>
  );
}
