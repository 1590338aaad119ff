import type { InputHTMLAttributes } from 'react';
import type { UseFormRegister } from 'react-hook-form';
import { Field } from './field';

/** A one-line input or a textarea in a Field, registered with react-hook-form and seeded with what was typed. */

interface TextFieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  register: UseFormRegister<Record<string, unknown>>;
  defaultValue?: string;
}

export function TextField(props: TextFieldProps & { input?: InputHTMLAttributes<HTMLInputElement> }) {
  const { name, label, hint, error, register, defaultValue, input } = props;
  return (
    <Field name={name} label={label} hint={hint} error={error}>
      {(control) => <input {...control} {...register(name)} type="text" defaultValue={defaultValue} {...input} />}
    </Field>
  );
}

export function TextAreaField(props: TextFieldProps & { rows?: number }) {
  const { name, label, hint, error, register, defaultValue, rows = 4 } = props;
  return (
    <Field name={name} label={label} hint={hint} error={error}>
      {(control) => <textarea {...control} {...register(name)} rows={rows} defaultValue={defaultValue} />}
    </Field>
  );
}
