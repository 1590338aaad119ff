'use client';

import { useActionState } from 'react';
import { Field } from '@/components/form/field';
import { sendSignInLink, type SignInFormState } from './actions';

const INITIAL: SignInFormState = { status: 'idle' };

export function SignInForm({ hasProblem = false }: { hasProblem?: boolean }) {
  const [state, formAction, isPending] = useActionState(sendSignInLink, INITIAL);
  if (state.status === 'sent') {
    return (
      <div className="panel panel--notice" role="status">
        <title>Staff sign-in – Provider Intake</title>
        <h2>Check your e-mail</h2>
        <p>
          If <strong>{state.email}</strong> has a staff account, we have sent it a sign-in link. The link works once, for 10 minutes.
        </p>
      </div>
    );
  }
  const error = state.status === 'invalid' ? state.error : undefined;
  return (
    <form action={formAction} noValidate className="form">
      <title>{`${error || hasProblem ? 'Error: ' : ''}Staff sign-in – Provider Intake`}</title>
      {error && (
        <div className="error-summary" role="alert">
          <h2>There is a problem</h2>
          <ul>
            <li>
              <a href="#field-email">{error}</a>
            </li>
          </ul>
        </div>
      )}
      <Field name="email" label="E-mail" hint="Your work address. We e-mail you a link to sign in." error={error}>
        {(control) => (
          <input
            {...control}
            name="email"
            type="email"
            autoComplete="email"
            spellCheck={false}
            defaultValue={state.status === 'invalid' ? state.email : ''}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={isPending}>
        Send sign-in link
      </button>
    </form>
  );
}
