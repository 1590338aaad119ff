'use client';

import { useActionState, useEffect, useRef } from 'react';
import { Controller, useForm, type UseFormRegister } from 'react-hook-form';
import { AddressFieldset } from '@/components/form/address-fieldset';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { RegistryLookup, useRegistryLookup } from '@/components/registry/registry-lookup';
import { SpecialtyPicker } from '@/components/form/specialty-picker';
import { useServerErrors } from '@/components/form/use-server-form';
import type { ContractRequestField, ContractRequestForm as FormValues, ContractRequestInput } from '@/lib/intake/contract-request/schema';
import { lazyResolver } from '@/lib/validation/lazy-resolver';
import { submitContractRequest, type ContractRequestFormState } from './actions';

/** Every field in page order: the error summary lists errors in this order. */
const FIELD_ORDER = [
  'providerName',
  'taxonomyCode',
  'phone',
  'fax',
  'email',
  'physicalStreet',
  'physicalLine2',
  'physicalCity',
  'physicalState',
  'physicalZip',
  'mailingStreet',
  'mailingLine2',
  'mailingCity',
  'mailingState',
  'mailingZip',
  'npi',
  'tin',
  'dmapId',
  'dmapPending',
  'notes',
] as const satisfies readonly ContractRequestField[];
// A field added to the schema but not to this list fails to compile here.
const listsEveryField: [Exclude<ContractRequestField, (typeof FIELD_ORDER)[number]>] extends [never] ? true : never = true;
void listsEveryField;

const INITIAL: ContractRequestFormState = { status: 'idle' };

const validation = lazyResolver<FormValues, ContractRequestInput>(() =>
  import('@/lib/intake/contract-request/schema').then((module) => module.contractRequestSchema),
);

export function ContractRequestForm({ catalogUrl, submissionKey }: { catalogUrl: string; submissionKey: string }) {
  const [state, formAction, isPending] = useActionState(submitContractRequest, INITIAL);
  const values: Partial<Record<string, string>> = state.status === 'invalid' ? state.values : {};
  const formRef = useRef<HTMLFormElement>(null);

  const { register, control, handleSubmit, formState, getValues, setValue } = useForm<FormValues, unknown, ContractRequestInput>({
    resolver: validation.resolver,
    mode: 'onTouched',
    // The error summary takes focus and links to each field; react-hook-form would move focus to the first field.
    shouldFocusError: false,
    defaultValues: { ...values, dmapPending: values.dmapPending === 'on' } as Partial<FormValues>,
  });

  const { errorOf, errorsIn, sendToServer } = useServerErrors({ state, browserErrors: formState.errors, formAction, formRef });
  const errors = errorsIn(FIELD_ORDER);
  const showSummary = (formState.isSubmitted || state.status === 'invalid') && errors.length > 0;

  useEffect(() => validation.prefetch(), []);
  const registry = useRegistryLookup();

  const anyRegister = register as unknown as UseFormRegister<Record<string, unknown>>;
  const errorMap = Object.fromEntries(FIELD_ORDER.map((name) => [name, errorOf(name)]));

  return (
    <form ref={formRef} action={formAction} onSubmit={handleSubmit(sendToServer)} noValidate className="form">
      <title>{`${showSummary ? 'Error: ' : ''}New contract request – Provider Intake`}</title>
      {showSummary && <ErrorSummary errors={errors} />}
      {state.status === 'invalid' && state.formError && (
        <div className="panel panel--warning" role="alert">
          {state.formError}
        </div>
      )}
      <input type="hidden" name="submissionKey" value={values.submissionKey || submissionKey} />

      <Field name="providerName" label="Provider or clinic name" error={errorOf('providerName')}>
        {(props) => (
          <input {...props} {...register('providerName')} type="text" autoComplete="organization" defaultValue={values.providerName} />
        )}
      </Field>

      <Field
        name="taxonomyCode"
        label="Specialty"
        hint="The provider's main specialty, from the NUCC taxonomy. Type part of its name."
        error={errorOf('taxonomyCode')}
      >
        {(props) => (
          <Controller
            control={control}
            name="taxonomyCode"
            defaultValue={values.taxonomyCode ?? ''}
            render={({ field }) => (
              <SpecialtyPicker
                name="taxonomyCode"
                control={props}
                catalogUrl={catalogUrl}
                value={field.value ?? ''}
                onChange={field.onChange}
                onBlur={field.onBlur}
              />
            )}
          />
        )}
      </Field>

      <Field name="phone" label="Phone" hint="A US number, for example (503) 555-0123" error={errorOf('phone')}>
        {(props) => (
          <input {...props} {...register('phone')} type="tel" autoComplete="tel" className="input--medium" defaultValue={values.phone} />
        )}
      </Field>
      <Field name="fax" label="Fax (optional)" error={errorOf('fax')}>
        {(props) => <input {...props} {...register('fax')} type="tel" className="input--medium" defaultValue={values.fax} />}
      </Field>
      <Field
        name="email"
        label="E-mail"
        hint="We send your receipt here, and write to you here about this request."
        error={errorOf('email')}
      >
        {(props) => (
          <input {...props} {...register('email')} type="email" autoComplete="email" spellCheck={false} defaultValue={values.email} />
        )}
      </Field>

      <AddressFieldset
        prefix="physical"
        legend="Physical address"
        hint="Where care is given. A PO Box cannot be used here."
        register={anyRegister}
        errors={errorMap}
        values={values}
      />
      <AddressFieldset
        prefix="mailing"
        legend="Mailing address (if different)"
        hint="Leave blank if it is the same as the physical address. A PO Box is fine here."
        isOptional
        register={anyRegister}
        errors={errorMap}
        values={values}
      />

      <Field name="npi" label="NPI" hint="The 10-digit National Provider Identifier" error={errorOf('npi')}>
        {(props) => (
          <input
            {...props}
            {...register('npi', { onBlur: registry.onBlur })}
            type="text"
            inputMode="numeric"
            className="input--medium"
            defaultValue={values.npi}
          />
        )}
      </Field>
      <RegistryLookup
        npi={registry.npi}
        valueOf={(name) => String(getValues(name as ContractRequestField) ?? '')}
        fill={(name, value) => setValue(name as 'providerName', value, { shouldDirty: true })}
      />
      <Field
        name="tin"
        label="TIN"
        hint="Tax Identification Number: 9 digits, like 12-3456789. It is encrypted, and only our contracting staff can see it in full."
        error={errorOf('tin')}
      >
        {(props) => (
          <input
            {...props}
            {...register('tin')}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            className="input--medium"
            defaultValue={values.tin}
          />
        )}
      </Field>
      <Field
        name="dmapId"
        label="DMAP ID"
        hint="Your Oregon Medicaid (DMAP) provider number: up to 12 letters and digits"
        error={errorOf('dmapId')}
      >
        {(props) => <input {...props} {...register('dmapId')} type="text" className="input--medium" defaultValue={values.dmapId} />}
      </Field>
      <div className="checkbox">
        <input id="field-dmapPending" type="checkbox" {...register('dmapPending')} defaultChecked={values.dmapPending === 'on'} />
        <label htmlFor="field-dmapPending">My DMAP enrollment is pending</label>
      </div>

      <Field name="notes" label="Anything else we should know (optional)" error={errorOf('notes')}>
        {(props) => <textarea {...props} {...register('notes')} rows={5} defaultValue={values.notes} />}
      </Field>

      <button type="submit" className="button" disabled={isPending}>
        Submit request
      </button>
    </form>
  );
}
