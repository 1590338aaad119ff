import type { InputHTMLAttributes } from 'react';
import { fieldId } from './field';

/**
 * Checkboxes or radios under one legend, with the hint and error of the group. The first choice carries the
 * group's field id, so the error summary's link lands on it.
 */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  type: 'checkbox' | 'radio';
  choices: ReadonlyArray<readonly [value: string, label: string]>;
  /** The props of each choice's input: react-hook-form's register, defaultChecked. */
  inputProps: (value: string) => InputHTMLAttributes<HTMLInputElement>;
  className?: string;
}) {
  const { name, legend, hint, error, type, choices, inputProps, className } = props;
  const id = fieldId(name);
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={[className, error ? 'field--error' : ''].filter(Boolean).join(' ') || undefined} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <div className="choices">
        {choices.map(([value, label], index) => {
          const choiceId = index === 0 ? id : `${id}-${value}`;
          return (
            <div className="choice" key={value}>
              <input id={choiceId} type={type} value={value} {...inputProps(value)} />
              <label htmlFor={choiceId}>{label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
