/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ErrorSummary } from '@/components/form/error-summary';

const ERRORS: Array<[string, string]> = [
  ['npi', 'This NPI is not valid: check the digits'],
  ['physicalCity', 'Enter the city'],
];

describe('ErrorSummary', () => {
  it('renders nothing when there are no errors', () => {
    const { container } = render(<ErrorSummary errors={[]} />);
    expect(container).toBeEmptyDOMElement();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('is an alert titled "There is a problem" with a link to each bad field', () => {
    render(<ErrorSummary errors={ERRORS} />);
    const summary = screen.getByRole('alert', { name: 'There is a problem' });
    const links = screen.getAllByRole('link');
    expect(links).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'This NPI is not valid: check the digits' })).toHaveAttribute('href', '#field-npi');
    expect(screen.getByRole('link', { name: 'Enter the city' })).toHaveAttribute('href', '#field-physicalCity');
    expect(summary).toContainElement(links[0]);
  });

  it('prefixes each message with its field label when given labels', () => {
    render(<ErrorSummary errors={ERRORS} labels={{ npi: 'NPI' }} />);
    expect(screen.getByRole('link', { name: 'NPI: This NPI is not valid: check the digits' })).toHaveAttribute('href', '#field-npi');
    expect(screen.getByRole('link', { name: 'Enter the city' })).toBeInTheDocument();
  });

  it('takes focus when shown', () => {
    render(<ErrorSummary errors={ERRORS} />);
    expect(screen.getByRole('alert')).toHaveFocus();
  });

  it('takes focus again when the errors change', () => {
    const { rerender } = render(
      <>
        <ErrorSummary errors={ERRORS} />
        <input aria-label="Somewhere else" />
      </>,
    );
    screen.getByRole('textbox', { name: 'Somewhere else' }).focus();
    expect(screen.getByRole('alert')).not.toHaveFocus();
    rerender(
      <>
        <ErrorSummary errors={[['npi', 'Enter the NPI']]} />
        <input aria-label="Somewhere else" />
      </>,
    );
    expect(screen.getByRole('alert')).toHaveFocus();
  });

  it('moves focus to the field when a link is followed', async () => {
    const user = userEvent.setup();
    render(
      <>
        <ErrorSummary errors={ERRORS} />
        <label htmlFor="field-physicalCity">City</label>
        <input id="field-physicalCity" />
      </>,
    );
    await user.click(screen.getByRole('link', { name: 'Enter the city' }));
    expect(screen.getByRole('textbox', { name: 'City' })).toHaveFocus();
  });
});
