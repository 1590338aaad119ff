'use client';

import { useActionState } from 'react';
import { Field } from '@/components/form/field';
import { ROLE_DESCRIPTIONS, STAFF_ROLES } from '@/lib/auth/roles';
import { addPersonAction, changePersonAction, type PeopleState } from './actions';

const IDLE: PeopleState = { status: 'idle' };

function Outcome({ state }: { state: PeopleState }) {
  if (state.status === 'done')
    return (
      <p className="panel panel--notice" role="status">
        {state.message}
      </p>
    );
  if (state.status === 'error' && !state.field)
    return (
      <p className="panel panel--warning" role="alert">
        {state.message}
      </p>
    );
  return null;
}

/** Add person: E-mail, Name, Role; what was typed stays when something is wrong. */
export function AddPerson() {
  const [state, action, isPending] = useActionState(addPersonAction, IDLE);
  const typed = state.status === 'error' ? state.values : {};
  const errorOf = (field: string) => (state.status === 'error' && state.field === field ? state.message : undefined);
  return (
    // noValidate: the server's message beside the field, in the plan's words, rather than the browser's bubble.
    <form action={action} key={state.status === 'done' ? state.at : 'add'} noValidate>
      <Outcome state={state} />
      <Field name="email" label="E-mail" hint="Their work address: they sign in with it." error={errorOf('email')}>
        {(control) => <input {...control} name="email" type="email" autoComplete="off" defaultValue={typed.email} />}
      </Field>
      <Field name="name" label="Name" hint="As colleagues know them. Optional: the address is used without one." error={errorOf('name')}>
        {(control) => <input {...control} name="name" type="text" maxLength={200} defaultValue={typed.name} />}
      </Field>
      <Field name="role" label="Role" error={errorOf('role')}>
        {(control) => (
          <select {...control} name="role" defaultValue={typed.role ?? 'viewer'}>
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role}>
                {role}: {ROLE_DESCRIPTIONS[role]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button" disabled={isPending}>
        Add person
      </button>
    </form>
  );
}

/** A person's row: change of role, and Disable or Enable. */
export function PersonActions(props: { email: string; name: string; role: string; disabled: boolean }) {
  const [state, action, isPending] = useActionState(changePersonAction, IDLE);
  const id = `role-${props.email.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="email" value={props.email} />
      {state.status === 'done' && <span role="status">{state.message} </span>}
      {state.status === 'error' && <span role="alert">{state.message} </span>}
      <label htmlFor={id} className="visually-hidden">
        Role of {props.name}
      </label>
      <select id={id} name="role" defaultValue={props.role} key={props.role}>
        {STAFF_ROLES.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </select>
      <button type="submit" name="intent" value="role" className="button button--secondary" disabled={isPending}>
        Change role
      </button>
      <button
        type="submit"
        name="intent"
        value={props.disabled ? 'enable' : 'disable'}
        className="button button--secondary"
        disabled={isPending}
        aria-label={`${props.disabled ? 'Enable' : 'Disable'} ${props.name}`}
      >
        {props.disabled ? 'Enable' : 'Disable'}
      </button>
    </form>
  );
}
