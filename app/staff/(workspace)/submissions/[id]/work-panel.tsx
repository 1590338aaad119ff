'use client';

import { useActionState, type ReactNode } from 'react';
import { Field } from '@/components/form/field';
import type { Status } from '@/lib/staff/queue-filter';
import { MESSAGE_MAX, MESSAGE_MOVES } from '@/lib/staff/workflow';
import { addSubmissionNote, assignSubmission, moveSubmission, revealSubmissionTin, type WorkState } from './actions';

const IDLE: WorkState = { status: 'idle' };

/** What an action said: a confirmation, or the reason it did nothing. */
function Outcome({ state }: { state: WorkState }) {
  if (state.status === 'done')
    return (
      <p className="panel panel--notice" role="status">
        {state.message}
      </p>
    );
  if (state.status === 'error')
    return (
      <p className="panel panel--warning" role="alert">
        {state.message}
      </p>
    );
  return null;
}

function Target({ id, version }: { id: string; version?: number }) {
  return (
    <>
      <input type="hidden" name="id" value={id} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}
    </>
  );
}

export function StatusMoves(props: { id: string; version: number; moves: Array<{ to: Status; label: string }> }) {
  const [state, action, isPending] = useActionState(moveSubmission, IDLE);
  const canMessage = props.moves.some((move) => MESSAGE_MOVES.includes(move.to));
  const messageError = state.status === 'error' && state.field === 'message' ? state.message : undefined;
  return (
    <section aria-labelledby="status-heading">
      <h3 id="status-heading">Status</h3>
      <Outcome state={messageError ? IDLE : state} />
      {props.moves.length === 0 ? (
        <p>Closed: no further moves.</p>
      ) : (
        // A fresh form after each move: the message sent goes with it.
        <form action={action} key={state.status === 'done' ? state.at : 'move'}>
          <Target id={props.id} version={props.version} />
          {canMessage && (
            <Field
              name="message"
              label="Message to the applicant"
              hint={`E-mailed to the applicant with the move and shown on their status page. Needed for Waiting on applicant; optional for Approved and Declined. Plain text, at most ${MESSAGE_MAX.toLocaleString('en-US')} characters.`}
              error={messageError}
            >
              {(control) => (
                <textarea
                  {...control}
                  name="message"
                  rows={5}
                  maxLength={MESSAGE_MAX}
                  defaultValue={state.status === 'error' ? state.values?.message : ''}
                />
              )}
            </Field>
          )}
          <div className="button-row">
            {props.moves.map((move) => (
              <button key={move.to} type="submit" name="to" value={move.to} className="button" disabled={isPending}>
                {move.label}
              </button>
            ))}
          </div>
        </form>
      )}
    </section>
  );
}

export function Assignment(props: { id: string; version: number; assigneeId: string | null; staff: Array<{ id: string; name: string }> }) {
  const [state, action, isPending] = useActionState(assignSubmission, IDLE);
  return (
    <section>
      <Outcome state={state} />
      <form action={action} className="inline-form">
        <Target id={props.id} version={props.version} />
        <Field name="assigneeId" label="Assign to">
          {(control) => (
            <select {...control} name="assigneeId" defaultValue={props.assigneeId ?? ''} key={`${props.version}`}>
              <option value="">Nobody</option>
              {props.staff.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button--secondary" disabled={isPending}>
          Assign
        </button>
      </form>
    </section>
  );
}

export function NoteForm({ id }: { id: string }) {
  const [state, action, isPending] = useActionState(addSubmissionNote, IDLE);
  const error = state.status === 'error' ? state.message : undefined;
  return (
    // A fresh, empty form after each note added.
    <form action={action} key={state.status === 'done' ? state.at : 'note'}>
      <Target id={id} />
      <Outcome state={state.status === 'done' ? state : IDLE} />
      <Field name="note" label="Note" hint="Internal: never e-mailed, never shown to the sender." error={error}>
        {(control) => <textarea {...control} name="note" rows={4} defaultValue={state.status === 'error' ? state.values?.note : ''} />}
      </Field>
      <button type="submit" className="button button--secondary" disabled={isPending}>
        Add note
      </button>
    </form>
  );
}

export function RevealTin({ id, masked }: { id: string; masked: ReactNode }) {
  const [state, action, isPending] = useActionState(revealSubmissionTin, IDLE);
  if (state.status === 'revealed') {
    return (
      <div className="panel panel--notice" role="status">
        {state.tins.map((tin) => (
          <p key={tin.label}>
            {tin.label}: <strong className="reference">{tin.tin}</strong>
          </p>
        ))}
        <p>Your reveal and its reason are in the audit log. Do not copy the TIN anywhere it is not needed.</p>
      </div>
    );
  }
  const error = state.status === 'error' ? state.message : undefined;
  return (
    <form action={action}>
      <Target id={id} />
      <p>TIN on file: {masked}</p>
      <Field name="reason" label="Reason" hint="Why you need the full TIN. It is recorded with your name." error={error}>
        {(control) => <input {...control} name="reason" type="text" defaultValue={state.status === 'error' ? state.values?.reason : ''} />}
      </Field>
      <button type="submit" className="button button--secondary" disabled={isPending}>
        Reveal TIN
      </button>
    </form>
  );
}
