'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { useServerErrors } from '@/components/form/use-server-form';
import type { StatusLookupForm, StatusLookupInput } from '@/lib/validation/status-lookup';
import { lazyResolver } from '@/lib/validation/lazy-resolver';
import { checkStatus, type StatusFormState } from './actions';

const INITIAL: StatusFormState = { status: 'idle' };

const validationFor = (referencePrefixes: readonly string[]) =>
  lazyResolver<StatusLookupForm, StatusLookupInput>(() =>
    import('@/lib/validation/status-lookup').then((module) => module.statusLookupSchemaFor(referencePrefixes)),
  );

const LABELS = { reference: 'Reference', email: 'E-mail' } as const;

/** Reference and e-mail in, the request's status out; shown above the form, which stays for another look-up. */
export function StatusForm({ reference = '', referencePrefixes }: { reference?: string; referencePrefixes: readonly string[] }) {
  const [validation] = useState(() => validationFor(referencePrefixes));
  const [state, formAction, isPending] = useActionState(checkStatus, INITIAL);
  const values: Partial<Record<keyof typeof LABELS, string>> = state.status === 'idle' ? { reference } : state.values;
  const formRef = useRef<HTMLFormElement>(null);
  const { register, handleSubmit, formState } = useForm<StatusLookupForm, unknown, StatusLookupInput>({
    resolver: validation.resolver,
    // Checked when sent, not when a field is left: the e-mail field sits just above the button, and an error
    // appearing on blur (as the mouse goes down on the button) pushed the button away before the click landed,
    // so the click was lost. After a send, a field is checked again as it is corrected (reValidateMode onChange).
    mode: 'onSubmit',
    shouldFocusError: false,
    defaultValues: { reference: values.reference ?? '', email: values.email ?? '' },
  });
  useEffect(() => validation.prefetch(), [validation]);
  const { errorOf, errorsIn, sendToServer } = useServerErrors({ state, browserErrors: formState.errors, formAction, formRef });
  const errors = errorsIn(['reference', 'email']);
  const formError = state.status === 'invalid' ? state.formError : undefined;
  const showSummary = (formState.isSubmitted || state.status === 'invalid') && errors.length > 0;
  const hasProblem = showSummary || !!formError;

  return (
    <>
      <title>{`${hasProblem ? 'Error: ' : ''}Check a request's status – Provider Intake`}</title>
      {/* A later check the browser refuses hides the earlier answer: it is no longer the answer to what is typed. */}
      {state.status === 'found' && errors.length === 0 && <StatusPanel request={state.request} />}
      <form ref={formRef} action={formAction} onSubmit={handleSubmit(sendToServer)} noValidate className="form">
        {showSummary && (
          <ErrorSummary errors={errors.map(([path, message]) => [path, `${LABELS[path as keyof typeof LABELS]}: ${message}`])} />
        )}
        {formError && (
          <div className="panel panel--warning" role="alert">
            {formError}
          </div>
        )}
        <Field name="reference" label="Reference" hint="In your receipt e-mail, like NCR-7K3M9Q2X" error={errorOf('reference')}>
          {(control) => (
            <input
              {...control}
              {...register('reference')}
              type="text"
              className="input--medium"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="characters"
              defaultValue={values.reference}
            />
          )}
        </Field>
        <Field name="email" label="E-mail" hint="The address you sent the request from" error={errorOf('email')}>
          {(control) => (
            <input {...control} {...register('email')} type="email" autoComplete="email" spellCheck={false} defaultValue={values.email} />
          )}
        </Field>
        <button type="submit" className="button" disabled={isPending}>
          {state.status === 'found' ? 'Check again' : 'Check status'}
        </button>
      </form>
    </>
  );
}

function StatusPanel({ request }: { request: Extract<StatusFormState, { status: 'found' }>['request'] }) {
  return (
    <section className="panel panel--notice" role="status" aria-labelledby="status-title">
      <h2 id="status-title">
        {request.reference}: {request.label}
      </h2>
      <p>{request.meaning}</p>
      {request.confirmations && <p>{request.confirmations}</p>}
      {request.message && (
        <>
          <h3>Our latest message to you, {request.message.sent}</h3>
          <p className="message">{request.message.body}</p>
        </>
      )}
      <dl className="details">
        <dt>Request</dt>
        <dd>{request.kind}</dd>
        <dt>Received</dt>
        <dd>{request.received}</dd>
        <dt>Status since</dt>
        <dd>{request.since}</dd>
      </dl>
    </section>
  );
}
