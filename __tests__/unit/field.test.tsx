/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { Field, fieldId } from '@/components/form/field';

describe('Field', () => {
  it('labels its control', () => {
    render(
      <Field name="npi" label="NPI">
        {(control) => <input {...control} type="text" />}
      </Field>,
    );
    const input = screen.getByRole('textbox', { name: 'NPI' });
    expect(input).toHaveAttribute('id', 'field-npi');
    expect(fieldId('npi')).toBe('field-npi');
  });

  it('without hint or error, the control is neither described nor invalid', () => {
    render(
      <Field name="npi" label="NPI">
        {(control) => <input {...control} type="text" />}
      </Field>,
    );
    const input = screen.getByRole('textbox', { name: 'NPI' });
    expect(input).not.toHaveAttribute('aria-describedby');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).toBeValid();
  });

  it('describes the control with its hint', () => {
    render(
      <Field name="npi" label="NPI" hint="The 10-digit National Provider Identifier">
        {(control) => <input {...control} type="text" />}
      </Field>,
    );
    const input = screen.getByRole('textbox', { name: 'NPI' });
    expect(input).toHaveAttribute('aria-describedby', 'field-npi-hint');
    expect(input).toHaveAccessibleDescription('The 10-digit National Provider Identifier');
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('marks the control invalid and describes it with hint and error', () => {
    render(
      <Field name="npi" label="NPI" hint="The 10-digit National Provider Identifier" error="This NPI is not valid: check the digits">
        {(control) => <input {...control} type="text" />}
      </Field>,
    );
    const input = screen.getByRole('textbox', { name: 'NPI' });
    expect(input).toHaveAttribute('aria-describedby', 'field-npi-hint field-npi-error');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toBeInvalid();
    expect(input).toHaveAccessibleDescription('The 10-digit National Provider Identifier Error: This NPI is not valid: check the digits');
    expect(document.getElementById('field-npi-error')).toHaveTextContent('Error: This NPI is not valid: check the digits');
  });

  it('describes the control with the error alone when there is no hint', () => {
    render(
      <Field name="email" label="E-mail" error="Enter an e-mail address">
        {(control) => <input {...control} type="email" />}
      </Field>,
    );
    const input = screen.getByRole('textbox', { name: 'E-mail' });
    expect(input).toHaveAttribute('aria-describedby', 'field-email-error');
    expect(input).toHaveAccessibleDescription('Error: Enter an e-mail address');
  });

  it('works for a select and a textarea too', () => {
    render(
      <>
        <Field name="physicalState" label="State">
          {(control) => (
            <select {...control}>
              <option value="OR">Oregon</option>
            </select>
          )}
        </Field>
        <Field name="notes" label="Anything else" error="Too long">
          {(control) => <textarea {...control} />}
        </Field>
      </>,
    );
    expect(screen.getByRole('combobox', { name: 'State' })).toHaveAttribute('id', 'field-physicalState');
    expect(screen.getByRole('textbox', { name: 'Anything else' })).toHaveAttribute('aria-invalid', 'true');
  });
});
