import type { UseFormRegister } from 'react-hook-form';
import { US_STATES } from '@/lib/validation/address';
import { Field } from './field';

/** Street, line 2, city, state and ZIP, named <prefix>Street … <prefix>Zip. */
export function AddressFieldset(props: {
  prefix: string;
  className?: string;
  legend: string;
  hint?: string;
  isOptional?: boolean;
  register: UseFormRegister<Record<string, unknown>>;
  errors: Record<string, string | undefined>;
  values: Record<string, string | undefined>;
}) {
  const { prefix, legend, hint, isOptional, register, errors, values, className } = props;
  const name = (part: string) => `${prefix}${part}`;
  const text = (part: string, label: string, autoComplete: string, extra: Record<string, unknown> = {}) => (
    <Field name={name(part)} label={label} error={errors[name(part)]}>
      {(control) => (
        <input
          {...control}
          {...register(name(part))}
          type="text"
          autoComplete={`section-${prefix} ${autoComplete}`}
          defaultValue={values[name(part)]}
          {...extra}
        />
      )}
    </Field>
  );
  return (
    <fieldset className={className}>
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      {text('Street', 'Street address', 'address-line1')}
      {text('Line2', 'Address line 2 (optional)', 'address-line2')}
      {text('City', 'City', 'address-level2', { className: 'input--medium' })}
      <Field name={name('State')} label="State" error={errors[name('State')]}>
        {(control) => (
          <select
            {...control}
            {...register(name('State'))}
            autoComplete={`section-${prefix} address-level1`}
            defaultValue={values[name('State')] ?? (isOptional ? '' : 'OR')}
          >
            {isOptional && <option value="">Choose a state</option>}
            {US_STATES.map(([code, stateName]) => (
              <option key={code} value={code}>
                {stateName}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text('Zip', 'ZIP code', 'postal-code', { className: 'input--short', inputMode: 'numeric' })}
    </fieldset>
  );
}
