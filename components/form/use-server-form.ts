'use client';

import { startTransition, useState, type RefObject } from 'react';
import { get, type FieldErrors, type FieldValues } from 'react-hook-form';

/**
 * What every public form does with its two sources of errors: react-hook-form's (in the browser) and the
 * Server Action's (always, and the only ones without JavaScript). The action's errors show until the form is
 * sent again; a field's own browser check wins over them once the person has been there.
 */
export function useServerErrors<State extends { status: string; fieldErrors?: Record<string, string[] | undefined> }>(options: {
  state: State;
  browserErrors: FieldErrors<FieldValues>;
  formAction: (formData: FormData) => void;
  formRef: RefObject<HTMLFormElement | null>;
}) {
  const { state, browserErrors, formAction, formRef } = options;
  const [dismissed, setDismissed] = useState<State | null>(null);
  const serverErrors = state.status === 'invalid' && state !== dismissed ? (state.fieldErrors ?? {}) : {};

  const errorOf = (path: string): string | undefined =>
    (get(browserErrors, path) as { message?: string } | undefined)?.message ?? serverErrors[path]?.[0];

  /** The errors of these fields, in this order, for the error summary. */
  const errorsIn = (paths: readonly string[]): Array<[string, string]> =>
    paths.flatMap((path) => {
      const message = errorOf(path);
      return message ? [[path, message] as [string, string]] : [];
    });

  /** Sends the form to its action once the browser's checks pass: the same post as without JavaScript. */
  const sendToServer = () => {
    setDismissed(state);
    startTransition(() => formAction(new FormData(formRef.current!)));
  };

  return { errorOf, errorsIn, sendToServer };
}
