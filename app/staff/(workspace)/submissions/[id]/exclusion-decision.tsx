'use client';

import { useActionState } from 'react';
import { ChoiceGroup } from '@/components/form/choice-group';
import { Field } from '@/components/form/field';
import { decideExclusion, type DecisionState } from './exclusion-actions';

const IDLE: DecisionState = { status: 'idle' };

const CHOICES = [
  ['SAME_PROVIDER', 'Same provider'],
  ['NOT_SAME_PROVIDER', 'Not the same provider'],
] as const;

/** Same provider or Not the same provider, with a reason: one form per possible exclusion (`index` keeps ids apart). */
export function ExclusionDecisionForm(props: { id: string; entryKey: string; index: number; entryName: string; current?: string }) {
  const [state, action, isPending] = useActionState(decideExclusion, IDLE);
  const typed = state.status === 'error' ? state.values : { decision: props.current ?? '', reason: '' };
  const errorOf = (field: 'decision' | 'reason') => (state.status === 'error' && state.field === field ? state.message : undefined);
  return (
    <form action={action} key={state.status === 'done' ? state.at : 'decision'} aria-label={`Decision on ${props.entryName}`}>
      <input type="hidden" name="id" value={props.id} />
      <input type="hidden" name="entryKey" value={props.entryKey} />
      {state.status === 'done' && (
        <p className="panel panel--notice" role="status">
          {state.message}
        </p>
      )}
      {state.status === 'error' && !state.field && (
        <p className="panel panel--warning" role="alert">
          {state.message}
        </p>
      )}
      <ChoiceGroup
        name={`decision-${props.index}`}
        legend={`Is ${props.entryName} this provider?`}
        type="radio"
        choices={CHOICES}
        error={errorOf('decision')}
        inputProps={(value) => ({ name: 'decision', defaultChecked: typed.decision === value })}
      />
      <Field
        name={`reason-${props.index}`}
        label="Reason"
        hint="What you compared (NPI, date of birth, address, licence). It is recorded with your name."
        error={errorOf('reason')}
      >
        {(control) => <textarea {...control} name="reason" rows={3} defaultValue={typed.reason} />}
      </Field>
      <button type="submit" className="button button--secondary" disabled={isPending}>
        Record decision
      </button>
    </form>
  );
}
