'use client';

import { useActionState } from 'react';
import { retryOutboxMessage, type RetryState } from './actions';

const IDLE: RetryState = { status: 'idle' };

/** Retry on a failed message; says what happened, with or without JavaScript. */
export function RetryMail({ id, label }: { id: string; label: string }) {
  const [state, action, isPending] = useActionState(retryOutboxMessage, IDLE);
  if (state.status === 'queued') return <span role="status">Sent again: waiting to be sent.</span>;
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="id" value={id} />
      {state.status === 'error' && <span role="alert">{state.message} </span>}
      <button type="submit" className="button button--secondary" disabled={isPending} aria-label={`Retry ${label}`}>
        Retry
      </button>
    </form>
  );
}
