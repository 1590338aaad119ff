'use client';

import type { ReactNode } from 'react';
import type { UseFormRegister } from 'react-hook-form';
import { AddressFieldset } from '@/components/form/address-fieldset';
import { ChoiceGroup } from '@/components/form/choice-group';
import { TextAreaField, TextField } from '@/components/form/text-field';
import { CHANGE_LABELS, MAX_PROVIDERS, type ChangeKind, type ProviderDirection } from '@/lib/intake/clinic-update/options';

/**
 * The questions of each chosen change. Loaded only once a change is chosen (next/dynamic from form.tsx), so the
 * empty form's JavaScript does not carry them; without JavaScript the server renders them after Continue.
 */

/** What the sections need of react-hook-form's field array of a provider list. */
interface ProviderList {
  fields: Array<{ id: string }>;
  append: (row: { name: string; npi: string }) => void;
  remove: (index: number) => void;
}

export interface ChangeSectionsProps {
  chosen: ChangeKind[];
  register: UseFormRegister<Record<string, unknown>>;
  errorOf: (path: string) => string | undefined;
  values: Record<string, string | undefined>;
  lists: Record<ProviderDirection, ProviderList>;
}

export default function ChangeSections({ chosen, register, errorOf, values, lists }: ChangeSectionsProps) {
  const text = (name: string, label: string, input: Record<string, unknown> = {}, hint?: string) => (
    <TextField name={name} label={label} hint={hint} error={errorOf(name)} register={register} defaultValue={values[name]} input={input} />
  );
  const textarea = (name: string, label: string, hint?: string) => (
    <TextAreaField name={name} label={label} hint={hint} error={errorOf(name)} register={register} defaultValue={values[name]} />
  );
  const section = (legend: string, children: ReactNode) => (
    <fieldset className="section">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );

  const providers = (direction: ProviderDirection) => {
    const list = lists[direction];
    return (
      <div id={`field-${direction}`} tabIndex={-1}>
        {errorOf(direction) && (
          <p className="error-message" id={`field-${direction}-error`}>
            <span className="visually-hidden">Error: </span>
            {errorOf(direction)}
          </p>
        )}
        {list.fields.map((row, index) => (
          <fieldset key={row.id} className="repeat">
            <legend>{`Provider ${direction} ${index + 1}`}</legend>
            {text(`${direction}.${index}.name`, 'Provider name', { autoComplete: 'off' })}
            {text(
              `${direction}.${index}.npi`,
              'Provider NPI',
              { inputMode: 'numeric', className: 'input--medium', autoComplete: 'off' },
              'The provider’s own 10-digit NPI',
            )}
            {list.fields.length > 1 && (
              <button
                type="submit"
                name="intent"
                value={`remove:${direction}:${index}`}
                formNoValidate
                className="button button--secondary"
                onClick={(event) => {
                  event.preventDefault();
                  list.remove(index);
                }}
              >
                Remove<span className="visually-hidden">{` provider ${direction} ${index + 1}`}</span>
              </button>
            )}
          </fieldset>
        ))}
        {list.fields.length < MAX_PROVIDERS && (
          <p>
            <button
              type="submit"
              name="intent"
              value={`add:${direction}`}
              formNoValidate
              className="button button--secondary"
              onClick={(event) => {
                event.preventDefault();
                list.append({ name: '', npi: '' });
              }}
            >
              {`Add another provider ${direction}`}
            </button>
          </p>
        )}
      </div>
    );
  };

  const sections: Record<ChangeKind, () => ReactNode> = {
    address: () => (
      <AddressFieldset
        prefix="new"
        legend="New address"
        hint="Where care is given. A PO Box cannot be used here."
        className="section"
        register={register}
        errors={Object.fromEntries(['newStreet', 'newLine2', 'newCity', 'newState', 'newZip'].map((path) => [path, errorOf(path)]))}
        values={values}
      />
    ),
    phoneFax: () =>
      section(
        CHANGE_LABELS.phoneFax,
        <>
          {text(
            'newPhone',
            'New phone',
            { type: 'tel', className: 'input--medium' },
            'The clinic’s main number, even if only the fax is changing',
          )}
          {text('newFax', 'New fax (optional)', { type: 'tel', className: 'input--medium' })}
        </>,
      ),
    name: () => section(CHANGE_LABELS.name, text('newClinicName', 'New clinic name', { autoComplete: 'off' })),
    hours: () =>
      section(CHANGE_LABELS.hours, textarea('newHours', 'New hours', 'For example: Monday to Friday 8am to 5pm, Saturday 9am to noon')),
    acceptingPatients: () => (
      <ChoiceGroup
        name="acceptingNewPatients"
        legend="Accepting new patients?"
        className="section"
        type="radio"
        error={errorOf('acceptingNewPatients')}
        choices={[
          ['yes', 'Yes'],
          ['no', 'No'],
        ]}
        inputProps={(value) => ({ ...register('acceptingNewPatients'), defaultChecked: values.acceptingNewPatients === value })}
      />
    ),
    providerJoining: () => section(CHANGE_LABELS.providerJoining, providers('joining')),
    providerLeaving: () => section(CHANGE_LABELS.providerLeaving, providers('leaving')),
    tin: () =>
      section(
        CHANGE_LABELS.tin,
        text(
          'newTin',
          'New TIN',
          { inputMode: 'numeric', className: 'input--medium', autoComplete: 'off' },
          '9 digits, like 12-3456789. It is encrypted.',
        ),
      ),
    other: () => section(CHANGE_LABELS.other, textarea('description', 'Describe the change')),
  };

  return chosen.map((kind) => <div key={kind}>{sections[kind]()}</div>);
}
